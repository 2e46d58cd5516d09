/**
 * scripts/import.mjs (`npm run import`): for real against `npm start` (the fixture export in,
 * the official SDK reading it back; a dry run's count equal to the real import's writes; a
 * re-run writing nothing), and against a stub server for what a real Worker rarely shows on
 * demand: a refused unit (exit 1, problems printed, the rest imported) and a KV quota stop
 * (exit 3, how to resume). Plus the CLI's own argument and export-folder checks.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startNpmStart } from "./npm-start";

const script = fileURLToPath(new URL("../../scripts/import.mjs", import.meta.url));
const exportDir = fileURLToPath(new URL("../fixtures/assistants-export", import.meta.url));
const PASSWORD = "cli-test-admin-pw";

async function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ADMIN_PASSWORD: "", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const [code] = await once(child, "exit");
  return { code: code as number, stdout, stderr };
}

/** The KV writes a run's summary reports. */
function writesOf(stdout: string): number {
  return Number(/KV: (\d+) write/.exec(stdout)?.[1] ?? Number.NaN);
}

describe("npm run import against npm start", () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startNpmStart({ ADMIN_PASSWORD: PASSWORD });
  }, 120_000);
  afterAll(() => server?.stop());

  it("imports the fixture export into a project: dry-run count = real writes, re-run writes nothing, SDK reads original ids", async () => {
    const url = server!.baseURL; // with /v1: the CLI accepts either
    // A fresh project per run: wrangler's local KV persists between runs.
    const project = `cli-${randomUUID().slice(0, 8)}`;
    const dry = await cli([exportDir, "--url", url, "--project", project, "--dry-run"], { ADMIN_PASSWORD: PASSWORD });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Dry run (nothing written): 2 assistant(s), 2 thread(s), 8 message(s), 4 run(s), 7 step(s)");
    expect(dry.stdout).toContain("KV: 8 write(s) needed, 8 read(s); Durable Object requests: 0");
    expect(dry.stdout).toContain("Free plan (1000 KV writes a day, shared with the Worker's own traffic): fits in one day.");
    const real = await cli([exportDir, "--url", url, "--project", project, "--admin-password", PASSWORD]);
    expect(real.code, real.stderr).toBe(0);
    expect(writesOf(real.stdout)).toBe(8);
    expect(real.stdout).toContain("warning thread_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2");
    const again = await cli([exportDir, "--url", url, "--project", project], { ADMIN_PASSWORD: PASSWORD });
    expect(again.code).toBe(0);
    expect(writesOf(again.stdout)).toBe(0);
    expect(again.stdout).toContain("4 unchanged, 1 skipped");

    // A key of that project (issued through the admin API) reads the thread back.
    const issued = await fetch(`${url.replace(/\/v1$/, "")}/admin/api/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${PASSWORD}` },
      body: JSON.stringify({ name: "migrated app", user: "app", project }),
    });
    expect(issued.status).toBe(201);
    const { key } = (await issued.json()) as { key: string };
    const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
    const thread = await client.beta.threads.retrieve("thread_qR8sT2vW4xY6zA1bC3dE5fG7");
    expect(thread.metadata).toEqual({ customer: "acme", user_id: "u_42" });
    const messages = await client.beta.threads.messages.list(thread.id, { order: "asc" });
    expect(messages.data.map((m) => m.created_at)).toEqual([1735000010, 1735000020, 1735000030, 1735000040]);
  }, 120_000);
});

describe("npm run import against a stub", () => {
  let stub: ReturnType<typeof createServer>;
  let url = "";
  const seen: { auth: string | undefined; body: Record<string, unknown> }[] = [];
  let answer: (body: Record<string, unknown>) => [number, unknown] = () => [500, {}];
  beforeAll(async () => {
    stub = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      const body = JSON.parse(text) as Record<string, unknown>;
      seen.push({ auth: req.headers.authorization, body });
      const [status, payload] = answer(body);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    });
    stub.listen(0, "127.0.0.1");
    await once(stub, "listening");
    const address = stub.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => stub.close());

  const ok = (_body: Record<string, unknown>): [number, unknown] => [
    200,
    {
      counts: { kv_writes: 1, kv_reads: 1, do_requests: 0, objects: { assistants: 0, threads: 1, messages: 0, runs: 0, steps: 0 } },
      results: [{ object_id: "x", status: "created", kv_writes: 1 }],
      unavailable: [],
      warnings: [],
    },
  ];

  it("posts each unit with the admin password and project; a refused unit is printed and exits 1, the rest goes on", async () => {
    seen.length = 0;
    answer = (body) =>
      body.kind === "thread" && (body.thread as { thread_id: string }).thread_id === "thread_Hn3Jk5Lm7Np9Qr2St4Uv6Wx8"
        ? [
            400,
            {
              error: { message: "The export has 1 problem; nothing was written." },
              errors: [{ object_id: "msg_1", path: "thread.messages[0].id", message: "Bad." }],
            },
          ]
        : ok(body);
    const r = await cli([exportDir, "--url", `${url}/`, "--project", "acme"], { ADMIN_PASSWORD: "pw" });
    expect(r.code).toBe(1);
    expect(seen.map((s) => s.body.kind)).toEqual(["assistants", "thread", "thread", "thread"]);
    expect(seen.every((s) => s.auth === "Bearer pw" && s.body.project === "acme" && s.body.dry_run === false)).toBe(true);
    expect(r.stderr).toContain("msg_1 thread.messages[0].id: Bad.");
    expect(r.stderr).toContain("1 unit(s) refused");
  });

  it("stops at a 429 with how to resume (exit 3)", async () => {
    seen.length = 0;
    answer = (body) => (body.kind === "thread" ? [429, { error: { message: "KV refused a write", code: "kv_write_limit" } }] : ok(body));
    const r = await cli([exportDir, "--url", url, "--admin-password", "pw"]);
    expect(r.code).toBe(3);
    expect(seen).toHaveLength(2);
    expect(r.stderr).toContain("Run the same command again later");
  });

  it("checks its arguments and the export folder", async () => {
    expect((await cli([exportDir, "--url", url])).stderr).toContain("admin password is required");
    expect((await cli(["--url", url, "--admin-password", "pw"])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), "import-cli-"));
    try {
      cpSync(exportDir, dir, { recursive: true });
      writeFileSync(join(dir, "manifest.json"), JSON.stringify({ export_schema: "something/v9" }));
      const bad = await cli([dir, "--url", url, "--admin-password", "pw"]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('export_schema is "something/v9"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
