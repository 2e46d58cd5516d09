/**
 * Imports one unit of an export (a batch of assistants, or one thread file) into a project's
 * stores, keeping every id and timestamp. Each unit is checked whole before anything is
 * written (a problem anywhere: nothing written, every problem reported), then each target key
 * is read and written only if what it holds differs, so importing the same export again writes
 * nothing and an import stopped by KV's write quota resumes where it stopped. `dryRun` does the
 * same reads and counts the writes it would make, so its counts are the real import's.
 *
 * KV per unit (no Durable Object requests: an imported thread keeps no message index, and its
 * coordinator starts empty, which frees it for new runs):
 *   assistants:  1 read and at most 1 write per assistant (`asst/{id}`);
 *   thread:      3 reads, at most 3 writes: `msg/{id}/imported` (all messages), `run/{id}/imported`
 *                (all runs with their steps), then `thread/{id}` last, so a thread appears only
 *                once its history is stored.
 */
import type { Stores } from "../store";
import type { AssistantObject } from "../wire/assistants";
import { checkAssistant } from "./check-assistant";
import { checkThreadFile } from "./check-thread-file";
import { type ImportProblem, type ImportUnit, MAX_ASSISTANTS_PER_UNIT } from "./export-format";
import type { UnavailableNote } from "./unavailable";

/** KV allows values up to 25 MiB. */
const MAX_KV_VALUE_BYTES = 25 * 1024 * 1024;

export interface ImportCounts {
  kv_writes: number;
  kv_reads: number;
  do_requests: number;
  /** The objects the unit holds (imported or already there). */
  objects: { assistants: number; threads: number; messages: number; runs: number; steps: number };
}

/** `partial` / `not_written`: a quota stop came first (re-run the import to finish). */
export type ObjectStatus = "created" | "updated" | "unchanged" | "skipped" | "partial" | "not_written";

export interface ImportResult {
  object: "admin.import";
  kind: ImportUnit["kind"];
  project: string;
  dry_run: boolean;
  counts: ImportCounts;
  /** Per assistant or thread: what happened (or, in a dry run, would) and its writes. */
  results: { object_id: string; status: ObjectStatus; kv_writes: number }[];
  /** Content kept and marked because this Worker cannot reproduce it. */
  unavailable: (UnavailableNote & { object_id: string })[];
  /** What the export itself says it could not read. */
  warnings: ImportProblem[];
}

/** The unit is malformed: nothing was written. */
export class ImportInvalid extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`The export has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written.`);
  }
}

/** KV refused a write for quota (429 or the daily limit): `partial` says what was written. */
export class ImportQuotaExceeded extends Error {
  constructor(
    readonly partial: ImportResult,
    readonly reason: unknown,
  ) {
    super("KV's write limit was reached");
  }
}

/** One key to (maybe) write: its write runs only when the stored value differs. */
interface Write {
  changed: boolean;
  write: () => Promise<void>;
}

export async function importUnit(stores: Stores, unit: ImportUnit): Promise<ImportResult> {
  return unit.kind === "assistants" ? importAssistants(stores, unit) : importThread(stores, unit);
}

function emptyResult(unit: ImportUnit): ImportResult {
  return {
    object: "admin.import",
    kind: unit.kind,
    project: unit.project,
    dry_run: unit.dryRun,
    counts: { kv_writes: 0, kv_reads: 0, do_requests: 0, objects: { assistants: 0, threads: 0, messages: 0, runs: 0, steps: 0 } },
    results: [],
    unavailable: [],
    warnings: [],
  };
}

async function importAssistants(stores: Stores, unit: Extract<ImportUnit, { kind: "assistants" }>): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  if (unit.items.length > MAX_ASSISTANTS_PER_UNIT) {
    throw new ImportInvalid([
      { object_id: null, path: "items", message: `At most ${MAX_ASSISTANTS_PER_UNIT} assistants per call, got ${unit.items.length}.` },
    ]);
  }
  const checked: { assistant: AssistantObject; notes: UnavailableNote[] }[] = [];
  const seen = new Set<string>();
  unit.items.forEach((item, i) => {
    const c = checkAssistant(item, `items[${i}]`, problems);
    if (!c) return;
    if (seen.has(c.assistant.id))
      problems.push({ object_id: c.assistant.id, path: `items[${i}].id`, message: `Duplicate id '${c.assistant.id}'.` });
    seen.add(c.assistant.id);
    checked.push(c);
  });
  if (problems.length > 0) throw new ImportInvalid(problems);

  const result = emptyResult(unit);
  result.counts.objects.assistants = checked.length;
  const stored = await Promise.all(checked.map((c) => stores.assistants.get(c.assistant.id)));
  result.counts.kv_reads = checked.length;
  const plans = checked.map((c, i) => {
    const before = stored[i] ?? null;
    result.unavailable.push(...c.notes.map((n) => ({ ...n, object_id: c.assistant.id })));
    const writes = [changedWrite(before, c.assistant, () => stores.assistants.put(c.assistant))];
    return { id: c.assistant.id, existed: before !== null, writes };
  });
  return apply(result, plans, unit.dryRun);
}

async function importThread(stores: Stores, unit: Extract<ImportUnit, { kind: "thread" }>): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  const checked = checkThreadFile(unit.file, problems);
  if (!checked) throw new ImportInvalid(problems);
  const result = emptyResult(unit);
  result.warnings = checked.warnings;
  if (checked.kind === "skipped") {
    result.results.push({ object_id: checked.threadId, status: "skipped", kv_writes: 0 });
    return result;
  }
  const { thread, messages, runs } = checked;
  for (const [what, value] of [
    ["messages", messages],
    ["runs", runs],
  ] as const) {
    const bytes = new TextEncoder().encode(JSON.stringify(value)).byteLength;
    if (bytes > MAX_KV_VALUE_BYTES) {
      throw new ImportInvalid([
        {
          object_id: thread.id,
          path: `thread.${what}`,
          message: `The thread's ${what} take ${bytes} bytes; a KV value holds at most 25 MiB.`,
        },
      ]);
    }
  }
  result.unavailable = checked.notes;
  result.counts.objects = {
    assistants: 0,
    threads: 1,
    messages: messages.length,
    runs: runs.length,
    steps: runs.reduce((n, r) => n + r.steps.length, 0),
  };
  const [storedThread, storedMessages, storedRuns] = await Promise.all([
    stores.threads.get(thread.id),
    stores.imported.messages(thread.id),
    stores.imported.runs(thread.id),
  ]);
  result.counts.kv_reads = 3;
  // History first, the thread last: a thread is found only once its history is stored.
  const writes = [
    changedWrite(storedMessages ?? (messages.length === 0 ? [] : null), messages, () => stores.imported.putMessages(thread.id, messages)),
    changedWrite(storedRuns ?? (runs.length === 0 ? [] : null), runs, () => stores.imported.putRuns(thread.id, runs)),
    changedWrite(storedThread, thread, () => stores.threads.put(thread)),
  ];
  return apply(result, [{ id: thread.id, existed: storedThread !== null, writes }], unit.dryRun);
}

/** A write needed unless `stored` already holds `next` (compared as JSON: objects are stored verbatim). */
function changedWrite(stored: unknown, next: unknown, write: () => Promise<void>): Write {
  return { changed: stored === null || JSON.stringify(stored) !== JSON.stringify(next), write };
}

/** Runs (or, in a dry run, counts) the changed writes in order, one at a time, so a quota stop leaves a clean prefix. */
async function apply(
  result: ImportResult,
  plans: { id: string; existed: boolean; writes: Write[] }[],
  dryRun: boolean,
): Promise<ImportResult> {
  for (const plan of plans) {
    const changed = plan.writes.filter((w) => w.changed);
    const status: ObjectStatus = changed.length === 0 ? "unchanged" : plan.existed ? "updated" : "created";
    result.results.push({ object_id: plan.id, status, kv_writes: changed.length });
  }
  if (dryRun) {
    result.counts.kv_writes = result.results.reduce((n, r) => n + r.kv_writes, 0);
    return result;
  }
  for (const [i, plan] of plans.entries()) {
    const entry = result.results[i];
    if (!entry) continue;
    let done = 0;
    for (const w of plan.writes.filter((x) => x.changed)) {
      try {
        await w.write();
      } catch (err) {
        if (!isQuotaError(err)) throw err;
        entry.kv_writes = done;
        entry.status = done > 0 ? "partial" : "not_written";
        for (const later of result.results.slice(i + 1)) {
          later.status = "not_written";
          later.kv_writes = 0;
        }
        throw new ImportQuotaExceeded(result, err);
      }
      done++;
      result.counts.kv_writes++;
    }
  }
  return result;
}

/** KV's 429 (one write a second per key, after the write layer's retries) or its daily write limit. */
export function isQuotaError(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /\b429\b|too many requests|limit exceeded|quota/i.test(text);
}
