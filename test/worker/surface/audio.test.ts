/**
 * `/v1/audio/transcriptions`, `/v1/audio/translations` and `/v1/audio/speech` with the official
 * SDK: a real WAV file built here (RIFF header + 16-bit PCM samples) goes up as a multipart
 * upload; every response format; speech bodies with the right content type; and 4xx errors
 * (wrong types, empty and oversized files, unsupported formats, unknown models).
 */
import { describe, expect, it } from "vitest";
import OpenAI, { toFile } from "openai";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, testWorker } from "../../helpers/worker";

/** A mono 16-bit PCM WAV: `seconds` of a 440 Hz tone at `rate` samples a second. */
function makeWav(seconds: number, rate = 16_000): Uint8Array {
  const samples = Math.round(seconds * rate);
  const out = new Uint8Array(44 + samples * 2);
  const view = new DataView(out.buffer);
  const tag = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  tag(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  tag(8, "WAVE");
  tag(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, "data");
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
  return out;
}

const WAV = makeWav(1.5);
const wavFile = () => toFile(WAV, "hello.wav", { type: "audio/wav" });

function multipart(fields: Record<string, string | Blob>, name = "hello.wav"): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, v, name);
  }
  return form;
}

describe("audio.transcriptions.create with the official SDK", () => {
  it("transcribes a real WAV upload (json)", async () => {
    const { client } = testWorker();
    const res = await client.audio.transcriptions.create({ file: await wavFile(), model: "whisper-1" });
    expectSchema("CreateTranscriptionResponseJson", res);
    expect(res.text).toBe(`[offline emulator] transcribed 1.50 seconds of wav audio (${WAV.length} bytes).`);
    expect(res.usage).toEqual({ type: "duration", seconds: 2 });
  });

  it("returns verbose_json with segments and word timestamps", async () => {
    const { client } = testWorker();
    const res = await client.audio.transcriptions.create({
      file: await wavFile(),
      model: "whisper-1",
      language: "en",
      prompt: "A greeting.",
      response_format: "verbose_json",
      timestamp_granularities: ["word", "segment"],
    });
    expectSchema("CreateTranscriptionResponseVerboseJson", res);
    expect(res.language).toBe("english");
    expect(res.duration).toBe(1.5);
    expect(res.text).toContain("Prompt: A greeting.");
    expect(res.segments?.[0]).toMatchObject({ id: 0, start: 0, end: 1.5 });
    expect(res.words?.length).toBeGreaterThan(3);
    expect(res.words?.at(-1)?.end).toBeCloseTo(1.5, 3);
  });

  it.each([
    ["text", /^\[offline emulator\] transcribed 1\.50 seconds of wav audio \(\d+ bytes\)\.\n$/],
    ["srt", /^1\n00:00:00,000 --> 00:00:01,500\n\[offline emulator\] transcribed .*\n\n$/],
    ["vtt", /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\n\[offline emulator\] transcribed .*\n\n$/],
  ] as const)("returns %s as text/plain", async (format, pattern) => {
    const w = testWorker();
    const text = await w.client.audio.transcriptions.create({ file: await wavFile(), model: "whisper-1", response_format: format });
    expect(text).toMatch(pattern);
    const raw = await w.fetch(`${BASE_URL}/audio/transcriptions`, {
      method: "POST",
      body: multipart({ model: "whisper-1", response_format: format, file: new Blob([WAV], { type: "audio/wav" }) }),
    });
    expect(raw.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("sends @cf/openai/whisper the audio as 8-bit values and decodes its words and WebVTT", async () => {
    const ai = fakeAi({
      text: " Hello there.",
      word_count: 2,
      words: [
        { word: "Hello", start: 0.1, end: 0.5 },
        { word: "there.", start: 0.6, end: 1.1 },
      ],
      vtt: "WEBVTT\n\n00:00.100 --> 00:01.100\nHello there.\n\n",
    });
    const { client } = testWorker({ ai });
    const res = await client.audio.transcriptions.create({
      file: await wavFile(),
      model: "@cf/openai/whisper",
      response_format: "verbose_json",
      timestamp_granularities: ["word", "segment"],
    });
    expect(ai.calls[0]?.inputs).toEqual({ audio: Array.from(WAV) });
    expectSchema("CreateTranscriptionResponseVerboseJson", res);
    expect(res.text).toBe("Hello there.");
    expect(res.duration).toBe(1.5); // from the WAV header
    expect(res.segments?.map((s) => [s.start, s.end, s.text])).toEqual([[0.1, 1.1, "Hello there."]]);
    expect(res.words).toEqual([
      { word: "Hello", start: 0.1, end: 0.5 },
      { word: "there.", start: 0.6, end: 1.1 },
    ]);
  });

  it("sends whisper-large-v3-turbo base64 audio with task, language and initial_prompt", async () => {
    const ai = fakeAi({
      text: "Bonjour",
      transcription_info: { language: "fr", duration: 1.5 },
      segments: [{ start: 0, end: 1.5, text: "Bonjour" }],
    });
    const { client } = testWorker({ ai });
    const res = await client.audio.transcriptions.create({
      file: await wavFile(),
      model: "whisper-1",
      language: "fr",
      prompt: "salut",
      response_format: "verbose_json",
    });
    const inputs = ai.calls[0]?.inputs ?? {};
    expect(Uint8Array.from(atob(String(inputs.audio)), (c) => c.charCodeAt(0))).toEqual(WAV);
    expect(inputs).toMatchObject({ task: "transcribe", language: "fr", initial_prompt: "salut" });
    expect(res.language).toBe("french");
  });

  it("maps a Workers AI failure to OpenAI's error", async () => {
    const { client } = testWorker({ ai: fakeAi(new Error("3006: Request is too large")) });
    const err = await client.audio.transcriptions.create({ file: await wavFile(), model: "whisper-1" }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
  });
});

describe("audio.translations.create", () => {
  it("translates with task=translate (json and verbose_json)", async () => {
    const { client } = testWorker();
    const res = await client.audio.translations.create({ file: await wavFile(), model: "whisper-1" });
    expectSchema("CreateTranslationResponseJson", res);
    expect(res.text).toContain("[offline emulator] translated 1.50 seconds");
    const verbose = await client.audio.translations.create({ file: await wavFile(), model: "whisper-1", response_format: "verbose_json" });
    expectSchema("CreateTranslationResponseVerboseJson", verbose);
    expect((verbose as unknown as { language: string }).language).toBe("english");
  });

  it("refuses models that cannot translate", async () => {
    const { client } = testWorker();
    const err = await client.audio.translations
      .create({ file: await wavFile(), model: "@cf/openai/whisper-tiny-en" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("model");
  });
});

describe("audio.speech.create with the official SDK", () => {
  it("returns an MP3 body (audio/mpeg) for tts-1", async () => {
    const { client } = testWorker();
    const res = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "Hello from the offline emulator." });
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xfb]);
    expect(bytes.length % 417).toBe(0);
  });

  it("returns WAV and raw PCM with their content types", async () => {
    const { client } = testWorker();
    const wav = await client.audio.speech.create({ model: "tts-1", voice: "nova", input: "one two three", response_format: "wav" });
    expect(wav.headers.get("content-type")).toBe("audio/wav");
    const wavBytes = new Uint8Array(await wav.arrayBuffer());
    expect(String.fromCharCode(...wavBytes.slice(0, 4), ...wavBytes.slice(8, 12))).toBe("RIFFWAVE");
    const pcm = await client.audio.speech.create({ model: "tts-1", voice: "nova", input: "one two three", response_format: "pcm" });
    expect(pcm.headers.get("content-type")).toBe("audio/pcm");
    expect((await pcm.arrayBuffer()).byteLength % 2).toBe(0);
  });

  it("maps OpenAI voices and formats to Aura's speaker, encoding and container", async () => {
    const ai = fakeAi(new Uint8Array([1, 2, 3]));
    const { client } = testWorker({ ai });
    const res = await client.audio.speech.create({ model: "tts-1-hd", voice: "onyx", input: "hi", response_format: "opus" });
    expect(ai.calls[0]).toEqual({
      model: "@cf/deepgram/aura-1",
      inputs: { text: "hi", encoding: "opus", container: "ogg", speaker: "zeus" },
    });
    expect(res.headers.get("content-type")).toBe("audio/opus");
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it("MeloTTS answers base64 MP3 in JSON, decoded to bytes", async () => {
    const { client } = testWorker({ vars: { SPEECH_MODEL: "@cf/myshell-ai/melotts" } });
    const res = await client.audio.speech.create({ model: "tts-1", voice: "shimmer", input: "Bonjour" });
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xfb]);
  });
});

describe("bad input on /v1/audio/*", () => {
  async function expectError(res: Response, status: number, param: string | null): Promise<string> {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string; param: string | null } };
    expectSchema("ErrorResponse", body);
    expect(body.error.param).toBe(param);
    return body.error.message;
  }

  const post = (w: ReturnType<typeof testWorker>, path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    w.fetch(`${BASE_URL}${path}`, { method: "POST", body, headers: { authorization: "Bearer sk-test", ...headers } });

  it.each([
    [{ file: new Blob([WAV]) }, "model"],
    [{ model: "whisper-1" }, "file"],
    [{ model: "whisper-1", file: "not a file" }, "file"],
    [{ model: "whisper-1", file: new Blob([]) }, "file"],
    [{ model: "whisper-1", file: new Blob([WAV]), response_format: "docx" }, "response_format"],
    [{ model: "whisper-1", file: new Blob([WAV]), language: "klingon" }, "language"],
    [{ model: "whisper-1", file: new Blob([WAV]), temperature: "0.7" }, "temperature"],
    [{ model: "whisper-1", file: new Blob([WAV]), "timestamp_granularities[]": "word" }, "timestamp_granularities"],
    [
      { model: "whisper-1", file: new Blob([WAV]), response_format: "verbose_json", "timestamp_granularities[]": "sentence" },
      "timestamp_granularities",
    ],
    [{ model: "@cf/openai/whisper", file: new Blob([WAV]), language: "de" }, "language"],
    [{ model: "@cf/openai/whisper-tiny-en", file: new Blob([WAV]), prompt: "x" }, "prompt"],
    [{ model: "tts-1", file: new Blob([WAV]) }, "model"],
  ])("transcriptions %# → 400 on %s", async (fields, param) => {
    await expectError(await post(testWorker(), "/audio/transcriptions", multipart(fields)), 400, param);
  });

  it("unknown model → 404", async () => {
    const res = await post(testWorker(), "/audio/transcriptions", multipart({ model: "whisper-9", file: new Blob([WAV]) }));
    await expectError(res, 404, "model");
  });

  it("rejects unsupported file formats by extension and by content", async () => {
    const w = testWorker();
    const byName = await expectError(
      await post(w, "/audio/transcriptions", multipart({ model: "whisper-1", file: new Blob([WAV]) }, "notes.txt")),
      400,
      "file",
    );
    expect(byName).toMatch(/Invalid file format/);
    await expectError(
      await post(w, "/audio/transcriptions", multipart({ model: "whisper-1", file: new Blob(["plain text"]) }, "upload")),
      400,
      "file",
    );
  });

  it("oversized uploads get a 413, by declared length and by the file itself", async () => {
    const w = testWorker({ vars: { MAX_AUDIO_BYTES: "1000" } });
    const res = await post(w, "/audio/transcriptions", multipart({ model: "whisper-1", file: new Blob([WAV]) }));
    expect(res.status).toBe(413);
    expectSchema("ErrorResponse", await res.json());
    const big = makeWav(40); // 1.28 MB: over 1000 bytes + the 1 MiB form allowance
    const declared = await post(w, "/audio/transcriptions", multipart({ model: "whisper-1", file: new Blob([big]) }));
    expect(declared.status).toBe(413);
    const { client } = testWorker({ vars: { MAX_AUDIO_BYTES: "1000" } });
    await expect(client.audio.transcriptions.create({ file: await wavFile(), model: "whisper-1" })).rejects.toMatchObject({ status: 413 });
  });

  it("models that take audio as a JSON array of numbers have a lower limit (413, naming the alternative)", async () => {
    const { client } = testWorker();
    const err = await client.audio.transcriptions
      .create({ file: await toFile(makeWav(140), "long.wav"), model: "@cf/openai/whisper" })
      .catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((err as Error).message).toMatch(/whisper-large-v3-turbo/);
  });

  it("a JSON body instead of multipart → 400", async () => {
    const res = await post(testWorker(), "/audio/transcriptions", JSON.stringify({ model: "whisper-1" }), {
      "content-type": "application/json",
    });
    await expectError(res, 400, null);
  });

  it.each([
    [{ voice: "alloy", input: "x" }, "model"],
    [{ model: "tts-1", voice: "alloy" }, "input"],
    [{ model: "tts-1", voice: "alloy", input: "" }, "input"],
    [{ model: "tts-1", voice: "alloy", input: 7 }, "input"],
    [{ model: "tts-1", voice: "alloy", input: "x".repeat(4097) }, "input"],
    [{ model: "tts-1", input: "x" }, "voice"],
    [{ model: "tts-1", voice: "gandalf", input: "x" }, "voice"],
    [{ model: "tts-1", voice: 3, input: "x" }, "voice"],
    [{ model: "tts-1", voice: "alloy", input: "x", response_format: "m4a" }, "response_format"],
    [{ model: "tts-1", voice: "alloy", input: "x", speed: 1.5 }, "speed"],
    [{ model: "tts-1", voice: "alloy", input: "x", speed: 9 }, "speed"],
    [{ model: "tts-1", voice: "alloy", input: "x", instructions: "whisper" }, "instructions"],
    [{ model: "tts-1", voice: "alloy", input: "x", stream_format: "sse" }, "stream_format"],
    [{ model: "@cf/myshell-ai/melotts", voice: "alloy", input: "x", response_format: "wav" }, "response_format"],
    [{ model: "whisper-1", voice: "alloy", input: "x" }, "model"],
  ])("speech %j → 400 on %s", async (body, param) => {
    const res = await post(testWorker(), "/audio/speech", JSON.stringify(body), { "content-type": "application/json" });
    await expectError(res, 400, param);
  });

  it("accepts Aura's own speaker names as the voice", async () => {
    const res = await post(testWorker(), "/audio/speech", JSON.stringify({ model: "tts-1", voice: "Angus", input: "x" }), {
      "content-type": "application/json",
    });
    expect(res.status).toBe(200);
  });
});
