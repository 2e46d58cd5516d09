/**
 * A `multipart/form-data` transcription or translation request → a Whisper job and how to
 * render it, checked against what the resolved model can do. Form fields arrive as strings;
 * `timestamp_granularities[]` is the official SDKs' spelling of the array.
 */
import type { TranscriptionJob } from "../../ai/providers/types";
import type { Config } from "../../config";
import { type ResolvedModel, resolveModel } from "../../ai/registry/resolve-model";
import type { ModelAllowlist } from "../../keys/model-allowlist";
import { OpenAIError, invalidParam } from "../../http/errors";
import { tooLarge } from "../../http/read-multipart";
import { missing } from "../../http/validate";
import { AUDIO_EXTENSIONS, type AudioExtension, sniffAudio } from "../../util/media";
import { WHISPER_LANGUAGES } from "./whisper-languages";

export type TranscriptFormat = "json" | "text" | "srt" | "verbose_json" | "vtt";
const FORMATS: readonly TranscriptFormat[] = ["json", "text", "srt", "verbose_json", "vtt"];

export interface TranscriptionRequest {
  model: ResolvedModel<"transcription">;
  job: TranscriptionJob;
  format: TranscriptFormat;
  /** Which timestamps verbose_json carries. */
  granularities: { segment: boolean; word: boolean };
  /** The upload's container, by extension or content. */
  container: AudioExtension;
}

export async function parseTranscriptionRequest(
  form: FormData,
  task: "transcribe" | "translate",
  config: Config,
  allowed?: ModelAllowlist,
): Promise<TranscriptionRequest> {
  const model = resolveModel(field(form, "model", true), "transcription", config, allowed);
  const info = model.info;
  if (task === "translate" && info && !info.translate) {
    throw invalidParam(
      "model",
      `The model \`${model.requested}\` (${model.model}) does not translate; use one that does, such as @cf/openai/whisper-large-v3-turbo.`,
      "model_not_supported",
    );
  }
  const file = form.get("file");
  if (file === null) throw missing("file");
  if (typeof file === "string")
    throw invalidParam("file", "Invalid 'file': expected an uploaded file, but got a text field.", "invalid_type");
  if (file.size === 0) throw invalidParam("file", "The audio file is empty.", "empty_file");
  if (file.size > config.maxAudioBytes) throw tooLarge(config.maxAudioBytes, file.size, "file");
  const modelLimit = info?.maxAudioBytes;
  if (modelLimit !== undefined && file.size > modelLimit) {
    throw new OpenAIError(
      413,
      `The model \`${model.requested}\` (${model.model}) takes audio files of at most ${modelLimit} bytes (this one has ${file.size}); @cf/openai/whisper-large-v3-turbo takes up to ${config.maxAudioBytes}.`,
      { param: "file", code: "request_too_large" },
    );
  }
  const audio = new Uint8Array(await file.arrayBuffer());
  const container = audioContainer(file.name, audio);

  const job: TranscriptionJob = { audio, task };
  const language = task === "transcribe" ? field(form, "language") : undefined;
  if (language) {
    if (!Object.hasOwn(WHISPER_LANGUAGES, language.toLowerCase())) {
      throw invalidParam(
        "language",
        `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
        "invalid_language_format",
      );
    }
    if (info?.language === "none")
      throw unsupported(
        "language",
        `The model \`${model.requested}\` (${model.model}) detects the language itself and takes no 'language'.`,
      );
    if (info?.language === "en" && language.toLowerCase() !== "en")
      throw unsupported("language", `The model \`${model.requested}\` (${model.model}) transcribes English only.`);
    job.language = language.toLowerCase();
  }
  const prompt = field(form, "prompt");
  if (prompt) {
    if (info && !info.prompt) throw unsupported("prompt", `The model \`${model.requested}\` (${model.model}) takes no prompt.`);
    job.prompt = prompt;
  }
  const temperature = field(form, "temperature");
  if (temperature !== undefined) {
    const t = Number(temperature);
    if (!Number.isFinite(t) || t < 0 || t > 1)
      throw invalidParam("temperature", `Invalid 'temperature': expected a number between 0 and 1, but got '${temperature}'.`);
    if (t !== 0) throw unsupported("temperature", "Workers AI Whisper models decode deterministically; only temperature 0 is supported.");
  }
  const includes = form.getAll("include[]").concat(form.getAll("include"));
  if (includes.length > 0) throw unsupported("include", "'include' (logprobs) is not available on Workers AI Whisper models.");

  const format = (field(form, "response_format") ?? "json") as TranscriptFormat;
  if (!FORMATS.includes(format)) {
    throw invalidParam("response_format", `Invalid value: '${format}'. Supported values are: ${FORMATS.map((f) => `'${f}'`).join(", ")}.`);
  }
  const granularities = parseGranularities(form, format, task);
  return { model, job, format, granularities, container };
}

/** A text field, trimmed; empty counts as absent. */
function field(form: FormData, name: string, required: true): string;
function field(form: FormData, name: string): string | undefined;
function field(form: FormData, name: string, required = false): string | undefined {
  const v = form.get(name);
  if (v === null || (typeof v === "string" && v.trim() === "")) {
    if (required) throw missing(name);
    return undefined;
  }
  if (typeof v !== "string") throw invalidParam(name, `Invalid '${name}': expected a text field, but got a file.`, "invalid_type");
  return v.trim();
}

function parseGranularities(
  form: FormData,
  format: TranscriptFormat,
  task: "transcribe" | "translate",
): { segment: boolean; word: boolean } {
  const raw = form.getAll("timestamp_granularities[]").concat(form.getAll("timestamp_granularities"));
  if (raw.length === 0) return { segment: true, word: false };
  if (task === "translate") throw unsupported("timestamp_granularities", "Translations take no 'timestamp_granularities'.");
  if (format !== "verbose_json") {
    throw invalidParam(
      "timestamp_granularities",
      "timestamp_granularities is only supported with response_format 'verbose_json'.",
      "invalid_value",
    );
  }
  const values = raw.map((v) => (typeof v === "string" ? v.trim() : ""));
  const bad = values.find((v) => v !== "word" && v !== "segment");
  if (bad !== undefined)
    throw invalidParam("timestamp_granularities", `Invalid value: '${bad}'. Supported values are: 'word' and 'segment'.`);
  return { segment: values.includes("segment"), word: values.includes("word") };
}

/** The container by file extension (as OpenAI decides), else by the bytes; a 400 for anything else. */
function audioContainer(name: string, audio: Uint8Array): AudioExtension {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext && (AUDIO_EXTENSIONS as readonly string[]).includes(ext)) return ext as AudioExtension;
  const sniffed = sniffAudio(audio);
  if (!ext && sniffed) return sniffed;
  throw new OpenAIError(400, `Invalid file format. Supported formats: ${JSON.stringify([...AUDIO_EXTENSIONS])}`, {
    param: "file",
    code: "unsupported_file_format",
  });
}

function unsupported(param: string, message: string): OpenAIError {
  return invalidParam(param, message, "unsupported_parameter");
}
