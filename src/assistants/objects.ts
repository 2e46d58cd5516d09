/**
 * Constructors of Assistants objects in their exact wire shapes, so every field OpenAI
 * requires (nullable or not) is always present.
 */
import { clock, nowSeconds } from "../util/clock";
import type {
  AssistantStreamEvent,
  MessageObject,
  Metadata,
  RunObject,
  RunRecord,
  RunStepDeltaObject,
  RunStepObject,
  StepDetails,
  TextContent,
  ThreadObject,
} from "../wire/assistants";

export function newThread(metadata: Metadata = {}): ThreadObject {
  return { id: clock().sortableId("thread_"), object: "thread", created_at: nowSeconds(), tool_resources: null, metadata };
}

/** A message written by the client (user or assistant role), complete at once. */
export function newUserMessage(
  threadId: string,
  role: "user" | "assistant",
  content: TextContent[],
  extra: { attachments?: MessageObject["attachments"]; metadata?: Metadata } = {},
): MessageObject {
  const now = nowSeconds();
  return {
    id: clock().sortableId("msg_"),
    object: "thread.message",
    created_at: now,
    thread_id: threadId,
    status: "completed",
    incomplete_details: null,
    completed_at: now,
    incomplete_at: null,
    role,
    content,
    assistant_id: null,
    run_id: null,
    attachments: extra.attachments ?? [],
    metadata: extra.metadata ?? {},
  };
}

/** The assistant's reply to a run, as it begins (in progress, no content yet). */
export function newRunMessage(run: RunObject): MessageObject {
  return {
    id: clock().sortableId("msg_"),
    object: "thread.message",
    created_at: nowSeconds(),
    thread_id: run.thread_id,
    status: "in_progress",
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: "assistant",
    content: [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
  };
}

export function newStep(run: RunObject, details: StepDetails): RunStepObject {
  return {
    id: clock().sortableId("step_"),
    object: "thread.run.step",
    created_at: nowSeconds(),
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: details.type,
    status: "in_progress",
    step_details: details,
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: null,
    usage: null,
  };
}

/**
 * The events announcing a new tool_calls step: `created`, `in_progress`, and the delta naming
 * its calls (`deltaCalls`, in order; each gets its `index`).
 */
export function toolCallsStepOpening(step: RunStepObject, deltaCalls: readonly ToolCallDelta[]): AssistantStreamEvent[] {
  return [
    { event: "thread.run.step.created", data: step },
    { event: "thread.run.step.in_progress", data: step },
    {
      event: "thread.run.step.delta",
      data: {
        id: step.id,
        object: "thread.run.step.delta",
        delta: { step_details: { type: "tool_calls", tool_calls: deltaCalls.map((c, index) => ({ index, ...c })) } },
      },
    },
  ];
}

type ToolCallDeltaWithIndex = RunStepDeltaObject["delta"]["step_details"]["tool_calls"][number];
/** A call as a step delta names it, without its `index`. */
export type ToolCallDelta = ToolCallDeltaWithIndex extends infer C ? (C extends { index: number } ? Omit<C, "index"> : never) : never;

export function textContent(value: string): TextContent[] {
  return [{ type: "text", text: { value, annotations: [] } }];
}

/** A run and its steps as cancelled at `now`: steps still in progress are cancelled too. */
export function cancelledRecord(record: RunRecord, now: number): RunRecord {
  return {
    ...record,
    run: { ...record.run, status: "cancelled", cancelled_at: now, required_action: null },
    steps: record.steps.map((s) => (s.status === "in_progress" ? { ...s, status: "cancelled", cancelled_at: now } : s)),
  };
}
