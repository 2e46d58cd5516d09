/**
 * The `assistants-thread-export/v1` format (the public, MIT-licensed exporter most people used
 * before OpenAI removed the Assistants API on 2026-08-26) and what the admin import endpoint
 * takes of it, one unit per call so a CLI can resume and stay under per-request limits:
 *
 *   export/manifest.json            {export_schema: "assistants-export-manifest/v1", counts, endpoint, threads_failed, …}
 *   export/assistants.json          AssistantObject[] (raw API objects)
 *   export/threads/<thread_id>.json {export_schema: "assistants-thread-export/v1", thread_id, exported_at,
 *                                    thread, messages (ascending), runs (each with "steps"), files, errors}
 *
 * Units: `{kind: "assistants", items: AssistantObject[]}` (at most MAX_ASSISTANTS_PER_UNIT) or
 * `{kind: "thread", thread: <one thread file>}`, each with `project` and `dry_run`.
 */

/** The tag every thread file carries. */
export const THREAD_EXPORT_SCHEMA = "assistants-thread-export/v1";

/** Tags a manifest may carry: the exporter's own, and the thread tag some copies use. */
export const MANIFEST_SCHEMAS = ["assistants-export-manifest/v1", THREAD_EXPORT_SCHEMA] as const;

/** Assistants per call: each costs one read and at most one write (a request may make 1,000 KV operations). */
export const MAX_ASSISTANTS_PER_UNIT = 100;

/** One problem with one object of an export: which object, where in the unit, and what. */
export interface ImportProblem {
  /** The id of the object at fault (as the export spells it), or null when it has none. */
  object_id: string | null;
  /** Where in the unit, e.g. `thread.messages[3].content[0].type`. */
  path: string;
  message: string;
}

/** One call's worth of an export. */
export type ImportUnit =
  | { kind: "assistants"; project: string; dryRun: boolean; items: unknown[] }
  | { kind: "thread"; project: string; dryRun: boolean; file: unknown };
