/**
 * Reasoning end to end on glm-4.7-flash's output shapes: thinking reaches the client as
 * `reasoning_content` (message and stream deltas), never inside `content`; usage counts it;
 * thinking used up by the budget ends with `length` and an empty (never null) answer; and the
 * reasoning controls reach `env.AI.run`'s inputs per the table.
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import * as fx from "../../fixtures/workers-ai";
import { type ChatDelta, readChatStream } from "../../helpers/chat-stream";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker, BASE_URL } from "../../helpers/worker";

interface Completion {
  choices: { message: ChatDelta; finish_reason: string }[];
  usage: unknown;
}

const hi = [{ role: "user", content: "What is the capital of France?" }];
const GLM = "@cf/zai-org/glm-4.7-flash";

describe("reasoning output (glm-4.7-flash)", () => {
  it("a whole answer: reasoning_content apart from content, reasoning tokens in usage", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_TEXT) });
    const res = await postJson(w, "/chat/completions", { model: GLM, messages: hi });
    const body = (await res.json()) as Completion;
    expectSchema("CreateChatCompletionResponse", body);
    const message = body.choices[0]?.message;
    expect(message?.content).toBe("Paris is the capital of France.");
    expect(message?.reasoning_content).toBe("The user asks for the capital of France. That is Paris; answer in one sentence.");
    expect(message?.content).not.toContain("The user asks");
    expect(body.usage).toEqual({
      prompt_tokens: 14,
      completion_tokens: 31,
      total_tokens: 45,
      completion_tokens_details: { reasoning_tokens: 20 },
    });
  });

  it("a stream: reasoning_content deltas first, then content deltas; usage counts reasoning", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_STREAM_REASONING) });
    const res = await postJson(w, "/chat/completions", {
      model: GLM,
      messages: hi,
      stream: true,
      stream_options: { include_usage: true },
    });
    const { chunks, deltas, reasoning, content } = await readChatStream(res);
    expect(reasoning).toBe("The user asks for the capital of France: Paris.");
    expect(content).toBe("Paris is the capital of France — café.");
    expect(deltas.every((d) => !(d.content && d.reasoning_content))).toBe(true);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 16,
      total_tokens: 28,
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });

  it("thinking that used the whole budget: finish_reason length, content an empty string, reasoning kept", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_LENGTH_REASONING) });
    const res = await postJson(w, "/chat/completions", { model: GLM, messages: hi, max_tokens: 20 });
    const body = (await res.json()) as Completion;
    expectSchema("CreateChatCompletionResponse", body);
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.choices[0]?.message.content).toBe("");
    expect(body.choices[0]?.message.reasoning_content).toContain("one-word answer");
  });

  it("the official SDK reads reasoning_content from a streamed reply", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_STREAM_REASONING) });
    const client = new OpenAI({ apiKey: "sk-test", baseURL: BASE_URL, fetch: w.fetch });
    const stream = await client.chat.completions.create({ model: GLM, messages: [{ role: "user", content: "hi" }], stream: true });
    let reasoning = "";
    let content = "";
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? "";
      content += delta?.content ?? "";
    }
    expect(reasoning).toBe("The user asks for the capital of France: Paris.");
    expect(content).toBe("Paris is the capital of France — café.");
  });
});

describe("reasoning controls in env.AI.run inputs", () => {
  const ask = async (body: Record<string, unknown>, vars: Record<string, string> = {}) => {
    const ai = fakeAi(fx.CHAT_TEXT);
    const res = await postJson(testWorker({ ai, vars }), "/chat/completions", { messages: hi, ...body });
    expect(res.status).toBe(200);
    return ai.calls[0] as { model: string; inputs: Record<string, unknown> };
  };

  it("a non-reasoning OpenAI name (gpt-4o) switches thinking off; a @cf/ id keeps the model default", async () => {
    const fast = await ask({ model: "gpt-4o" });
    expect(fast.model).toBe(GLM);
    expect(fast.inputs.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(fast.inputs.reasoning_effort).toBeUndefined();
    const direct = await ask({ model: GLM });
    expect(direct.inputs.chat_template_kwargs).toBeUndefined();
    expect(direct.inputs.reasoning_effort).toBeUndefined();
  });

  it.each([
    ["o3", undefined, { reasoning_effort: "medium" }],
    ["gpt-5", undefined, { reasoning_effort: "medium" }],
    ["gpt-5.6-luna", undefined, { chat_template_kwargs: { enable_thinking: false } }],
    [GLM, "none", { chat_template_kwargs: { enable_thinking: false } }],
    [GLM, "minimal", { reasoning_effort: "low" }],
    [GLM, "low", { reasoning_effort: "low" }],
    [GLM, "high", { reasoning_effort: "high" }],
    [GLM, "xhigh", { reasoning_effort: "high" }],
    ["gpt-4o", "high", { reasoning_effort: "high" }],
  ])("%s with reasoning_effort %s → %j", async (model, effort, expected) => {
    const { inputs } = await ask({ model, ...(effort ? { reasoning_effort: effort } : {}) });
    const sent = { chat_template_kwargs: inputs.chat_template_kwargs, reasoning_effort: inputs.reasoning_effort };
    expect(sent).toEqual({ chat_template_kwargs: undefined, reasoning_effort: undefined, ...expected });
  });

  it("other models' knobs: gpt-oss reasoning.effort (cannot switch off), Gemma 4 on-switch, Kimi thinking:false", async () => {
    expect((await ask({ model: "@cf/openai/gpt-oss-120b", reasoning_effort: "none" })).inputs.reasoning).toEqual({ effort: "low" });
    const gemma = await ask({ model: "@cf/google/gemma-4-26b-a4b-it", reasoning_effort: "medium" });
    expect(gemma.inputs.chat_template_kwargs).toEqual({ enable_thinking: true });
    expect(gemma.inputs.reasoning_effort).toBe("medium");
    const kimi = await ask({ model: "gpt-4o" }, { DEFAULT_AI_MODEL: "@cf/moonshotai/kimi-k2.6" });
    expect(kimi.inputs.chat_template_kwargs).toEqual({ thinking: false });
  });

  it("an unknown reasoning_effort is a 400 naming the field", async () => {
    const res = await postJson(testWorker({ ai: fakeAi() }), "/chat/completions", { model: GLM, messages: hi, reasoning_effort: "huge" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("reasoning_effort");
  });
});
