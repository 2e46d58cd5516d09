/**
 * Malformed exports: each case gets a 400 `invalid_export` whose `errors` name the object, the
 * path and what is wrong, and nothing of the unit is written (KV counted). Also the endpoint's
 * own checks: admin authentication, the unit's `kind`, `project`, and the batch size.
 */
import { describe, expect, it } from "vitest";
import { fixture, importWorker, postImport, syntheticThread } from "./helpers";
import { testWorker } from "../../helpers/worker";

type Thread = ReturnType<typeof syntheticThread>;

/** Posts a thread unit made malformed by `spoil`; expects 400 with nothing written, and returns the problems. */
async function problemsOf(spoil: (t: Thread) => void) {
  const w = importWorker();
  const thread = syntheticThread();
  spoil(thread);
  w.kv.reset();
  const { status, body } = await postImport(w, { kind: "thread", thread });
  expect(status).toBe(400);
  expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_export" });
  expect(w.kv.take()).toMatchObject({ writes: 0, deletes: 0 });
  await expect(w.client.beta.threads.retrieve(thread.thread_id)).rejects.toMatchObject({ status: 404 });
  return { problems: body.errors ?? [], thread };
}

describe("malformed exports: a per-object report, nothing written", () => {
  it("a wrong schema tag", async () => {
    const { problems, thread } = await problemsOf((t) => {
      (t as { export_schema: string }).export_schema = "assistants-thread-export/v2";
    });
    expect(problems).toEqual([
      {
        object_id: null,
        path: "thread.export_schema",
        message: `Expected 'assistants-thread-export/v1', got 'assistants-thread-export/v2'.`,
      },
    ]);
    expect(thread.thread_id).toMatch(/^thread_/);
  });

  it("a missing required field", async () => {
    const { problems, thread } = await problemsOf((t) => {
      delete (t.messages[1] as Partial<Thread["messages"][number]>).created_at;
    });
    expect(problems).toEqual([
      {
        object_id: thread.messages[1]?.id,
        path: "thread.messages[1].created_at",
        message: "Expected a Unix timestamp in seconds, got nothing.",
      },
    ]);
  });

  it("ids of the wrong type, and objects of another thread", async () => {
    const { problems, thread } = await problemsOf((t) => {
      (t.messages[0] as { id: string }).id = "run_NotAMessage123";
      (t.messages[2] as { thread_id: string }).thread_id = "thread_SomeoneElse123";
      (t.runs[0]!.steps[0] as { id: string }).id = "call_NotAStep";
    });
    expect(problems).toEqual([
      {
        object_id: "run_NotAMessage123",
        path: "thread.messages[0].id",
        message: "Expected an id starting with 'msg_', got 'run_NotAMessage123'.",
      },
      {
        object_id: thread.messages[2]?.id,
        path: "thread.messages[2].thread_id",
        message: `Belongs to 'thread_SomeoneElse123', not to this file's thread '${thread.thread_id}'.`,
      },
      {
        object_id: "call_NotAStep",
        path: "thread.runs[0].steps[0].id",
        message: "Expected an id starting with 'step_', got 'call_NotAStep'.",
      },
    ]);
  });

  it("duplicate ids", async () => {
    const { problems, thread } = await problemsOf((t) => {
      (t.messages[2] as { id: string }).id = t.messages[0]!.id;
    });
    expect(problems).toEqual([
      { object_id: thread.messages[0]?.id, path: "thread.messages[2].id", message: `Duplicate id '${thread.messages[0]?.id}'.` },
    ]);
  });

  it("oversized values: OpenAI's metadata limits and message length", async () => {
    const { problems, thread } = await problemsOf((t) => {
      (t.messages[0] as { metadata: Record<string, string> }).metadata = Object.fromEntries(
        Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]),
      );
      (t.messages[1] as { metadata: Record<string, string> }).metadata = { note: "x".repeat(513) };
      t.messages[2]!.content[0]!.text.value = "y".repeat(256_001);
    });
    expect(problems).toEqual([
      { object_id: thread.messages[0]?.id, path: "thread.messages[0].metadata", message: "Too many metadata pairs: 17, at most 16." },
      {
        object_id: thread.messages[1]?.id,
        path: "thread.messages[1].metadata.note",
        message: "Metadata value longer than 512 characters (513).",
      },
      {
        object_id: thread.messages[2]?.id,
        path: "thread.messages[2].content[0].text.value",
        message: "Text longer than 256000 characters.",
      },
    ]);
  });

  it("every problem of a unit at once (an unknown content type, a step of another run, a bad status)", async () => {
    const { problems } = await problemsOf((t) => {
      (t.messages[0]!.content[0] as { type: string }).type = "audio";
      (t.runs[0]!.steps[1] as { run_id: string }).run_id = "run_Other123";
      (t.runs[0] as { status: string }).status = "done";
    });
    expect(problems.map((p) => p.path)).toEqual([
      "thread.messages[0].content[0].type",
      "thread.runs[0].status",
      "thread.runs[0].steps[1].run_id",
    ]);
  });

  it("assistants: an unknown tool type, a bad function name, a duplicate, a non-object; too many per call", async () => {
    const w = importWorker();
    const [a] = fixture.assistants;
    const unknownTool = { ...a, id: "asst_Unknown1", tools: [{ type: "browser" }] };
    const badName = { ...a, id: "asst_BadName1", tools: [{ type: "function", function: { name: "get weather" } }] };
    w.kv.reset();
    const { status, body } = await postImport(w, { kind: "assistants", items: [unknownTool, badName, a, a, "asst_x"] });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        object_id: "asst_Unknown1",
        path: "items[0].tools[0].type",
        message: "Expected 'function' or 'file_search' or 'code_interpreter', got 'browser'.",
      },
      {
        object_id: "asst_BadName1",
        path: "items[1].tools[0].function.name",
        message: "Expected a function name of 1–64 letters, digits, '_' or '-'.",
      },
      { object_id: a?.id, path: "items[3].id", message: `Duplicate id '${a?.id}'.` },
      { object_id: null, path: "items[4]", message: "Expected an assistant object." },
    ]);
    expect(w.kv.take()).toMatchObject({ writes: 0 });
    const many = await postImport(w, { kind: "assistants", items: Array.from({ length: 101 }, () => a) });
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.message).toBe("At most 100 assistants per call, got 101.");
  });

  it("the unit itself: kind, items, project; and admin authentication", async () => {
    const w = importWorker();
    expect((await postImport(w, { kind: "files" })).body.error).toMatchObject({ param: "kind", code: "invalid_value" });
    expect((await postImport(w, { kind: "assistants" })).body.error).toMatchObject({ param: "items" });
    expect((await postImport(w, { kind: "thread", project: "no spaces", thread: {} })).body.error).toMatchObject({ param: "project" });
    const wrong = await postImport(w, { kind: "assistants", items: [] }, "not-the-password");
    expect(wrong.status).toBe(401);
    const off = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
    const disabled = await postImport(off, { kind: "assistants", items: [] });
    expect([disabled.status, disabled.body.error?.code]).toEqual([403, "admin_disabled"]);
  });
});
