/**
 * `include[]=step_details.tool_calls[*].file_search.results[*].content`: file_search results are
 * stored with their text, and shown with it only when a request asks (run create and submit
 * streams, run steps list and retrieve); otherwise each result is `{file_id, file_name, score}`.
 */
import type { AssistantStreamEvent, RunStepObject } from "../wire/assistants";

/** The one value `include[]` takes on the Assistants endpoints. */
export const RESULT_CONTENT_INCLUDE = "step_details.tool_calls[*].file_search.results[*].content";

/** `step` as shown: file_search results without `content` unless `includeContent`. */
export function viewStepResults(step: RunStepObject, includeContent: boolean): RunStepObject {
  if (includeContent || step.step_details.type !== "tool_calls") return step;
  const calls = step.step_details.tool_calls;
  if (!calls.some((c) => c.type === "file_search")) return step;
  return {
    ...step,
    step_details: {
      type: "tool_calls",
      tool_calls: calls.map((c) =>
        c.type === "file_search"
          ? { ...c, file_search: { ...c.file_search, results: c.file_search.results.map(({ content: _, ...r }) => r) } }
          : c,
      ),
    },
  };
}

/** A stream event as shown (step events through viewStepResults). */
export function viewEventResults(event: AssistantStreamEvent, includeContent: boolean): AssistantStreamEvent {
  if (includeContent || !event.event.startsWith("thread.run.step.") || event.event === "thread.run.step.delta") return event;
  return { ...event, data: viewStepResults(event.data as RunStepObject, includeContent) } as AssistantStreamEvent;
}
