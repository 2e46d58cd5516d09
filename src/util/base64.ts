/**
 * Base64 ⇄ bytes with the runtime's atob/btoa, in slices so large images and audio never
 * build one giant argument list. Also the little-endian float32 encoding OpenAI uses for
 * `encoding_format: "base64"` embeddings.
 */

const SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
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
