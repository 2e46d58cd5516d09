/**
 * The layering rules that keep KV in one place, checked on the source tree:
 *
 * - only src/store (and the local-only src/dev, which wraps the binding to count operations)
 *   calls methods on the KV namespace: elsewhere the namespace is only handed to a store;
 * - src/store imports nothing from src/api or src/assistants (the store sits below both).
 *
 * A KV call is recognised by its receiver: the `CACHE` binding, or a name containing `kv`
 * (`kv.put(`, `this.#kv.get(`, `store.kv.list(`), followed by a KV method.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");
const KV_OWNERS = ["src/store/", "src/dev/"];
const STORE_MUST_NOT_IMPORT = ["src/api/", "src/assistants/"];

const KV_METHOD = String.raw`\s*\??\.\s*(?:get|getWithMetadata|put|list|delete)\s*\(`;
/** The binding by its name (case matters: `cache.put(` is the Cache API), or any receiver named like `kv`. */
const KV_CALLS = [new RegExp(String.raw`\bCACHE${KV_METHOD}`, "g"), new RegExp(String.raw`[\w$#]*kv[\w$]*${KV_METHOD}`, "gi")];
/** `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`. */
const IMPORT_FROM = /\b(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Repository-relative path with forward slashes. */
function rel(path: string): string {
  return relative(ROOT, path).split("\\").join("/");
}

/** `file:line: code` for every KV method call in `text`. */
function kvCalls(text: string): string[] {
  const lines = text.split("\n");
  return lines.flatMap((line, i) => KV_CALLS.flatMap((pattern) => line.match(pattern) ?? []).map((call) => `${i + 1}: ${call}`));
}

/** The repository-relative paths a module imports (relative specifiers only). */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(IMPORT_FROM)]
    .map((m) => m[1] ?? m[2] ?? "")
    .filter((spec) => spec.startsWith("."))
    .map((spec) => rel(resolve(dirname(file), spec)));
}

describe("the KV detector", () => {
  it("finds calls on the namespace and ignores other get/put/list/delete calls", () => {
    expect(
      kvCalls(
        [
          "await ctx.env.CACHE.get(key)",
          "await this.#kv.put(k, v)",
          "const page = await store.kv.list({ prefix })",
          "await kv?.delete(k)",
          "const { value } = await namespaceKv.getWithMetadata(k)",
        ].join("\n"),
      ),
    ).toHaveLength(5);
    expect(kvCalls('request.headers.get("x"); map.get(k); this.#store.put(kind, hash); stores.images.get(id); cache.put(url, r)')).toEqual(
      [],
    );
  });

  it("resolves relative imports against the importing file", () => {
    const file = join(SRC, "store", "runs-repo.ts");
    const text = ['import { isLive } from "../assistants/run-view";', 'import type { X } from "./keys";', 'import "../api/context";'].join(
      "\n",
    );
    expect(importsOf(file, `${text}\nconst m = await import("../api/routes");`)).toEqual([
      "src/assistants/run-view",
      "src/store/keys",
      "src/api/context",
      "src/api/routes",
    ]);
  });
});

describe("layering", () => {
  const files = sourceFiles(SRC).map((path) => ({ path: rel(path), text: readFileSync(path, "utf8") }));

  it("finds the source tree", () => {
    expect(files.some((f) => f.path === "src/store/kv-writer.ts")).toBe(true);
  });

  it("calls KV methods on the namespace only under src/store (and src/dev)", () => {
    const offenders = files
      .filter((f) => !KV_OWNERS.some((owner) => f.path.startsWith(owner)))
      .flatMap((f) => kvCalls(f.text).map((call) => `${f.path}:${call}`));
    expect(offenders).toEqual([]);
  });

  it("src/store imports nothing from src/api or src/assistants", () => {
    const offenders = files
      .filter((f) => f.path.startsWith("src/store/"))
      .flatMap((f) => importsOf(join(ROOT, f.path), f.text).map((target) => `${f.path} → ${target}`))
      .filter((edge) => STORE_MUST_NOT_IMPORT.some((layer) => edge.split(" → ")[1]?.startsWith(layer)));
    expect(offenders).toEqual([]);
  });
});
