/**
 * Speech to text on Workers AI's Whisper models. Inputs by model: `{audio: number[]}` (8-bit
 * values) for whisper and whisper-tiny-en; `{audio: base64, task, language, initial_prompt}`
 * for whisper-large-v3-turbo. Outputs → one canonical Transcript: text, language, duration,
 * segments (the model's own, else the cues of its WebVTT, else one segment) and words
 * (top-level `words`, or each segment's).
 */
import { OpenAIError } from "../../../http/errors";
import { bytesToBase64 } from "../../../util/base64";
import type { ResolvedModel } from "../../registry/resolve-model";
import type { TranscriptionModelInfo } from "../../registry/surface-catalog";
import type { AiRunner } from "../../types";
import type { Transcript, TranscriptSegment, TranscriptionJob } from "../types";
import { mapWorkersAiError } from "./error-table";

export async function runTranscription(ai: AiRunner, model: ResolvedModel<"transcription">, job: TranscriptionJob): Promise<Transcript> {
  let output: unknown;
  try {
    output = await ai.run(model.model, buildInputs(model.info, job));
  } catch (err) {
    throw mapWorkersAiError(err, { model: model.model });
  }
  return decodeTranscript(output, model.model);
}

function buildInputs(info: TranscriptionModelInfo | undefined, job: TranscriptionJob): Record<string, unknown> {
  if (info?.audioInput === "bytes") return { audio: Array.from(job.audio) };
  const inputs: Record<string, unknown> = { audio: bytesToBase64(job.audio), task: job.task };
  if (job.language) inputs.language = job.language;
  if (job.prompt) inputs.initial_prompt = job.prompt;
  return inputs;
}

export function decodeTranscript(output: unknown, model: string): Transcript {
  const o = output && typeof output === "object" ? (output as Record<string, unknown>) : undefined;
  if (!o || typeof o.text !== "string") {
    throw new OpenAIError(502, `Workers AI returned no transcription text from ${model}.`, {
      type: "server_error",
      code: "upstream_error",
    });
  }
  const info = record(o.transcription_info);
  const rawSegments = Array.isArray(o.segments) ? o.segments.map(record).filter((s) => s !== undefined) : [];
  const segments: TranscriptSegment[] = rawSegments.map((s) => ({
    start: num(s.start) ?? 0,
    end: num(s.end) ?? 0,
    text: typeof s.text === "string" ? s.text : "",
    ...optional("temperature", num(s.temperature)),
    ...optional("avgLogprob", num(s.avg_logprob)),
    ...optional("compressionRatio", num(s.compression_ratio)),
    ...optional("noSpeechProb", num(s.no_speech_prob)),
  }));
  const wordSources = Array.isArray(o.words) ? o.words : rawSegments.flatMap((s) => (Array.isArray(s.words) ? s.words : []));
  const words = wordSources
    .map(record)
    .flatMap((w) => (w && typeof w.word === "string" ? [{ word: w.word.trim(), start: num(w.start) ?? 0, end: num(w.end) ?? 0 }] : []));
  const text = o.text.trim();
  const fromVtt = segments.length === 0 && typeof o.vtt === "string" ? parseVtt(o.vtt) : [];
  const finalSegments = segments.length > 0 ? segments : fromVtt.length > 0 ? fromVtt : [{ start: 0, end: words.at(-1)?.end ?? 0, text }];
  const transcript: Transcript = { text, segments: finalSegments, words };
  const language = typeof info?.language === "string" ? info.language : undefined;
  if (language) transcript.language = language;
  const duration = num(info?.duration);
  if (duration !== undefined) transcript.duration = duration;
  return transcript;
}

/** WebVTT cues (`[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm` then text lines) → segments. */
export function parseVtt(vtt: string): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  for (const block of vtt.replace(/\r\n/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n");
    const at = lines.findIndex((l) => l.includes("-->"));
    if (at === -1) continue;
    const [from, to] = (lines[at] ?? "").split("-->").map((t) => seconds(t.trim().split(/\s+/)[0] ?? ""));
    if (from === undefined || to === undefined) continue;
    out.push({
      start: from,
      end: to,
      text: lines
        .slice(at + 1)
        .join(" ")
        .trim(),
    });
  }
  return out;
}

function seconds(stamp: string): number | undefined {
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$/.exec(stamp);
  if (!match) return undefined;
  const [, h, m, s, ms] = match;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number((ms ?? "0").padEnd(3, "0")) / 1000;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
