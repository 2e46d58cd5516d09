/**
 * Recognises media by magic bytes (what a file is, whatever it is called) and reads the one
 * duration this code needs to know without decoding: a PCM WAV's.
 */

export type ImageFormat = "png" | "jpeg" | "webp";

const IMAGE_TYPES: Readonly<Record<ImageFormat, string>> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

export function imageContentType(format: ImageFormat): string {
  return IMAGE_TYPES[format];
}

export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  return undefined;
}

/** Audio containers OpenAI accepts for uploads, by file extension. */
export const AUDIO_EXTENSIONS = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"] as const;
export type AudioExtension = (typeof AUDIO_EXTENSIONS)[number];

/** The container of an audio file by its bytes: wav, mp3, flac, ogg, mp4 (incl. m4a) or webm. */
export function sniffAudio(bytes: Uint8Array): AudioExtension | undefined {
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE") return "wav";
  if (ascii(bytes, 0, 4) === "fLaC") return "flac";
  if (ascii(bytes, 0, 4) === "OggS") return "ogg";
  if (ascii(bytes, 4, 4) === "ftyp") return "mp4";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "webm";
  if (ascii(bytes, 0, 3) === "ID3") return "mp3";
  // An MPEG audio frame sync: 11 set bits.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return "mp3";
  return undefined;
}

/** Seconds of audio in a WAV file (from its `fmt ` byte rate and `data` size), or undefined. */
export function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  if (ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate: number | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt " && at + 20 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    if (id === "data") {
      if (!byteRate) return undefined;
      // A streamed WAV may declare a placeholder size; count what is actually there.
      const available = Math.min(size, bytes.length - (at + 8));
      return available / byteRate;
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let out = "";
  for (let i = at; i < at + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}
