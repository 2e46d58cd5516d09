/**
 * The thread coordinators as the services reach them: the `THREADS` Durable Object namespace,
 * one object per thread id (`getByName`), called over RPC. Each call is one Durable Object
 * request.
 */
import type { Coordinators, ThreadCoordination } from "./coordination";
import type { ThreadCoordinator } from "./thread-coordinator";

/** The coordinators behind a `THREADS` binding. */
export function durableCoordinators(namespace: DurableObjectNamespace<ThreadCoordinator>): Coordinators {
  return (threadId) => namespace.getByName(threadId) satisfies ThreadCoordination;
}
