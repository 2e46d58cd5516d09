/**
 * Reads a `multipart/form-data` request body (audio uploads): checks the media type, bounds
 * the size before and while reading (413, never an out-of-memory), then parses it with the
 * runtime's FormData parser. A body with a declared length within the limit is parsed
 * straight from the request, so a 25 MB upload is not held twice in the 128 MB a Worker has.
 */
import { OpenAIError } from "./errors";
import { readBounded } from "./read-bounded";

export async function readMultipart(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type.trim())) {
    throw new OpenAIError(400, `Invalid Content-Type header (${type || "none"}), expected multipart/form-data with a boundary.`, {
      code: "invalid_content_type",
    });
  }
  const declared = Number(request.headers.get("content-length"));
  const hasLength = request.headers.has("content-length") && Number.isFinite(declared);
  if (hasLength && declared > maxBytes) throw tooLarge(maxBytes, declared);
  try {
    // The runtime enforces a declared Content-Length, so only a body without one needs counting.
    return hasLength
      ? await request.formData()
      : await new Response(await readBounded(request, maxBytes, (read) => tooLarge(maxBytes, read)), {
          headers: { "content-type": type },
        }).formData();
  } catch (err) {
    if (err instanceof OpenAIError) throw err;
    throw new OpenAIError(400, "We could not parse the multipart/form-data body of your request.", { code: "invalid_multipart" });
  }
}

/** OpenAI's wording for an oversized upload. */
export function tooLarge(maxBytes: number, read: number, param: string | null = null): OpenAIError {
  return new OpenAIError(413, `Maximum content size limit (${maxBytes}) exceeded (${read} bytes read).`, {
    param,
    code: "request_too_large",
  });
}
