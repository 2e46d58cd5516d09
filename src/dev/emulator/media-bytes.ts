/**
 * The smallest valid media files the offline emulator hands out: an 8x8 orange PNG and JPEG
 * (Cloudflare orange, encoded once with Pillow), a silent MP3 made of MPEG-1 Layer III frames
 * and a 16-bit PCM tone as WAV or raw PCM. Real decoders open all of them.
 */
import { base64ToBytes } from "../../util/base64";

/** 8x8 RGB PNG, #f38020. */
export const TINY_PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR42mP83KDAgA0wMeAAg1MCAD+cAaNOVayhAAAAAElFTkSuQmCC";

/** 8x8 baseline JPEG, #f38020. */
export const TINY_JPEG_BASE64 =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAACP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AL0ATCtf/9k=";

export function tinyPng(): Uint8Array {
  return base64ToBytes(TINY_PNG_BASE64);
}

export function tinyJpeg(): Uint8Array {
  return base64ToBytes(TINY_JPEG_BASE64);
}

/**
 * `frames` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono; 1152 samples ≈ 26 ms
 * each). Header FF FB 90 C0, then all-zero side information and main data: every granule
 * decodes to silence.
 */
export function silentMp3(frames: number): Uint8Array {
  const FRAME_BYTES = 417; // floor(144 * 128000 / 44100), no padding
  const out = new Uint8Array(FRAME_BYTES * frames);
  for (let f = 0; f < frames; f++) out.set([0xff, 0xfb, 0x90, 0xc0], f * FRAME_BYTES);
  return out;
}

/** Mono 16-bit little-endian PCM: a quiet 440 Hz tone of `seconds` at `sampleRate`. */
export function tonePcm(seconds: number, sampleRate: number): Uint8Array {
  const samples = Math.max(1, Math.round(seconds * sampleRate));
  const view = new DataView(new ArrayBuffer(samples * 2));
  for (let i = 0; i < samples; i++) view.setInt16(i * 2, Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), true);
  return new Uint8Array(view.buffer);
}

/** Wraps mono 16-bit PCM in a RIFF/WAVE header. */
export function wavFile(pcm: Uint8Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm.length);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + pcm.length, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, pcm.length, true);
  out.set(pcm, 44);
  return out;
}
