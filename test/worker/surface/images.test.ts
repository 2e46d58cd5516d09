/**
 * `POST /v1/images/generations` and `GET /v1/images/{id}`: both response formats with the
 * official SDK, fetching the URL without an API key, both Workers AI output kinds (base64
 * JSON and a PNG byte stream), KV cost, and OpenAI-shaped 4xx errors.
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { TINY_PNG_BASE64, tinyPng } from "../../../src/dev/emulator/media-bytes";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, postJson, testWorker } from "../../helpers/worker";

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

function decode(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function pngStream(): ReadableStream<Uint8Array> {
  const bytes = tinyPng();
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes.slice(0, 10));
      c.enqueue(bytes.slice(10));
      c.close();
    },
  });
}

describe("images.generate with the official SDK", () => {
  it("returns b64_json from flux-1-schnell (a base64 JPEG) for dall-e-3", async () => {
    const { client, kv } = testWorker();
    kv.reset();
    const res = await client.images.generate({ model: "dall-e-3", prompt: "an orange cloud", response_format: "b64_json" });
    expectSchema("ImagesResponse", res);
    expect(res.data).toHaveLength(1);
    const b64 = res.data?.[0]?.b64_json ?? "";
    expect([...decode(b64).slice(0, 3)]).toEqual(JPEG_MAGIC);
    expect(res.output_format).toBe("jpeg");
    expect(kv.take().writes).toBe(0); // base64 answers store nothing
  });

  it("returns URLs on this Worker that serve the image without an API key, one KV write each", async () => {
    const w = testWorker({ vars: { API_KEYS: "sk-test", ALLOW_ANONYMOUS: "false" } });
    w.kv.reset();
    const res = await w.client.images.generate({ model: "dall-e-2", prompt: "two llamas", n: 2, size: "1024x1024" });
    expectSchema("ImagesResponse", res);
    expect(w.kv.take().writes).toBe(2);
    const urls = (res.data ?? []).map((d) => d.url ?? "");
    expect(urls).toHaveLength(2);
    expect(new Set(urls).size).toBe(2);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/ai-forwarder\.test\/v1\/images\/img_[0-9A-Za-z]{32}$/);
      const image = await w.fetch(url); // no Authorization header, as a browser <img> would fetch it
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/jpeg");
      expect(image.headers.get("access-control-allow-origin")).toBe("*");
      expect([...new Uint8Array(await image.arrayBuffer()).slice(0, 3)]).toEqual(JPEG_MAGIC);
    }
    expect(w.kv.take().reads).toBe(2);
  });

  it("defaults to b64_json for gpt-image-1, as OpenAI does", async () => {
    const { client } = testWorker();
    const res = await client.images.generate({ model: "gpt-image-1", prompt: "a lizard" });
    expect(res.data?.[0]?.b64_json).toBeTruthy();
    expect(res.data?.[0]?.url).toBeUndefined();
  });

  it("reads a PNG byte stream (Stable Diffusion family) and passes size and quality as inputs", async () => {
    const ai = fakeAi(() => pngStream());
    const { client } = testWorker({ ai });
    const res = await client.images.generate({
      model: "@cf/stabilityai/stable-diffusion-xl-base-1.0",
      prompt: "a castle",
      size: "512x768",
      quality: "hd",
      response_format: "b64_json",
    });
    expectSchema("ImagesResponse", res);
    expect(res.data?.[0]?.b64_json).toBe(TINY_PNG_BASE64);
    expect(res.output_format).toBe("png");
    expect(ai.calls[0]?.inputs).toEqual({ prompt: "a castle", width: 512, height: 768, num_steps: 20 });
  });

  it("maps quality to flux steps and never sends a size flux cannot take", async () => {
    const ai = fakeAi({ image: TINY_PNG_BASE64 });
    const { client } = testWorker({ ai });
    await client.images.generate({ model: "dall-e-3", prompt: "p", quality: "hd", size: "1024x1024", response_format: "b64_json" });
    expect(ai.calls[0]).toEqual({ model: "@cf/black-forest-labs/flux-1-schnell", inputs: { prompt: "p", steps: 8 } });
  });

  it("IMAGE_MODEL chooses the model behind OpenAI's names", async () => {
    const ai = fakeAi(() => pngStream());
    const { client } = testWorker({ ai, vars: { IMAGE_MODEL: "@cf/bytedance/stable-diffusion-xl-lightning" } });
    const res = await client.images.generate({ model: "dall-e-2", prompt: "p", response_format: "b64_json" });
    expect(ai.calls[0]?.model).toBe("@cf/bytedance/stable-diffusion-xl-lightning");
    expect([...decode(res.data?.[0]?.b64_json ?? "").slice(0, 4)]).toEqual(PNG_MAGIC);
  });

  it("answers 503 (suggesting b64_json) when KV cannot store the image for its URL (429, retried twice)", async () => {
    // Spacing 0: the write layer retries at once instead of after 1 s and 2 s.
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const kv = w.env.CACHE;
    let puts = 0;
    w.env.CACHE = new Proxy(kv, {
      get(target, prop, receiver) {
        if (prop === "put")
          return () => {
            puts++;
            return Promise.reject(new Error("KV PUT failed: 429 Too Many Requests"));
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const res = await postJson(w, "/images/generations", { model: "dall-e-2", prompt: "p" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/b64_json/);
    expect(puts).toBe(3);
  });

  it("answers 502 when Workers AI returns something that is not an image", async () => {
    const { client } = testWorker({ ai: fakeAi({ image: btoa("not an image at all") }) });
    const err = await client.images.generate({ model: "dall-e-2", prompt: "p" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
  });
});

describe("GET /v1/images/{id}", () => {
  it("404s in OpenAI's envelope for unknown and malformed ids, without a KV read for malformed ones", async () => {
    const w = testWorker({ vars: { API_KEYS: "sk-test", ALLOW_ANONYMOUS: "false" } });
    w.kv.reset();
    const unknown = await w.fetch(`${BASE_URL}/images/img_${"a".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expectSchema("ErrorResponse", await unknown.json());
    const malformed = await w.fetch(`${BASE_URL}/images/..%2Fcache%2Fx`);
    expect(malformed.status).toBe(404);
    expect(w.kv.take().reads).toBe(1);
  });

  it("other routes still require the API key", async () => {
    const w = testWorker({ vars: { API_KEYS: "sk-test", ALLOW_ANONYMOUS: "false" } });
    const res = await w.fetch(`${BASE_URL}/images/generations`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(401);
  });
});

describe("bad input on /v1/images/generations", () => {
  const ok = { model: "dall-e-2", prompt: "a cat" };

  it.each([
    [{ model: "dall-e-2" }, "prompt", 400],
    [{ ...ok, prompt: "" }, "prompt", 400],
    [{ ...ok, prompt: 42 }, "prompt", 400],
    [{ ...ok, prompt: "x".repeat(2049) }, "prompt", 400],
    [{ ...ok, n: 0 }, "n", 400],
    [{ ...ok, n: 11 }, "n", 400],
    [{ ...ok, n: "2" }, "n", 400],
    [{ ...ok, size: "big" }, "size", 400],
    [{ ...ok, size: "512x512" }, "size", 400], // flux-1-schnell is 1024x1024 only
    [{ ...ok, model: "@cf/stabilityai/stable-diffusion-xl-base-1.0", size: "4096x4096" }, "size", 400],
    [{ ...ok, response_format: "png" }, "response_format", 400],
    [{ ...ok, quality: "ultra" }, "quality", 400],
    [{ ...ok, style: "vivid" }, "style", 400],
    [{ ...ok, background: "transparent" }, "background", 400],
    [{ ...ok, output_format: "webp" }, "output_format", 400],
    [{ ...ok, stream: true }, "stream", 400],
    [{ ...ok, model: "text-embedding-3-small" }, "model", 400],
    [{ ...ok, model: "imagine-9000" }, "model", 404],
  ])("%j → %s (%i)", async (body, param, status) => {
    const res = await postJson(testWorker(), "/images/generations", body);
    expect(res.status).toBe(status);
    const err = (await res.json()) as { error: { param: string | null } };
    expectSchema("ErrorResponse", err);
    expect(err.error.param).toBe(param);
  });

  it("accepts the output_format the model really produces", async () => {
    const res = await postJson(testWorker(), "/images/generations", { ...ok, output_format: "jpeg", response_format: "b64_json" });
    expect(res.status).toBe(200);
  });
});
