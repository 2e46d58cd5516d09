/**
 * Checks one exported thread file (`assistants-thread-export/v1`) and turns it into what is
 * stored: the thread object, its messages in created_at order, and its runs with their steps
 * (the exporter's `steps` array on each run becomes the run record's steps). Every id, every
 * timestamp and every field is kept; unreproducible content is marked (unavailable.ts).
 * Duplicate ids, ids of the wrong type, objects of another thread and missing fields are
 * problems, all collected; a file whose `thread` is null (the exporter could not read it)
 * is a skip with its `errors` as warnings, not a failure.
 */
import { fillRequiredNullable } from "./fill-required";
import type { MessageObject, RunRecord, RunStepObject, ThreadObject } from "../wire/assistants";
import { type ImportProblem, THREAD_EXPORT_SCHEMA } from "./export-format";
import { checkTools } from "./check-assistant";
import { describe, isObject, type Json, ObjectCheck } from "./object-check";
import { mark, messageNotes, stepNotes, toolResourceNotes, type UnavailableNote } from "./unavailable";

/** A thread file, checked. */
export type CheckedThread =
  | {
      kind: "thread";
      thread: ThreadObject;
      messages: MessageObject[];
      runs: RunRecord[];
      /** Marked content, with the object it belongs to. */
      notes: (UnavailableNote & { object_id: string })[];
      /** The export's own `errors` entries. */
      warnings: ImportProblem[];
    }
  | { kind: "skipped"; threadId: string; warnings: ImportProblem[] };

const RUN_STATUSES = [
  "queued",
  "in_progress",
  "requires_action",
  "cancelling",
  "cancelled",
  "failed",
  "completed",
  "incomplete",
  "expired",
];
const CONTENT_TYPES = ["text", "image_file", "image_url", "refusal"] as const;
/** OpenAI's limit on a message's text. */
const MAX_TEXT = 256_000;

/** The checked thread, or null when `problems` got entries. */
export function checkThreadFile(file: unknown, problems: ImportProblem[]): CheckedThread | null {
  const before = problems.length;
  if (!isObject(file)) {
    problems.push({ object_id: null, path: "thread", message: "Expected a thread file (a JSON object)." });
    return null;
  }
  const f = new ObjectCheck(file, null, "thread", problems);
  if (file.export_schema !== THREAD_EXPORT_SCHEMA) {
    f.fail("export_schema", `Expected '${THREAD_EXPORT_SCHEMA}', got ${describe(file.export_schema)}.`);
    return null;
  }
  const threadId = f.ref("thread_id", "thread_");
  if (threadId) f.objectId = threadId;
  const warnings = exportErrors(threadId, f);
  if (file.thread === null) return problems.length > before || !threadId ? null : { kind: "skipped", threadId, warnings };

  const t = f.child(file.thread, "thread");
  if (t) {
    const id = t.ownId("thread_");
    if (id && threadId && id !== threadId) t.fail("id", `The thread is '${id}' but the file is for '${threadId}'.`);
    t.literal("object", ["thread"]);
    t.timestamp("created_at");
    t.object("tool_resources", { nullable: true, optional: true });
    t.metadata();
  }
  const seen = new Set<string>();
  const unique = (c: ObjectCheck, id: string | null) => {
    if (!id) return;
    if (seen.has(id)) c.fail("id", `Duplicate id '${id}'.`);
    seen.add(id);
  };
  const messages = f.array("messages") ?? [];
  messages.forEach((m, i) => {
    const c = f.child(m, `messages[${i}]`);
    if (c) unique(c, checkMessage(c, threadId));
  });
  const runs = f.array("runs", { optional: true }) ?? [];
  runs.forEach((r, i) => {
    const c = f.child(r, `runs[${i}]`);
    if (!c) return;
    const runId = checkRun(c, threadId);
    unique(c, runId);
    const steps = c.array("steps", { optional: true }) ?? [];
    steps.forEach((s, j) => {
      const sc = c.child(s, `steps[${j}]`);
      if (!sc) return;
      unique(sc, checkStep(sc, threadId, runId));
    });
  });
  f.object("files", { optional: true });
  if (problems.length > before || !threadId) return null;
  return build(file, warnings);
}

function checkMessage(c: ObjectCheck, threadId: string | null): string | null {
  const id = c.ownId("msg_");
  c.literal("object", ["thread.message"]);
  sameThread(c, threadId);
  c.timestamp("created_at");
  c.literal("role", ["user", "assistant"]);
  c.ref("assistant_id", "asst_", true);
  c.ref("run_id", "run_", true);
  c.array("attachments", { nullable: true, optional: true });
  c.metadata();
  const content = c.array("content") ?? [];
  content.forEach((part, i) => {
    const p = c.child(part, `content[${i}]`);
    const type = p?.literal("type", CONTENT_TYPES);
    if (!p || !type) return;
    if (type === "text") {
      const text = p.object("text");
      if (text && (typeof text.value !== "string" || text.value.length > MAX_TEXT)) {
        p.fail("text.value", typeof text.value === "string" ? `Text longer than ${MAX_TEXT} characters.` : "Expected a string.");
      }
      if (text && text.annotations !== undefined && !Array.isArray(text.annotations)) p.fail("text.annotations", "Expected an array.");
    } else if (type === "image_file") {
      const image = p.object("image_file");
      if (image && typeof image.file_id !== "string") p.fail("image_file.file_id", "Expected a file id.");
    } else if (type === "image_url") {
      const image = p.object("image_url");
      if (image && typeof image.url !== "string") p.fail("image_url.url", "Expected a URL.");
    } else p.string("refusal");
  });
  return id;
}

function checkRun(c: ObjectCheck, threadId: string | null): string | null {
  const id = c.ownId("run_");
  c.literal("object", ["thread.run"]);
  sameThread(c, threadId);
  c.ref("assistant_id", "asst_");
  c.literal("status", RUN_STATUSES);
  c.timestamp("created_at");
  c.string("model", { nonEmpty: true, max: 256 });
  c.string("instructions", { nullable: true, optional: true, max: 256_000 });
  checkTools(c);
  c.metadata();
  return id;
}

function checkStep(c: ObjectCheck, threadId: string | null, runId: string | null): string | null {
  const id = c.ownId("step_");
  c.literal("object", ["thread.run.step"]);
  sameThread(c, threadId);
  const stepRun = c.ref("run_id", "run_");
  if (stepRun && runId && stepRun !== runId) c.fail("run_id", `The step is of run '${stepRun}' but is listed under '${runId}'.`);
  c.timestamp("created_at");
  const type = c.literal("type", ["message_creation", "tool_calls"]);
  const details = c.object("step_details");
  if (details && type && details.type !== type) c.fail("step_details.type", `Expected '${type}', as the step's type.`);
  if (details && type === "message_creation") {
    const d = c.child(details.message_creation, "step_details.message_creation");
    d?.ref("message_id", "msg_");
  }
  if (details && type === "tool_calls" && !Array.isArray(details.tool_calls)) c.fail("step_details.tool_calls", "Expected an array.");
  return id;
}

function sameThread(c: ObjectCheck, threadId: string | null): void {
  const own = c.ref("thread_id", "thread_");
  if (own && threadId && own !== threadId) c.fail("thread_id", `Belongs to '${own}', not to this file's thread '${threadId}'.`);
}

/** The export's `errors` entries (objects it could not read), as warnings. */
function exportErrors(threadId: string | null, f: ObjectCheck): ImportProblem[] {
  const errors = f.array("errors", { optional: true }) ?? [];
  return errors.map((e, i) => {
    const entry = isObject(e) ? e : {};
    const what = [entry.object, entry.error, entry.detail].filter((x) => typeof x === "string").join(": ");
    return {
      object_id: typeof entry.id === "string" ? entry.id : threadId,
      path: `thread.errors[${i}]`,
      message: `The export could not read this object (${what || "no detail"}).`,
    };
  });
}

/** The stored shapes of a checked file. */
function build(file: Json, warnings: ImportProblem[]): CheckedThread {
  const notes: (UnavailableNote & { object_id: string })[] = [];
  const note = (id: string, list: UnavailableNote[]) => notes.push(...list.map((n) => ({ ...n, object_id: id })));
  const thread = fillRequiredNullable(file.thread as Json, "thread");
  note(String(thread.id), mark(thread, toolResourceNotes(thread)));
  const messages = (file.messages as Json[])
    .map((m, position) => ({ m, position }))
    .sort((a, b) => (a.m.created_at as number) - (b.m.created_at as number) || a.position - b.position)
    .map(({ m }) => {
      fillRequiredNullable(m, "message");
      note(String(m.id), mark(m, messageNotes(m)));
      return m as unknown as MessageObject;
    });
  const missingSteps = new Map(warnings.filter((w) => w.object_id?.startsWith("run_")).map((w) => [w.object_id, w.message]));
  const runs = ((file.runs as Json[] | undefined) ?? []).map((raw): RunRecord => {
    const { steps = [], ...run } = raw as Json & { steps?: Json[] };
    fillRequiredNullable(run, "run");
    for (const step of steps) fillRequiredNullable(step, "step");
    const lost = missingSteps.get(String(run.id));
    if (lost) note(String(run.id), mark(run, [{ path: "steps", id: String(run.id), reason: lost }]));
    for (const step of steps) note(String(step.id), mark(step, stepNotes(step)));
    return { run: run as unknown as RunRecord["run"], steps: steps as unknown as RunStepObject[] };
  });
  return { kind: "thread", thread: thread as unknown as ThreadObject, messages, runs, notes, warnings };
}
