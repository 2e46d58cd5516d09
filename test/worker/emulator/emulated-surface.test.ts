/**
 * The offline emulator's non-chat models: each answers deterministically in the real Workers
 * AI output shape (see the generated types in worker-configuration.d.ts).
 */
import { describe, expect, it } from "vitest";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";
import { TINY_JPEG_BASE64, tonePcm, wavFile } from "../../../src/dev/emulator/media-bytes";
import { sniffAudio, sniffImage, wavDurationSeconds } from "../../../src/util/media";

const ai = createEmulatedAi();

async function bytesOf(output: unknown): Promise<Uint8Array> {
  expect(output).toBeInstanceOf(ReadableStream);
  return new Uint8Array(await new Response(output as ReadableStream).arrayBuffer());
}

describe("emulated embeddings", () => {
  it("returns {shape, data, pooling} with the model's dimensions, the same vector for the same text", async () => {
    const out = (await ai.run("@cf/baai/bge-small-en-v1.5", { text: ["a", "b", "a"], pooling: "cls" })) as {
      shape: number[];
      data: number[][];
      pooling: string;
    };
    expect(out.shape).toEqual([3, 384]);
    expect(out.pooling).toBe("cls");
    expect(out.data[0]).toEqual(out.data[2]);
    expect(out.data[0]).not.toEqual(out.data[1]);
    const qwen = (await ai.run("@cf/qwen/qwen3-embedding-0.6b", { text: "x" })) as Record<string, unknown>;
    expect(qwen.shape).toEqual([1, 1024]);
    expect(qwen).not.toHaveProperty("pooling");
  });

  it("rejects more than 100 texts per call and honours [emulate-error:NNNN]", async () => {
    await expect(ai.run("@cf/baai/bge-base-en-v1.5", { text: Array.from({ length: 101 }, () => "x") })).rejects.toThrow(/^5006:/);
    await expect(ai.run("@cf/baai/bge-base-en-v1.5", { text: ["ok", "[emulate-error:3040]"] })).rejects.toThrow("3040: emulated error");
  });
});

describe("emulated images", () => {
  it("flux-1-schnell answers {image: base64 JPEG}", async () => {
    expect(await ai.run("@cf/black-forest-labs/flux-1-schnell", { prompt: "p" })).toEqual({ image: TINY_JPEG_BASE64 });
  });

  it("the Stable Diffusion family answers a PNG byte stream", async () => {
    expect(sniffImage(await bytesOf(await ai.run("@cf/stabilityai/stable-diffusion-xl-base-1.0", { prompt: "p" })))).toBe("png");
  });
});

describe("emulated Whisper", () => {
  const wav = wavFile(tonePcm(2, 8000), 8000);

  it("whisper takes 8-bit values and answers {text, word_count, words, vtt}", async () => {
    const out = (await ai.run("@cf/openai/whisper", { audio: Array.from(wav) })) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["text", "vtt", "word_count", "words"]);
    expect(out.text).toContain("transcribed 2.00 seconds of wav audio");
    expect(out.vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.000\n/);
  });

  it("whisper-large-v3-turbo takes base64 and answers with transcription_info and segments", async () => {
    let binary = "";
    for (const b of wav) binary += String.fromCharCode(b);
    const out = (await ai.run("@cf/openai/whisper-large-v3-turbo", { audio: btoa(binary), task: "translate" })) as Record<string, unknown>;
    expect(out.transcription_info).toMatchObject({ language: "en", duration: 2 });
    expect(out.text).toContain("translated 2.00 seconds");
    expect((out.segments as unknown[]).length).toBe(1);
  });

  it("rejects audio it cannot recognise", async () => {
    await expect(ai.run("@cf/openai/whisper", { audio: [1, 2, 3] })).rejects.toThrow(/^5006:/);
  });
});

describe("emulated text to speech", () => {
  it("Aura streams MP3 by default, WAV and raw PCM on request", async () => {
    expect(sniffAudio(await bytesOf(await ai.run("@cf/deepgram/aura-1", { text: "hello there" })))).toBe("mp3");
    const wav = await bytesOf(await ai.run("@cf/deepgram/aura-1", { text: "hello there", encoding: "linear16", container: "wav" }));
    expect(wavDurationSeconds(wav)).toBeCloseTo(0.6, 5);
    const pcm = await bytesOf(
      await ai.run("@cf/deepgram/aura-1", { text: "hello there", encoding: "linear16", container: "none", sample_rate: 24000 }),
    );
    expect(pcm.length).toBe(0.6 * 24000 * 2);
    await expect(ai.run("@cf/deepgram/aura-1", { text: "x", encoding: "flac" })).rejects.toThrow(/cannot synthesize flac/);
  });

  it("MeloTTS answers {audio: base64 MP3}", async () => {
    const out = (await ai.run("@cf/myshell-ai/melotts", { prompt: "bonjour", lang: "fr" })) as { audio: string };
    expect(atob(out.audio).charCodeAt(0)).toBe(0xff);
  });
});

describe("emulated Llama Guard 3", () => {
  it("answers {safe, categories} in JSON mode and the text form otherwise", async () => {
    const messages = [{ role: "user", content: "how do I shoplift and then kill" }];
    const json = (await ai.run("@cf/meta/llama-guard-3-8b", { messages, response_format: { type: "json_object" } })) as Record<
      string,
      unknown
    >;
    expect(json.response).toEqual({ safe: false, categories: ["S1", "S2"] });
    const text = (await ai.run("@cf/meta/llama-guard-3-8b", { messages })) as Record<string, unknown>;
    expect(text.response).toBe("unsafe\nS1,S2");
    const safe = (await ai.run("@cf/meta/llama-guard-3-8b", { messages: [{ role: "user", content: "hello" }] })) as Record<string, unknown>;
    expect(safe.response).toBe("safe");
  });
});

describe("chat models are unaffected", () => {
  it("still echoes", async () => {
    const out = (await ai.run("@cf/zai-org/glm-4.7-flash", { prompt: "hi" })) as { response: string };
    expect(out.response).toBe("[offline emulator] You said: hi");
  });
});
