/**
 * Bundles the production Worker (src/index.ts, the entry `wrangler deploy` ships) with the
 * esbuild that wrangler itself uses, for Node: `cloudflare:workers` resolves to a small shim
 * (cloudflare-workers.mjs), everything else is bundled as wrangler would (the `workerd`,
 * `worker` and `browser` export conditions). Returns the imported module.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const HERE = new URL(".", import.meta.url).pathname;
export const ROOT = new URL("../..", import.meta.url).pathname;

/** The built production entry's exports: `default` ({ fetch }) and `ThreadCoordinator`. */
export async function importProductionWorker() {
  const dir = mkdtempSync(join(tmpdir(), "ai-forwarder-bench-cpu-"));
  const outfile = join(dir, "worker.mjs");
  try {
    await build({
      entryPoints: [join(ROOT, "src/index.ts")],
      outfile,
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser"],
      sourcemap: "inline",
      logLevel: "error",
      plugins: [
        {
          name: "cloudflare-workers-shim",
          setup(b) {
            b.onResolve({ filter: /^cloudflare:workers$/ }, () => ({ path: join(HERE, "cloudflare-workers.mjs") }));
          },
        },
      ],
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
