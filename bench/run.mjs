/**
 * `npm run bench`: ai-forwarder's speed, CPU and KV cost, side by side with the floor.
 *
 * Starts three local Workers with `wrangler dev` on loopback, each in its own process group:
 * ai-forwarder in offline mode (the emulated AI binding, which has no artificial delay) with
 * BENCH_MODE (KV operations counted, see src/dev/bench-mode.ts), and two floor Workers in the
 * same runtime: one returns the same JSON body without any work, one pipes the emulated AI
 * stream through unchanged (bench/floor/). All three are built first (`wrangler deploy
 * --dry-run`) and served from that snapshot with `--no-bundle`, so edits made to src/ while
 * the bench runs cannot reload a Worker mid-measurement. Each scenario runs a fixed number of
 * requests, after warm-up, against its floor and against ai-forwarder in alternating rounds,
 * and reports throughput, p50/p99 latency, workerd CPU per request and each one's ratio to
 * the floor (so machine noise cancels), plus KV reads/writes/lists/deletes per request. It
 * also measures the deployable bundle. Output: a table on stdout and bench/results.json.
 *
 *   npm run bench                                   run, print, write bench/results.json
 *   npm run bench -- --check                        run, then compare with bench/budgets.json (exit 1 if broken)
 *   npm run bench -- --check --results FILE         compare an existing results file, no run
 *   npm run bench -- --results FILE --markdown      print a results file as a Markdown table
 *   npm run bench -- --out FILE                     write the results elsewhere
 *   npm run bench -- --skip-cpu                     only the wrangler-dev part
 *   npm run bench -- --skip-cpu --only chat,models  only these wrangler-dev scenarios (ids in runScenarios)
 *
 * After the wrangler-dev part, the in-process CPU bench (bench/cpu.mjs, `npm run bench:cpu`)
 * runs in a fresh Node process; its results are stored under `cpu` and its budgets (the
 * `cpu` section of bench/budgets.json) are checked with the others.
 *
 * Choices: KV_WRITE_SPACING_MS=0 (the Worker normally spaces two writes to one key by 1 s,
 * KV's real per-key limit; miniflare does not enforce it and the bench measures our
 * overhead, not a deliberate wait). API_KEYS is set and every request carries a key, as in a
 * deployment. CPU is utime+stime of the workerd processes (Linux /proc), which includes
 * local KV's own storage work (in production that is not billed to the Worker).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, release, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { percentile, runAutocannon, runLoop } from "./lib/load.mjs";
import { brokenCpuBudgets, cpuTable } from "./cpu/report.mjs";
import { brokenBudgets, markdownTable, textTable } from "./lib/report.mjs";
import { buildWorker, bundleSize, ROOT, sleep, startWorker } from "./lib/servers.mjs";

const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    results: { type: "string" },
    out: { type: "string", default: join(ROOT, "bench/results.json") },
    budgets: { type: "string", default: join(ROOT, "bench/budgets.json") },
    markdown: { type: "boolean", default: false },
    "skip-cpu": { type: "boolean", default: false },
    only: { type: "string" },
  },
});

/** Load per scenario: keep-alive connections (= concurrent fetch loops) and warm-up requests. */
const CONNECTIONS = 4;
const WARMUP = 30;
/** Each side's requests are split into this many alternating rounds (floor, ours, floor, ours), so drift cancels. */
const ROUNDS = 4;
/** Assistants threads per load connection (one active run per thread). */
const THREADS_PER_CONNECTION = 3;
const SEED_MESSAGES = 100;
const API_KEY = "sk-bench-0123456789abcdef";
const MODEL = "gpt-4o-mini";
const INSTRUCTIONS = "You are a helpful assistant.";
/** ai-forwarder's vars in the bench, on top of [env.local]: see the header for why. */
const APP_VARS = ["BENCH_MODE:true", "KV_WRITE_SPACING_MS:0", `API_KEYS:${API_KEY}`, "CACHE_MODE:deterministic"];

const JSON_HEADERS = {
  "content-type": "application/json",
  authorization: `Bearer ${API_KEY}`,
  "openai-beta": "assistants=v2",
};

function log(line) {
  process.stderr.write(`[bench] ${line}\n`);
}

if (args.results) {
  const results = JSON.parse(readFileSync(args.results, "utf8"));
  printTables(results);
  process.exit(args.check ? check(results) : 0);
}

const results = await runBench();
if (!args["skip-cpu"]) results.cpu = runCpuBench();
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
printTables(results);
log(`wrote ${args.out} (${results.durationSeconds} s)`);
const failed = results.scenarios.filter((s) => !s.skipped && (s.result.failures > 0 || s.floorResult.failures > 0));
for (const s of failed) log(`${s.id}: ${s.result.failures} failed requests (floor: ${s.floorResult.failures}) ${s.firstError ?? ""}`);
process.exit(args.check ? check(results) : failed.length > 0 ? 1 : 0);

function printTables(results) {
  console.log(args.markdown ? markdownTable(results) : textTable(results));
  if (results.cpu) console.log(`\n${cpuTable(results.cpu, { markdown: args.markdown })}`);
}

/** The in-process CPU bench, in its own Node process (a fresh V8, none of this one's load-generator garbage). */
function runCpuBench() {
  log("in-process CPU per request (bench/cpu.mjs)...");
  const dir = mkdtempSync(join(tmpdir(), "ai-forwarder-bench-cpu-results-"));
  try {
    const out = join(dir, "cpu.json");
    execFileSync(process.execPath, ["--no-warnings", join(ROOT, "bench/cpu.mjs"), "--out", out], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(results) {
  const budgets = JSON.parse(readFileSync(args.budgets, "utf8"));
  const broken = brokenBudgets(results, budgets);
  if (results.cpu) broken.push(...brokenCpuBudgets(results.cpu, budgets.cpu));
  else if (!args["skip-cpu"]) broken.push("cpu: the in-process CPU bench is not in the results");
  if (broken.length === 0) {
    log(`all budgets in ${args.budgets} hold`);
    return 0;
  }
  log(`${broken.length} budget(s) broken:`);
  for (const line of broken) log(`  - ${line}`);
  return 1;
}

async function runBench() {
  const started = performance.now();
  log("building ai-forwarder, the two floor Workers and the deployable bundle (wrangler deploy --dry-run)...");
  const builds = await settleAll([
    buildWorker({ config: "wrangler.toml", env: "local" }),
    buildWorker({ config: "bench/floor/json-floor.toml", env: "" }),
    buildWorker({ config: "bench/floor/stream-floor.toml", env: "" }),
    bundleSize(),
  ]);
  const servers = [];
  try {
    const [appBuild, jsonBuild, streamBuild, bundle] = builds;
    log(`built in ${seconds(started)} s; starting them with wrangler dev (offline, bench mode)...`);
    servers.push(
      ...(await settleAll(
        [
          startWorker({
            name: "ai-forwarder",
            config: "wrangler.toml",
            script: appBuild.script,
            args: ["--env", "local", ...APP_VARS.flatMap((v) => ["--var", v])],
            readyPath: "/__bench/kv",
          }),
          startWorker({ name: "json-floor", config: "bench/floor/json-floor.toml", script: jsonBuild.script, readyPath: "/__floor/ready" }),
          startWorker({ name: "stream-floor", config: "bench/floor/stream-floor.toml", script: streamBuild.script, readyPath: "/" }),
        ],
        (server) => server.stop(),
      )),
    );
    const [app, jsonFloor, streamFloor] = servers;
    log(`ready in ${seconds(started)} s; bundle ${bundle.rawBytes} B raw, ${bundle.gzipBytes} B gzipped`);
    const scenarios = await runScenarios(app, jsonFloor, streamFloor);
    return {
      version: 1,
      date: new Date().toISOString(),
      durationSeconds: seconds(started),
      machine: machine(),
      git: gitState(),
      settings: {
        connections: CONNECTIONS,
        warmupRequests: WARMUP,
        rounds: ROUNDS,
        appVars: APP_VARS,
        cpu: "utime+stime of the workerd processes under each wrangler dev, divided by requests (null without /proc)",
        latency: "to the end of the response body; nearest-rank percentiles",
      },
      bundle,
      scenarios,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const build of builds) build.remove?.();
    log("stopped all Workers");
  }
}

function seconds(since) {
  return Math.round((performance.now() - since) / 100) / 10;
}

/** Like Promise.all, but waits for every promise; on a failure, `cleanup` runs on the ones that succeeded. */
async function settleAll(promises, cleanup = (value) => value?.remove?.()) {
  const settled = await Promise.allSettled(promises);
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) {
    await Promise.all(settled.filter((s) => s.status === "fulfilled").map((s) => cleanup(s.value)));
    throw failure.reason;
  }
  return settled.map((s) => s.value);
}

/** Ops counted in bench mode once in-flight KV work (incl. ctx.waitUntil) has settled. */
async function settledKv(app, reset) {
  let last = "";
  for (let i = 0; i < 100; i++) {
    const counts = await (await fetch(`${app.base}/__bench/kv`)).json();
    const now = JSON.stringify(counts);
    if (counts.pending === 0 && now === last) {
      if (reset) await (await fetch(`${app.base}/__bench/kv?reset=1`)).arrayBuffer();
      return counts;
    }
    last = now;
    await sleep(100);
  }
  throw new Error("KV operations did not settle");
}

async function request(base, path, { method = "GET", body } = {}) {
  const res = await fetch(base + path, { method, headers: JSON_HEADERS, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return { res, text };
}

/**
 * Measures a scenario against its floor: warm-up on both, then `count` requests per side in
 * `rounds` (default ROUNDS) alternating rounds in ABBA order (floor, ours, ours, floor, ...) so
 * that slow drift in machine load hits both alike. CPU is read around each round (ours after its KV work, including
 * ctx.waitUntil, has settled); KV operations are counted from zero after the warm-up.
 * @param {{ count: number, warmup: number, app: object, appRun: (n: number) => Promise<object>,
 *   floorServers: object[], floorRun: (n: number) => Promise<object>, rounds?: number }} options
 */
async function measurePair({ count, warmup, app, appRun, floorServers, floorRun, rounds = ROUNDS }) {
  await floorRun(warmup);
  await appRun(warmup);
  const start = await settledKv(app, true);
  const sides = { floor: emptySide(), ours: emptySide() };
  for (let round = 0; round < rounds; round++) {
    const n = Math.floor(count / rounds) + (round < count % rounds ? 1 : 0);
    const floorSide = () => measureRound(sides.floor, floorServers, () => floorRun(n));
    const oursSide = () =>
      measureRound(sides.ours, [app], async () => {
        const load = await appRun(n);
        await settledKv(app, false);
        return load;
      });
    // ABBA order (floor, ours, ours, floor, ...): neither side always runs first after a pause.
    if (round % 2 === 0) {
      await floorSide();
      await oursSide();
    } else {
      await oursSide();
      await floorSide();
    }
  }
  const kv = await settledKv(app, false);
  if (kv.isolate !== start.isolate) throw new Error("ai-forwarder was reloaded during the scenario; its counts are lost");
  const result = summarize(sides.ours, count);
  const floorResult = summarize(sides.floor, count);
  const per = (n) => round(n / count, 3);
  return {
    result,
    floorResult,
    ratios: ratios(result, floorResult),
    kvPerRequest: { reads: per(kv.reads), writes: per(kv.writes), lists: per(kv.lists), deletes: per(kv.deletes) },
    kvTotal: { reads: kv.reads, writes: kv.writes, lists: kv.lists, deletes: kv.deletes },
    firstError: sides.ours.firstError ?? sides.floor.firstError,
  };
}

function emptySide() {
  return { latencies: [], wallMs: 0, failures: 0, cpu: 0, other: 0, cpuKnown: true, firstError: undefined };
}

async function measureRound(side, servers, run) {
  const before = cpuOf(servers);
  const load = await run();
  const after = cpuOf(servers);
  side.latencies.push(...load.latencies);
  side.wallMs += load.wallMs;
  side.failures += load.failures;
  side.firstError ??= load.firstError ? String(load.firstError) : undefined;
  if (!before || !after || after.workerd < before.workerd) side.cpuKnown = false;
  else {
    side.cpu += after.workerd - before.workerd;
    side.other += after.other - before.other;
  }
}

function summarize(side, count) {
  return {
    rps: round(count / (side.wallMs / 1000), 1),
    p50Ms: round(percentile(side.latencies, 0.5), 3),
    p99Ms: round(percentile(side.latencies, 0.99), 3),
    meanMs: round(side.latencies.reduce((a, b) => a + b, 0) / Math.max(1, side.latencies.length), 3),
    cpuMsPerRequest: side.cpuKnown ? round(side.cpu / count, 3) : null,
    wranglerNodeCpuMsPerRequest: side.cpuKnown ? round(side.other / count, 3) : null,
    failures: side.failures,
  };
}

function round(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function ratios(result, floor) {
  const r = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 3));
  return {
    p50: r(result.p50Ms, floor.p50Ms),
    p99: r(result.p99Ms, floor.p99Ms),
    cpu: r(result.cpuMsPerRequest, floor.cpuMsPerRequest),
    rps: r(result.rps, floor.rps),
  };
}

/** CPU of several Workers together (undefined without /proc). */
function cpuOf(servers) {
  const all = servers.map((s) => s.cpu());
  if (all.some((c) => c === undefined)) return undefined;
  return { workerd: all.reduce((a, c) => a + c.workerd, 0), other: all.reduce((a, c) => a + c.other, 0) };
}

/** A single-request scenario driven by autocannon, against ai-forwarder and a floor. */
async function httpScenario(def, app, floorServer, floorPath, floorBody) {
  const appOptions = { url: app.base + def.path, method: def.method, headers: JSON_HEADERS, body: def.body && JSON.stringify(def.body) };
  const floorOptions = {
    url: floorServer.base + floorPath,
    method: def.method,
    headers: JSON_HEADERS,
    body: def.method === "GET" ? undefined : JSON.stringify(floorBody ?? def.body),
  };
  const drive = (options) => (amount) => runAutocannon({ ...options, amount, connections: CONNECTIONS });
  const measured = await measurePair({
    count: def.requests,
    warmup: WARMUP,
    app,
    appRun: drive(appOptions),
    floorServers: [floorServer],
    floorRun: drive(floorOptions),
    rounds: def.rounds,
  });
  return { driver: "autocannon", ...measured };
}

/** Stores ai-forwarder's answer to `def` as the JSON floor's body for `name`. */
async function captureForFloor(def, app, jsonFloor, name) {
  const { res, text } = await request(app.base, def.path, { method: def.method, body: def.body });
  const put = await fetch(`${jsonFloor.base}/__floor/${name}`, { method: "PUT", body: text });
  await put.arrayBuffer();
  return res;
}

function words(n, prefix = "w") {
  return Array.from({ length: n }, (_, i) => `${prefix}${i % 1000}`).join(" ");
}

async function runScenarios(app, jsonFloor, streamFloor) {
  const out = [];
  const progress = (s) => {
    if (s.skipped) log(`${s.label}: skipped (${s.skipped})`);
    else
      log(
        `${s.label}: ${s.result.rps} req/s, p50 ${s.result.p50Ms} ms (${s.ratios.p50}x floor), p99 ${s.result.p99Ms} ms, CPU ${s.result.cpuMsPerRequest} ms/req (${s.ratios.cpu}x)` +
          (s.result.failures ? `, ${s.result.failures} FAILED` : ""),
      );
  };

  // Seeding: one assistant, a 100-message thread to list and 100-message threads for the turns.
  log(`seeding: 1 assistant, ${1 + CONNECTIONS * THREADS_PER_CONNECTION} threads of ${SEED_MESSAGES} messages (not measured)...`);
  const assistant = JSON.parse(
    (await request(app.base, "/v1/assistants", { method: "POST", body: { model: MODEL, instructions: INSTRUCTIONS } })).text,
  );
  const seedMessages = Array.from({ length: SEED_MESSAGES }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: `Seed message ${i}: a short line of conversation about Workers AI, KV storage and latency.`,
  }));
  const seedThread = async () => {
    const thread = JSON.parse(
      (await request(app.base, "/v1/threads", { method: "POST", body: { messages: seedMessages.slice(0, 32) } })).text,
    );
    for (const m of seedMessages.slice(32)) await request(app.base, `/v1/threads/${thread.id}/messages`, { method: "POST", body: m });
    return thread.id;
  };
  const turnThreads = [];
  let listThreadId;
  const seeded = await runLoop({
    iterations: 1 + CONNECTIONS * THREADS_PER_CONNECTION,
    concurrency: CONNECTIONS,
    iterate: async (_worker, index) => {
      const id = await seedThread();
      if (index > 0) turnThreads.push(id);
      else listThreadId = id;
    },
  });
  if (seeded.failures > 0) throw new Error(`seeding failed: ${seeded.firstError}`);

  const defs = [
    { id: "models", label: "GET /v1/models", method: "GET", path: "/v1/models", requests: 300 },
    {
      id: "chat",
      label: "chat completion",
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: MODEL, messages: [{ role: "user", content: "Hello! What can you tell me about Workers AI?" }] },
      // The bar (≥ 0.9 of the floor's throughput, ≤ 1.2× its CPU) is measured here: 300
      // requests (about a second a side) in 2 rounds swung the ratios by ±0.15 between runs on
      // this machine; short rounds interleave the two sides finely, so load drift hits both.
      requests: 2000,
      rounds: 10,
    },
    {
      id: "chat-stream-1000",
      label: "chat completion, streamed, 1,000 tokens",
      method: "POST",
      path: "/v1/chat/completions",
      // The emulator answers "[offline emulator] You said: <text>": 4 + 996 = 1,000 words, one token each.
      body: { model: MODEL, messages: [{ role: "user", content: words(996) }], max_tokens: 1000, stream: true },
      floor: "stream",
      requests: 40,
    },
    {
      id: "tool-call",
      label: "chat completion with a tool call",
      method: "POST",
      path: "/v1/chat/completions",
      body: {
        model: MODEL,
        messages: [{ role: "user", content: 'Use lookup_order for order "A-42"' }],
        tools: [
          {
            type: "function",
            function: {
              name: "lookup_order",
              description: "Looks up an order",
              parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
            },
          },
        ],
      },
      requests: 300,
    },
    { id: "assistants-turn", label: "Assistants turn (message + streamed run)", requests: 80 },
    {
      id: "messages-list-100",
      label: "list 100 messages",
      method: "GET",
      path: `/v1/threads/${listThreadId}/messages?limit=100`,
      requests: 200,
    },
    {
      id: "chat-cached-hit",
      label: "chat completion, cache hit",
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: MODEL, messages: [{ role: "user", content: "What is the capital of France? (cached)" }], temperature: 0 },
      requests: 300,
    },
  ];

  const only = args.only?.split(",");
  for (const def of defs) {
    if (only && !only.includes(def.id)) continue;
    let scenario;
    if (def.id === "assistants-turn") {
      scenario = await assistantsScenario(def, app, jsonFloor, streamFloor, assistant.id, turnThreads, seedMessages);
    } else if (def.floor === "stream") {
      const res = await request(app.base, def.path, { method: def.method, body: def.body });
      if (!res.text.includes("data: [DONE]")) throw new Error(`${def.id}: the stream did not end with [DONE]`);
      scenario = await httpScenario(def, app, streamFloor, "/", { messages: def.body.messages, max_tokens: def.body.max_tokens });
      scenario.floor = "stream (emulated AI SSE piped through)";
    } else {
      let skipped;
      if (def.id === "chat-cached-hit") skipped = await primeCache(def, app);
      if (skipped) scenario = { skipped };
      else {
        const res = await captureForFloor(def, app, jsonFloor, def.id);
        const cacheHeader = res.headers.get("x-cache");
        if (def.id !== "chat-cached-hit" && cacheHeader === "HIT") throw new Error(`${def.id}: unexpectedly served from the cache`);
        scenario = await httpScenario(def, app, jsonFloor, `/${def.id}`);
        scenario.floor = "json (same body, no work)";
        if (def.id === "chat-cached-hit" && scenario.kvPerRequest.reads === 0) {
          scenario.note =
            "hits came from the Cache API first tier, which wrangler dev emulates; on *.workers.dev the Cache API does nothing and each hit is 1 KV read";
        }
      }
    }
    const full = { id: def.id, label: def.label, requests: def.requests, ...scenario };
    progress(full);
    out.push(full);
  }
  return out;
}

/** Primes the cache for `def`; returns why the scenario is skipped, or undefined if it hits. */
async function primeCache(def, app) {
  const first = await request(app.base, def.path, { method: def.method, body: def.body });
  const status = first.res.headers.get("x-cache");
  if (status === null) return "no response cache in this build (no x-cache header)";
  await settledKv(app, false);
  const second = await request(app.base, def.path, { method: def.method, body: def.body });
  const again = second.res.headers.get("x-cache");
  if (again !== "HIT") return `the cache did not hit after priming (x-cache: ${first.res.headers.get("x-cache")}, then ${again})`;
  return undefined;
}

/**
 * One iteration = add a user message + a streamed run read to its end, on a thread with
 * 100 earlier messages. A thread allows one active run, so each connection owns its own
 * threads and rotates through them. Driven by a bounded fetch loop (autocannon cannot chain
 * two requests per iteration); the floor runs the same loop: the JSON floor answers the
 * message, the stream floor streams the emulated reply to the same prompt.
 */
async function assistantsScenario(def, app, jsonFloor, streamFloor, assistantId, threads, seedMessages) {
  const turns = new Array(CONNECTIONS).fill(0);
  const nextThread = (worker) => threads[worker * THREADS_PER_CONNECTION + (turns[worker]++ % THREADS_PER_CONNECTION)];
  const text = (index) => `Turn ${index}: please summarise what we discussed about Workers AI.`;

  const appTurn = async (worker, index) => {
    const thread = nextThread(worker);
    await request(app.base, `/v1/threads/${thread}/messages`, { method: "POST", body: { role: "user", content: text(index) } });
    const run = await request(app.base, `/v1/threads/${thread}/runs`, {
      method: "POST",
      body: { assistant_id: assistantId, stream: true },
    });
    if (!run.text.includes("event: thread.run.completed") || !run.text.endsWith("data: [DONE]\n\n")) {
      throw new Error(`run did not complete: ${run.text.slice(-300)}`);
    }
  };

  // The floor answers the message with the body ai-forwarder returned for one.
  const sample = await request(app.base, `/v1/threads/${threads[0]}/messages`, {
    method: "POST",
    body: { role: "user", content: text(0) },
  });
  await (await fetch(`${jsonFloor.base}/__floor/assistants-message`, { method: "PUT", body: sample.text })).arrayBuffer();
  await request(app.base, `/v1/threads/${threads[0]}/runs`, { method: "POST", body: { assistant_id: assistantId, stream: true } });
  const prompt = (index) => [{ role: "system", content: INSTRUCTIONS }, ...seedMessages, { role: "user", content: text(index) }];
  const floorTurn = async (_worker, index) => {
    await request(jsonFloor.base, "/assistants-message", { method: "POST", body: { role: "user", content: text(index) } });
    const res = await request(streamFloor.base, "/", { method: "POST", body: { messages: prompt(index) } });
    if (!res.text.endsWith("data: [DONE]\n\n")) throw new Error("floor stream did not end with [DONE]");
  };

  const warm = CONNECTIONS * 2;
  const loop = (iterate) => (iterations) => runLoop({ iterations, concurrency: CONNECTIONS, iterate });
  // The floor's CPU is both floor Workers' together.
  const measured = await measurePair({
    count: def.requests,
    warmup: warm,
    app,
    appRun: loop(appTurn),
    floorServers: [jsonFloor, streamFloor],
    floorRun: loop(floorTurn),
  });
  const turnsPerThread = Math.ceil((warm + def.requests) / threads.length) + 1;
  return {
    driver: "fetch loop (two chained requests per iteration)",
    floor: "json + stream (message body, then the emulated reply to the same prompt)",
    note: `threads start with ${SEED_MESSAGES} messages and grow by 2 per turn (up to about ${SEED_MESSAGES + 2 * turnsPerThread})`,
    ...measured,
  };
}

/** The commit measured and whether the working tree had changes (the bench serves the working tree). */
function gitState() {
  try {
    const run = (...a) => execFileSync("git", a, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return { commit: run("rev-parse", "HEAD"), uncommittedChanges: run("status", "--porcelain").length > 0 };
  } catch {
    return null;
  }
}

function machine() {
  let cpuModel = "unknown";
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  return {
    cpuModel,
    nproc: availableParallelism(),
    platform: `${process.platform}-${process.arch} ${release()}`,
    node: process.version,
    workerd: version("workerd"),
    wrangler: version("wrangler"),
    autocannon: version("autocannon"),
  };
}
