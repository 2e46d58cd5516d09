/**
 * The run engine: generates one turn of a run and records it. It reads the thread, builds
 * the prompt, streams the model's events, and turns them into Assistants objects and
 * `thread.*` events: a message_creation step with the reply message, or a tool_calls step
 * with the run in `requires_action`. KV writes happen at state changes only — the reply
 * message and the run record once at the end, never per delta — so a turn costs the same
 * number of writes whatever the thread's length.
 *
 * Before anything of a turn is written, the thread's coordinator must agree that the run still
 * holds the thread (one request): a cancel that came first wins, and the run is recorded as
 * `cancelled` with no reply and no new step; a run that expired meanwhile records nothing of
 * its turn. The turn's completion events are sent only once the turn is committed.
 *
 * It runs inside `ctx.waitUntil`, so it finishes and persists even if a streaming client
 * disconnects; `emit` is how a stream listens.
 */
import type { ChatBackend, ChatEvent, Usage } from "../ai/types";
import type { Config } from "../config";
import { Accumulator } from "../chat/accumulate";
import { generate } from "../chat/generate";
import { type OpenAIError, toOpenAIError } from "../http/errors";
import type { SettledStatus, ThreadCoordination, TurnEnd } from "../coordination/coordination";
import type { Stores } from "../store";
import { nowSeconds } from "../util/clock";
import { cancelledRecord, newRunMessage, newStep, textContent } from "./objects";
import { buildRunPrompt } from "./prompt";
import type { AssistantStreamEvent, MessageObject, RunObject, RunRecord, RunStepObject } from "../wire/assistants";

export type Emit = (event: AssistantStreamEvent) => void;

export interface EngineDeps {
  stores: Stores;
  /** The run's thread's coordinator. */
  coordinator: ThreadCoordination;
  backend: ChatBackend;
  config: Config;
  emit: Emit;
}

/** Runs one generation turn of an in-progress run and persists the outcome. */
export async function runTurn(record: RunRecord, deps: EngineDeps): Promise<RunRecord> {
  const { run } = record;
  const thread = await deps.stores.messages.list(run.thread_id);
  const prompt = buildRunPrompt(record, thread, deps.config);
  if (!prompt.ok) return finish(deps, record, undefined, { kind: "incomplete", reason: "max_prompt_tokens" });

  const turn = new Turn(record, deps.emit);
  try {
    const events = await generate(deps.backend, prompt.request, { stream: true });
    for await (const event of events) {
      turn.add(event);
      if (turn.error) return finish(deps, record, turn, { kind: "failed", error: turn.error });
    }
  } catch (err) {
    return finish(deps, record, turn, { kind: "failed", error: toOpenAIError(err) });
  }
  if (turn.toolCalls.length > 0) return finish(deps, record, turn, { kind: "requires_action" });
  if (turn.finishReason === "length" && run.max_completion_tokens !== null) {
    return finish(deps, record, turn, { kind: "incomplete", reason: "max_completion_tokens" });
  }
  return finish(deps, record, turn, { kind: "completed" });
}

type Outcome =
  | { kind: "completed" }
  | { kind: "requires_action" }
  | { kind: "incomplete"; reason: "max_completion_tokens" | "max_prompt_tokens" }
  | { kind: "failed"; error: OpenAIError };

/**
 * The in-memory state of one turn: the shared accumulator, plus the reply message and its
 * step, created (and announced) on the first text, whose deltas stream as they arrive.
 */
class Turn extends Accumulator {
  message: MessageObject | undefined;
  step: RunStepObject | undefined;

  constructor(
    private readonly record: RunRecord,
    private readonly emit: Emit,
  ) {
    super();
  }

  override add(event: ChatEvent): void {
    super.add(event);
    if (event.type === "text") this.announceText(event.text);
  }

  private announceText(delta: string): void {
    if (!this.message) this.begin();
    const message = this.message as MessageObject;
    this.emit({
      event: "thread.message.delta",
      data: {
        id: message.id,
        object: "thread.message.delta",
        delta: { content: [{ index: 0, type: "text", text: { value: delta, annotations: [] } }] },
      },
    });
  }

  /** Creates the reply message and its message_creation step, and announces both. */
  begin(): void {
    const message = newRunMessage(this.record.run);
    const step = newStep(this.record.run, { type: "message_creation", message_creation: { message_id: message.id } });
    this.message = message;
    this.step = step;
    this.record.steps.push(step);
    this.emit({ event: "thread.run.step.created", data: step });
    this.emit({ event: "thread.run.step.in_progress", data: step });
    this.emit({ event: "thread.message.created", data: message });
    this.emit({ event: "thread.message.in_progress", data: message });
  }
}

async function finish(deps: EngineDeps, record: RunRecord, turn: Turn | undefined, outcome: Outcome): Promise<RunRecord> {
  const now = nowSeconds();
  const run = record.run;
  // The run as this turn found it: what a refused commit records (no step of this turn).
  const before: RunRecord = { ...record, steps: record.steps.filter((s) => s.id !== turn?.step?.id) };
  // The turn's closing events, sent once the coordinator has committed the turn.
  const events: AssistantStreamEvent[] = [];
  const emit = (event: AssistantStreamEvent) => events.push(event);
  // Run steps' usage has no reasoning breakdown (RunStepCompletionUsage); the reasoning itself
  // stays in the accumulator and is never stored as message text.
  const usage: Usage | undefined = turn?.usage && {
    prompt_tokens: turn.usage.prompt_tokens,
    completion_tokens: turn.usage.completion_tokens,
    total_tokens: turn.usage.total_tokens,
  };

  // Close the reply message, if the model wrote one (or the run completes without text).
  if (turn && !turn.message && outcome.kind === "completed") turn.begin();
  let message: MessageObject | undefined;
  if (turn?.message && turn.step) {
    const incomplete = outcome.kind === "failed" || outcome.kind === "incomplete";
    message = {
      ...turn.message,
      content: textContent(turn.text),
      status: incomplete ? "incomplete" : "completed",
      completed_at: incomplete ? null : now,
      incomplete_at: incomplete ? now : null,
      incomplete_details: incomplete ? { reason: outcome.kind === "failed" ? "run_failed" : "max_tokens" } : null,
    };
    const step = replaceStep(record, {
      ...turn.step,
      status: outcome.kind === "failed" ? "failed" : "completed",
      completed_at: outcome.kind === "failed" ? null : now,
      failed_at: outcome.kind === "failed" ? now : null,
      last_error: outcome.kind === "failed" ? lastError(outcome.error) : null,
      usage: turn.toolCalls.length > 0 ? null : (usage ?? null),
    });
    emit({ event: incomplete ? "thread.message.incomplete" : "thread.message.completed", data: message });
    emit({ event: outcome.kind === "failed" ? "thread.run.step.failed" : "thread.run.step.completed", data: step });
  }

  let next: RunObject;
  if (outcome.kind === "requires_action" && turn) {
    const calls = turn.toolCalls.map((c) => ({ id: c.id, type: "function" as const, function: { name: c.name, arguments: c.arguments } }));
    const step = newStep(run, { type: "tool_calls", tool_calls: calls.map((c) => ({ ...c, function: { ...c.function, output: null } })) });
    step.usage = usage ?? null;
    record.steps.push(step);
    emit({ event: "thread.run.step.created", data: step });
    emit({ event: "thread.run.step.in_progress", data: step });
    emit({
      event: "thread.run.step.delta",
      data: {
        id: step.id,
        object: "thread.run.step.delta",
        delta: {
          step_details: {
            type: "tool_calls",
            tool_calls: calls.map((c, index) => ({ index, ...c, function: { ...c.function, output: null } })),
          },
        },
      },
    });
    next = {
      ...run,
      status: "requires_action",
      required_action: { type: "submit_tool_outputs", submit_tool_outputs: { tool_calls: calls } },
    };
  } else if (outcome.kind === "failed") {
    next = { ...run, status: "failed", failed_at: now, last_error: lastError(outcome.error), required_action: null };
  } else if (outcome.kind === "incomplete") {
    next = {
      ...run,
      status: "incomplete",
      incomplete_details: { reason: outcome.reason },
      required_action: null,
      usage: totalUsage(record.steps),
    };
  } else {
    next = { ...run, status: "completed", completed_at: now, required_action: null, usage: totalUsage(record.steps) };
  }
  const verdict = await deps.coordinator.commitTurn(run.id, next.status as TurnEnd, message?.id ?? null, now);
  if (!verdict.committed) return recordRefusal(deps, before, verdict.status, now);
  for (const event of events) deps.emit(event);

  // One write of the run's own key per turn, and the reply message.
  const [result] = await Promise.all([
    deps.stores.runs.put({ ...record, run: next }),
    message ? deps.stores.messages.put(message) : Promise.resolve(),
  ]);

  deps.emit({ event: `thread.run.${next.status}` as "thread.run.completed", data: next });
  return result;
}

/**
 * A turn the coordinator refused: a cancel came first (the run is recorded `cancelled`, with
 * metadata as last modified), or the run expired or lost the thread (recorded `expired`, so it
 * outlives its marker). Nothing the turn produced is written.
 */
async function recordRefusal(deps: EngineDeps, before: RunRecord, status: SettledStatus | null, now: number): Promise<RunRecord> {
  const stored = await deps.stores.runs.get(before.run.thread_id, before.run.id);
  const base: RunRecord = { ...before, run: { ...before.run, metadata: stored?.run.metadata ?? before.run.metadata } };
  const final =
    status === "cancelled"
      ? cancelledRecord(base, now)
      : { ...base, run: { ...base.run, status: "expired" as const, required_action: null } };
  const saved = await deps.stores.runs.put(final);
  deps.emit({ event: status === "cancelled" ? "thread.run.cancelled" : "thread.run.expired", data: saved.run });
  return saved;
}

function replaceStep(record: RunRecord, step: RunStepObject): RunStepObject {
  const i = record.steps.findIndex((s) => s.id === step.id);
  if (i !== -1) record.steps[i] = step;
  return step;
}

/** The run's usage: the sum over its steps (each generation is one step). */
function totalUsage(steps: readonly RunStepObject[]): Usage {
  const total: Usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const s of steps) {
    if (!s.usage) continue;
    total.prompt_tokens += s.usage.prompt_tokens;
    total.completion_tokens += s.usage.completion_tokens;
    total.total_tokens += s.usage.total_tokens;
  }
  return total;
}

function lastError(error: OpenAIError): { code: "server_error" | "rate_limit_exceeded"; message: string } {
  return { code: error.status === 429 ? "rate_limit_exceeded" : "server_error", message: error.message };
}
