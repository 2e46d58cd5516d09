/**
 * Importing the fixture export (test/fixtures/assistants-export/) and using it with the
 * official SDK unchanged: the assistants and threads under their original ids, messages in
 * the original order with their timestamps and metadata, runs and steps, unreproducible content
 * kept and marked, a new turn that sees the imported history, and a Responses turn that
 * continues the thread as a conversation. The fixture's ids are fixed, so this file removes
 * them before each test and is the only one that imports them into the default project.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { EMULATOR_LABEL } from "../../../src/dev/emulator/reply";
import { expectSchema } from "../../helpers/openapi";
import { type Marked, fixture, ids, importFixture, importWorker, postImport, recordingEmulator, removeFixture, sumCounts } from "./helpers";

const [threadA, threadB] = fixture.threads as [(typeof fixture.threads)[0], (typeof fixture.threads)[1]];

describe("importing an assistants-thread-export/v1 folder", () => {
  beforeEach(async () => {
    await removeFixture(importWorker());
  });

  it("stores assistants and threads under their original ids, one KV write per assistant and per history value", async () => {
    const w = importWorker();
    const [assistants, a, b, gone] = await importFixture(w);
    expect(assistants).toMatchObject({
      object: "admin.import",
      kind: "assistants",
      project: "default",
      dry_run: false,
      counts: { kv_writes: 2, kv_reads: 2, do_requests: 0, objects: { assistants: 2 } },
      results: [
        { object_id: ids.weather, status: "created", kv_writes: 1 },
        { object_id: ids.docs, status: "created", kv_writes: 1 },
      ],
    });
    expect(a).toMatchObject({
      counts: { kv_writes: 3, kv_reads: 3, do_requests: 0, objects: { threads: 1, messages: 4, runs: 2, steps: 3 } },
      results: [{ object_id: ids.threadA, status: "created", kv_writes: 3 }],
    });
    expect(b?.counts.objects).toEqual({ assistants: 0, threads: 1, messages: 4, runs: 2, steps: 4 });
    // The export's `errors` entry comes back as a warning; a thread the exporter lost is skipped.
    expect(b?.warnings).toEqual([
      expect.objectContaining({ object_id: "file-Plot8Qw2Er4Ty6", message: expect.stringContaining("not_found_or_expired") }),
    ]);
    expect(gone).toMatchObject({ results: [{ object_id: ids.gone, status: "skipped", kv_writes: 0 }], counts: { kv_writes: 0 } });
    expect(gone?.warnings[0]?.message).toContain("not_found_or_deleted");

    const weather = await w.client.beta.assistants.retrieve(ids.weather);
    expect(weather).toEqual(fixture.assistants[0]);
    expectSchema("AssistantObject", weather);
    expectSchema("AssistantObject", await w.client.beta.assistants.retrieve(ids.docs));
    const thread = await w.client.beta.threads.retrieve(ids.threadA);
    expect(thread).toEqual(threadA.thread);
    expectSchema("ThreadObject", thread);
    await expect(w.client.beta.threads.retrieve(ids.gone)).rejects.toMatchObject({ status: 404 });
  });

  it("lists messages in the original order (by created_at, not id) with timestamps, metadata and content", async () => {
    const w = importWorker();
    await importFixture(w);
    const asc = await w.client.beta.threads.messages.list(ids.threadA, { order: "asc" });
    // Imported objects, marks included, are still what the spec says a list of messages is.
    for (const m of asc.data) expectSchema("MessageObject", m);
    for (const m of (await w.client.beta.threads.messages.list(ids.threadB, { order: "asc" })).data) expectSchema("MessageObject", m);
    expect(asc.data.map((m) => m.id)).toEqual(threadA.messages.map((m) => m.id));
    expect(asc.data.map((m) => [m.created_at, m.role, m.metadata, m.run_id, m.assistant_id])).toEqual(
      threadA.messages.map((m) => [m.created_at, m.role, m.metadata, m.run_id, m.assistant_id]),
    );
    expect(asc.data[0]).toEqual(threadA.messages[0]);
    // The image part is kept, and marked: its bytes were never exported.
    const withImage = asc.data[2] as unknown as Record<string, unknown>;
    expect(withImage.content).toEqual(threadA.messages[2]?.content);
    expect(withImage.x_ai_forwarder).toEqual({
      unavailable: [{ path: "content[1].image_file.file_id", id: "file-Chart7Hk2Lm9Qz", reason: expect.stringContaining("not its bytes") }],
    });
    const desc = await w.client.beta.threads.messages.list(ids.threadA);
    expect(desc.data.map((m) => m.id)).toEqual(threadA.messages.map((m) => m.id).reverse());
    // Auto-pagination over pages of one.
    const walked: string[] = [];
    for await (const m of w.client.beta.threads.messages.list(ids.threadA, { order: "asc", limit: 1 })) walked.push(m.id);
    expect(walked).toEqual(threadA.messages.map((m) => m.id));
    const byRun = await w.client.beta.threads.messages.list(ids.threadA, { run_id: threadA.runs[0]?.id });
    expect(byRun.data.map((m) => m.id)).toEqual([threadA.messages[1]?.id]);
    expect(await w.client.beta.threads.messages.retrieve(threadA.messages[2]!.id, { thread_id: ids.threadA })).toEqual(withImage);
  });

  it("keeps runs and steps (tool_calls with outputs, message_creation), and marks what cannot run here", async () => {
    const w = importWorker();
    await importFixture(w);
    const runs = await w.client.beta.threads.runs.list(ids.threadA, { order: "asc" });
    const { steps: _steps, ...firstRun } = threadA.runs[0]!;
    expect(runs.data.map((r) => r.id)).toEqual(threadA.runs.map((r) => r.id));
    expect(runs.data[0]).toEqual(firstRun);
    for (const r of runs.data) expectSchema("RunObject", r);
    const steps = await w.client.beta.threads.runs.steps.list(firstRun.id, { thread_id: ids.threadA, order: "asc" });
    expect(steps.data).toEqual(threadA.runs[0]?.steps);
    for (const step of steps.data) expectSchema("RunStepObject", step);
    expect(await w.client.beta.threads.runs.retrieve(firstRun.id, { thread_id: ids.threadA })).toEqual(firstRun);

    // Thread B: a code_interpreter step and a file_search citation, kept and marked.
    const codeRun = threadB.runs[1]!;
    const [codeStep] = (await w.client.beta.threads.runs.steps.list(codeRun.id, { thread_id: ids.threadB, order: "asc" })).data;
    expect(codeStep?.step_details).toEqual(codeRun.steps[0]?.step_details);
    expectSchema("RunStepObject", codeStep);
    expect((codeStep as unknown as Marked).x_ai_forwarder.unavailable[0]?.reason).toContain("code_interpreter");
    const cited = (await w.client.beta.threads.messages.retrieve(threadB.messages[1]!.id, {
      thread_id: ids.threadB,
    })) as unknown as Marked & Record<string, unknown>;
    expect(cited.content).toEqual(threadB.messages[1]?.content);
    expect(cited.x_ai_forwarder.unavailable.map((n) => n.path)).toEqual(["content[0].text.annotations[0].file_citation.file_id"]);
    // The docs assistant's OpenAI vector store is moved into the mark, so its runs do not fail searching it.
    const docs = (await w.client.beta.assistants.retrieve(ids.docs)) as unknown as Marked & Record<string, unknown>;
    expect(docs.tool_resources).toEqual({ file_search: { vector_store_ids: [] }, code_interpreter: { file_ids: ["file-Data9Kx2Lm4Np6"] } });
    expect(docs.x_ai_forwarder.unavailable.map((n) => n.id)).toEqual(["file-Data9Kx2Lm4Np6", "vs_Hb4Kd7Mf2Np5Qs8Tv1Wx3Yz6"]);
  });

  it("runs a new turn on the imported thread: the prompt holds the imported history, the reply follows it in order", async () => {
    const ai = recordingEmulator();
    const w = importWorker(ai);
    await importFixture(w);
    await w.client.beta.threads.messages.create(ids.threadA, { role: "user", content: "Thanks, that is all." });
    const run = await w.client.beta.threads.runs.createAndPoll(ids.threadA, { assistant_id: ids.weather }, { pollIntervalMs: 20 });
    await w.settle();
    expect(run.status).toBe("completed");
    expect(run.model).toBe("gpt-4-1106-preview"); // the assistant's retired OpenAI model, as the run names it
    const prompt = JSON.stringify(ai.calls.at(-1)?.inputs);
    for (const m of threadA.messages) for (const part of m.content) if (part.type === "text") expect(prompt).toContain(part.text?.value);
    expect(prompt).toContain("[image file-Chart7Hk2Lm9Qz not available]");
    // The emulator counts one prompt token per word: the whole history was sent, not only the last message.
    expect(run.usage?.prompt_tokens).toBeGreaterThan(30);

    const all = await w.client.beta.threads.messages.list(ids.threadA, { order: "asc" });
    expect(all.data.map((m) => m.id).slice(0, 4)).toEqual(threadA.messages.map((m) => m.id));
    expect(all.data.slice(4).map((m) => m.role)).toEqual(["user", "assistant"]);
    const reply = all.data[5]!;
    expect(reply.run_id).toBe(run.id);
    expect(reply.content[0]?.type === "text" && reply.content[0].text.value).toBe(`${EMULATOR_LABEL} You said: Thanks, that is all.`);
    const runs = await w.client.beta.threads.runs.list(ids.threadA, { order: "asc" });
    expect(runs.data.map((r) => r.id)).toEqual([...threadA.runs.map((r) => r.id), run.id]);
  });

  it("continues the imported thread through the Responses API (conversation = thread id)", async () => {
    const ai = recordingEmulator();
    const w = importWorker(ai);
    await importFixture(w);
    const response = await w.client.responses.create({ model: "gpt-4o-mini", conversation: ids.threadB, input: "Say it again." });
    expect(response.output_text).toBe(`${EMULATOR_LABEL} You said: Say it again.`);
    const prompt = JSON.stringify(ai.calls.at(-1)?.inputs);
    expect(prompt).toContain("How many days of leave do staff get?");
    expect(prompt).toContain("[image file-Plot8Qw2Er4Ty6 not available]");
    const items = await w.client.conversations.items.list(ids.threadB, { order: "asc" });
    expect(items.data.map((i) => i.id).slice(0, 4)).toEqual(threadB.messages.map((m) => m.id));
    expect(items.data).toHaveLength(6);
    const messages = await w.client.beta.threads.messages.list(ids.threadB, { order: "asc" });
    expect(messages.data.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
  });

  it("re-importing the same export writes nothing; a dry run's counts are what the real import does", async () => {
    const w = importWorker();
    w.kv.reset();
    w.threads.reset();
    const dry = await importFixture(w, { dryRun: true });
    expect(w.kv.take()).toMatchObject({ writes: 0, deletes: 0 });
    const planned = sumCounts(dry);
    expect(planned).toEqual({ kv_writes: 8, kv_reads: 8, do_requests: 0 });

    const real = await importFixture(w);
    const counted = w.kv.take();
    expect({ kv_writes: counted.writes, kv_reads: counted.reads, do_requests: w.threads.take() }).toEqual(planned);
    expect(sumCounts(real)).toEqual(planned);

    const again = await importFixture(w);
    expect(w.kv.take()).toMatchObject({ writes: 0, deletes: 0 });
    expect(sumCounts(again)).toEqual({ kv_writes: 0, kv_reads: 8, do_requests: 0 });
    expect(again.flatMap((r) => r.results.map((x) => x.status))).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "skipped"]);
    // A dry run after the import says the same: nothing to write.
    expect(sumCounts(await importFixture(w, { dryRun: true })).kv_writes).toBe(0);
  });

  it("a metadata edit of an imported message shows in place and survives a re-import (which writes nothing)", async () => {
    const w = importWorker();
    await importFixture(w);
    const first = threadA.messages[0]!;
    await w.client.beta.threads.messages.update(first.id, { thread_id: ids.threadA, metadata: { source: "edited" } });
    const edited = await w.client.beta.threads.messages.list(ids.threadA, { order: "asc" });
    expect(edited.data.map((m) => m.id)).toEqual(threadA.messages.map((m) => m.id));
    expect(edited.data[0]?.metadata).toEqual({ source: "edited" });
    const { body } = await postImport(w, { kind: "thread", thread: threadA });
    // The imported history value is unchanged; the edit lives under the message's own key.
    expect(body.results).toEqual([{ object_id: ids.threadA, status: "unchanged", kv_writes: 0 }]);
  });
  it("deleting an imported message hides it (a tombstone under its own key); a re-import does not bring it back", async () => {
    const w = importWorker();
    await importFixture(w);
    const gone = threadA.messages[1]!;
    await w.client.beta.threads.messages.delete(gone.id, { thread_id: ids.threadA });
    const listed = await w.client.beta.threads.messages.list(ids.threadA, { order: "asc" });
    expect(listed.data.map((m) => m.id)).toEqual(threadA.messages.filter((m) => m.id !== gone.id).map((m) => m.id));
    await expect(w.client.beta.threads.messages.retrieve(gone.id, { thread_id: ids.threadA })).rejects.toMatchObject({ status: 404 });
    await postImport(w, { kind: "thread", thread: threadA });
    expect((await w.client.beta.threads.messages.list(ids.threadA)).data).toHaveLength(3);
  });

  it("KV cost of reading an imported thread: the imported values cost 1 read each where they are needed", async () => {
    const w = importWorker();
    await importFixture(w);
    const cost = () => ({ ...w.kv.take(), threads: w.threads.take() });
    cost();
    // A page: the thread, one list of its msg/ prefix, the imported value (an imported thread has no message index).
    await w.client.beta.threads.messages.list(ids.threadA);
    expect(cost()).toEqual({ reads: 2, writes: 0, deletes: 0, lists: 1, threads: 1 });
    await w.client.beta.threads.runs.list(ids.threadA);
    expect(cost()).toEqual({ reads: 3, writes: 0, deletes: 0, lists: 1, threads: 0 });
    await w.client.beta.threads.runs.retrieve(threadA.runs[0]!.id, { thread_id: ids.threadA });
    expect(cost()).toEqual({ reads: 3, writes: 0, deletes: 0, lists: 0, threads: 0 });
    await w.client.beta.threads.messages.retrieve(threadA.messages[0]!.id, { thread_id: ids.threadA });
    expect(cost()).toEqual({ reads: 2, writes: 0, deletes: 0, lists: 0, threads: 0 });
    await w.client.beta.threads.messages.delete(threadA.messages[0]!.id, { thread_id: ids.threadA });
    expect(cost()).toEqual({ reads: 3, writes: 1, deletes: 0, lists: 0, threads: 1 });
    // A turn: what any turn costs (2 reads, 3 writes, 1 list, 2 coordinator requests) plus the imported messages' value.
    const run = await w.client.beta.threads.runs.create(ids.threadA, { assistant_id: ids.weather });
    await w.settle();
    expect(cost()).toEqual({ reads: 3, writes: 3, deletes: 0, lists: 1, threads: 2 });
    expect((await w.client.beta.threads.runs.retrieve(run.id, { thread_id: ids.threadA })).status).toBe("completed");
  });
});
