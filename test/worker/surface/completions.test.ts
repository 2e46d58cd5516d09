/**
 * Legacy `POST /v1/completions` with the official SDK, plain and streamed, over the same
 * generation pipeline as chat: prompt lists, echo, stop, max_tokens, usage, and 4xx errors.
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { readSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

/**
 * OpenAI's spec types `finish_reason` as non-null, yet its API (and this Worker) streams null
 * until a prompt's last chunk; validate such chunks with that one field set.
 */
function expectChunkSchema(chunk: OpenAI.Completions.Completion): void {
  const copy = structuredClone(chunk);
  for (const c of copy.choices) if (c.finish_reason === null) (c as { finish_reason: string }).finish_reason = "stop";
  expectSchema("CreateCompletionResponse", copy);
}

describe("completions.create with the official SDK", () => {
  it("completes a prompt with OpenAI's default of 16 tokens and real usage", async () => {
    const { client } = testWorker();
    const res = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Say this is a test" });
    expectSchema("CreateCompletionResponse", res);
    expect(res.object).toBe("text_completion");
    expect(res.id).toMatch(/^cmpl-/);
    expect(res.model).toBe("gpt-3.5-turbo-instruct");
    expect(res.choices).toEqual([
      { text: "[offline emulator] You said: Say this is a test", index: 0, logprobs: null, finish_reason: "stop" },
    ]);
    expect(res.usage?.completion_tokens).toBe(9); // the emulator counts words
    expect(res.usage?.total_tokens).toBe((res.usage?.prompt_tokens ?? 0) + 9);
  });

  it("stops at max_tokens with finish_reason length, echoes the prompt, and enforces stop", async () => {
    const { client } = testWorker();
    const long = await client.completions.create({
      model: "davinci-002",
      prompt: "one two three four five six",
      max_tokens: 3,
      echo: true,
    });
    expect(long.choices[0]?.text).toBe("one two three four five six[offline emulator] You");
    expect(long.choices[0]?.finish_reason).toBe("length");
    const stopped = await client.completions.create({
      model: "davinci-002",
      prompt: "alpha beta STOP gamma",
      stop: "STOP",
      max_tokens: 50,
    });
    expect(stopped.choices[0]?.text).toBe("[offline emulator] You said: alpha beta ");
    expect(stopped.choices[0]?.finish_reason).toBe("stop");
  });

  it("answers a list of prompts with one choice per prompt, usage summed", async () => {
    const { client } = testWorker();
    const res = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: ["first", "second prompt"], max_tokens: 20 });
    expectSchema("CreateCompletionResponse", res);
    expect(res.choices.map((c) => [c.index, c.text])).toEqual([
      [0, "[offline emulator] You said: first"],
      [1, "[offline emulator] You said: second prompt"],
    ]);
    expect(res.usage?.completion_tokens).toBe(5 + 6);
  });

  it("streams text_completion chunks, prompt after prompt, then usage and [DONE]", async () => {
    const { client } = testWorker();
    const stream = await client.completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt: ["stream some words with é and 😀", "and more"],
      max_tokens: 40,
      echo: true,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const c of chunks) expectChunkSchema(c);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    const textOf = (i: number) => chunks.flatMap((c) => c.choices.filter((ch) => ch.index === i).map((ch) => ch.text)).join("");
    expect(textOf(0)).toBe("stream some words with é and 😀[offline emulator] You said: stream some words with é and 😀");
    expect(textOf(1)).toBe("and more[offline emulator] You said: and more");
    expect(chunks.filter((c) => c.choices[0]?.index === 0 && c.choices[0]?.text).length).toBeGreaterThan(2);
    const finishes = chunks.flatMap((c) => c.choices.filter((ch) => ch.finish_reason).map((ch) => [ch.index, ch.finish_reason]));
    expect(finishes).toEqual([
      [0, "stop"],
      [1, "stop"],
    ]);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("ends the stream with an error event when generation fails mid-way", async () => {
    const w = testWorker();
    const res = await postJson(w, "/completions", {
      model: "gpt-3.5-turbo-instruct",
      prompt: "go [emulate-stream-error]",
      stream: true,
      max_tokens: 30,
    });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    const last = events.at(-1);
    expect(last?.event).toBe("error");
    expect(last?.data).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
  });

  it("gives errors before the stream starts their HTTP status", async () => {
    const { client } = testWorker();
    await expect(
      client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "[emulate-error:3040]", stream: true }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("max_tokens 0 with echo returns only the prompt, without calling the model", async () => {
    const { client } = testWorker();
    const res = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "just echo", max_tokens: 0, echo: true });
    expect(res.choices[0]).toMatchObject({ text: "just echo", finish_reason: "length" });
    expect(res.usage?.completion_tokens).toBe(0);
  });
});

describe("bad input on /v1/completions", () => {
  const ok = { model: "gpt-3.5-turbo-instruct", prompt: "hi" };

  it.each([
    [{ prompt: "hi" }, "model", 400],
    [{ model: "gpt-3.5-turbo-instruct" }, "prompt", 400],
    [{ ...ok, prompt: 42 }, "prompt", 400],
    [{ ...ok, prompt: [] }, "prompt", 400],
    [{ ...ok, prompt: ["a", 3] }, "prompt[1]", 400],
    [{ ...ok, prompt: [1212, 318] }, "prompt", 400],
    [{ ...ok, prompt: [[1212, 318]] }, "prompt", 400],
    [{ ...ok, prompt: Array.from({ length: 17 }, () => "x") }, "prompt", 400],
    [{ ...ok, suffix: "the end" }, "suffix", 400],
    [{ ...ok, n: 2 }, "n", 400],
    [{ ...ok, best_of: 3 }, "best_of", 400],
    [{ ...ok, logprobs: 2 }, "logprobs", 400],
    [{ ...ok, logit_bias: { "50256": -100 } }, "logit_bias", 400],
    [{ ...ok, max_tokens: -1 }, "max_tokens", 400],
    [{ ...ok, temperature: 5 }, "temperature", 400],
    [{ ...ok, stop: 7 }, "stop", 400],
    [{ ...ok, echo: "yes" }, "echo", 400],
    [{ ...ok, stream_options: { include_usage: true } }, "stream_options", 400],
    [{ ...ok, model: "text-embedding-3-small" }, "model", 400],
    [{ ...ok, model: "@cf/baai/bge-m3" }, "model", 400],
    [{ ...ok, model: "curie-001" }, "model", 404],
  ])("%j → %s (%i)", async (body, param, status) => {
    const res = await postJson(testWorker(), "/completions", body);
    expect(res.status).toBe(status);
    const err = (await res.json()) as { error: { param: string | null; message: string } };
    expectSchema("ErrorResponse", err);
    expect(err.error.param).toBe(param);
  });

  it("says clearly that suffix is not supported", async () => {
    const res = await postJson(testWorker(), "/completions", { ...ok, suffix: "}" });
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/suffix.*not supported/);
  });
});
