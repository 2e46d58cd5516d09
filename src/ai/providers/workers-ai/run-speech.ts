/**
 * Text to speech on Workers AI. OpenAI's `response_format` maps to Aura's encoding and
 * container (one table, below); MeloTTS takes `{prompt, lang}` and answers base64 MP3.
 * A streamed answer is passed through as it arrives; other output kinds are read whole.
 */
import type { ResolvedModel } from "../../registry/resolve-model";
import type { SpeechFormat } from "../../registry/surface-catalog";
import type { AiRunner } from "../../types";
import type { SpeechAudio, SpeechJob } from "../types";
import { readBinaryOutput } from "./binary-output";
import { mapWorkersAiError } from "./error-table";

/** OpenAI format → Aura inputs and the content type OpenAI answers with. `pcm` is OpenAI's 24 kHz 16-bit little-endian mono. */
export const SPEECH_FORMATS = {
  mp3: { inputs: { encoding: "mp3" }, contentType: "audio/mpeg" },
  opus: { inputs: { encoding: "opus", container: "ogg" }, contentType: "audio/opus" },
  aac: { inputs: { encoding: "aac" }, contentType: "audio/aac" },
  flac: { inputs: { encoding: "flac" }, contentType: "audio/flac" },
  wav: { inputs: { encoding: "linear16", container: "wav" }, contentType: "audio/wav" },
  pcm: { inputs: { encoding: "linear16", container: "none", sample_rate: 24_000 }, contentType: "audio/pcm" },
} as const satisfies Record<SpeechFormat, { inputs: Record<string, unknown>; contentType: string }>;

export async function runSpeech(ai: AiRunner, model: ResolvedModel<"speech">, job: SpeechJob): Promise<SpeechAudio> {
  const melo = model.info?.api === "melotts";
  const inputs: Record<string, unknown> = melo
    ? { prompt: job.text, lang: "en" }
    : { text: job.text, ...SPEECH_FORMATS[job.format].inputs };
  if (!melo && job.speaker) inputs.speaker = job.speaker;
  let output: unknown;
  try {
    output = await ai.run(model.model, inputs);
  } catch (err) {
    throw mapWorkersAiError(err, { model: model.model });
  }
  const contentType = SPEECH_FORMATS[job.format].contentType;
  if (output instanceof ReadableStream) return { body: output as ReadableStream<Uint8Array>, contentType };
  if (output instanceof Response && output.body) return { body: output.body, contentType };
  return { body: await readBinaryOutput(output, "audio", model.model), contentType };
}
