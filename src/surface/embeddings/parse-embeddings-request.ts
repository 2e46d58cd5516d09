/**
 * A `POST /v1/embeddings` body → what to embed and how to return it, validated with OpenAI's
 * wording and `param`. Token arrays are recognised (so the error can say what is wrong) but
 * no Workers AI embedding model takes tokens: they are refused by the service.
 */
import { invalidParam } from "../../http/errors";
import { emptyArray, missing, optionalNumber, optionalString, requiredString, typeError, arrayTooLong } from "../../http/validate";

/** OpenAI's per-request limit on inputs. */
export const MAX_INPUTS = 2048;

export type EmbeddingInput = { kind: "text"; texts: string[] } | { kind: "tokens"; count: number };

export interface EmbeddingsRequest {
  model: string;
  input: EmbeddingInput;
  encoding: "float" | "base64";
  dimensions?: number;
}

export function parseEmbeddingsRequest(body: Record<string, unknown>): EmbeddingsRequest {
  const model = requiredString(body, "model");
  const input = parseInput(body.input);
  const encoding = optionalString(body, "encoding_format") ?? "float";
  if (encoding !== "float" && encoding !== "base64") {
    throw invalidParam("encoding_format", `Invalid value: '${encoding}'. Supported values are: 'float' and 'base64'.`);
  }
  const dimensions = optionalNumber(body, "dimensions", { integer: true, min: 1 });
  optionalString(body, "user");
  return dimensions === undefined ? { model, input, encoding } : { model, input, encoding, dimensions };
}

function parseInput(raw: unknown): EmbeddingInput {
  if (raw === undefined || raw === null) throw missing("input");
  if (typeof raw === "string") {
    if (raw === "") throw emptyString("input");
    return { kind: "text", texts: [raw] };
  }
  if (!Array.isArray(raw)) throw typeError("input", "a string or an array", raw);
  if (raw.length === 0) throw emptyArray("input");
  if (raw.length > MAX_INPUTS) {
    throw arrayTooLong("input", MAX_INPUTS, raw.length);
  }
  if (raw.every((v) => typeof v === "string")) {
    const texts = raw as string[];
    const empty = texts.indexOf("");
    if (empty !== -1) throw emptyString(`input[${empty}]`);
    return { kind: "text", texts };
  }
  if (raw.every((v) => Number.isInteger(v))) return { kind: "tokens", count: 1 };
  if (raw.every((v) => Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t))))
    return { kind: "tokens", count: raw.length };
  const bad = raw.findIndex((v) => typeof v !== "string");
  throw typeError(`input[${bad}]`, "a string (or every item an integer token, or every item an array of integer tokens)", raw[bad]);
}

function emptyString(param: string) {
  return invalidParam(param, `Invalid '${param}': the input must not be an empty string.`, "empty_string");
}
