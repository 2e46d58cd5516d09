/**
 * `npm run bench:cpu` (also run by `npm run bench`): CPU per request of the production Worker,
 * measured in Node, beside a floor handler in the same process, against the Workers Free
 * plan's 10 ms. See bench/cpu/ for the parts: the bundle of src/index.ts (build-worker.mjs),
 * in-memory KV, instant fake AI, the real ThreadCoordinator over in-memory SQLite, Cache API
 * and timingSafeEqual shims, and the scenarios.
 *
 * "Ours" is the Worker's CPU minus the floor's: what the floor spends (building the Request,
 * parsing its JSON body, the Response, the runtime's stream plumbing) workerd spends outside
 * any Worker's code too. Budgets (bench/budgets.json, `cpu`): ours ≤ the per-request ceiling;
 * streams ≤ a ceiling per token over the re-framing floor.
 *
 *   npm run bench:cpu                       run and print the table
 *   npm run bench:cpu -- --check            also compare with bench/budgets.json (exit 1 if broken)
 *   npm run bench:cpu -- --out FILE         also write the results as JSON
 *   npm run bench:cpu -- --only ID[,ID]     run only these scenarios
 *   npm run bench:cpu -- --results FILE     print (and --check) an existing results file, no run
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { brokenCpuBudgets, cpuTable } from "./cpu/report.mjs";

const ROOT = new URL("..", import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    out: { type: "string" },
    only: { type: "string" },
    results: { type: "string" },
    budgets: { type: "string", default: join(ROOT, "bench/budgets.json") },
    markdown: { type: "boolean", default: false },
  },
});

/** Rounds per side; the median round counts. */
const ROUNDS = 7;

function log(line) {
  process.stderr.write(`[bench:cpu] ${line}\n`);
}

const results = args.results ? JSON.parse(readFileSync(args.results, "utf8")) : await run();
if (args.out) writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(cpuTable(results, { markdown: args.markdown }));
if (args.check) {
  const budgets = JSON.parse(readFileSync(args.budgets, "utf8")).cpu;
  const broken = brokenCpuBudgets(results, budgets);
  if (broken.length > 0) {
    log(`${broken.length} CPU budget(s) broken:`);
    for (const line of broken) log(`  - ${line}`);
    process.exit(1);
  }
  log(`all CPU budgets in ${args.budgets} hold`);
}

async function run() {
  const started = performance.now();
  // Imported here, so printing or checking a results file needs neither esbuild nor node:sqlite.
  const { importProductionWorker } = await import("./cpu/build-worker.mjs");
  const { createHarness } = await import("./cpu/harness.mjs");
  const { measurePair } = await import("./cpu/measure.mjs");
  const { installRuntimeShims } = await import("./cpu/runtime-shims.mjs");
  const { scenarios } = await import("./cpu/scenarios.mjs");
  installRuntimeShims();
  const worker = await importProductionWorker();
  const only = args.only?.split(",");
  const out = [];
  for (const s of scenarios()) {
    if (only && !only.includes(s.id)) continue;
    // A fresh Worker environment per scenario, so one scenario's KV does not weigh on the next.
    const h = createHarness(worker);
    const t = performance.now();
    const state = await s.setup?.(h);
    s.before?.(h);
    const m = await measurePair({
      rounds: ROUNDS,
      iterations: s.iterations,
      warmup: s.iterations,
      prepare: s.prepare ? (n) => s.prepare(h, state, n) : undefined,
      app: s.app(h, state),
      floor: s.floor(h, state),
    });
    const cost = await storageCost(h, s, state);
    const row = {
      id: s.id,
      label: s.label,
      size: s.size,
      iterations: s.iterations,
      appMs: round(m.appMs),
      floorMs: round(m.floorMs),
      oursMs: round(m.appMs - m.floorMs),
      ...(s.tokens ? { tokens: s.tokens, oursUsPerToken: round(((m.appMs - m.floorMs) * 1000) / s.tokens) } : {}),
      ...cost,
      appRoundsMs: m.appRounds.map(round),
      floorRoundsMs: m.floorRounds.map(round),
    };
    out.push(row);
    log(`${s.label}: ${row.appMs} ms, floor ${row.floorMs} ms, ours ${row.oursMs} ms (${Math.round(performance.now() - t)} ms wall)`);
  }
  return {
    version: 1,
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine: {
      cpuModel: cpus()[0]?.model ?? "unknown",
      nproc: availableParallelism(),
      platform: `${process.platform}-${process.arch} ${release()}`,
      node: process.version,
      loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    },
    settings: {
      rounds: ROUNDS,
      cpu: "process.cpuUsage() user+system per request, median of rounds; ours = Worker minus floor",
    },
    scenarios: out,
  };
}

/** KV operations and Durable Object requests of one more request of the scenario (storage is counted, not timed). */
async function storageCost(h, s, state) {
  const prepared = s.prepare ? await s.prepare(h, state, 1) : undefined;
  const kvBefore = { ...h.kv.counts };
  const doBefore = h.env.THREADS.requests;
  await s.app(h, state)(0, prepared);
  const kv = Object.fromEntries(Object.entries(h.kv.counts).map(([k, v]) => [k, v - kvBefore[k]]));
  return { kv, durableObjectRequests: h.env.THREADS.requests - doBefore };
}

function round(n) {
  return Math.round(n * 1000) / 1000;
}
