import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Two projects: `worker` runs inside workerd (the Worker, local KV, a faked AI binding);
// `node` runs on Node for what must be outside the Worker (the offline server driven over
// HTTP, static checks of Docker files, scripts).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml", environment: "local" } })],
        // A 2-core CI machine runs these files in parallel; the default 5 s is too tight for
        // tests that send dozens of requests (no-5xx), though each request is fast.
        test: { name: "worker", include: ["test/worker/**/*.test.ts"], testTimeout: 20_000 },
      },
      {
        test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
