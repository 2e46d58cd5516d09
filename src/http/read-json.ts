/**
 * Reads a JSON request body: accepts any `application/json` media type (with parameters
 * such as `charset=utf-8`), bounds the size before and while reading, bounds the nesting
 * depth (checked without recursion, before any code walks the value recursively: cache keys,
 * schemas), and turns every failure into the 4xx OpenAI would send.
 */
import { OpenAIError } from "./errors";
import { readBoundedText } from "./read-bounded";

export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type.trim())) {
    throw new OpenAIError(400, `Invalid Content-Type header (${type}), expected application/json.`, { code: "invalid_content_type" });
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readBoundedText(request, maxBytes, () => tooLarge(maxBytes));
  let value: unknown;
  try {
    value = JSON.parse(text);
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
  if (depthExceeds(value, MAX_JSON_DEPTH)) {
    throw new OpenAIError(400, `The JSON body of your request is nested more than ${MAX_JSON_DEPTH} levels deep.`, {
      code: "invalid_json",
    });
  }
  return value as Record<string, unknown>;
}

/** The deepest nesting of objects and arrays a request body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects/arrays deeper than `limit`: an explicit stack, so no depth can overflow it. */
function depthExceeds(value: object, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (depth > limit) return true;
    for (const child of Object.values(node as object)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

function tooLarge(maxBytes: number): OpenAIError {
  return new OpenAIError(413, `Request body too large: the limit is ${maxBytes} bytes.`, { code: "request_too_large" });
}
