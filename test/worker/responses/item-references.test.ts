/**
 * `item_reference` input items: a reference to an output item of a stored response stands
 * for that item (one KV read), is listed as input, and an unknown one is OpenAI's 404.
 */
import { describe, expect, it } from "vitest";
import { outputItemIds, responseOfItem } from "../../../src/responses/item-references";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

const worker = () =>
  testWorker({
    ai: { run: async (_m, inputs) => ({ response: JSON.stringify(inputs.messages) }) },
    vars: { KV_WRITE_SPACING_MS: "0" },
  });

describe("item_reference", () => {
  it("output item ids name their response, and sort in creation order", () => {
    const ids = outputItemIds("resp_0VcazJtsqMAUf5kIjIpYeRfQ");
    const [a, b] = [ids("msg_"), ids("fc_")];
    expect([a, b]).toEqual(["msg_0VcazJtsqMAUf5kIjIpYeRfQ_000", "fc_0VcazJtsqMAUf5kIjIpYeRfQ_001"]);
    expect(responseOfItem(b)).toBe("resp_0VcazJtsqMAUf5kIjIpYeRfQ");
    expect(responseOfItem("msg_0VcazJtsqMAUf5kIjIpYeRfQ")).toBeNull();
  });

  it("stands for the stored item it names", async () => {
    const w = worker();
    const first = await w.client.responses.create({ model: "gpt-4o", input: "my name is Ada" });
    const answer = first.output[0];
    if (answer?.type !== "message") throw new Error("expected a message");
    w.kv.reset();
    const second = await w.client.responses.create({
      model: "gpt-4o",
      input: [
        { role: "user", content: "my name is Ada" },
        { type: "item_reference", id: answer.id },
        { role: "user", content: "what is my name?" },
      ],
    });
    expectSchema("Response", second);
    // One read resolves the reference; one write stores the response.
    expect(w.kv.take()).toMatchObject({ reads: 1, writes: 1 });
    const prompt = JSON.parse(second.output_text) as { role: string; content: string }[];
    expect(prompt.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(prompt[1]?.content).toBe(first.output_text);
    const listed = await w.client.responses.inputItems.list(second.id, { order: "asc" });
    expect(listed.data[1]).toEqual(answer);
  });

  it("an unknown reference is a 404 naming it", async () => {
    const w = worker();
    for (const id of ["msg_0VcazJtsqMAUf5kIjIpYeRfQ_000", "msg_whatever"]) {
      const res = await postJson(w, "/responses", { model: "gpt-4o", input: [{ type: "item_reference", id }] });
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: { message: string; param: string } };
      expectSchema("ErrorResponse", body);
      expect(body.error).toMatchObject({ message: expect.stringContaining(`'${id}' not found`), param: "input" });
    }
    const missingId = await postJson(w, "/responses", { model: "gpt-4o", input: [{ type: "item_reference" }] });
    expect(missingId.status).toBe(400);
    expect(((await missingId.json()) as { error: { param: string } }).error.param).toBe("input[0].id");
  });
});
