/**
 * Run truncation (`truncation_strategy` and `max_prompt_tokens`) in the prompt builder, and
 * once end to end: what the model is sent, and the run's `incomplete` state when even the
 * newest message does not fit. Token counts are estimates, so the assertions are about which
 * messages are kept (a suffix of the thread, the newest always), not exact counts.
 */
import { describe, expect, it } from "vitest";
import { buildRunPrompt } from "../../../src/assistants/prompt";
import { newUserMessage } from "../../../src/assistants/objects";
import type { MessageObject, RunObject } from "../../../src/wire/assistants";
import type { ChatMessage } from "../../../src/ai/types";
import { readConfig } from "../../../src/config";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi } from "../../helpers/fake-ai";
import { assistantsWorker, exampleRun } from "./helpers";

const config = readConfig({});

function run(overrides: Partial<RunObject> = {}): RunObject {
  return exampleRun({ status: "in_progress", ...overrides });
}

/** `n` thread messages, alternating user/assistant, each `size` characters, numbered in their text. */
function thread(n: number, size = 20): MessageObject[] {
  return Array.from({ length: n }, (_, i) => {
    const text = `#${i} ${"x".repeat(Math.max(0, size - 4))}`;
    return newUserMessage("thread_0001", i % 2 ? "assistant" : "user", [{ type: "text", text: { value: text, annotations: [] } }]);
  });
}

/** The message numbers (`#i`) of the non-system messages a prompt kept. */
function kept(messages: readonly ChatMessage[]): number[] {
  return messages.filter((m) => m.role !== "system").map((m) => Number(/^#(\d+)/.exec(String(m.content))?.[1]));
}

function prompt(r: RunObject, t: MessageObject[]) {
  const out = buildRunPrompt({ run: r, steps: [] }, t, config);
  if (!out.ok) throw new Error(`prompt refused: ${out.reason}`);
  return out.request;
}

describe("run prompt truncation", () => {
  it("auto keeps a short thread whole, instructions first", () => {
    const request = prompt(run(), thread(5));
    expect(request.messages[0]).toEqual({ role: "system", content: "You are terse." });
    expect(kept(request.messages)).toEqual([0, 1, 2, 3, 4]);
  });

  it("last_messages keeps only the newest n messages", () => {
    const request = prompt(run({ truncation_strategy: { type: "last_messages", last_messages: 2 } }), thread(5));
    expect(request.messages[0]?.role).toBe("system");
    expect(kept(request.messages)).toEqual([3, 4]);
  });

  it("last_messages larger than the thread keeps it whole", () => {
    const request = prompt(run({ truncation_strategy: { type: "last_messages", last_messages: 50 } }), thread(3));
    expect(kept(request.messages)).toEqual([0, 1, 2]);
  });

  it("max_prompt_tokens drops the oldest messages until the prompt fits", () => {
    // Five messages of ~100 tokens each against a 256-token budget.
    const request = prompt(run({ max_prompt_tokens: 256 }), thread(5, 400));
    const numbers = kept(request.messages);
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    expect(numbers.length).toBeLessThan(5);
    expect(numbers).toEqual([0, 1, 2, 3, 4].slice(5 - numbers.length));
  });

  it("last_messages and max_prompt_tokens combine: the newest n, then the budget", () => {
    const request = prompt(
      run({ max_prompt_tokens: 256, truncation_strategy: { type: "last_messages", last_messages: 4 } }),
      thread(10, 400),
    );
    const numbers = kept(request.messages);
    expect(numbers.length).toBeLessThan(4);
    expect(numbers.at(-1)).toBe(9);
  });

  it("auto without max_prompt_tokens truncates to the model's context window, keeping the newest", () => {
    // Far beyond any context window: ~1M tokens in eight messages.
    const request = prompt(run(), thread(8, 500_000));
    const numbers = kept(request.messages);
    expect(numbers.length).toBeLessThan(8);
    expect(numbers.at(-1)).toBe(7);
  });

  it("refuses the prompt when even the newest message exceeds max_prompt_tokens", () => {
    expect(buildRunPrompt({ run: run({ max_prompt_tokens: 256 }), steps: [] }, thread(2, 4000), config)).toEqual({
      ok: false,
      reason: "max_prompt_tokens",
    });
  });

  it("leaves out the run's own reply from an earlier turn, but not the thread's user messages", () => {
    const t = thread(2);
    const own = newUserMessage("thread_0001", "assistant", [{ type: "text", text: { value: "#9 mine", annotations: [] } }]);
    own.run_id = "run_0001";
    expect(kept(prompt(run(), [...t, own]).messages)).toEqual([0, 1]);
  });
});

describe("run truncation end to end", () => {
  it("sends the model only the last messages, and a run that cannot fit ends incomplete", async () => {
    const ai = fakeAi(fx.NATIVE_STREAM);
    const w = assistantsWorker(ai);
    const assistant = await w.client.beta.assistants.create({ model: "gpt-4o", instructions: "You are terse." });
    const thread = await w.client.beta.threads.create({
      messages: [
        { role: "user", content: "first" },
        { role: "assistant", content: "second" },
        { role: "user", content: "third" },
      ],
    });
    const done = await w.client.beta.threads.runs.createAndPoll(
      thread.id,
      { assistant_id: assistant.id, truncation_strategy: { type: "last_messages", last_messages: 1 } },
      { pollIntervalMs: 5 },
    );
    expect(done.status).toBe("completed");
    expect(done.truncation_strategy).toEqual({ type: "last_messages", last_messages: 1 });
    expect(ai.calls[0]?.inputs.messages).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "third" },
    ]);

    await w.client.beta.threads.messages.create(thread.id, { role: "user", content: "y".repeat(5000) });
    const tooLong = await w.client.beta.threads.runs.createAndPoll(
      thread.id,
      { assistant_id: assistant.id, max_prompt_tokens: 256 },
      { pollIntervalMs: 5 },
    );
    await w.settle();
    expect(tooLong.status).toBe("incomplete");
    expect(tooLong.incomplete_details).toEqual({ reason: "max_prompt_tokens" });
    expect(ai.calls).toHaveLength(1);
  });
});
