/**
 * wrangler.toml sends the API's paths straight to the Worker (`run_worker_first`), skipping
 * the asset lookup that costs every API request CPU under `wrangler dev` (and a step on
 * Cloudflare). That is invisible to clients only while no file in public/ lies under one of
 * those paths: a file there would stop being served. These checks keep it so, and keep the
 * landing page and the admin console outside the Worker-first paths.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function workerFirstPatterns(): string[] {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const assets = /^\[assets\]\n([\s\S]*?)(?=^\[)/m.exec(toml)?.[1] ?? "";
  const list = /^run_worker_first\s*=\s*\[([^\]]*)\]/m.exec(assets)?.[1];
  if (list === undefined) return [];
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

/** Every file under public/ as the URL path it is served at. */
function assetPaths(dir = join(root, "public")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return assetPaths(path);
    return [`/${relative(join(root, "public"), path).split(sep).join("/")}`];
  });
}

/** `/v1/*` matches `/v1/` and everything below it. */
function covers(pattern: string, path: string): boolean {
  return pattern.endsWith("/*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

describe("assets and Worker-first routing (wrangler.toml)", () => {
  const patterns = workerFirstPatterns();

  it("sends the OpenAI API and the admin API straight to the Worker", () => {
    expect(patterns).toEqual(["/v1/*", "/admin/api/*"]);
  });

  it("hides no file in public/ behind a Worker-first path", () => {
    const files = assetPaths();
    expect(files).toContain("/index.html");
    expect(files).toContain("/admin/index.html");
    expect(files.filter((file) => patterns.some((p) => covers(p, file)))).toEqual([]);
  });
});
