/** The SHA-256 of a key in hex: the only form of an issued key that is ever stored (KV `apikey/{digest}`). */

const encoder = new TextEncoder();

export async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

export function toHex(buffer: ArrayBuffer): string {
  let out = "";
  for (const b of new Uint8Array(buffer)) out += b.toString(16).padStart(2, "0");
  return out;
}

export async function keyDigestHex(key: string): Promise<string> {
  return toHex(await sha256(key));
}
