#!/usr/bin/env node
// Extracts the response schemas our tests validate against from OpenAI's official OpenAPI 3.1
// document into test/schemas/openai-schemas.json, so tests run without the 3 MB spec (which
// only lives in the sibling shared/ folder) and inside workerd (no host filesystem there).
//
//   node scripts/extract-openapi-schemas.mjs [path/to/openapi.yaml] [--check]
//
// Roots come from test/schemas/wanted.json; their transitive `#/components/schemas/*` $refs
// are copied too. Schemas keep the spec's content, except these normalisations, which only
// touch keywords at schema positions (never a property that happens to share the name):
//   1. `nullable: true` (an OpenAPI 3.0 keyword that 3.1 and JSON Schema validators ignore,
//      yet this spec still uses it) becomes JSON Schema: `type: X` -> `type: [X, "null"]`
//      (plus `null` in `enum`), or, next to `$ref`/`allOf`/`anyOf`/`oneOf`/`const`/`not`,
//      `{ anyOf: [<schema>, { type: "null" }] }`. `nullable: false` is dropped.
//   2. `allOf: [<A>, { nullable: true }]` means "A or null" in the spec; the lone
//      `{ nullable: true }` member is lifted onto the parent and handled as in 1.
//   3. `example` and `x-oaiMeta` (docs-site data) are dropped: they never constrain a value,
//      and @cfworker/json-schema walks every unknown object-valued keyword as a subschema,
//      so an object example with an `id` member would be registered as a schema `$id`
//      (none in today's closure: its examples are strings; this keeps new roots safe).
// Output: schema names sorted, one schema per line, so regeneration is diff-stable.
// `--check` writes nothing and exits 1 when the committed file is stale.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const specPath = resolve(root, args.find((a) => !a.startsWith("--")) ?? "../shared/openai/openapi.yaml");
const wantedPath = resolve(root, "test/schemas/wanted.json");
const outPath = resolve(root, "test/schemas/openai-schemas.json");
const REF_PREFIX = "#/components/schemas/";

/** Keywords whose value is one subschema, an array of them, or a name → subschema map. */
const SCHEMA_KEYS = new Set([
  "items",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);
const SCHEMA_ARRAY_KEYS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_MAP_KEYS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const DROPPED_KEYS = new Set(["example", "x-oaiMeta"]);
const ANNOTATION_KEYS = new Set(["title", "description", "default", "deprecated", "readOnly", "writeOnly"]);
const COMPOSITE_KEYS = ["$ref", "allOf", "anyOf", "oneOf", "const", "not"];

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for `{ nullable: true }` (optionally annotated): the spec's "or null" allOf member. */
const isNullableMarker = (s) =>
  isObject(s) && s.nullable === true && Object.keys(s).every((k) => k === "nullable" || ANNOTATION_KEYS.has(k));

/** Returns a normalised deep copy of a schema (see the header for the rules). */
function normalise(schema) {
  if (!isObject(schema)) return schema; // boolean schemas
  if (Array.isArray(schema.allOf) && schema.allOf.some(isNullableMarker)) {
    schema = { ...schema, allOf: schema.allOf.filter((s) => !isNullableMarker(s)), nullable: true };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (SCHEMA_KEYS.has(key) && (isObject(value) || typeof value === "boolean")) out[key] = normalise(value);
    else if (SCHEMA_ARRAY_KEYS.has(key) || (key === "items" && Array.isArray(value))) out[key] = value.map(normalise);
    else if (SCHEMA_MAP_KEYS.has(key))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
    else out[key] = structuredClone(value);
  }
  if (!("nullable" in out)) return out;
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;
  if (COMPOSITE_KEYS.some((k) => k in out)) {
    const outer = {};
    const inner = {};
    for (const [k, v] of Object.entries(out)) (ANNOTATION_KEYS.has(k) ? outer : inner)[k] = v;
    return { ...outer, anyOf: [inner, { type: "null" }] };
  }
  if (out.type !== undefined) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes("null")) out.type = [...types, "null"];
  }
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** Yields `[pointer, subschema]` for each direct subschema of `schema` (schema positions only). */
function* subschemas(schema) {
  if (!isObject(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_KEYS.has(key) && !Array.isArray(value)) yield [`/${key}`, value];
    else if (SCHEMA_ARRAY_KEYS.has(key) || (key === "items" && Array.isArray(value)))
      for (const [i, s] of value.entries()) yield [`/${key}/${i}`, s];
    else if (SCHEMA_MAP_KEYS.has(key)) for (const [k, s] of Object.entries(value)) yield [`/${key}/${k}`, s];
  }
}

/** Every `$ref` in `schema` or below it. */
function refsOf(schema, found = []) {
  if (isObject(schema) && typeof schema.$ref === "string") found.push(schema.$ref);
  for (const [, sub] of subschemas(schema)) refsOf(sub, found);
  return found;
}

/** Fails loudly if a normalised schema still carries `nullable` where a validator would look. */
function assertNoNullable(schema, where) {
  if (isObject(schema) && "nullable" in schema) throw new Error(`${where}: "nullable" survived normalisation`);
  for (const [pointer, sub] of subschemas(schema)) assertNoNullable(sub, where + pointer);
}

const spec = parse(readFileSync(specPath, "utf8"), { maxAliasCount: -1 });
const all = spec?.components?.schemas;
if (!isObject(all)) throw new Error(`${specPath} has no components.schemas`);
const wanted = JSON.parse(readFileSync(wantedPath, "utf8"));
if (!Array.isArray(wanted) || !wanted.every((w) => typeof w === "string"))
  throw new Error(`${wantedPath} must be a JSON array of schema names`);

const missing = wanted.filter((name) => !(name in all));
if (missing.length > 0) {
  const hints = missing.map((name) => {
    const stem = name.replace(/^(Create|List|Delete)|(Response|Object)$/g, "").toLowerCase();
    const near = Object.keys(all).filter((k) => k.toLowerCase().includes(stem)).slice(0, 8);
    return `  ${name}${near.length ? ` (similar: ${near.join(", ")})` : ""}`;
  });
  throw new Error(`Not in ${specPath}:\n${hints.join("\n")}`);
}

const picked = new Map();
const queue = [...wanted];
while (queue.length > 0) {
  const name = queue.shift();
  if (picked.has(name)) continue;
  if (!(name in all)) throw new Error(`Unresolvable $ref to "${name}"`);
  const schema = normalise(all[name]);
  assertNoNullable(schema, name);
  picked.set(name, schema);
  for (const ref of refsOf(schema)) {
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`${name}: unsupported $ref "${ref}"`);
    queue.push(decodeURIComponent(ref.slice(REF_PREFIX.length)).replaceAll("~1", "/").replaceAll("~0", "~"));
  }
}

const names = [...picked.keys()].sort();
const info = JSON.stringify({ title: spec.info?.title, version: spec.info?.version });
const body = names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(picked.get(n))}`).join(",\n");
const text = `{"info":${info},"components":{"schemas":{\n${body}\n}}}\n`;

if (check) {
  const current = existsSync(outPath) ? readFileSync(outPath, "utf8") : "";
  if (current !== text) {
    console.error(`${outPath} is stale: run node scripts/extract-openapi-schemas.mjs`);
    process.exit(1);
  }
  console.log(`${outPath} is up to date (${names.length} schemas)`);
} else {
  writeFileSync(outPath, text);
  console.log(`wrote ${names.length} schemas (${wanted.length} roots) to ${outPath}`);
}
