/**
 * Example values generated from a JSON Schema, so the emulator's tool calls and json_schema
 * replies pass the validation the adapter and clients apply: every `required` property is
 * present with a value of the declared type. Optional properties are left out to keep replies
 * short. Understands `const`, `enum`, `type` (also as an array), local `$ref`s, `anyOf`/`oneOf`
 * (first non-null branch) and the common string, number and array bounds.
 */
import { isRecord } from "./is-record";
import { decodePathSegment } from "../../http/path-segment";

type Schema = Record<string, unknown>;

/** Options for {@link exampleArguments}. */
export interface ExampleOptions {
  /** Value for the first string generated, e.g. a phrase the user put in quotes. */
  firstString?: string;
}

interface State {
  root: Schema;
  firstString: string | undefined;
}

/** Deeper than this the schema is presumably recursive: stop with `null` rather than loop. */
const MAX_DEPTH = 12;
/** Arrays are filled only up to `minItems`, and never beyond this. */
const MAX_ITEMS = 16;

/**
 * An object satisfying `schema`'s required properties (recursively). A schema that does not
 * describe an object, or is not a schema at all, yields `{}`.
 */
export function exampleArguments(schema: unknown, options: ExampleOptions = {}): Record<string, unknown> {
  const root = isRecord(schema) ? schema : {};
  const value = exampleValue(root, { root, firstString: options.firstString }, 0);
  return isRecord(value) ? value : {};
}

function exampleValue(schema: Schema, state: State, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === "string") return exampleValue(resolveRef(schema.$ref, state.root), state, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (branches) {
    const branch = branches.filter(isRecord).find((b) => b.type !== "null");
    if (branch) return exampleValue(branch, state, depth + 1);
  }
  const type = schemaType(schema);
  switch (type) {
    case "object":
      return exampleObject(schema, state, depth);
    case "array":
      return exampleArray(schema, state, depth);
    case "string":
      return exampleString(schema, state);
    case "number":
      return exampleNumber(schema, false);
    case "integer":
      return exampleNumber(schema, true);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return type satisfies never;
  }
}

type SchemaType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";

/** The declared type (the first non-null one of a list), or one inferred from the keywords present. */
function schemaType(schema: Schema): SchemaType {
  const declared = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "null") : schema.type;
  switch (declared) {
    case "object":
    case "array":
    case "string":
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return declared;
  }
  if (isRecord(schema.properties) || Array.isArray(schema.required)) return "object";
  if ("items" in schema) return "array";
  return "string";
}

function exampleObject(schema: Schema, state: State, depth: number): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((k) => typeof k === "string") : [];
  const result: Record<string, unknown> = {};
  for (const key of required) {
    const property = properties[key];
    result[key] = exampleValue(isRecord(property) ? property : {}, state, depth + 1);
  }
  return result;
}

function exampleArray(schema: Schema, state: State, depth: number): unknown[] {
  const count = Math.min(numberKeyword(schema.minItems) ?? 0, MAX_ITEMS);
  const items = isRecord(schema.items) ? schema.items : {};
  return Array.from({ length: count }, () => exampleValue(items, state, depth + 1));
}

function exampleString(schema: Schema, state: State): string {
  let value = state.firstString ?? "example";
  state.firstString = undefined;
  const minLength = numberKeyword(schema.minLength);
  const maxLength = numberKeyword(schema.maxLength);
  if (minLength !== undefined) value = value.padEnd(minLength, "x");
  if (maxLength !== undefined) value = value.slice(0, maxLength);
  return value;
}

/** 1, moved into [minimum, maximum] (exclusive minimum honoured too), rounded up for integers. */
function exampleNumber(schema: Schema, integer: boolean): number {
  let value = 1;
  const minimum = numberKeyword(schema.minimum);
  const exclusiveMinimum = numberKeyword(schema.exclusiveMinimum);
  const maximum = numberKeyword(schema.maximum);
  if (minimum !== undefined && value < minimum) value = minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) value = exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

function numberKeyword(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Follows a local JSON Pointer (`#/$defs/Name`); anything unresolvable is the empty schema. */
function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  // "#/$defs/Name" splits into "#", "$defs", "Name"; "#" alone is the root.
  for (const token of ref.split("/").slice(1)) {
    const key = (decodePathSegment(token) ?? token).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isRecord(node) ? node[key] : undefined;
  }
  return isRecord(node) ? node : {};
}
