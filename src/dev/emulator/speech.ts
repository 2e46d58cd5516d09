/**
 * Emulated text to speech in the Workers AI shapes: Deepgram Aura (`{text, speaker, encoding,
 * container}`) answers with audio bytes — silent MP3 frames by default, a 16-bit tone as WAV
 * (`linear16` + `wav`) or raw PCM (`linear16` + `none`); MeloTTS (`{prompt, lang}`) answers
 * `{audio: "<base64 MP3>"}`. Longer text gives longer audio (about 0.3 s a word). Encodings the
 * emulator cannot synthesize (flac, opus, aac, mulaw, alaw) reject clearly rather than
 * returning mislabelled bytes.
 */
import { bytesToBase64 } from "../../util/base64";
import { countWords } from "./words";
import { silentMp3, tonePcm, wavFile } from "./media-bytes";

const SECONDS_PER_WORD = 0.3;
const MP3_FRAME_SECONDS = 1152 / 44_100;

export function emulateSpeech(model: string, inputs: Record<string, unknown>): unknown {
  const text = model.includes("melotts") ? inputs.prompt : inputs.text;
  if (typeof text !== "string" || text.trim() === "") {
    throw new Error(`5006: emulated input validation: \`${model.includes("melotts") ? "prompt" : "text"}\` must be a non-empty string`);
  }
  const seconds = Math.max(0.5, countWords(text) * SECONDS_PER_WORD);
  if (model.includes("melotts")) return { audio: bytesToBase64(mp3(seconds)) };

  const encoding = typeof inputs.encoding === "string" ? inputs.encoding : "mp3";
  const container = typeof inputs.container === "string" ? inputs.container : encoding === "linear16" ? "wav" : "none";
  const rate = typeof inputs.sample_rate === "number" ? inputs.sample_rate : 24_000;
  let bytes: Uint8Array;
  if (encoding === "mp3") bytes = mp3(seconds);
  else if (encoding === "linear16" && container === "wav") bytes = wavFile(tonePcm(seconds, rate), rate);
  else if (encoding === "linear16" && container === "none") bytes = tonePcm(seconds, rate);
  else throw new Error(`5006: the offline emulator cannot synthesize ${encoding}/${container} audio; use mp3, wav or pcm`);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

function mp3(seconds: number): Uint8Array {
  return silentMp3(Math.ceil(seconds / MP3_FRAME_SECONDS));
}
