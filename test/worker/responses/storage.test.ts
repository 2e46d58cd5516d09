/**
 * Stored responses through the official SDK: retrieve, delete, input items (paginated),
 * `previous_response_id` chains, `store: false`, the function-tool loop, hosted tools, and
 * background responses with polling and cancel.
 */
import { describe, expect, it } from "vitest";
import { NotFoundError } from "openai";
import type OpenAI from "openai";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson, testWorker } from "../../helpers/worker";
import { weatherTool } from "./helpers";

const worker = () => testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });

describe("stored responses", () => {
  it("retrieves, lists input items (paginated) and deletes a response", async () => {
    const w = worker();
    const created = await w.client.responses.create({
      model: "gpt-4o",
      input: [
        { role: "user", content: "one" },
        { role: "assistant", content: "two" },
        { role: "user", content: "three" },
      ],
    });
    const got = await w.client.responses.retrieve(created.id);
    expectSchema("Response", got);
    expect(got.output).toEqual(created.output);
    expect(got.status).toBe("completed");

    const page = await w.client.responses.inputItems.list(created.id, { limit: 2, order: "asc" });
    const raw = await w.fetch(`${BASE_URL}/responses/${created.id}/input_items?limit=2&order=asc`, {
      headers: { authorization: "Bearer sk-test" },
    });
    expectSchema("ResponseItemList", await raw.json());
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const all = [];
    for await (const item of w.client.responses.inputItems.list(created.id, { limit: 2, order: "asc" })) all.push(item);
    expect(all.map((i) => i.type === "message" && i.content[0]?.type)).toEqual(["input_text", "output_text", "input_text"]);
    const desc = await w.client.responses.inputItems.list(created.id);
    expect(desc.data.map((i) => i.id)).toEqual(all.map((i) => i.id).reverse());

    await w.client.responses.delete(created.id);
    await expect(w.client.responses.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("continues a previous_response_id chain with the whole context", async () => {
    const w = worker();
    const first = await w.client.responses.create({ model: "gpt-4o", input: "my name is Ada" });
    const second = await w.client.responses.create({ model: "gpt-4o", input: "what is my name?", previous_response_id: first.id });
    expectSchema("Response", second);
    expect(second.previous_response_id).toBe(first.id);
    const ai = testWorker({
      ai: { run: async (_m, inputs) => ({ response: JSON.stringify(inputs.messages) }) },
      vars: { KV_WRITE_SPACING_MS: "0" },
    });
    const a = await ai.client.responses.create({ model: "gpt-4o", input: "my name is Ada", instructions: "be nice" });
    const b = await ai.client.responses.create({ model: "gpt-4o", input: "and yours?", previous_response_id: a.id });
    const prompt = JSON.parse(b.output_text) as { role: string; content: string }[];
    expect(prompt.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(prompt[0]?.content).toBe("my name is Ada");
    expect(prompt[2]?.content).toBe("and yours?");
  });

  it("an unknown previous_response_id is a 400 previous_response_not_found", async () => {
    const w = worker();
    const res = await postJson(w, "/responses", { model: "gpt-4o", input: "hi", previous_response_id: "resp_nope" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; param: string } };
    expectSchema("ErrorResponse", body);
    expect(body.error).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id" });
  });

  it("store: false writes nothing and cannot be continued or retrieved", async () => {
    const w = worker();
    w.kv.reset();
    const r = await w.client.responses.create({ model: "gpt-4o", input: "ephemeral", store: false });
    expect((r as unknown as { store: boolean }).store).toBe(false);
    expect(w.kv.take()).toMatchObject({ writes: 0, deletes: 0 });
    await expect(w.client.responses.retrieve(r.id)).rejects.toBeInstanceOf(NotFoundError);
    const res = await postJson(w, "/responses", { model: "gpt-4o", input: "again", previous_response_id: r.id });
    expect(res.status).toBe(400);
  });

  it("runs a function-tool loop over function_call_output", async () => {
    const w = worker();
    const first = await w.client.responses.create({
      model: "gpt-4o",
      input: 'What is the weather in "Paris"? use get_weather',
      tools: [weatherTool],
    });
    expectSchema("Response", first);
    const call = first.output.find((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === "function_call");
    expect(call?.name).toBe("get_weather");
    expect(call?.id).toMatch(/^fc_/);
    expect(JSON.parse(call?.arguments ?? "")).toMatchObject({ city: "Paris" });
    const second = await w.client.responses.create({
      model: "gpt-4o",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call?.call_id ?? "", output: '{"temp": 21}' }],
      tools: [weatherTool],
    });
    expectSchema("Response", second);
    expect(second.output_text).toContain('{"temp": 21}');
  });

  it("streams a function call as argument delta/done events", async () => {
    const { client } = worker();
    const stream = client.responses.stream({ model: "gpt-4o", input: "use get_weather", tools: [weatherTool] });
    const events: string[] = [];
    stream.on("event", (e) => {
      expectSchema("ResponseStreamEvent", e);
      events.push(e.type);
    });
    const final = await stream.finalResponse();
    expect(final.output[0]?.type).toBe("function_call");
    expect(events).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });

  it("hosted tools are echoed, not offered to the model, and named in a header; forcing one is a 400", async () => {
    const ai = fakeAi({ response: "ok" });
    const w = testWorker({ ai });
    const res = await postJson(w, "/responses", {
      model: "gpt-4o",
      input: "search",
      tools: [{ type: "web_search" }, { type: "code_interpreter", container: { type: "auto" } }],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ai-forwarder-unsupported-tools")).toBe("web_search, code_interpreter");
    const body = (await res.json()) as { tools: unknown[] };
    expectSchema("Response", body);
    expect(body.tools).toEqual([{ type: "web_search" }, { type: "code_interpreter", container: { type: "auto" } }]);
    expect(ai.calls[0]?.inputs.tools).toBeUndefined();
    const forced = await postJson(w, "/responses", {
      model: "gpt-4o",
      input: "x",
      tools: [{ type: "web_search" }],
      tool_choice: { type: "web_search" },
    });
    expect(forced.status).toBe(400);
  });

  it("max_tool_calls and parallel_tool_calls bound the calls returned", async () => {
    const twoCalls = {
      response: "",
      tool_calls: [
        { name: "get_weather", arguments: { city: "A", unit: "c" } },
        { name: "get_weather", arguments: { city: "B", unit: "c" } },
      ],
    };
    const w = testWorker({ ai: { run: async () => structuredClone(twoCalls) } });
    const both = await w.client.responses.create({ model: "gpt-4o", input: "x", tools: [weatherTool], store: false });
    expect(both.output.filter((o) => o.type === "function_call")).toHaveLength(2);
    const one = await w.client.responses.create({ model: "gpt-4o", input: "x", tools: [weatherTool], max_tool_calls: 1, store: false });
    expect(one.output.filter((o) => o.type === "function_call")).toHaveLength(1);
    const serial = await w.client.responses.create({
      model: "gpt-4o",
      input: "x",
      tools: [weatherTool],
      parallel_tool_calls: false,
      store: false,
    });
    expect(serial.output.filter((o) => o.type === "function_call")).toHaveLength(1);
    expect(serial.parallel_tool_calls).toBe(false);
  });
});

describe("background responses", () => {
  it("queued → in_progress → completed, pollable", async () => {
    const w = worker();
    const queued = await w.client.responses.create({ model: "gpt-4o", input: "in the background", background: true });
    expectSchema("Response", queued);
    expect(queued.status).toBe("queued");
    expect(queued.background).toBe(true);
    await w.settle();
    const done = await w.client.responses.retrieve(queued.id);
    expectSchema("Response", done);
    expect(done.status).toBe("completed");
    expect(done.output_text).toContain("in the background");
  });

  it("a cancel before the work finishes wins", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow = fakeAi(async () => {
      await gate;
      return { response: "late" };
    });
    const w = testWorker({ ai: slow, vars: { KV_WRITE_SPACING_MS: "0" } });
    const queued = await w.client.responses.create({ model: "gpt-4o", input: "slow", background: true });
    const polled = await w.client.responses.retrieve(queued.id);
    expect(polled.status).toBe("in_progress");
    const cancelled = await w.client.responses.cancel(queued.id);
    expectSchema("Response", cancelled);
    expect(cancelled.status).toBe("cancelled");
    release();
    await w.settle();
    expect((await w.client.responses.retrieve(queued.id)).status).toBe("cancelled");
    const again = await postJson(w, `/responses/${queued.id}/cancel`, {});
    expect(again.status).toBe(200);
  });

  it("cancel racing the finish ends consistent every time (the response's coordinator decides)", async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const finishes = fakeAi(async () => {
        await gate;
        return { response: "finished" };
      });
      const w = testWorker({ ai: finishes, vars: { KV_WRITE_SPACING_MS: "0" } });
      const queued = await w.client.responses.create({ model: "gpt-4o", input: "race", background: true });
      // Let the generation finish and the cancel arrive at the same time.
      release();
      const cancel = await postJson(w, `/responses/${queued.id}/cancel`, {});
      await w.settle();
      const final = await w.client.responses.retrieve(queued.id);
      if (cancel.status === 200) {
        expect(final.status, `round ${round}`).toBe("cancelled");
        expect(final.output, `round ${round}: a cancelled response keeps no reply`).toEqual([]);
        outcomes.add("cancelled");
      } else {
        expect(cancel.status, `round ${round}`).toBe(400);
        expect(((await cancel.json()) as { error: { code: string } }).error.code).toBe("response_not_cancellable");
        expect(final.status, `round ${round}`).toBe("completed");
        outcomes.add("completed");
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });

  it("cancelling a background response that already finished is a 400", async () => {
    const w = worker();
    const queued = await w.client.responses.create({ model: "gpt-4o", input: "quick", background: true });
    await w.settle();
    const res = await postJson(w, `/responses/${queued.id}/cancel`, {});
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expectSchema("ErrorResponse", body);
    expect(body.error.code).toBe("response_not_cancellable");
    expect((await w.client.responses.retrieve(queued.id)).status).toBe("completed");
  });
});
