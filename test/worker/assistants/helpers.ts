/** Shared setup for the Assistants tests: a Worker on the emulator with KV pacing off. */
import type OpenAI from "openai";
import type { FakeAi } from "../../helpers/fake-ai";
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
