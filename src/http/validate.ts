/**
 * Field readers for request bodies. Each returns the typed value or throws a 400 whose
 * `param` names the offending field, in OpenAI's wording where OpenAI has one.
 * `null` is treated like an absent optional field, as OpenAI's API does.
 */
import { OpenAIError, invalidParam } from "./errors";

type Body = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export function typeError(param: string, expected: string, value: unknown): OpenAIError {
  return invalidParam(param, `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`, "invalid_type");
}

export function missing(param: string): OpenAIError {
  return new OpenAIError(400, `Missing required parameter: '${param}'.`, { param, code: "missing_required_parameter" });
}

/** OpenAI's error for an array longer than `max`. */
export function arrayTooLong(param: string, max: number, length: number): OpenAIError {
  return invalidParam(
    param,
    `Invalid '${param}': array too long. Expected an array with maximum length ${max}, but got an array with length ${length} instead.`,
    "array_above_max_length",
  );
}

/** OpenAI's error for an array that must not be empty. */
export function emptyArray(param: string): OpenAIError {
  return invalidParam(
    param,
    `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
    "empty_array",
  );
}

export function requiredString(body: Body, key: string, path = key): string {
  const v = body[key];
  if (v === undefined || v === null) throw missing(path);
  if (typeof v !== "string") throw typeError(path, "a string", v);
  return v;
}

export function optionalString(body: Body, key: string, path = key): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw typeError(path, "a string", v);
  return v;
}

export function optionalBoolean(body: Body, key: string, path = key): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw typeError(path, "a boolean", v);
  return v;
}

export function optionalNumber(
  body: Body,
  key: string,
  range: { min?: number; max?: number; integer?: boolean } = {},
  path = key,
): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number") throw typeError(path, range.integer ? "an integer" : "a number", v);
  // JSON numbers beyond float range (e.g. 1e400) parse to Infinity.
  if (!Number.isFinite(v)) throw invalidParam(path, `Invalid '${path}': expected a finite number, but got ${v}.`, "invalid_type");
  if (range.integer && !Number.isInteger(v)) throw typeError(path, "an integer", v);
  if (range.min !== undefined && v < range.min) {
    throw invalidParam(path, `Invalid '${path}': ${v} is less than the minimum of ${range.min}.`, "decimal_below_min_value");
  }
  if (range.max !== undefined && v > range.max) {
    throw invalidParam(path, `Invalid '${path}': ${v} is greater than the maximum of ${range.max}.`, "decimal_above_max_value");
  }
  return v;
}

export function optionalObject(body: Body, key: string, path = key): Body | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw typeError(path, "an object", v);
  return v as Body;
}

export function optionalArray(body: Body, key: string, path = key): unknown[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw typeError(path, "an array", v);
  return v;
}

/** An element of an array that must itself be an object. */
export function asObject(value: unknown, path: string): Body {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw typeError(path, "an object", value);
  return value as Body;
}

/**
 * OpenAI's `metadata`: up to 16 string pairs, keys ≤ 64 chars, values ≤ 512 chars.
 */
export function optionalMetadata(body: Body, key = "metadata"): Record<string, string> | undefined {
  const obj = optionalObject(body, key);
  if (!obj) return undefined;
  const entries = Object.entries(obj);
  if (entries.length > 16) throw invalidParam(key, `Invalid '${key}': too many properties (${entries.length}); the maximum is 16.`);
  for (const [k, v] of entries) {
    if (k.length > 64) throw invalidParam(`${key}.${k}`, `Invalid '${key}': keys can be at most 64 characters long.`);
    if (typeof v !== "string") throw typeError(`${key}.${k}`, "a string", v);
    if (v.length > 512) throw invalidParam(`${key}.${k}`, `Invalid '${key}': values can be at most 512 characters long.`);
  }
  // fromEntries defines own properties, so a key such as `__proto__` is stored like any other
  // (assigning `out[k] = v` would set the prototype instead and drop the key).
  return Object.fromEntries(entries) as Record<string, string>;
}
