/**
 * Shared setup for the import tests: a Worker with an admin password (KV pacing off, the
 * offline emulator recording every prompt it is sent), the fixture export under
 * test/fixtures/assistants-export/ (built from OpenAI's documented object shapes), a way to
 * post units to `POST /admin/api/import`, and small synthetic exports with fresh ids for
 * tests that must not share KV state with others.
 */
import type { AiRunner } from "../../../src/ai/types";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";
import assistants from "../../fixtures/assistants-export/assistants.json";
import manifest from "../../fixtures/assistants-export/manifest.json";
import threadB from "../../fixtures/assistants-export/threads/thread_Hn3Jk5Lm7Np9Qr2St4Uv6Wx8.json";
import threadA from "../../fixtures/assistants-export/threads/thread_qR8sT2vW4xY6zA1bC3dE5fG7.json";
import threadGone from "../../fixtures/assistants-export/threads/thread_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2.json";
import { type TestWorker, testWorker } from "../../helpers/worker";
import type { ImportProblem } from "../../../src/import/export-format";
import type { ImportResult } from "../../../src/import/import-service";
import type { UnavailableNote } from "../../../src/import/unavailable";

/** What the endpoint answers: a result (200), or an error with the problems (400) or the partial result (429). */
export type ImportBody = ImportResult & {
  error?: { message: string; type: string; param: string | null; code: string | null };
  errors?: ImportProblem[];
  result?: ImportResult;
};

/** An object as stored with its mark of unreproducible content. */
export interface Marked {
  x_ai_forwarder: { unavailable: UnavailableNote[] };
}

export const ADMIN_PASSWORD = "admin-pw-import";
export const IMPORT_URL = "https://ai-forwarder.test/admin/api/import";

export const fixture = { manifest, assistants, threads: [threadA, threadB, threadGone] };
export const ids = {
  weather: assistants[0]!.id,
  docs: assistants[1]!.id,
  threadA: threadA.thread_id,
  threadB: threadB.thread_id,
  gone: threadGone.thread_id,
};

export { recordingEmulator } from "../../helpers/recording-emulator";

export function importWorker(ai: AiRunner = createEmulatedAi(), vars: Record<string, unknown> = {}): TestWorker {
  return testWorker({ ai, vars: { ADMIN_PASSWORD, KV_WRITE_SPACING_MS: "0", ...vars } });
}

/** Posts one unit; returns status and parsed body. */
export async function postImport(w: TestWorker, body: unknown, password = ADMIN_PASSWORD): Promise<{ status: number; body: ImportBody }> {
  const res = await w.fetch(IMPORT_URL, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${password}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ImportBody };
}

/** Imports the whole fixture (assistants, then each thread file), expecting 200s; returns the results. */
export async function importFixture(w: TestWorker, options: { project?: string; dryRun?: boolean } = {}) {
  const common = { ...(options.project ? { project: options.project } : {}), dry_run: options.dryRun ?? false };
  const results = [await postImport(w, { kind: "assistants", ...common, items: fixture.assistants })];
  for (const thread of fixture.threads) results.push(await postImport(w, { kind: "thread", ...common, thread }));
  for (const r of results) if (r.status !== 200) throw new Error(`import failed: ${r.status} ${JSON.stringify(r.body)}`);
  return results.map((r) => r.body);
}

/** Deletes what a previous test imported (the fixture's ids are fixed), through the API. */
export async function removeFixture(w: TestWorker, client = w.client): Promise<void> {
  for (const id of [ids.threadA, ids.threadB]) await client.beta.threads.delete(id).catch(() => undefined);
  for (const id of [ids.weather, ids.docs]) await client.beta.assistants.delete(id).catch(() => undefined);
}

/** Sums the counts of several import results. */
export function sumCounts(results: ImportResult[]): { kv_writes: number; kv_reads: number; do_requests: number } {
  return results.reduce<{ kv_writes: number; kv_reads: number; do_requests: number }>(
    (acc, r) => ({
      kv_writes: acc.kv_writes + r.counts.kv_writes,
      kv_reads: acc.kv_reads + r.counts.kv_reads,
      do_requests: acc.do_requests + r.counts.do_requests,
    }),
    { kv_writes: 0, kv_reads: 0, do_requests: 0 },
  );
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomBody(n = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** A small thread file with fresh ids: `messages` text messages (user/assistant alternating) and one run with two steps. */
export function syntheticThread(messages = 3) {
  const threadId = `thread_${randomBody()}`;
  const runId = `run_${randomBody()}`;
  const assistantId = `asst_${randomBody()}`;
  const t = 1_700_000_000;
  const msgs = Array.from({ length: messages }, (_, i) => ({
    id: `msg_${randomBody()}`,
    object: "thread.message",
    created_at: t + i * 10,
    assistant_id: i % 2 ? assistantId : null,
    thread_id: threadId,
    run_id: i % 2 ? runId : null,
    status: "completed",
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: i % 2 ? "assistant" : "user",
    content: [{ type: "text", text: { value: `message ${i}`, annotations: [] } }],
    attachments: [],
    metadata: { n: String(i) },
  }));
  const step = (type: "message_creation" | "tool_calls") => ({
    id: `step_${randomBody()}`,
    object: "thread.run.step",
    created_at: t + 5,
    run_id: runId,
    assistant_id: assistantId,
    thread_id: threadId,
    type,
    status: "completed",
    step_details:
      type === "message_creation"
        ? { type, message_creation: { message_id: msgs[1]?.id ?? `msg_${randomBody()}` } }
        : { type, tool_calls: [{ id: `call_${randomBody()}`, type: "function", function: { name: "f", arguments: "{}", output: "ok" } }] },
    usage: null,
  });
  return {
    export_schema: "assistants-thread-export/v1",
    thread_id: threadId,
    exported_at: "2026-08-20T10:00:00+00:00",
    thread: { id: threadId, object: "thread", created_at: t, tool_resources: {}, metadata: {} },
    messages: msgs,
    runs: [
      {
        id: runId,
        object: "thread.run",
        created_at: t + 4,
        assistant_id: assistantId,
        thread_id: threadId,
        status: "completed",
        model: "gpt-4o",
        instructions: "Be brief.",
        tools: [],
        metadata: {},
        steps: [step("tool_calls"), step("message_creation")],
      },
    ],
    files: {},
    errors: [],
  };
}
