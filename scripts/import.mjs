#!/usr/bin/env node
/**
 * import: upload an OpenAI Assistants export (`assistants-thread-export/v1`, the folder the
 * public exporter writes) into a deployed ai-forwarder, keeping every id and timestamp.
 *
 *   npm run import -- ./export --url https://<worker> --admin-password … [--project P] [--dry-run]
 *   (also ADMIN_PASSWORD in the environment; docker compose run --rm import ./export --url …)
 *
 * Reads manifest.json, assistants.json and threads/*.json and posts them unit by unit to
 * `POST /admin/api/import` (assistants in batches of 50, then one thread file per call), so an
 * interrupted import resumes where it stopped: the Worker skips what it already holds, so
 * re-running the same command never duplicates anything. Prints progress and a summary with
 * the KV writes taken (or, with --dry-run, that it would take) against the free plan's 1,000 a
 * day. Exit codes: 0 done; 1 some units were refused (their problems are printed; the rest was
 * imported); 2 bad arguments or export folder, or the Worker refused the credentials; 3 stopped
 * by KV's write quota (run again later to resume).
 */

import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MANIFEST_SCHEMAS = ["assistants-export-manifest/v1", "assistants-thread-export/v1"];
const FREE_PLAN_WRITES_PER_DAY = 1000;
const USAGE = `usage: npm run import -- EXPORT_DIR --url https://<worker> [--admin-password PW] [--project NAME] [--dry-run] [--batch N]
  EXPORT_DIR         the exporter's folder: manifest.json, assistants.json, threads/<thread_id>.json
  --url              the Worker's address (with or without /v1)
  --admin-password   the Worker's ADMIN_PASSWORD (or set ADMIN_PASSWORD in the environment)
  --project          the project the objects belong to (default: "default")
  --dry-run          check everything and count the KV writes, write nothing
  --batch            assistants per request (default 50, at most 100)
`;

/** Parses argv into options; throws a usage error (message) on bad input. */
export function parseArgs(argv, env = process.env) {
  const options = { dir: undefined, url: undefined, password: env.ADMIN_PASSWORD, project: undefined, dryRun: false, batch: 50 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--url") options.url = value();
    else if (arg === "--admin-password") options.password = value();
    else if (arg === "--project") options.project = value();
    else if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--batch") options.batch = Number(value());
    else if (arg === "-h" || arg === "--help") throw new Error("help");
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}`);
    else if (options.dir === undefined) options.dir = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.dir) throw new Error("EXPORT_DIR is required");
  if (!options.url) throw new Error("--url is required");
  if (!options.password) throw new Error("the admin password is required: --admin-password or ADMIN_PASSWORD");
  if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > 100) throw new Error("--batch must be 1-100");
  options.url = options.url.replace(/\/+$/, "").replace(/\/v1$/, "");
  return options;
}

/** The export folder as units to post, in order; throws with a clear message when it is not one. */
export function readExport(dir, batch = 50) {
  const read = (path) => {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`cannot read ${path}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    }
  };
  const manifest = read(join(dir, "manifest.json"));
  if (!MANIFEST_SCHEMAS.includes(manifest?.export_schema)) {
    throw new Error(
      `${join(dir, "manifest.json")}: export_schema is ${JSON.stringify(manifest?.export_schema)}, expected one of ${MANIFEST_SCHEMAS.join(", ")}`,
    );
  }
  const units = [];
  let assistants = [];
  try {
    assistants = read(join(dir, "assistants.json"));
  } catch (e) {
    if (!String(e.message).includes("no such file")) throw e; // the exporter's --no-assistants writes none
  }
  if (!Array.isArray(assistants)) throw new Error(`${join(dir, "assistants.json")}: expected an array of assistants`);
  for (let i = 0; i < assistants.length; i += batch) {
    units.push({
      label: `assistants ${i + 1}-${Math.min(i + batch, assistants.length)} of ${assistants.length}`,
      body: { kind: "assistants", items: assistants.slice(i, i + batch) },
    });
  }
  let files = [];
  try {
    files = readdirSync(join(dir, "threads"))
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    // no threads folder: assistants only
  }
  for (const file of files) {
    const thread = read(join(dir, "threads", file));
    units.push({ label: `thread ${thread?.thread_id ?? file}`, body: { kind: "thread", thread } });
  }
  return { manifest, units };
}

/** Posts every unit; returns the exit code. `out` and `err` take lines. */
export async function runImport(options, { fetchImpl = fetch, out = console.log, err = console.error } = {}) {
  let exported;
  try {
    exported = readExport(options.dir, options.batch);
  } catch (e) {
    err(`import: ${e.message}`);
    return 2;
  }
  const { manifest, units } = exported;
  const total = { kv_writes: 0, kv_reads: 0, do_requests: 0, assistants: 0, threads: 0, messages: 0, runs: 0, steps: 0, marked: 0 };
  const statuses = {};
  let refused = 0;
  out(
    `${options.dryRun ? "Checking" : "Importing"} ${units.length} unit(s) from ${options.dir} into ${options.url} (project ${options.project ?? "default"})`,
  );
  if (manifest.threads_failed?.length)
    out(`  note: the exporter could not read ${manifest.threads_failed.length} thread(s); they are skipped`);
  for (const [n, unit] of units.entries()) {
    const body = { ...unit.body, dry_run: options.dryRun, ...(options.project ? { project: options.project } : {}) };
    let res;
    let payload;
    try {
      res = await fetchImpl(`${options.url}/admin/api/import`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.password}` },
        body: JSON.stringify(body),
      });
      payload = await res.json().catch(() => ({}));
    } catch (e) {
      err(`import: cannot reach ${options.url}: ${e.message}`);
      return 2;
    }
    const prefix = `[${n + 1}/${units.length}] ${unit.label}`;
    if (res.status === 200) {
      const c = payload.counts;
      total.kv_writes += c.kv_writes;
      total.kv_reads += c.kv_reads;
      total.do_requests += c.do_requests;
      for (const k of ["assistants", "threads", "messages", "runs", "steps"]) total[k] += c.objects[k];
      total.marked += payload.unavailable.length;
      for (const r of payload.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const what = payload.results.map((r) => r.status);
      out(
        `${prefix}: ${summarize(what)}, ${c.kv_writes} KV write(s)${options.dryRun ? " needed" : ""}${payload.unavailable.length ? `, ${payload.unavailable.length} item(s) kept and marked unavailable` : ""}`,
      );
      for (const w of payload.warnings) out(`    warning ${w.object_id ?? ""}: ${w.message}`);
      continue;
    }
    if (res.status === 400 && Array.isArray(payload.errors)) {
      refused++;
      err(`${prefix}: refused, nothing of it written: ${payload.error?.message}`);
      for (const p of payload.errors) err(`    ${p.object_id ?? "-"} ${p.path}: ${p.message}`);
      continue;
    }
    if (res.status === 429) {
      err(`${prefix}: stopped: ${payload.error?.message ?? "429 from the Worker"}`);
      err(
        `Stopped by KV's write quota after ${total.kv_writes} write(s) in this run. Run the same command again later (the free plan's writes reset at 00:00 UTC): what is already imported is skipped, nothing is duplicated.`,
      );
      return 3;
    }
    if (res.status === 401 || res.status === 403) {
      err(`import: the Worker refused the admin credentials (${res.status}): ${payload.error?.message ?? ""}`);
      return 2;
    }
    refused++;
    err(
      `${prefix}: HTTP ${res.status}: ${payload.error?.message ?? "no message"}${res.status === 413 ? " (raise the Worker's MAX_BODY_BYTES for this thread file)" : ""}`,
    );
  }
  out("");
  out(
    `${options.dryRun ? "Dry run (nothing written)" : "Done"}: ${total.assistants} assistant(s), ${total.threads} thread(s), ${total.messages} message(s), ${total.runs} run(s), ${total.steps} step(s); ${summarize(Object.entries(statuses).flatMap(([s, k]) => Array(k).fill(s)))}`,
  );
  out(
    `KV: ${total.kv_writes} write(s)${options.dryRun ? " needed" : ""}, ${total.kv_reads} read(s); Durable Object requests: ${total.do_requests}`,
  );
  if (total.marked)
    out(
      `${total.marked} item(s) kept and marked as not reproducible here (images and files whose bytes the export lacks, code_interpreter outputs, file_search citations): see x_ai_forwarder on those objects.`,
    );
  const days = Math.ceil(total.kv_writes / FREE_PLAN_WRITES_PER_DAY);
  if (options.dryRun) {
    out(
      total.kv_writes === 0
        ? "Nothing to write: everything in the export is already imported."
        : days <= 1
          ? `Free plan (${FREE_PLAN_WRITES_PER_DAY} KV writes a day, shared with the Worker's own traffic): fits in one day.`
          : `Free plan (${FREE_PLAN_WRITES_PER_DAY} KV writes a day): about ${days} days. Run the import each day; it stops cleanly at the quota and resumes.`,
    );
  }
  if (refused) err(`${refused} unit(s) refused: fix them in the export and run again (the rest is skipped as unchanged).`);
  return refused ? 1 : 0;
}

function summarize(statuses) {
  const counts = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return (
    Object.entries(counts)
      .map(([s, k]) => `${k} ${s}`)
      .join(", ") || "nothing"
  );
}

async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(e.message === "help" ? USAGE : `import: ${e.message}\n${USAGE}`);
    return e.message === "help" ? 0 : 2;
  }
  return runImport(options);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
