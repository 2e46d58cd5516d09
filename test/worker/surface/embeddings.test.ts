/**
 * `POST /v1/embeddings` with the official SDK against the offline emulator (and a fake
 * binding where the Workers AI call itself is under test): both encodings, aliases,
 * Matryoshka `dimensions`, batching, the response cache, and OpenAI-shaped 4xx errors.
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { hashVector } from "../../../src/dev/emulator/embeddings";
import type { AiRunner } from "../../../src/ai/types";
import { expectSchema } from "../../helpers/openapi";
import { recordingEmulator } from "../../helpers/recording-emulator";
import { postJson, testWorker } from "../../helpers/worker";

function norm(v: readonly number[]): number {
  return Math.hypot(...v);
}

/** The float32 values a vector holds (what both encodings carry, as OpenAI's do). */
function float32(v: readonly number[]): number[] {
  return Array.from(new Float32Array(v));
}

describe("embeddings.create with the official SDK", () => {
  it("returns float vectors in OpenAI's list shape with real usage", async () => {
    const { client } = testWorker();
    const res = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: ["hello world", "ünïcödé 😀"],
      encoding_format: "float",
    });
    expectSchema("CreateEmbeddingResponse", res);
    expect(res.object).toBe("list");
    expect(res.model).toBe("text-embedding-3-small");
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    const [a, b] = res.data;
    expect(a?.embedding).toHaveLength(768); // embeddinggemma-300m
    expect(norm(a?.embedding ?? [])).toBeCloseTo(1, 5);
    expect(a?.embedding).not.toEqual(b?.embedding);
    // float32 values, each printed with the fewest digits that read back as the same float32.
    expect(float32(a?.embedding ?? [])).toEqual(float32(hashVector("hello world", 768)));
    expect(a?.embedding.every((x) => String(x).replace(/^-?0\.0*/, "").length <= 9)).toBe(true);
    expect(res.usage.prompt_tokens).toBeGreaterThan(0);
    expect(res.usage.total_tokens).toBe(res.usage.prompt_tokens);
  });

  it("sends base64 (little-endian float32) by default and the SDK decodes it to the same vector", async () => {
    const { client } = testWorker();
    const decoded = await client.embeddings.create({ model: "text-embedding-ada-002", input: "the same text" });
    expectSchema("CreateEmbeddingResponse", decoded);
    const floats = await client.embeddings.create({ model: "text-embedding-ada-002", input: "the same text", encoding_format: "float" });
    const want = floats.data[0]?.embedding ?? [];
    const got = decoded.data[0]?.embedding ?? [];
    expect(got).toHaveLength(768); // bge-base-en-v1.5
    expect(got).toEqual(Array.from(new Float32Array(want)));
  });

  it("encodes base64 exactly as OpenAI does on the wire", async () => {
    const w = testWorker();
    const res = await postJson(w, "/embeddings", { model: "@cf/baai/bge-small-en-v1.5", input: "wire", encoding_format: "base64" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { embedding: string }[] };
    const b64 = body.data[0]?.embedding ?? "";
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const floats = Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
    expect(floats).toEqual(Array.from(new Float32Array(hashVector("wire", 384))));
  });

  it("honours dimensions on Matryoshka models by truncating and re-normalising", async () => {
    const { client } = testWorker();
    const small = await client.embeddings.create({
      model: "text-embedding-3-small",
      input: "mrl",
      dimensions: 256,
      encoding_format: "float",
    });
    const v = small.data[0]?.embedding ?? [];
    expect(v).toHaveLength(256);
    expect(norm(v)).toBeCloseTo(1, 5);
    const full = hashVector("mrl", 768).slice(0, 256);
    const scale = norm(full);
    expect(v[0]).toBeCloseTo((full[0] ?? 0) / scale, 7);
    const large = await client.embeddings.create({
      model: "text-embedding-3-large",
      input: "mrl",
      dimensions: 100,
      encoding_format: "float",
    });
    expect(large.data[0]?.embedding).toHaveLength(100); // qwen3-embedding: any of 32–1024
    const native = await client.embeddings.create({
      model: "@cf/baai/bge-large-en-v1.5",
      input: "x",
      dimensions: 1024,
      encoding_format: "float",
    });
    expect(native.data[0]?.embedding).toHaveLength(1024);
  });

  it("batches large inputs within Workers AI's 100-texts-per-call limit, keeping order", async () => {
    const ai = recordingEmulator();
    const { client } = testWorker({ ai });
    const input = Array.from({ length: 250 }, (_, i) => `text number ${i}`);
    const res = await client.embeddings.create({ model: "text-embedding-ada-002", input, encoding_format: "float" });
    expect(ai.calls.map((c) => (c.inputs.text as string[]).length)).toEqual([100, 100, 50]);
    expect(ai.calls[0]?.inputs.pooling).toBe("cls");
    expect(res.data).toHaveLength(250);
    expect(res.data[249]?.index).toBe(249);
    expect(float32(res.data[249]?.embedding ?? [])).toEqual(float32(hashVector("text number 249", 768)));
  });

  it("serves a repeated request from the response cache without calling Workers AI", async () => {
    const ai = recordingEmulator();
    const w = testWorker({ ai });
    const body = { model: "text-embedding-3-small", input: ["cache me"], encoding_format: "float" };
    const first = await postJson(w, "/embeddings", body);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const firstBody = await first.json();
    await w.settle();
    const second = await postJson(w, "/embeddings", { ...body, dimensions: 128 });
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(ai.calls).toHaveLength(1);
    const third = await postJson(w, "/embeddings", body);
    expect(await third.json()).toEqual(firstBody);
    expect(((await second.json()) as { data: { embedding: number[] }[] }).data[0]?.embedding).toHaveLength(128);
  });

  it("caches 100 inputs of 768 dimensions (packed, under the entry cap) and replays them exactly", async () => {
    const ai = recordingEmulator();
    const w = testWorker({ ai });
    const body = { model: "text-embedding-3-small", input: Array.from({ length: 100 }, (_, i) => `cached text ${i}`) };
    const first = await postJson(w, "/embeddings", body);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const firstText = await first.text();
    await w.settle();
    const second = await postJson(w, "/embeddings", body);
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe(firstText);
    expect(ai.calls).toHaveLength(1);
  });

  it("keeps each response's bytes its own when the next request renders before the first is read", async () => {
    // Bodies are rendered into one reused buffer; the Response must hold a copy.
    const w = testWorker();
    const body = (tag: string) => ({ model: "text-embedding-3-small", input: [`first ${tag}`, `second ${tag}`], encoding_format: "float" });
    const a = await postJson(w, "/embeddings", body("a"));
    const b = await postJson(w, "/embeddings", body("b"));
    const [textA, textB] = [await a.text(), await b.text()];
    expect(textA).not.toBe(textB);
    const vectors = (text: string) => (JSON.parse(text) as { data: { embedding: number[] }[] }).data.map((d) => float32(d.embedding));
    expect(vectors(textA)).toEqual([float32(hashVector("first a", 768)), float32(hashVector("second a", 768))]);
    expect(vectors(textB)).toEqual([float32(hashVector("first b", 768)), float32(hashVector("second b", 768))]);
  });

  it("answers 502 when Workers AI returns a vector with a value that is not a finite number", async () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "0.5", null]) {
      const ai: AiRunner = {
        run: async () => ({
          shape: [2, 3],
          data: [
            [0.1, 0.2, 0.3],
            [0.4, bad, 0.6],
          ],
        }),
      };
      const res = await postJson(testWorker({ ai }), "/embeddings", { model: "text-embedding-3-small", input: ["a", "b"] });
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("upstream_error");
    }
  });

  it("maps a Workers AI failure to OpenAI's error (capacity → 429)", async () => {
    const { client } = testWorker();
    await expect(client.embeddings.create({ model: "text-embedding-3-small", input: "[emulate-error:3040]" })).rejects.toBeInstanceOf(
      OpenAI.RateLimitError,
    );
  });
});

describe("bad input on /v1/embeddings", () => {
  async function expectError(response: Response, status: number, param: string | null): Promise<{ message: string; code: string | null }> {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { message: string; param: string | null; code: string | null } };
    expectSchema("ErrorResponse", body);
    expect(body.error.param).toBe(param);
    return body.error;
  }

  it.each([
    [{ input: "x" }, "model"],
    [{ model: "text-embedding-3-small" }, "input"],
    [{ model: "text-embedding-3-small", input: "" }, "input"],
    [{ model: "text-embedding-3-small", input: [] }, "input"],
    [{ model: "text-embedding-3-small", input: ["ok", ""] }, "input[1]"],
    [{ model: "text-embedding-3-small", input: 42 }, "input"],
    [{ model: "text-embedding-3-small", input: ["ok", 3] }, "input[1]"],
    [{ model: "text-embedding-3-small", input: Array.from({ length: 2049 }, () => "x") }, "input"],
    [{ model: "text-embedding-3-small", input: "x", encoding_format: "int8" }, "encoding_format"],
    [{ model: "text-embedding-3-small", input: "x", dimensions: 0 }, "dimensions"],
    [{ model: "text-embedding-3-small", input: "x", dimensions: 1.5 }, "dimensions"],
  ])("%j → 400 on %s", async (body, param) => {
    await expectError(await postJson(testWorker(), "/embeddings", body), 400, param);
  });

  it("refuses token arrays clearly, naming the model", async () => {
    const w = testWorker();
    const flat = await expectError(
      await postJson(w, "/embeddings", { model: "text-embedding-3-small", input: [1212, 318, 257] }),
      400,
      "input",
    );
    expect(flat.message).toMatch(/takes text, not token arrays/);
    expect(flat.message).toContain("@cf/google/embeddinggemma-300m");
    await expectError(await postJson(w, "/embeddings", { model: "text-embedding-3-small", input: [[1, 2], [3]] }), 400, "input");
  });

  it("refuses a dimensions value the model was not trained for", async () => {
    const w = testWorker();
    const bge = await expectError(
      await postJson(w, "/embeddings", { model: "text-embedding-ada-002", input: "x", dimensions: 256 }),
      400,
      "dimensions",
    );
    expect(bge.message).toMatch(/768-dimensional.*not trained to be shortened/);
    const gemma = await expectError(
      await postJson(w, "/embeddings", { model: "text-embedding-3-small", input: "x", dimensions: 300 }),
      400,
      "dimensions",
    );
    expect(gemma.message).toMatch(/512, 256, 128/);
    await expectError(
      await postJson(w, "/embeddings", { model: "text-embedding-3-large", input: "x", dimensions: 2048 }),
      400,
      "dimensions",
    );
  });

  it("unknown model → 404 model_not_found; a chat or image model → 400", async () => {
    const { client } = testWorker();
    const err = await client.embeddings.create({ model: "no-such-model", input: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    await expect(client.embeddings.create({ model: "gpt-4o", input: "x" })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.embeddings.create({ model: "dall-e-3", input: "x" })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it("EMBEDDING_MODEL and MODEL_ALIASES choose the model behind OpenAI's names", async () => {
    const viaKind = testWorker({ vars: { EMBEDDING_MODEL: "@cf/baai/bge-m3" } });
    const a = await viaKind.client.embeddings.create({ model: "text-embedding-3-small", input: "x", encoding_format: "float" });
    expect(a.data[0]?.embedding).toHaveLength(1024);
    const viaAlias = testWorker({ vars: { MODEL_ALIASES: "text-embedding-3-small=@cf/baai/bge-small-en-v1.5" } });
    const b = await viaAlias.client.embeddings.create({ model: "text-embedding-3-small", input: "x", encoding_format: "float" });
    expect(b.data[0]?.embedding).toHaveLength(384);
  });
});
