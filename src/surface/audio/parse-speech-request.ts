/**
 * A `POST /v1/audio/speech` body → a speech job, checked against the resolved model: the
 * voice (OpenAI's names map to the model's speakers; its own speaker names work too), the
 * output format, and the settings Workers AI TTS models do not have (`speed`, `instructions`,
 * SSE streaming), which are refused rather than ignored.
 */
import type { Config } from "../../config";
import { type ResolvedModel, resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import { OPENAI_VOICES, type OpenAIVoice, type SpeechFormat } from "../../ai/registry/surface-catalog";
import { invalidParam } from "../../http/errors";
import { asObject, missing, optionalNumber, optionalString, requiredString } from "../../http/validate";

/** OpenAI's limit on `input`. */
export const MAX_SPEECH_INPUT = 4096;
const FORMATS: readonly SpeechFormat[] = ["mp3", "opus", "aac", "flac", "wav", "pcm"];

export interface SpeechRequest {
  model: ResolvedModel<"speech">;
  text: string;
  /** The model's speaker; undefined for single-voice models. */
  speaker: string | undefined;
  format: SpeechFormat;
}

export function parseSpeechRequest(body: Record<string, unknown>, config: Config, allowed?: ModelAllowlist): SpeechRequest {
  const model = resolveModel(requiredString(body, "model"), "speech", config, allowed);
  const text = requiredString(body, "input");
  if (text.trim() === "") throw invalidParam("input", "Invalid 'input': the text must not be empty.", "empty_string");
  if (text.length > MAX_SPEECH_INPUT) {
    throw invalidParam(
      "input",
      `Invalid 'input': string too long. Expected a string with maximum length ${MAX_SPEECH_INPUT}, but got a string with length ${text.length} instead.`,
      "string_above_max_length",
    );
  }
  const speaker = parseVoice(body.voice, model);
  const format = (optionalString(body, "response_format") ?? "mp3") as SpeechFormat;
  if (!FORMATS.includes(format))
    throw invalidParam("response_format", `Invalid value: '${format}'. Supported values are: ${FORMATS.map((f) => `'${f}'`).join(", ")}.`);
  const formats = model.info?.formats ?? ["mp3"];
  if (!formats.includes(format)) {
    throw invalidParam(
      "response_format",
      `The model \`${model.requested}\` (${model.model}) produces ${formats.join(", ")} only.`,
      "unsupported_value",
    );
  }
  const speed = optionalNumber(body, "speed", { min: 0.25, max: 4 });
  if (speed !== undefined && speed !== 1)
    throw unsupported("speed", "Workers AI text-to-speech models speak at one speed; only speed 1.0 is supported.");
  if (optionalString(body, "instructions"))
    throw unsupported("instructions", "Workers AI text-to-speech models take no voice instructions.");
  const streamFormat = optionalString(body, "stream_format");
  if (streamFormat !== undefined && streamFormat !== "audio") {
    throw streamFormat === "sse"
      ? unsupported("stream_format", "stream_format 'sse' is not supported; the audio body streams as it is generated.")
      : invalidParam("stream_format", `Invalid value: '${streamFormat}'. Supported values are: 'sse' and 'audio'.`);
  }
  return { model, text, speaker, format };
}

function parseVoice(raw: unknown, model: ResolvedModel<"speech">): string | undefined {
  if (raw === undefined || raw === null) throw missing("voice");
  const name = typeof raw === "string" ? raw : requiredString(asObject(raw, "voice"), "id", "voice.id");
  const voice = name.trim().toLowerCase();
  const info = model.info;
  if (!info) return voice; // uncatalogued: the binding judges the speaker
  if (!info.voices) {
    if ((OPENAI_VOICES as readonly string[]).includes(voice)) return undefined; // single-voice model: every OpenAI voice is its voice
    throw invalidParam(
      "voice",
      `Invalid voice '${name}'. Supported values are: ${OPENAI_VOICES.map((v) => `'${v}'`).join(", ")}.`,
      "invalid_value",
    );
  }
  if ((OPENAI_VOICES as readonly string[]).includes(voice)) return info.voices[voice as OpenAIVoice];
  if (info.speakers?.includes(voice)) return voice;
  throw invalidParam(
    "voice",
    `Invalid voice '${name}'. Supported values are OpenAI's (${OPENAI_VOICES.join(", ")}) and this model's speakers (${(info.speakers ?? []).join(", ")}).`,
    "invalid_value",
  );
}

function unsupported(param: string, message: string) {
  return invalidParam(param, message, "unsupported_parameter");
}
