/**
 * Reads a request body into memory, but never more than `maxBytes`: a body without a declared
 * length within the limit is read chunk by chunk, and reading stops (and the body is
 * cancelled) at the first chunk past the limit, so an oversized or lying upload costs at most
 * the limit in memory.
 */
import type { OpenAIError } from "./errors";

export async function readBounded(request: Request, maxBytes: number, tooLarge: (bytesRead: number) => OpenAIError): Promise<Uint8Array> {
  // A declared length within the limit bounds the body already (HTTP framing delivers exactly
  // that many bytes): read it in one native call. The reader loop below cost a few promise
  // round trips per request, on every request with a body (npm run bench). `request.body` is
  // not touched on this path: in workerd the getter makes a stream object of its own.
  if (hasDeclaredLengthWithin(request, maxBytes)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength);
    return bytes;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(size);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * The body as text, with the same bound: one native `text()` call when the length is declared
 * within the limit (no bytes copied into JavaScript and decoded again), else `readBounded`'s
 * bytes decoded. Both decode UTF-8 the same way (invalid sequences replaced, a BOM dropped).
 */
export async function readBoundedText(request: Request, maxBytes: number, tooLarge: (bytesRead: number) => OpenAIError): Promise<string> {
  if (hasDeclaredLengthWithin(request, maxBytes)) {
    const text = await request.text();
    // Only a body longer than declared could get here, and HTTP framing does not deliver one;
    // checked anyway (each UTF-16 unit is at least one byte, so a short text is within bounds).
    if (text.length > maxBytes) throw tooLarge(text.length);
    return text;
  }
  return utf8.decode(await readBounded(request, maxBytes, tooLarge));
}

const utf8 = new TextDecoder();

function hasDeclaredLengthWithin(request: Request, maxBytes: number): boolean {
  const declared = request.headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared) && Number(declared) <= maxBytes;
}
