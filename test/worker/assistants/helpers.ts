/** Shared setup for the Assistants tests: a Worker on the emulator with KV pacing off. */
import type OpenAI from "openai";
import type { RunObject } from "../../../src/wire/assistants";
import type { FakeAi } from "../../helpers/fake-ai";
import { FIXED_SECONDS as T } from "../../helpers/fixed-clock";
import { testWorker, type TestWorker } from "../../helpers/worker";

export const weatherTool: OpenAI.Beta.FunctionTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

/** KV allows one write a second per key; tests skip the pacing (miniflare does not enforce it). */
export function assistantsWorker(ai?: FakeAi): TestWorker {
  return testWorker({ ...(ai ? { ai } : {}), vars: { KV_WRITE_SPACING_MS: "0" } });
}

/**
 * A queued run with every field spelled out in OpenAI's order, as the first run of a fixed
 * clock (`run_0001` of `asst_0001` on `thread_0001`) would be created; tests override fields.
 */
export function exampleRun(overrides: Partial<RunObject> = {}): RunObject {
  return {
    id: "run_0001",
    object: "thread.run",
    created_at: T,
    thread_id: "thread_0001",
    assistant_id: "asst_0001",
    status: "queued",
    required_action: null,
    last_error: null,
    expires_at: T + 600,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: "gpt-4o",
    instructions: "You are terse.",
    tools: [],
    metadata: {},
    usage: null,
    temperature: null,
    top_p: null,
    max_prompt_tokens: null,
    max_completion_tokens: null,
    truncation_strategy: { type: "auto", last_messages: null },
    tool_choice: "auto",
    parallel_tool_calls: true,
    response_format: "auto",
    ...overrides,
  };
}
