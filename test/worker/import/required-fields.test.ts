/**
 * An export whose objects leave out fields OpenAI's schemas require but allow to be null (an
 * exporter that drops nulls) is stored with them filled in, so every object the official SDK
 * reads back still matches the spec; fields that are present are kept as they are.
 */
import { describe, expect, it } from "vitest";
import schemas from "../../schemas/openai-schemas.json";
import { requiredNullableFields } from "../../../src/import/fill-required";
import { expectSchema } from "../../helpers/openapi";
import { importWorker, postImport, syntheticThread } from "./helpers";

type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  required?: string[];
  properties?: Record<string, Schema>;
};
const root = ((schemas as { components?: { schemas?: Record<string, Schema> } }).components?.schemas ?? schemas) as Record<string, Schema>;

function resolve(s: Schema | undefined): Schema | undefined {
  return s?.$ref ? resolve(root[s.$ref.split("/").pop() as string]) : s;
}

function allowsNull(s: Schema | undefined): boolean {
  const r = resolve(s);
  if (!r) return false;
  if (r.type === "null" || (Array.isArray(r.type) && r.type.includes("null")) || r.nullable) return true;
  return [...(r.anyOf ?? []), ...(r.oneOf ?? [])].some(allowsNull);
}

const SCHEMA_OF = {
  assistant: "AssistantObject",
  thread: "ThreadObject",
  message: "MessageObject",
  run: "RunObject",
  step: "RunStepObject",
} as const;

function without<T extends Record<string, unknown>>(value: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...value };
  for (const f of fields) delete out[f];
  return out as T;
}

describe("import: required fields that may be null", () => {
  it("lists exactly the spec's required, nullable fields of each object", () => {
    for (const [kind, name] of Object.entries(SCHEMA_OF)) {
      const schema = root[name] as Schema;
      const expected = (schema.required ?? []).filter((f) => allowsNull(schema.properties?.[f]));
      expect([...requiredNullableFields[kind as keyof typeof SCHEMA_OF]].sort(), name).toEqual(expected.sort());
    }
  });

  it("stores missing ones as OpenAI sends them when empty, so the SDK reads spec-valid objects", async () => {
    const w = importWorker();
    const file = syntheticThread(3);
    const f = requiredNullableFields;
    const run = file.runs[0] as (typeof file.runs)[0];
    const stripped = {
      ...file,
      thread: without(file.thread, f.thread),
      messages: file.messages.map((m) => without(m, f.message)),
      runs: [{ ...without({ ...run, parallel_tool_calls: true }, f.run), steps: run.steps.map((s) => without(s, f.step)) }],
    };
    const assistant = without(
      { id: run.assistant_id, object: "assistant", created_at: 1_700_000_000, name: "kept", model: "gpt-4o", tools: [], metadata: {} },
      f.assistant.filter((x) => x !== "name"),
    );
    expect((await postImport(w, { kind: "assistants", items: [assistant] })).status).toBe(200);
    expect((await postImport(w, { kind: "thread", thread: stripped })).status).toBe(200);

    const a = await w.client.beta.assistants.retrieve(assistant.id);
    expectSchema("AssistantObject", a);
    expect(a).toMatchObject({ name: "kept", description: null, instructions: null, metadata: {} });
    const thread = await w.client.beta.threads.retrieve(file.thread_id);
    expectSchema("ThreadObject", thread);
    expect(thread.tool_resources).toBeNull();
    const messages = (await w.client.beta.threads.messages.list(file.thread_id, { order: "asc" })).data;
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expectSchema("MessageObject", m);
      expect(m).toMatchObject({ attachments: [], metadata: {}, assistant_id: null, run_id: null, completed_at: null });
    }
    const runs = (await w.client.beta.threads.runs.list(file.thread_id)).data;
    expect(runs).toHaveLength(1);
    expectSchema("RunObject", runs[0]);
    expect(runs[0]).toMatchObject({ id: run.id, usage: null, required_action: null, tool_choice: null, metadata: {} });
    const steps = (await w.client.beta.threads.runs.steps.list(run.id, { thread_id: file.thread_id })).data;
    expect(steps).toHaveLength(2);
    for (const s of steps) {
      expectSchema("RunStepObject", s);
      expect(s).toMatchObject({ last_error: null, completed_at: null, metadata: {} });
    }

    // Present fields are kept, and a second import of the same files writes nothing.
    expect(messages[0]?.content).toEqual(file.messages[0]?.content);
    const again = await postImport(w, { kind: "thread", thread: stripped });
    expect(again.body.counts.kv_writes).toBe(0);
  });
});
