/**
 * file_search in a run: every turn of a run whose tools include `file_search` and whose
 * assistant or thread names a vector store searches those stores before generating, with the
 * thread's last user message as the query (no model-called tool, so every chat model gets
 * retrieval). The search is a `tool_calls` step of its own — announced (`created`,
 * `in_progress`, a `delta` naming the call), then `completed` with its results — and the
 * results go into the prompt (file-search/context-block.ts). The step is written with the
 * turn's one run write; a search costs what searchVectorStores documents.
 */
import { messageText } from "./message-text";
import { searchVectorStores, type RankedChunk } from "../vector-stores/search";
import type { SearchDeps } from "../vector-stores/deps";
import { parseFileSearchSettings } from "../file-search/tool-options";
import { toOpenAIError } from "../http/errors";
import { clock, nowSeconds } from "../util/clock";
import type { MessageObject, RunRecord, RunStepObject, StepFileSearchCall } from "../wire/assistants";
import { newStep, toolCallsStepOpening } from "./objects";
import type { Emit } from "./run-engine";

export interface TurnSearch {
  step: RunStepObject;
  results: RankedChunk[];
}

/** Searches for this turn and records the step in `record.steps`; undefined when the turn does not search. */
export async function searchForTurn(
  record: RunRecord,
  thread: readonly MessageObject[],
  deps: SearchDeps,
  emit: Emit,
): Promise<TurnSearch | undefined> {
  const ids = record.vectorStoreIds ?? [];
  const tool = record.run.tools.find((t) => t.type === "file_search");
  const last = thread.findLast((m) => m.role === "user");
  const query = last ? messageText(last) : undefined;
  if (ids.length === 0 || !tool || !query?.trim()) return undefined;
  const settings = parseFileSearchSettings(tool.file_search ?? {}, "tools.file_search.");
  const call: StepFileSearchCall = {
    id: clock().sortableId("call_"),
    type: "file_search",
    file_search: { ranking_options: { ranker: "default_2024_08_21", score_threshold: settings.scoreThreshold }, results: [] },
  };
  const step = newStep(record.run, { type: "tool_calls", tool_calls: [call] });
  record.steps.push(step);
  for (const e of toolCallsStepOpening(step, [{ id: call.id, type: "file_search", file_search: {} }])) emit(e);
  try {
    const results = await searchVectorStores(deps, ids, query, settings);
    const done = settle(record, step, {
      status: "completed",
      completed_at: nowSeconds(),
      step_details: {
        type: "tool_calls",
        tool_calls: [
          {
            ...call,
            file_search: {
              ...call.file_search,
              results: results.map((r) => ({
                file_id: r.fileId,
                file_name: r.filename,
                score: r.score,
                content: [{ type: "text", text: r.text }],
              })),
            },
          },
        ],
      },
    });
    emit({ event: "thread.run.step.completed", data: done });
    return { step: done, results };
  } catch (err) {
    const failed = settle(record, step, {
      status: "failed",
      failed_at: nowSeconds(),
      last_error: { code: "server_error", message: toOpenAIError(err).message },
    });
    emit({ event: "thread.run.step.failed", data: failed });
    throw err;
  }
}

function settle(record: RunRecord, step: RunStepObject, changes: Partial<RunStepObject>): RunStepObject {
  const next = { ...step, ...changes };
  const i = record.steps.findIndex((s) => s.id === step.id);
  if (i !== -1) record.steps[i] = next;
  return next;
}
