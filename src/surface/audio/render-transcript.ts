/**
 * A Transcript → OpenAI's five response formats: `json` (`{text, usage}`), `text`, `srt`,
 * `vtt` (subtitles from the segments) and `verbose_json` (language name, duration, segments
 * and/or words per `timestamp_granularities`). Segment fields Whisper on Workers AI does not
 * report (token ids; for some models temperature, log-probability, compression ratio and
 * no-speech probability) are 0 or empty rather than invented.
 */
import type { Transcript, TranscriptSegment } from "../../ai/providers/types";
import type { TranscriptFormat } from "./parse-transcription-request";
import { languageName } from "./whisper-languages";

export interface RenderOptions {
  format: TranscriptFormat;
  task: "transcribe" | "translate";
  granularities: { segment: boolean; word: boolean };
  /** Seconds of audio, when known (model report, else the WAV header). */
  duration: number | undefined;
  /** The language to report when the model reports none (requested, or the model's only one). */
  fallbackLanguage: string | undefined;
}

export function renderTranscript(t: Transcript, options: RenderOptions): Response {
  const duration = options.duration ?? t.duration ?? Math.max(0, ...t.segments.map((s) => s.end), ...t.words.map((w) => w.end));
  const usage = { type: "duration" as const, seconds: Math.ceil(duration) };
  switch (options.format) {
    case "json":
      return Response.json(options.task === "translate" ? { text: t.text } : { text: t.text, usage });
    case "text":
      return text(`${t.text}\n`);
    case "srt":
      return text(srt(t.segments));
    case "vtt":
      return text(vtt(t.segments));
    case "verbose_json": {
      const body: Record<string, unknown> = {
        task: options.task,
        language: options.task === "translate" ? "english" : languageName(t.language ?? options.fallbackLanguage),
        duration,
        text: t.text,
      };
      if (options.granularities.segment) body.segments = t.segments.map(segmentObject);
      if (options.granularities.word && options.task === "transcribe") body.words = t.words;
      if (options.task === "transcribe") body.usage = usage;
      return Response.json(body);
    }
    default:
      return options.format satisfies never;
  }
}

function segmentObject(s: TranscriptSegment, id: number) {
  return {
    id,
    // Whisper reads 30-second windows; `seek` is the window's offset in 10 ms frames.
    seek: Math.floor(s.start / 30) * 3000,
    start: s.start,
    end: s.end,
    text: s.text,
    tokens: [] as number[],
    temperature: s.temperature ?? 0,
    avg_logprob: s.avgLogprob ?? 0,
    compression_ratio: s.compressionRatio ?? 0,
    no_speech_prob: s.noSpeechProb ?? 0,
  };
}

export function srt(segments: readonly TranscriptSegment[]): string {
  return segments.map((s, i) => `${i + 1}\n${stamp(s.start, ",")} --> ${stamp(s.end, ",")}\n${s.text.trim()}\n\n`).join("");
}

export function vtt(segments: readonly TranscriptSegment[]): string {
  return `WEBVTT\n\n${segments.map((s) => `${stamp(s.start, ".")} --> ${stamp(s.end, ".")}\n${s.text.trim()}\n\n`).join("")}`;
}

function stamp(seconds: number, separator: "," | "."): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

function text(body: string): Response {
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
