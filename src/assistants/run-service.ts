/**
 * The Assistants run lifecycle below the HTTP handlers: start a run (on an existing thread
 * or a new one), resume it with tool outputs, cancel it, modify it, and read it (expiry is
 * applied on read). Generation happens in `waitUntil`, so a run finishes and persists even
 * when a streaming client leaves; the stored run says `in_progress` from the start (the
 * work begins in the same request), so pollers see in_progress, then the outcome.
 *
 * What must be atomic per thread (one active run, cancel vs. tool outputs vs. the turn's
 * commit) is decided by the thread's coordinator (src/coordination) before KV is written.
 *
 * Inputs are plain: stores, coordinators, config, a chat backend factory, a `waitUntil`, ids
 * and parsed bodies. The handler renders the reply (`RunReply`) as JSON or as the event stream.
 */
import type { ChatBackend, ReasoningEffort } from "../ai/types";
import type { Config } from "../config";
import { OpenAIError, toOpenAIError } from "../http/errors";
import type { Stores } from "../store";
import { nowSeconds } from "../util/clock";
import { createEventStream } from "./event-stream";
import { notFound } from "./not-found";
import { runTurn } from "./run-engine";
import { viewRecord, viewRun } from "./run-view";
import { cancelledRecord } from "./objects";
import { indexed, requireThread, type ThreadDeps, threadLocked } from "./thread-service";
import {
  type AssistantObject,
  type AssistantStreamEvent,
  isLive,
  type Metadata,
  type MessageObject,
  type RunObject,
  type RunRecord,
  type StepToolCall,
  type ThreadObject,
} from "../wire/assistants";

/** What a run operation that generates needs. */
export interface RunDeps extends ThreadDeps {
  config: Config;
  /**
   * The chat provider for the run's model (its client-facing name), asked for once the work
   * starts (so a missing binding fails the run, not the request).
   */
  chatBackend(model: string): ChatBackend;
  /** Keeps the isolate alive for work that outlives the response (`ctx.waitUntil`). */
  waitUntil(work: Promise<unknown>): void;
}

/** A started or resumed run: the run object to answer with as JSON, or the `thread.*` event stream. */
export type RunReply = { run: RunObject; events?: undefined } | { run: RunObject; events: ReadableStream<Uint8Array> };

/** The assistant a run names; 404 when it does not exist. */
export async function requireAssistant(stores: Stores, id: string): Promise<AssistantObject> {
  const assistant = id.startsWith("asst_") ? await stores.assistants.get(id) : null;
  if (!assistant) throw notFound("assistant", id);
  return assistant;
}

/** How a run is started: streamed or not, and the `reasoning_effort` it asked for. */
export interface RunStart {
  stream: boolean;
  reasoningEffort: ReasoningEffort | undefined;
}

/** Starts `run` on an existing thread, with the run's `additional_messages`; 400 while another run holds it. */
export async function createRun(deps: RunDeps, run: RunObject, messages: readonly MessageObject[], start: RunStart): Promise<RunReply> {
  await requireThread(deps.stores, run.thread_id);
  return startRun(deps, run, messages, start, undefined);
}

/** Stores a new thread with its messages, then starts `run` on it. */
export function createThreadAndRun(
  deps: RunDeps,
  thread: ThreadObject,
  messages: readonly MessageObject[],
  run: RunObject,
  start: RunStart,
): Promise<RunReply> {
  return startRun(deps, run, messages, start, thread);
}

/**
 * Takes the thread for the run (adding its messages, or opening a new thread, in the same
 * step), then stores the messages and the run and generates in the background or as a stream.
 */
async function startRun(
  deps: RunDeps,
  queued: RunObject,
  messages: readonly MessageObject[],
  start: RunStart,
  createdThread: ThreadObject | undefined,
): Promise<RunReply> {
  const now = nowSeconds();
  const coordinator = deps.coordinators(queued.thread_id);
  // parseRun always sets an expiry; a run without one would hold the thread until it ends.
  const expiresAt = queued.expires_at ?? Number.MAX_SAFE_INTEGER;
  const admitted = await coordinator.admit({
    now,
    messages: messages.map(indexed),
    run: { id: queued.id, expiresAt },
    open: createdThread !== undefined,
  });
  if (!admitted.ok) throw threadLocked(queued.thread_id, admitted.activeRunId);
  const running: RunObject = { ...queued, status: "in_progress", started_at: queued.created_at };
  const fresh: RunRecord = { run: running, steps: [] };
  if (start.reasoningEffort !== undefined) fresh.reasoningEffort = start.reasoningEffort;
  let record: RunRecord;
  try {
    [record] = await Promise.all([
      deps.stores.runs.putActive(fresh, now),
      deps.stores.messages.putAll(messages),
      createdThread ? deps.stores.threads.put(createdThread) : undefined,
    ]);
  } catch (err) {
    // The run was never stored: free the thread rather than hold it until the run expires.
    await coordinator.commitTurn(queued.id, "failed", null, now).catch(() => undefined);
    throw err;
  }
  const opening: AssistantStreamEvent[] = [
    ...(createdThread ? [{ event: "thread.created", data: createdThread } as const] : []),
    { event: "thread.run.created", data: queued },
    { event: "thread.run.queued", data: queued },
    { event: "thread.run.in_progress", data: running },
  ];
  return continueRun(deps, record, start.stream, opening, queued);
}

/** Runs a turn in `waitUntil`; replies with `reply`, or with the event stream. */
function continueRun(deps: RunDeps, record: RunRecord, stream: boolean, opening: AssistantStreamEvent[], reply: RunObject): RunReply {
  const events = stream ? createEventStream() : undefined;
  const emit = events ? events.emit : () => {};
  for (const e of opening) emit(e);
  const work = (async () => {
    try {
      await runTurn(record, {
        stores: deps.stores,
        coordinator: deps.coordinators(record.run.thread_id),
        backend: deps.chatBackend(record.run.model),
        config: deps.config,
        emit,
      });
    } catch (err) {
      // Storage or configuration failures: tell a streaming client, log for everyone.
      const error = toOpenAIError(err);
      console.error("run failed outside generation", record.run.id, error.message);
      emit({ event: "error", data: error.toJSON() });
    } finally {
      events?.close();
    }
  })();
  deps.waitUntil(work);
  return events ? { run: reply, events: events.body } : { run: reply };
}

/** A run as it reads now (a live run past `expires_at` is expired); 404 when it does not exist. */
export async function loadRun(stores: Stores, threadId: string, runId: string): Promise<RunRecord> {
  const record = await stores.runs.get(threadId, runId);
  if (!record) throw notFound("run", runId);
  return viewRecord(record, nowSeconds());
}

/** A thread's runs as they read now, oldest first; 404 for an unknown thread. */
export async function listRuns(stores: Stores, threadId: string): Promise<RunObject[]> {
  const [thread, records] = await Promise.all([stores.threads.get(threadId), stores.runs.list(threadId)]);
  if (!thread) throw notFound("thread", threadId);
  const now = nowSeconds();
  return records.map((r) => viewRun(r.run, now));
}

/** Replaces a run's metadata where its current state is stored. */
export async function modifyRun(stores: Stores, record: RunRecord, metadata: Metadata): Promise<RunObject> {
  const next: RunRecord = { ...record, run: { ...record.run, metadata } };
  // A run being generated lives in the thread's marker; any other state under its own key.
  const live = record.run.status === "in_progress" || record.run.status === "queued" || record.run.status === "cancelling";
  const saved = live ? await stores.runs.putActive(next, nowSeconds()) : await stores.runs.put(next);
  return viewRun(saved.run, nowSeconds());
}

/**
 * Cancels a live run, as its thread's coordinator decides: a run waiting for tool outputs is
 * `cancelled` at once; a generating one is `cancelling`, and its turn, when it ends, records
 * `cancelled` instead of its reply. A cancel that lost (to a finished turn, to another
 * cancel) is OpenAI's 400 with the run's status.
 */
export async function cancelRun(deps: ThreadDeps, record: RunRecord): Promise<RunObject> {
  if (!isLive(record.run)) throw notCancellable(record.run.status);
  const now = nowSeconds();
  const decision = await deps.coordinators(record.run.thread_id).cancel(record.run.id, now);
  if (decision.outcome === "refused") throw notCancellable(decision.status ?? record.run.status);
  if (decision.outcome === "cancelled") {
    // A final state under the run's own key.
    return (await deps.stores.runs.put(cancelledRecord(record, now))).run;
  }
  const cancelling: RunRecord = { ...record, run: { ...record.run, status: "cancelling", required_action: null } };
  return (await deps.stores.runs.putActive(cancelling, now)).run;
}

function notCancellable(status: string): OpenAIError {
  return new OpenAIError(400, `Cannot cancel run with status '${status}'.`, { code: "run_not_cancellable" });
}

/** The ids of the tool calls the run waits for; 400 when it is not waiting for outputs. */
export function awaitedToolCallIds(run: RunObject): string[] {
  if (run.status !== "requires_action" || !run.required_action) throw notAcceptingOutputs(run.status);
  return run.required_action.submit_tool_outputs.tool_calls.map((c) => c.id);
}

function notAcceptingOutputs(status: string): OpenAIError {
  return new OpenAIError(400, `Runs in status "${status}" do not accept tool outputs.`, { code: "invalid_run_status" });
}

/** Completes the run's tool_calls step with `outputs` (by call id) and generates the next turn. */
export async function submitToolOutputs(
  deps: RunDeps,
  record: RunRecord,
  outputs: ReadonlyMap<string, string>,
  stream: boolean,
): Promise<RunReply> {
  const now = nowSeconds();
  const stepIndex = record.steps.findLastIndex((s) => s.step_details.type === "tool_calls" && s.status === "in_progress");
  const step = record.steps[stepIndex];
  if (step?.step_details.type !== "tool_calls")
    throw new OpenAIError(409, "The run has no tool calls awaiting outputs.", { code: "invalid_run_status" });
  // Exactly one of this and a cancel wins, whichever the coordinator sees first.
  const resumedHere = await deps.coordinators(record.run.thread_id).resume(record.run.id, now);
  if (!resumedHere.ok) throw notAcceptingOutputs(resumedHere.status ?? record.run.status);
  const done = {
    ...step,
    status: "completed" as const,
    completed_at: now,
    step_details: {
      type: "tool_calls" as const,
      tool_calls: step.step_details.tool_calls.map(
        (c): StepToolCall => ({ ...c, function: { ...c.function, output: outputs.get(c.id) ?? "" } }),
      ),
    },
  };
  const steps = record.steps.map((s, i) => (i === stepIndex ? done : s));
  const resumed: RunObject = { ...record.run, status: "in_progress", required_action: null };
  const next = await deps.stores.runs.putActive({ ...record, run: resumed, steps }, now);
  const opening: AssistantStreamEvent[] = [
    { event: "thread.run.step.completed", data: done },
    { event: "thread.run.queued", data: { ...resumed, status: "queued" } },
    { event: "thread.run.in_progress", data: resumed },
  ];
  return continueRun(deps, next, stream, opening, resumed);
}
