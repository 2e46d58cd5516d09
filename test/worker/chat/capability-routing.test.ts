/**
 * Capability routing and names without configuration: an image sent under an OpenAI name whose
 * model has no vision is answered by VISION_MODEL (the client's name echoed, the backend named
 * in a header); a client that named a text-only @cf/ id keeps its 400; the OpenAI Agents SDK's
 * default model name (`gpt-5.6-luna`, @openai/agents-core 0.20.0) works as is.
 */
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const withImage = [
  {
    role: "user",
    content: [
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: PNG } },
    ],
  },
];

describe("capability routing", () => {
  it("an image to gpt-4o is answered by the vision model", async () => {
    const ai = fakeAi(fx.CHAT_TEXT_GEMMA4);
    const res = await postJson(testWorker({ ai }), "/chat/completions", { model: "gpt-4o", messages: withImage });
    expect(res.status).toBe(200);
    expect(ai.calls[0]?.model).toBe("@cf/google/gemma-4-26b-a4b-it");
    expect(res.headers.get("x-workers-ai-model")).toBe("@cf/google/gemma-4-26b-a4b-it");
    const body = (await res.json()) as { model: string };
    expectSchema("CreateChatCompletionResponse", body);
    expect(body.model).toBe("gpt-4o");
  });

  it("VISION_MODEL chooses the vision model", async () => {
    const ai = fakeAi(fx.NATIVE_TEXT);
    const vars = { VISION_MODEL: "@cf/meta/llama-4-scout-17b-16e-instruct" };
    await postJson(testWorker({ ai, vars }), "/chat/completions", { model: "gpt-4.1", messages: withImage });
    expect(ai.calls[0]?.model).toBe("@cf/meta/llama-4-scout-17b-16e-instruct");
  });

  it("a text-only Workers AI id named explicitly keeps its 400", async () => {
    const res = await postJson(testWorker({ ai: fakeAi() }), "/chat/completions", {
      model: "@cf/zai-org/glm-4.7-flash",
      messages: withImage,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("model_not_vision_capable");
  });

  it("the Agents SDK's default model name works with no configuration", async () => {
    const ai = fakeAi(fx.CHAT_TEXT);
    const res = await postJson(testWorker({ ai }), "/chat/completions", {
      model: "gpt-5.6-luna",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(res.status).toBe(200);
    expect(ai.calls[0]?.model).toBe("@cf/zai-org/glm-4.7-flash");
    expect(((await res.json()) as { model: string }).model).toBe("gpt-5.6-luna");
  });

  it("/v1/models lists current OpenAI names and knows any snapshot", async () => {
    const res = await testWorker().fetch(new Request("https://ai-forwarder.test/v1/models"));
    const ids = ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["gpt-5.6-luna", "gpt-5", "o3", "gpt-4o", "chatgpt-4o-latest"]));
    const snapshot = await testWorker().fetch(new Request("https://ai-forwarder.test/v1/models/gpt-4o-2024-11-20"));
    expect(((await snapshot.json()) as { id: string }).id).toBe("gpt-4o-2024-11-20");
    expect((await testWorker().fetch(new Request("https://ai-forwarder.test/v1/models/claude-99"))).status).toBe(404);
  });
});
