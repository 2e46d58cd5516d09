/**
 * Emulated speech to text in the Workers AI Whisper shapes: `{text, word_count, words, vtt}`
 * for whisper and whisper-tiny-en (audio as an array of byte values), and additionally
 * `transcription_info` and `segments` for whisper-large-v3-turbo (audio as base64, `task`
 * "transcribe" or "translate", `language`, `initial_prompt`). The "transcript" describes the
 * audio it received (container and duration, read from a WAV header), with word timings
 * spread evenly over that duration, so tests can check the audio arrived intact.
 */
import { base64ToBytes } from "../../util/base64";
import { sniffAudio, wavDurationSeconds } from "../../util/media";
import { EMULATOR_LABEL } from "./reply";

export function emulateTranscription(model: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const bytes = readAudio(inputs.audio);
  const format = sniffAudio(bytes);
  if (!format) throw new Error("5006: emulated input validation: the audio could not be decoded");
  // Without a WAV header, assume 16 kB per second (16 kHz 8-bit), a plausible order of magnitude.
  const duration = round(wavDurationSeconds(bytes) ?? bytes.length / 16_000);
  const translate = inputs.task === "translate";
  const verb = translate ? "translated" : "transcribed";
  const prompt = typeof inputs.initial_prompt === "string" && inputs.initial_prompt ? ` Prompt: ${inputs.initial_prompt}` : "";
  const text = `${EMULATOR_LABEL} ${verb} ${duration.toFixed(2)} seconds of ${format} audio (${bytes.length} bytes).${prompt}`;
  const words = timedWords(text, duration);
  const vtt = `WEBVTT\n\n${stamp(0)} --> ${stamp(duration)}\n${text}\n\n`;
  const base = { text, word_count: words.length, words, vtt };
  if (model !== "@cf/openai/whisper-large-v3-turbo") return base;
  const language = translate ? "en" : typeof inputs.language === "string" && inputs.language ? inputs.language : "en";
  return {
    transcription_info: { language, language_probability: 1, duration, duration_after_vad: duration },
    text,
    word_count: words.length,
    segments: [{ start: 0, end: duration, text, temperature: 0, avg_logprob: -0.1, compression_ratio: 1, no_speech_prob: 0.01, words }],
    vtt,
  };
}

function readAudio(audio: unknown): Uint8Array {
  if (typeof audio === "string") return base64ToBytes(audio);
  if (Array.isArray(audio) && audio.every((b) => typeof b === "number" && b >= 0 && b <= 255)) return Uint8Array.from(audio as number[]);
  throw new Error("5006: emulated input validation: `audio` must be base64 or an array of 8-bit values");
}

function timedWords(text: string, duration: number): { word: string; start: number; end: number }[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const step = duration / Math.max(1, words.length);
  return words.map((word, i) => ({ word, start: round(i * step), end: round((i + 1) * step) }));
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
