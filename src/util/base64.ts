/**
 * Base64 ⇄ bytes: encoding by table, two characters a lookup and four a store (large images,
 * audio and embeddings encode in one pass, with no giant binary string), decoding with the
 * runtime's atob. Also the little-endian float32 encoding OpenAI uses for
 * `encoding_format: "base64"` embeddings.
 */

const ALPHABET = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const PAD = 0x3d;
/** Every 12-bit group as its two base64 characters, little-endian in a uint16: a 3-byte group is one uint32 store. */
const PAIRS = new Uint16Array(4096);
for (let n = 0; n < 4096; n++) PAIRS[n] = (ALPHABET[n >> 6] as number) | ((ALPHABET[n & 63] as number) << 8);
const ASCII = new TextDecoder();

export function bytesToBase64(bytes: Uint8Array): string {
  // Encoded by table into ASCII bytes, then decoded once: building a binary string for btoa
  // (String.fromCharCode over slices) took ~5 ms per 600 KB (bench:cpu).
  const out = new Uint8Array(base64Length(bytes.length));
  writeBase64(bytes, out, 0);
  return ASCII.decode(out);
}

/** Characters of the base64 of `byteLength` bytes (padded). */
export function base64Length(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

/** Writes the base64 of `bytes` as ASCII into `out` at `at` (room for `base64Length` bytes); returns the offset after it. */
export function writeBase64(bytes: Uint8Array, out: Uint8Array, at: number): number {
  const whole = bytes.length - (bytes.length % 3);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = at;
  for (let i = 0; i < whole; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    view.setUint32(o, (PAIRS[n >> 12] as number) | ((PAIRS[n & 4095] as number) << 16), true);
    o += 4;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = ((bytes[whole] as number) << 16) | (rest === 2 ? (bytes[whole + 1] as number) << 8 : 0);
    out[o++] = ALPHABET[n >> 18] as number;
    out[o++] = ALPHABET[(n >> 12) & 63] as number;
    out[o++] = rest === 2 ? (ALPHABET[(n >> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return o;
}

/** Decodes standard base64 (whitespace and a `data:…;base64,` prefix tolerated); throws on anything else. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** True when `text` is plausibly base64 (alphabet, padding, length a multiple of 4). */
export function looksLikeBase64(text: string): boolean {
  const clean = text.replace(/\s+/g, "");
  return clean.length > 0 && clean.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(clean);
}

/** A float vector as OpenAI's base64 embedding: IEEE-754 float32, little-endian, concatenated. */
export function floatsToBase64(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (const [i, v] of values.entries()) view.setFloat32(i * 4, v, true);
  return bytesToBase64(new Uint8Array(view.buffer));
}
