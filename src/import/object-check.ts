/**
 * Field checks for one object of an export, collecting every problem (with the object's id and
 * the field's path) instead of stopping at the first, so one answer lists all that is wrong.
 * Limits are OpenAI's (metadata: 16 pairs, keys ≤ 64 and values ≤ 512 characters) and KV's.
 */
import type { ImportProblem } from "./export-format";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Ids as OpenAI makes them: a prefix, then letters, digits, `_` or `-` (bounded, so KV keys stay short). */
const ID_BODY = /^[A-Za-z0-9_-]{1,96}$/;

export class ObjectCheck {
  constructor(
    readonly value: Json,
    /** The object's id for the report (set once read). */
    public objectId: string | null,
    readonly path: string,
    readonly problems: ImportProblem[],
  ) {}

  fail(field: string, message: string): void {
    this.problems.push({ object_id: this.objectId, path: field ? `${this.path}.${field}` : this.path, message });
  }

  /** The object's own `id` with `prefix`; what it holds (valid or not) becomes the id problems are reported under. */
  ownId(prefix: string): string | null {
    const raw = this.value.id;
    this.objectId = typeof raw === "string" ? raw.slice(0, 120) : null;
    return this.ref("id", prefix);
  }

  /** An id field (the object's own, or one it refers to) with `prefix`. */
  ref(field: string, prefix: string, nullable = false): string | null {
    const v = this.value[field];
    if (nullable && (v === null || v === undefined)) return null;
    if (typeof v !== "string") {
      this.fail(field, `Missing ${prefix}… id.`);
      return null;
    }
    if (!v.startsWith(prefix) || !ID_BODY.test(v.slice(prefix.length))) {
      this.fail(field, `Expected an id starting with '${prefix}', got '${v.slice(0, 120)}'.`);
      return null;
    }
    return v;
  }

  literal<T extends string>(field: string, allowed: readonly T[]): T | null {
    const v = this.value[field];
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(field, `Expected ${allowed.map((a) => `'${a}'`).join(" or ")}, got ${describe(v)}.`);
    return null;
  }

  /** A Unix timestamp (whole seconds). */
  timestamp(field: string, nullable = false): number | null {
    const v = this.value[field];
    if (nullable && (v === null || v === undefined)) return null;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
    this.fail(field, `Expected a Unix timestamp in seconds, got ${describe(v)}.`);
    return null;
  }

  string(field: string, options: { nullable?: boolean; optional?: boolean; max?: number; nonEmpty?: boolean } = {}): string | null {
    const v = this.value[field];
    if ((options.nullable && v === null) || (options.optional && v === undefined)) return null;
    if (typeof v !== "string" || (options.nonEmpty && v === "")) {
      this.fail(field, `Expected ${options.nonEmpty ? "a non-empty " : "a "}string, got ${describe(v)}.`);
      return null;
    }
    if (options.max !== undefined && v.length > options.max) {
      this.fail(field, `Too long: ${v.length} characters, at most ${options.max}.`);
      return null;
    }
    return v;
  }

  array(field: string, options: { nullable?: boolean; optional?: boolean; max?: number } = {}): unknown[] | null {
    const v = this.value[field];
    if ((options.nullable && v === null) || (options.optional && v === undefined)) return null;
    if (!Array.isArray(v)) {
      this.fail(field, `Expected an array, got ${describe(v)}.`);
      return null;
    }
    if (options.max !== undefined && v.length > options.max) {
      this.fail(field, `Too many items: ${v.length}, at most ${options.max}.`);
      return null;
    }
    return v;
  }

  object(field: string, options: { nullable?: boolean; optional?: boolean } = {}): Json | null {
    const v = this.value[field];
    if ((options.nullable && v === null) || (options.optional && v === undefined)) return null;
    if (!isObject(v)) {
      this.fail(field, `Expected an object, got ${describe(v)}.`);
      return null;
    }
    return v;
  }

  /** A number, or null (temperature, top_p). */
  optionalNumber(field: string): void {
    const v = this.value[field];
    if (v !== undefined && v !== null && typeof v !== "number") this.fail(field, `Expected a number or null, got ${describe(v)}.`);
  }

  /** OpenAI's metadata: at most 16 string pairs, keys ≤ 64 and values ≤ 512 characters. */
  metadata(field = "metadata"): void {
    const v = this.value[field];
    if (v === null || v === undefined) return;
    if (!isObject(v)) {
      this.fail(field, `Expected an object of strings, got ${describe(v)}.`);
      return;
    }
    const entries = Object.entries(v);
    if (entries.length > 16) this.fail(field, `Too many metadata pairs: ${entries.length}, at most 16.`);
    for (const [key, value] of entries) {
      if (key.length > 64) this.fail(`${field}.${key.slice(0, 64)}…`, `Metadata key longer than 64 characters (${key.length}).`);
      if (typeof value !== "string") this.fail(`${field}.${key}`, `Metadata values are strings, got ${describe(value)}.`);
      else if (value.length > 512) this.fail(`${field}.${key}`, `Metadata value longer than 512 characters (${value.length}).`);
    }
  }

  /** A check of a nested object (an array item, a content part) reported under this object's id. */
  child(value: unknown, field: string): ObjectCheck | null {
    if (!isObject(value)) {
      this.fail(field, `Expected an object, got ${describe(value)}.`);
      return null;
    }
    return new ObjectCheck(value, this.objectId, `${this.path}.${field}`, this.problems);
  }
}

/** A short description of a value for messages. */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `'${v.length > 60 ? `${v.slice(0, 60)}…` : v}'`;
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}
