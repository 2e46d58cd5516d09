/**
 * The deployed Worker carries no dev-only code: `wrangler deploy --dry-run` of the top-level
 * environment (what `npm run deploy` uploads, entry src/index.ts) must not contain the
 * offline emulator or the bench counters, while `[env.local]`'s build (entry
 * src/dev/local-entry.ts) must, so the markers really identify that code.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");

/** String literals only dev code has: the emulator's reply label, its error marker, the bench route. */
const DEV_MARKERS = ["[offline emulator]", "[emulate-error:", "/__bench/kv"];

const outDirs: string[] = [];

/** The single script `wrangler deploy --dry-run --env=<env>` writes. */
function build(env: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "ai-forwarder-bundle-"));
  outDirs.push(outdir);
  const run = spawnSync(process.execPath, [wrangler, "deploy", "--dry-run", `--env=${env}`, "--outdir", outdir], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1" },
  });
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run --env=${env} failed:\n${run.stdout}\n${run.stderr}`);
  const scripts = readdirSync(outdir).filter((f) => /\.m?js$/.test(f));
  expect(scripts).toHaveLength(1);
  return readFileSync(join(outdir, scripts[0] as string), "utf8");
}

let production = "";
let local = "";

beforeAll(() => {
  production = build("");
  local = build("local");
}, 120_000);

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe("the deployable bundle", () => {
  it.each(DEV_MARKERS)("production has no dev-only code (%s)", (marker) => {
    expect(production).not.toContain(marker);
  });

  it.each(DEV_MARKERS)("the [env.local] build does contain it (%s), so the check can fail", (marker) => {
    expect(local).toContain(marker);
  });

  it("is smaller than the local build by the dev code", () => {
    const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
    expect(gzip(production)).toBeLessThan(gzip(local));
    // The production build is the router and handlers; the local one adds about 20 KB of dev code.
    expect(local.length - production.length).toBeGreaterThan(10_000);
  });
});
