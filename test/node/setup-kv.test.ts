/**
 * scripts/setup-kv.mjs against a fake wrangler (selected through WRANGLER_BIN) that records its
 * calls and answers in wrangler 4.155's real output format (kvNamespaceCreateCommand and
 * kvNamespaceListCommand in node_modules/wrangler/wrangler-dist/cli.js), on a temp copy of a
 * wrangler.toml shaped like the real one. No network, no Cloudflare account.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../scripts/setup-kv.mjs", import.meta.url));
const repoToml = fileURLToPath(new URL("../../wrangler.toml", import.meta.url));
const ZERO = "0".repeat(32);

const TOML = `# ai-forwarder: an OpenAI-compatible API over Workers AI.
name = "ai-forwarder"
main = "src/index.ts"

[ai]
binding = "AI"

# \`npm run setup\` writes the ids here.
[[kv_namespaces]]
binding = "CACHE"
id = "${ZERO}"
preview_id = "${ZERO}"

[vars]
ALLOW_ANONYMOUS = "false"

[env.local]
name = "ai-forwarder-local"

[[env.local.kv_namespaces]]
binding = "CACHE"
id = "${ZERO}"
`;

/** The fake: `kv namespace list` prints the JSON array, `create` the TOML snippet; FAKE_FAIL fails a command. */
const FAKE = String.raw`
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
const dir = process.env.FAKE_DIR;
const args = process.argv.slice(2);
appendFileSync(dir + "/calls.jsonl", JSON.stringify(args) + "\n");
const statePath = dir + "/namespaces.json";
const ns = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf8")) : [];
const cmd = args.slice(0, 3).join(" ");
if (process.env.FAKE_FAIL && (args.join(" ") === process.env.FAKE_FAIL || cmd === process.env.FAKE_FAIL)) {
  process.stderr.write("\n✘ [ERROR] A request to the Cloudflare API failed.\n\n  Authentication error [code: 10000]\n\n");
  process.exit(1);
}
const banner = "\n ⛅️ wrangler 4.155.0\n───────────────────\n";
if (cmd === "kv namespace list") {
  console.log(JSON.stringify(ns, null, "  "));
} else if (cmd === "kv namespace create") {
  const preview = args.includes("--preview");
  const title = args[3] + (preview ? "_preview" : "");
  if (ns.some((n) => n.title === title)) {
    process.stderr.write("✘ [ERROR] A KV namespace with the title \"" + title + "\" already exists.\n");
    process.exit(1);
  }
  const id = crypto.randomUUID().replaceAll("-", "");
  ns.push({ id, title, supports_url_encoding: true });
  writeFileSync(statePath, JSON.stringify(ns));
  const binding = args[3].replace(/[\s-]/g, "_");
  process.stdout.write(banner + "Resource location: remote \n\n" +
    "🌀 Creating namespace with title \"" + title + "\"\n✨ Success!\n" +
    "To access your new KV Namespace in your Worker, add the following snippet to your configuration file:\n" +
    "[[kv_namespaces]]\nbinding = \"" + binding + "\"\n" + (preview ? "preview_id" : "id") + " = \"" + id + "\"\n\n");
} else {
  process.stderr.write("fake wrangler: unexpected " + args.join(" ") + "\n");
  process.exit(2);
}
`;

let dir: string;
let toml: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "setup-kv-"));
  toml = join(dir, "wrangler.toml");
  writeFileSync(join(dir, "fake-wrangler.mjs"), FAKE);
  writeFileSync(toml, TOML);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [script, toml], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_BIN: `${process.execPath} ${join(dir, "fake-wrangler.mjs")}`, FAKE_DIR: dir, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const calls = (): string[][] =>
  existsSync(join(dir, "calls.jsonl"))
    ? readFileSync(join(dir, "calls.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    : [];
const creates = () => calls().filter((c) => c[2] === "create");
const namespaces = (): { id: string; title: string }[] => JSON.parse(readFileSync(join(dir, "namespaces.json"), "utf8"));
const idOf = (title: string) => namespaces().find((n) => n.title === title)?.id;
const seed = (list: { id: string; title: string }[]) => writeFileSync(join(dir, "namespaces.json"), JSON.stringify(list));

describe("setup-kv", () => {
  it("creates both namespaces and writes only their two ids", () => {
    const r = setup();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(calls()).toEqual([
      ["kv", "namespace", "list"],
      ["kv", "namespace", "create", "ai-forwarder-CACHE"],
      ["kv", "namespace", "create", "ai-forwarder-CACHE", "--preview"],
    ]);
    const id = idOf("ai-forwarder-CACHE");
    const previewId = idOf("ai-forwarder-CACHE_preview");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(previewId).toMatch(/^[0-9a-f]{32}$/);
    // Everything else, comments and [env.local] included, is byte-for-byte the same.
    const expected = TOML.replace(`id = "${ZERO}"\npreview_id = "${ZERO}"`, `id = "${id}"\npreview_id = "${previewId}"`);
    expect(readFileSync(toml, "utf8")).toBe(expected);
    expect(expected).toContain(`[[env.local.kv_namespaces]]\nbinding = "CACHE"\nid = "${ZERO}"`);
  });

  it("changes nothing and calls nothing on a second run", () => {
    expect(setup().code).toBe(0);
    const after = readFileSync(toml);
    const callsBefore = calls().length;
    const r = setup();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("nothing to do");
    expect(readFileSync(toml).equals(after)).toBe(true);
    expect(calls().length).toBe(callsBefore);
    expect(namespaces()).toHaveLength(2);
  });

  it("reuses a namespace that already exists with the expected title", () => {
    const existing = "1234567890abcdef1234567890abcdef";
    seed([
      { id: "ffffffffffffffffffffffffffffffff", title: "CACHE" }, // another project's: not ours
      { id: existing, title: "ai-forwarder-CACHE" },
    ]);
    const r = setup();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("reusing");
    expect(creates()).toEqual([["kv", "namespace", "create", "ai-forwarder-CACHE", "--preview"]]);
    const text = readFileSync(toml, "utf8");
    expect(text).toContain(`\nid = "${existing}"\npreview_id = "${idOf("ai-forwarder-CACHE_preview")}"\n`);
  });

  it("fills in only the id that is still a placeholder", () => {
    const real = "abcdefabcdefabcdefabcdefabcdef12";
    writeFileSync(toml, TOML.replace(`preview_id = "${ZERO}"`, `preview_id = "${real}" # kept`));
    expect(setup().code).toBe(0);
    expect(creates()).toEqual([["kv", "namespace", "create", "ai-forwarder-CACHE"]]);
    expect(readFileSync(toml, "utf8")).toContain(`id = "${idOf("ai-forwarder-CACHE")}"\npreview_id = "${real}" # kept\n`);
  });

  it.each([["kv namespace list"], ["kv namespace create"]])(
    "exits non-zero with a clear message and leaves wrangler.toml untouched when `wrangler %s` fails",
    (failing) => {
      const r = setup({ FAKE_FAIL: failing });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`\`wrangler ${failing}`);
      expect(r.stderr).toContain("Authentication error");
      expect(r.stderr).toContain("CLOUDFLARE_API_TOKEN");
      expect(r.stderr).toContain("was not changed");
      expect(readFileSync(toml, "utf8")).toBe(TOML);
    },
  );

  it("after a failure half-way, a re-run reuses what was created instead of duplicating it", () => {
    const r = setup({ FAKE_FAIL: "kv namespace create ai-forwarder-CACHE --preview" });
    expect(r.code).toBe(1);
    expect(readFileSync(toml, "utf8")).toBe(TOML);
    expect(namespaces().map((n) => n.title)).toEqual(["ai-forwarder-CACHE"]);

    expect(setup().code).toBe(0);
    expect(namespaces().map((n) => n.title)).toEqual(["ai-forwarder-CACHE", "ai-forwarder-CACHE_preview"]);
    expect(readFileSync(toml, "utf8")).toContain(`id = "${idOf("ai-forwarder-CACHE")}"`);
  });

  it("exits non-zero when wrangler cannot be started at all", () => {
    const r = setup({ WRANGLER_BIN: join(dir, "no-such-wrangler") });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ENOENT");
    expect(readFileSync(toml, "utf8")).toBe(TOML);
  });

  it("refuses a wrangler.toml without a top-level CACHE entry", () => {
    writeFileSync(toml, TOML.replace(/\[\[kv_namespaces\]\][^[]*/, ""));
    const r = setup();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no top-level [[kv_namespaces]] entry with binding = "CACHE"');
    expect(calls()).toEqual([]);
  });
});

describe("setup-kv parsing", () => {
  const load = () => import(new URL("../../scripts/setup-kv.mjs", import.meta.url).href);

  it("reads the id from a TOML or a JSON config snippet", async () => {
    const { parseCreatedId } = await load();
    const id = "0123456789abcdef0123456789abcdef";
    expect(parseCreatedId(`[[kv_namespaces]]\nbinding = "X"\npreview_id = "${id}"\n`)).toBe(id);
    expect(parseCreatedId(JSON.stringify({ kv_namespaces: [{ binding: "X", id }] }, null, 2))).toBe(id);
    expect(() => parseCreatedId("✨ Success!\n")).toThrow(/could not find the new namespace id/);
  });

  it("reads the namespace list even after a notice", async () => {
    const { parseNamespaceList } = await load();
    const list = [{ id: "a".repeat(32), title: "t" }];
    expect(parseNamespaceList(`▲ [WARNING] something\n${JSON.stringify(list, null, "  ")}\n`)).toEqual(list);
    expect(parseNamespaceList("[]\n")).toEqual([]);
    expect(() => parseNamespaceList("not json")).toThrow(/could not read the namespace list/);
  });

  it("finds the entry it edits in the repository's wrangler.toml", async () => {
    const { findCacheEntry } = await load();
    const lines = readFileSync(repoToml, "utf8").split(/\r?\n/);
    const entry = findCacheEntry(lines);
    expect(entry.id.line).toBeGreaterThan(0);
    expect(entry.preview_id.line).toBeGreaterThan(0);
    const firstEnv = lines.findIndex((l) => l.trim().startsWith("[env."));
    expect(firstEnv < 0 || entry.preview_id.line < firstEnv).toBe(true);
  });
});
