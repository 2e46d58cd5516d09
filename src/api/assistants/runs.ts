/**
 * `/v1/threads/{thread_id}/runs` and `/v1/threads/runs`: create (plain or streamed),
 * create-thread-and-run, list, retrieve, modify, cancel, submit tool outputs.
 *
 * A plain create answers at once with the `queued` run and generates in `ctx.waitUntil`;
 * the stored run says `in_progress` from the start (the work begins in the same request),
 * so pollers see in_progress, then the outcome. A streamed create sends the `thread.*`
 * events as the engine emits them.
 */
import type { IRequest } from "itty-router";
import { providerFor } from "../../ai/providers/provider-for";
import { resolveModel } from "../../ai/registry/resolve-model";
import { createEventStream } from "../../assistants/event-stream";
import { nowSeconds } from "../../assistants/objects";
import { runTurn } from "../../assistants/run-engine";
import { isLive, viewRecord, viewRun } from "../../assistants/run-view";
import type { AssistantStreamEvent, RunObject, RunRecord, StepToolCall, ThreadObject } from "../../assistants/types";
import { OpenAIError, invalidParam, toOpenAIError } from "../../http/errors";
import { readJsonObject } from "../../http/read-json";
import { SSE_HEADERS } from "../../http/sse";
import { asObject, optionalArray, optionalBoolean, optionalMetadata, requiredString, typeError } from "../../http/validate";
import type { Stores } from "../../store";
import type { AppContext } from "../context";
import { requireThreadWithoutActiveRun } from "./messages";
import { paginate, readPageQuery } from "./pagination";
import { notFound, pathId } from "./parse";
import { parseRun } from "./parse-run";
import { storesOf } from "./stores";
import { parseThreadBody, storeThread } from "./threads";

export async function createRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const stores = storesOf(ctx);
  const assistant = await loadAssistant(stores, body);
  const stream = optionalBoolean(body, "stream") ?? false;
  const { run, messages } = parseRun(body, assistant, threadId, ctx.config);
  await requireThreadWithoutActiveRun(stores, threadId);
  await Promise.all(messages.map((m) => stores.messages.put(m)));
  return startRun(ctx, stores, run, stream, undefined);
}

export async function createThreadAndRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const stores = storesOf(ctx);
  const assistant = await loadAssistant(stores, body);
  const stream = optionalBoolean(body, "stream") ?? false;
  const threadBody = body.thread === undefined || body.thread === null ? {} : asObject(body.thread, "thread");
  const { thread, messages } = parseThreadBody(threadBody, "thread.");
  const { run } = parseRun({ ...body, additional_messages: undefined }, assistant, thread.id, ctx.config);
  await storeThread(stores, thread, messages);
  return startRun(ctx, stores, run, stream, thread);
}

async function loadAssistant(stores: Stores, body: Record<string, unknown>) {
  const id = requiredString(body, "assistant_id");
  const assistant = id.startsWith("asst_") ? await stores.assistants.get(id) : null;
  if (!assistant) throw notFound("assistant", id);
  return assistant;
}

/** Marks the thread busy, stores the run, and generates in the background or as a stream. */
async function startRun(
  ctx: AppContext,
  stores: Stores,
  queued: RunObject,
  stream: boolean,
  createdThread: ThreadObject | undefined,
): Promise<Response> {
  const running: RunObject = { ...queued, status: "in_progress", started_at: queued.created_at };
  const record = await stores.runs.putActive({ run: running, steps: [] }, nowSeconds());
  const opening: AssistantStreamEvent[] = [
    ...(createdThread ? [{ event: "thread.created", data: createdThread } as const] : []),
    { event: "thread.run.created", data: queued },
    { event: "thread.run.queued", data: queued },
    { event: "thread.run.in_progress", data: running },
  ];
  return continueRun(ctx, stores, record, stream, opening, queued);
}

/** Runs a turn in `waitUntil`; answers with `reply` as JSON, or with the event stream. */
function continueRun(
  ctx: AppContext,
  stores: Stores,
  record: RunRecord,
  stream: boolean,
  opening: AssistantStreamEvent[],
  reply: RunObject,
): Response {
  const events = stream ? createEventStream() : undefined;
  const emit = events ? events.emit : () => {};
  for (const e of opening) emit(e);
  const work = (async () => {
    try {
      const backend = providerFor(resolveModel(record.run.model, "chat", ctx.config), ctx.env, ctx.config);
      await runTurn(record, { stores, backend, config: ctx.config, emit });
    } catch (err) {
      // Storage or configuration failures: tell a streaming client, log for everyone.
      const error = toOpenAIError(err);
      console.error("run failed outside generation", record.run.id, error.message);
      emit({ event: "error", data: error.toJSON() });
    } finally {
      events?.close();
    }
  })();
  ctx.exec.waitUntil(work);
  if (events) return new Response(events.body, { headers: SSE_HEADERS });
  return Response.json(reply);
}

export async function listRuns(request: IRequest, ctx: AppContext): Promise<Response> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const query = readPageQuery(request);
  const stores = storesOf(ctx);
  const [thread, records] = await Promise.all([stores.threads.get(threadId), stores.runs.list(threadId)]);
  if (!thread) throw notFound("thread", threadId);
  const now = nowSeconds();
  return Response.json(
    paginate(
      records.map((r) => viewRun(r.run, now)),
      query,
    ),
  );
}

export async function retrieveRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record } = await loadRun(request, ctx);
  return Response.json(record.run);
}

export async function modifyRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record, stores } = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const metadata = optionalMetadata(body);
  if (!metadata) return Response.json(record.run);
  const next: RunRecord = { ...record, run: { ...record.run, metadata } };
  // A run being generated lives in the thread's marker; any other state under its own key.
  const live = record.run.status === "in_progress" || record.run.status === "queued";
  const saved = live ? await stores.runs.putActive(next, nowSeconds()) : await stores.runs.put(next);
  return Response.json(viewRun(saved.run, nowSeconds()));
}

export async function cancelRun(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record, stores } = await loadRun(request, ctx);
  if (!isLive(record.run)) {
    throw new OpenAIError(400, `Cannot cancel run with status '${record.run.status}'.`, { code: "run_not_cancellable" });
  }
  const now = nowSeconds();
  const next: RunRecord = {
    ...record,
    run: { ...record.run, status: "cancelled", cancelled_at: now, required_action: null },
    steps: record.steps.map((s) => (s.status === "in_progress" ? { ...s, status: "cancelled", cancelled_at: now } : s)),
  };
  // A final state under the run's own key also releases the thread's marker.
  await stores.runs.put(next);
  return Response.json(next.run);
}

export async function submitToolOutputs(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record, stores } = await loadRun(request, ctx);
  const body = await readJsonObject(request as unknown as Request, ctx.config.maxBodyBytes);
  const stream = optionalBoolean(body, "stream") ?? false;
  const run = record.run;
  if (run.status !== "requires_action" || !run.required_action) {
    throw new OpenAIError(400, `Runs in status "${run.status}" do not accept tool outputs.`, { code: "invalid_run_status" });
  }
  const outputs = readToolOutputs(
    body,
    run.required_action.submit_tool_outputs.tool_calls.map((c) => c.id),
  );
  const now = nowSeconds();
  const stepIndex = record.steps.findLastIndex((s) => s.step_details.type === "tool_calls" && s.status === "in_progress");
  const step = record.steps[stepIndex];
  if (step?.step_details.type !== "tool_calls")
    throw new OpenAIError(409, "The run has no tool calls awaiting outputs.", { code: "invalid_run_status" });
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
  const resumed: RunObject = { ...run, status: "in_progress", required_action: null };
  const next = await stores.runs.putActive({ ...record, run: resumed, steps }, now);
  const opening: AssistantStreamEvent[] = [
    { event: "thread.run.step.completed", data: done },
    { event: "thread.run.queued", data: { ...resumed, status: "queued" } },
    { event: "thread.run.in_progress", data: resumed },
  ];
  return continueRun(ctx, stores, next, stream, opening, resumed);
}

function readToolOutputs(body: Record<string, unknown>, pending: string[]): Map<string, string> {
  const raw = optionalArray(body, "tool_outputs");
  if (!raw)
    throw new OpenAIError(400, "Missing required parameter: 'tool_outputs'.", {
      param: "tool_outputs",
      code: "missing_required_parameter",
    });
  const outputs = new Map<string, string>();
  raw.forEach((o, i) => {
    const item = asObject(o, `tool_outputs[${i}]`);
    const id = item.tool_call_id;
    if (typeof id !== "string") throw typeError(`tool_outputs[${i}].tool_call_id`, "a string", id);
    if (!pending.includes(id)) throw invalidParam(`tool_outputs[${i}].tool_call_id`, `No tool call found with id '${id}' awaiting output.`);
    const output = item.output ?? "";
    if (typeof output !== "string") throw typeError(`tool_outputs[${i}].output`, "a string", output);
    outputs.set(id, output);
  });
  const missingIds = pending.filter((id) => !outputs.has(id));
  if (missingIds.length > 0) {
    throw invalidParam(
      "tool_outputs",
      `Expected tool outputs for call_ids ${JSON.stringify(pending)}, got ${JSON.stringify([...outputs.keys()])}.`,
      "tool_outputs_missing",
    );
  }
  return outputs;
}

async function loadRun(request: IRequest, ctx: AppContext): Promise<{ record: RunRecord; stores: Stores }> {
  const threadId = pathId(request, "thread_id", "thread_", "thread");
  const runId = pathId(request, "run_id", "run_", "run");
  const stores = storesOf(ctx);
  const record = await stores.runs.get(threadId, runId);
  if (!record) throw notFound("run", runId);
  return { record: viewRecord(record, nowSeconds()), stores };
}

export async function listRunSteps(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record } = await loadRun(request, ctx);
  return Response.json(paginate(record.steps, readPageQuery(request)));
}

export async function retrieveRunStep(request: IRequest, ctx: AppContext): Promise<Response> {
  const { record } = await loadRun(request, ctx);
  const stepId = pathId(request, "step_id", "step_", "run step");
  const step = record.steps.find((s) => s.id === stepId);
  if (!step) throw notFound("run step", stepId);
  return Response.json(step);
}
