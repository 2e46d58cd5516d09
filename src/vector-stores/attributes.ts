/**
 * File `attributes` and the search `filters` that select by them. Attributes are OpenAI's
 * map of up to 16 keys (≤ 64 characters) to strings (≤ 512), numbers or booleans. Filters are
 * the spec's ComparisonFilter (`eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`) and
 * CompoundFilter (`and` / `or` over nested filters), evaluated here against a file's attributes.
 */
import { invalidParam } from "../http/errors";
import { asObject, typeError } from "../http/validate";
import type { AttributeFilter, AttributeValue, Attributes, ComparisonType } from "../wire/files";

const COMPARISONS: readonly ComparisonType[] = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"];
/** Compound filters nest; this bounds the recursion a request can ask for. */
const MAX_DEPTH = 8;

/** `attributes` from a request body: null when absent or null. */
export function parseAttributes(raw: unknown, param = "attributes"): Attributes | null {
  if (raw === undefined || raw === null) return null;
  const entries = Object.entries(asObject(raw, param));
  if (entries.length > 16) throw invalidParam(param, `Invalid '${param}': too many properties (${entries.length}); the maximum is 16.`);
  const out: Attributes = {};
  for (const [key, value] of entries) {
    if (key.length > 64) throw invalidParam(`${param}.${key}`, `Invalid '${param}': keys can be at most 64 characters long.`);
    if (typeof value === "string") {
      if (value.length > 512) throw invalidParam(`${param}.${key}`, `Invalid '${param}': strings can be at most 512 characters long.`);
    } else if (!(typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)))) {
      throw typeError(`${param}.${key}`, "a string, number or boolean", value);
    }
    out[key] = value;
  }
  return out;
}

/** `filters` from a request body; undefined when absent. */
export function parseFilter(raw: unknown, param = "filters", depth = 0): AttributeFilter | undefined {
  if (raw === undefined || raw === null) return undefined;
  const body = asObject(raw, param);
  if (body.type === "and" || body.type === "or") {
    if (depth >= MAX_DEPTH) throw invalidParam(param, `Invalid '${param}': compound filters nest at most ${MAX_DEPTH} deep.`);
    if (!Array.isArray(body.filters)) throw typeError(`${param}.filters`, "an array", body.filters ?? null);
    const filters = body.filters.map(
      (f, i) => parseFilter(f, `${param}.filters[${i}]`, depth + 1) ?? missingFilter(`${param}.filters[${i}]`),
    );
    return { type: body.type, filters };
  }
  const type = (body.type ?? "eq") as ComparisonType;
  if (!COMPARISONS.includes(type)) {
    throw invalidParam(
      `${param}.type`,
      `Invalid '${param}.type': expected one of ${[...COMPARISONS, "and", "or"].map((t) => `'${t}'`).join(", ")}, got ${JSON.stringify(body.type)}.`,
    );
  }
  if (typeof body.key !== "string") throw typeError(`${param}.key`, "a string", body.key ?? null);
  const value = body.value;
  if (type === "in" || type === "nin") {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string" || typeof v === "number")) {
      throw typeError(`${param}.value`, "an array of strings or numbers", value ?? null);
    }
    return { type, key: body.key, value };
  }
  if (!(typeof value === "string" || typeof value === "number" || typeof value === "boolean")) {
    throw typeError(`${param}.value`, "a string, number or boolean", value ?? null);
  }
  return { type, key: body.key, value };
}

function missingFilter(param: string): never {
  throw typeError(param, "an object", null);
}

/** Whether a file with `attributes` passes `filter` (a missing key fails every comparison but `ne` and `nin`). */
export function matchesFilter(filter: AttributeFilter, attributes: Attributes | null): boolean {
  if ("filters" in filter) {
    const test = (f: AttributeFilter) => matchesFilter(f, attributes);
    return filter.type === "and" ? filter.filters.every(test) : filter.filters.some(test);
  }
  const actual = attributes?.[filter.key];
  const wanted = filter.value;
  const type = filter.type;
  switch (type) {
    case "eq":
      return actual === wanted;
    case "ne":
      return actual !== wanted;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return compares(type, actual, wanted);
    case "in":
      return Array.isArray(wanted) && actual !== undefined && typeof actual !== "boolean" && wanted.includes(actual);
    case "nin":
      return !(Array.isArray(wanted) && actual !== undefined && typeof actual !== "boolean" && wanted.includes(actual));
    default:
      return type satisfies never;
  }
}

/** Ordering comparisons between two numbers or two strings; anything else does not match. */
function compares(op: "gt" | "gte" | "lt" | "lte", actual: AttributeValue | undefined, wanted: unknown): boolean {
  if (actual === undefined || typeof actual === "boolean" || typeof actual !== typeof wanted) return false;
  const a = actual as number | string;
  const b = wanted as number | string;
  if (op === "gt") return a > b;
  if (op === "gte") return a >= b;
  if (op === "lt") return a < b;
  return a <= b;
}
