#!/usr/bin/env node
/**
 * setup-kv: create the CACHE KV namespace and its preview with wrangler and write their ids
 * into wrangler.toml, so nobody has to copy ids by hand.
 *
 *   node scripts/setup-kv.mjs [path/to/wrangler.toml]   (npm run setup, docker compose run --rm setup)
 *
 * Idempotent: ids that are already real are left alone (a second run calls nothing and writes
 * nothing), and a namespace whose title already exists (`wrangler kv namespace list`) is
 * reused rather than created again. The file is written only after every wrangler call has
 * succeeded, and only the two quoted values change, so comments and layout survive.
 * Exit code 0 on success (also when there was nothing to do), 1 on any failure.
 *
 * Titles are "<worker name>-CACHE" and "<worker name>-CACHE_preview": wrangler 4 no longer
 * prefixes the worker name, and a bare "CACHE" title could belong to another project in the
 * same account. WRANGLER_BIN (default "npx wrangler") picks the wrangler command; tests point
 * it at a fake. Only the top-level [[kv_namespaces]] entry is touched, never [env.local].
 */
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const BINDING = "CACHE";
const REAL_ID = /^[0-9a-f]{32}$/i;

class SetupError extends Error {}

/** Run wrangler with `args` in `cwd`; returns stdout, throws SetupError with its output on failure. */
function wrangler(args, cwd) {
  const [cmd, ...pre] = (process.env.WRANGLER_BIN || "npx wrangler").trim().split(/\s+/);
  const shown = `wrangler ${args.join(" ")}`;
  const r = spawnSync(cmd, [...pre, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { WRANGLER_SEND_METRICS: "false", ...process.env },
    timeout: 180_000,
    shell: process.platform === "win32", // npx is npx.cmd there
  });
  if (r.error || r.status !== 0) {
    const output = stripVTControlCharacters(`${r.stderr ?? ""}${r.stdout ?? ""}`).trim();
    const why = r.error ? r.error.message : `exit code ${r.status ?? r.signal}`;
    throw new SetupError(
      `\`${shown}\` failed (${why}).${output ? `\n${indent(output)}` : ""}\n` +
        "Check CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID (see docker/.env.example), or run `npx wrangler login`.",
    );
  }
  return stripVTControlCharacters(r.stdout);
}

/** The JSON array `wrangler kv namespace list` prints (notices may come before it). */
export function parseNamespaceList(stdout) {
  const end = stdout.lastIndexOf("]");
  for (const m of stdout.matchAll(/^[ \t]*\[/gm)) {
    try {
      const list = JSON.parse(stdout.slice(m.index, end + 1));
      if (Array.isArray(list)) return list.filter((n) => n && typeof n.title === "string" && typeof n.id === "string");
    } catch {}
  }
  throw new SetupError(`could not read the namespace list from wrangler's output:\n${indent(stdout)}`);
}

/**
 * The id in `wrangler kv namespace create` output. wrangler prints a config snippet: TOML
 * (`id = "…"` / `preview_id = "…"`) next to a wrangler.toml, JSON (`"id": "…"`) otherwise.
 */
export function parseCreatedId(stdout) {
  const ids = [...stdout.matchAll(/\b(?:preview_)?id"?\s*[=:]\s*"([0-9a-f]{32})"/gi)];
  const id = ids.at(-1)?.[1];
  if (!id) throw new SetupError(`could not find the new namespace id in wrangler's output:\n${indent(stdout)}`);
  return id;
}

/**
 * Locate the top-level `[[kv_namespaces]]` entry for CACHE: its binding line, and for `id`
 * and `preview_id` the line index (-1 if absent) and current value. Tables under [env.*]
 * have other headers and are skipped.
 */
export function findCacheEntry(lines) {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "[[kv_namespaces]]") continue;
    let end = i + 1;
    while (end < lines.length && !/^\s*\[/.test(lines[end])) end++;
    const lineOf = (re) => {
      for (let j = i + 1; j < end; j++) if (re.test(lines[j])) return j;
      return -1;
    };
    const binding = lineOf(new RegExp(`^\\s*binding\\s*=\\s*"${BINDING}"`));
    if (binding < 0) continue;
    const field = (key) => {
      const line = lineOf(new RegExp(`^\\s*${key}\\s*=`));
      return { line, value: line < 0 ? "" : (/=\s*"([^"]*)"/.exec(lines[line])?.[1] ?? "") };
    };
    return { binding, id: field("id"), preview_id: field("preview_id") };
  }
  throw new SetupError(`no top-level [[kv_namespaces]] entry with binding = "${BINDING}" in wrangler.toml`);
}

/** Write the ids into `lines`: replace the quoted values in place, add missing keys after `binding`. */
export function applyIds(lines, entry, ids) {
  const missing = [];
  for (const key of ["id", "preview_id"]) {
    if (!ids[key]) continue;
    const { line } = entry[key];
    if (line < 0) missing.push(`${key} = "${ids[key]}"`);
    else if (/=\s*"[^"]*"/.test(lines[line])) lines[line] = lines[line].replace(/(=\s*)"[^"]*"/, `$1"${ids[key]}"`);
    else lines[line] = lines[line].replace(/=.*$/, `= "${ids[key]}"`);
  }
  lines.splice(entry.binding + 1, 0, ...missing); // after the in-place edits: indices stay valid
  return lines;
}

export function setup(configPath) {
  const text = readFileSync(configPath, "utf8");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const entry = findCacheEntry(lines);
  const firstTable = lines.findIndex((l) => /^\s*\[/.test(l));
  const topLevel = firstTable < 0 ? lines : lines.slice(0, firstTable);
  const worker = topLevel.map((l) => /^\s*name\s*=\s*"([^"]+)"/.exec(l)?.[1]).find(Boolean) ?? "ai-forwarder";

  const wanted = [
    { key: "id", title: `${worker}-${BINDING}`, args: [] },
    { key: "preview_id", title: `${worker}-${BINDING}_preview`, args: ["--preview"] },
  ].filter((w) => !REAL_ID.test(entry[w.key].value) || /^0+$/.test(entry[w.key].value));

  if (wanted.length === 0) {
    console.log(`${configPath}: ${BINDING} id and preview_id are already set; nothing to do.`);
    return;
  }

  const cwd = dirname(configPath);
  const existing = parseNamespaceList(wrangler(["kv", "namespace", "list"], cwd));
  const found = {};
  for (const w of wanted) {
    const match = existing.find((n) => n.title === w.title);
    if (match) {
      found[w.key] = match.id;
      console.log(`${w.key}: reusing existing namespace "${w.title}" (${match.id})`);
    } else {
      // wrangler titles it "<name>[_preview]", so passing the base title gives w.title.
      found[w.key] = parseCreatedId(wrangler(["kv", "namespace", "create", `${worker}-${BINDING}`, ...w.args], cwd));
      console.log(`${w.key}: created namespace "${w.title}" (${found[w.key]})`);
    }
  }

  // In place, not write-and-rename: keeps the file's owner and mode, and works when
  // wrangler.toml alone is bind-mounted into a container.
  writeFileSync(configPath, applyIds(lines, entry, found).join(eol));
  console.log(`${configPath}: wrote ${Object.keys(found).join(" and ")} for binding ${BINDING}.`);
}

function indent(s) {
  return s.replace(/^/gm, "    ");
}

// Run as a script (not imported by a test); realpath because Node resolves symlinks for main.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const configPath = resolve(process.argv[2] ?? "wrangler.toml");
  try {
    setup(configPath);
  } catch (e) {
    console.error(`setup-kv: ${e instanceof SetupError ? e.message : (e?.stack ?? e)}`);
    console.error(`setup-kv: ${configPath} was not changed; fix the cause and run it again (namespaces created so far are reused).`);
    process.exitCode = 1;
  }
}
