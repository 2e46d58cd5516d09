/**
 * Reads a request body into memory, but never more than `maxBytes`: reading stops (and the
 * body is cancelled) at the first chunk past the limit, so an oversized or lying upload
 * costs at most the limit in memory.
 */
import type { OpenAIError } from "./errors";

export async function readBounded(request: Request, maxBytes: number, tooLarge: (bytesRead: number) => OpenAIError): Promise<Uint8Array> {
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
