/**
 * Local Workers for the bench: each is `wrangler dev` in its own process group, on a free
 * loopback port, with its own throw-away KV directory. Every group is killed at the end,
 * also when the bench fails or is interrupted, so no process or port is left behind.
 *
 * CPU is read from the outside: workerd's isolate timing is not observable from inside the
 * Worker (Date.now() is frozen between I/O), so the bench reads utime + stime of the workerd
 * processes under each wrangler (Linux /proc) before and after a scenario.
 */
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

export const ROOT = new URL("../..", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/**
 * Everything temporary (builds, local KV, and wrangler's and miniflare's own temporary files,
 * via TMPDIR) lives under one directory that is removed when the bench exits, however it exits.
 */
const TEMP_ROOT = mkdtempSync(join(tmpdir(), "ai-forwarder-bench-"));

/**
 * Environment for every wrangler the bench starts: no telemetry, no update check (the
 * banner does one) and no fetch of the `Request.cf` object, so nothing leaves loopback.
 */
export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  TMPDIR: TEMP_ROOT,
};

/** Process groups still alive, killed synchronously if the bench exits early. */
const live = new Set();

function cleanUpNow() {
  for (const pid of live) killGroup(pid, "SIGKILL");
  rmSync(TEMP_ROOT, { recursive: true, force: true });
}
process.on("exit", cleanUpNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    cleanUpNow();
    process.exit(130);
  });
}

function tempDir(prefix) {
  return mkdtempSync(join(TEMP_ROOT, prefix));
}

function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/**
 * Builds a Worker as `wrangler deploy --dry-run` does (no account needed) into a temporary
 * directory: the bench serves this snapshot with `--no-bundle`, so edits to the sources
 * while it runs cannot reload the Worker mid-measurement.
 * @param {{ config: string, env: string }} options  `env: ""` is the top-level environment
 * @returns {Promise<{ dir: string, script: string, remove: () => void }>}
 */
export async function buildWorker({ config, env }) {
  const dir = tempDir("build-");
  const remove = () => removeDir(dir);
  try {
    const child = spawn(process.execPath, [WRANGLER, "deploy", "--dry-run", "--config", config, `--env=${env}`, "--outdir", dir], {
      cwd: ROOT,
      env: WRANGLER_ENV,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child.pid);
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const [code] = await once(child, "exit");
    live.delete(child.pid);
    if (code !== 0) throw new Error(`wrangler deploy --dry-run --config ${config} failed (${code}):\n${output}`);
    const scripts = readdirSync(dir).filter((f) => /\.m?js$/.test(f));
    if (scripts.length !== 1) throw new Error(`expected one script in the dry-run output, got ${scripts.join(", ")}`);
    return { dir, script: join(dir, scripts[0]), remove };
  } catch (err) {
    remove();
    throw err;
  }
}

/** The deployable script's size, raw and gzipped (zlib level 9), from a dry-run build. */
export async function bundleSize(config = "wrangler.toml") {
  const build = await buildWorker({ config, env: "" });
  try {
    const bytes = readFileSync(build.script);
    return { file: basename(build.script), rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  } finally {
    build.remove();
  }
}

/**
 * Serves a built script with `wrangler dev --no-bundle` (bindings and vars from `config`)
 * and resolves once `readyPath` answers 2xx.
 * @param {{ name: string, config: string, script: string, args?: string[], readyPath: string }} options
 */
export async function startWorker({ name, config, script, args = [], readyPath }) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const persist = tempDir(`kv-${name}-`);
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      script,
      "--no-bundle",
      "--config",
      config,
      ...args,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persist,
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ],
    { cwd: ROOT, env: WRANGLER_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: wrangler did not start`);
  live.add(pid);
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) {
      await stopGroup(pid, persist);
      throw new Error(`${name}: wrangler exited before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stopGroup(pid, persist);
      throw new Error(`${name}: not ready after 90 s:\n${output}`);
    }
    try {
      const res = await fetch(base + readyPath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }

  return {
    name,
    base,
    pid,
    /** Recent wrangler output, for error messages. */
    output: () => output,
    /** CPU milliseconds used so far by this wrangler's workerd processes and by the rest of its tree. */
    cpu: () => treeCpu(pid),
    stop: () => stopGroup(pid, persist),
  };
}

async function stopGroup(pid, persist) {
  killGroup(pid, "SIGTERM");
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  if (groupAlive(pid)) {
    killGroup(pid, "SIGKILL");
    for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
  }
  live.delete(pid);
  removeDir(persist);
}

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** `{pid, ppid, comm, ticks}` of every process, from /proc; undefined without /proc. */
function processTable() {
  let entries;
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const table = [];
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      // After the command: state, ppid, ..., utime (14th field overall), stime (15th).
      table.push({ pid: Number(entry), ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** CPU ms of `root`'s descendants: `{ workerd, other }`, or undefined where /proc is missing. */
function treeCpu(root) {
  const table = processTable();
  if (!table) return undefined;
  const children = new Map();
  for (const p of table) {
    const list = children.get(p.ppid) ?? [];
    list.push(p);
    children.set(p.ppid, list);
  }
  let workerd = 0;
  let other = 0;
  const rootEntry = table.find((p) => p.pid === root);
  const stack = rootEntry ? [rootEntry] : [];
  while (stack.length > 0) {
    const p = stack.pop();
    if (p.comm === "workerd") workerd += p.ticks;
    else other += p.ticks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  const ms = 1000 / ticksPerSecond();
  return { workerd: workerd * ms, other: other * ms };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
