/**
 * Reads a JSON request body: accepts any `application/json` media type (with parameters
 * such as `charset=utf-8`), bounds the size before and while reading, and turns every
 * failure into the 4xx OpenAI would send.
 */
import { OpenAIError } from "./errors";
import { readBounded } from "./read-bounded";

export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type.trim())) {
    throw new OpenAIError(400, `Invalid Content-Type header (${type}), expected application/json.`, { code: "invalid_content_type" });
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readBounded(request, maxBytes, () => tooLarge(maxBytes));
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OpenAIError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      { code: "invalid_json" },
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new OpenAIError(400, "The request body must be a JSON object.", { code: "invalid_json" });
  }
  return value as Record<string, unknown>;
}

function tooLarge(maxBytes: number): OpenAIError {
  return new OpenAIError(413, `Request body too large: the limit is ${maxBytes} bytes.`, { code: "request_too_large" });
}
