/**
 * The thread coordinators as the services reach them: the `THREADS` Durable Object namespace,
 * one object per thread id (`getByName`), called over RPC. Each call is one Durable Object
 * request. The same class coordinates background responses (one object per response id).
 *
 * Objects belong to a project like the KV records they guard: a non-default project's are
 * named `{project}:{id}` (the project URI-encoded, so it holds no `:`), the default project's
 * keep the bare id they had before projects existed. Another project naming the same id
 * reaches a different, empty object.
 */
import { DEFAULT_PROJECT } from "../keys/principal";
import type { Coordinators, ThreadCoordination } from "./coordination";
import type { ThreadCoordinator } from "./thread-coordinator";

/** The Durable Object name of thread (or background response) `id` in `project`. */
export function coordinatorName(project: string, id: string): string {
  return project === DEFAULT_PROJECT ? id : `${encodeURIComponent(project)}:${id}`;
}

/** The coordinators behind a `THREADS` binding, for one project's threads and responses. */
export function durableCoordinators(namespace: DurableObjectNamespace<ThreadCoordinator>, project: string): Coordinators {
  return (id) => namespace.getByName(coordinatorName(project, id)) satisfies ThreadCoordination;
}
