/**
 * Assistants, threads, messages, runs and run steps belong to the project of the key that
 * created them: another project's key gets the 404 an unknown id gets, for every read, write,
 * delete and use, and never sees them in a list; the owner's objects are untouched afterwards.
 * Thread coordinators (Durable Objects) are per project too.
 */
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { weatherTool } from "../assistants/helpers";
import { expectNotFound, twoProjects } from "./helpers";

describe("assistants across projects", () => {
  it("retrieve, update, delete and list: 404 / absent for the other project", async () => {
    const { a, b } = await twoProjects();
    const assistant = await a.beta.assistants.create({ model: "gpt-4o", name: "alpha's" });
    const own = await b.beta.assistants.create({ model: "gpt-4o", name: "beta's" });

    await expectNotFound((id) => b.beta.assistants.retrieve(id), assistant.id);
    await expectNotFound((id) => b.beta.assistants.update(id, { name: "taken" }), assistant.id);
    await expectNotFound((id) => b.beta.assistants.delete(id), assistant.id);
    expect((await b.beta.assistants.list()).data.map((x) => x.id)).toEqual([own.id]);
    expect((await a.beta.assistants.list()).data.map((x) => x.id)).toEqual([assistant.id]);
    expect(await a.beta.assistants.retrieve(assistant.id)).toEqual(assistant);
  });
});

describe("threads and messages across projects", () => {
  it("thread and message reads, writes and deletes are 404 for the other project", async () => {
    const { a, b } = await twoProjects();
    const thread = await a.beta.threads.create({ messages: [{ role: "user", content: "alpha's secret" }] });
    const [message] = (await a.beta.threads.messages.list(thread.id)).data;
    if (!message) throw new Error("no message");

    await expectNotFound((id) => b.beta.threads.retrieve(id), thread.id);
    await expectNotFound((id) => b.beta.threads.update(id, { metadata: { k: "v" } }), thread.id);
    await expectNotFound((id) => b.beta.threads.delete(id), thread.id);
    await expectNotFound((id) => b.beta.threads.messages.list(id), thread.id);
    await expectNotFound((id) => b.beta.threads.messages.create(id, { role: "user", content: "hi" }), thread.id);
    await expectNotFound((id) => b.beta.threads.messages.retrieve(message.id, { thread_id: id }), thread.id);
    await expectNotFound((id) => b.beta.threads.messages.update(message.id, { thread_id: id, metadata: { k: "v" } }), thread.id);
    await expectNotFound((id) => b.beta.threads.messages.delete(message.id, { thread_id: id }), thread.id);

    expect(await a.beta.threads.retrieve(thread.id)).toEqual(thread);
    expect((await a.beta.threads.messages.list(thread.id)).data).toEqual([message]);
  });
});

/** Project alpha's assistant with a function tool, and a run on its thread paused at requires_action. */
async function pausedRun(a: OpenAI) {
  const assistant = await a.beta.assistants.create({ model: "gpt-4o", tools: [weatherTool] });
  const thread = await a.beta.threads.create({ messages: [{ role: "user", content: "Call get_weather for Oslo" }] });
  const run = await a.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 5 });
  expect(run.status).toBe("requires_action");
  const call = run.required_action?.submit_tool_outputs.tool_calls[0];
  if (!call) throw new Error("no tool call");
  return { assistant, thread, run, call };
}

describe("runs and run steps across projects", () => {
  it("retrieve, list, update, steps, submit_tool_outputs and cancel are 404 for the other project", async () => {
    const { a, b } = await twoProjects();
    const { thread, run, call } = await pausedRun(a);
    const [step] = (await a.beta.threads.runs.steps.list(run.id, { thread_id: thread.id })).data;
    if (!step) throw new Error("no step");
    const outputs = [{ tool_call_id: call.id, output: "stolen" }];

    await expectNotFound((id) => b.beta.threads.runs.retrieve(run.id, { thread_id: id }), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.list(id), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.update(run.id, { thread_id: id, metadata: { k: "v" } }), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.steps.list(run.id, { thread_id: id }), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.steps.retrieve(step.id, { thread_id: id, run_id: run.id }), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.submitToolOutputs(run.id, { thread_id: id, tool_outputs: outputs }), thread.id);
    await expectNotFound((id) => b.beta.threads.runs.cancel(run.id, { thread_id: id }), thread.id);

    // Nothing beta tried reached the run: alpha resumes it with its own output.
    expect((await a.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe("requires_action");
    const done = await a.beta.threads.runs.submitToolOutputsAndPoll(
      run.id,
      { thread_id: thread.id, tool_outputs: [{ tool_call_id: call.id, output: "sunny, 18C" }] },
      { pollIntervalMs: 5 },
    );
    expect(done.status).toBe("completed");
    const reply = (await a.beta.threads.messages.list(thread.id)).data[0];
    expect(reply?.content[0]?.type === "text" && reply.content[0].text.value).toContain("sunny, 18C");
  });

  it("another project's assistant cannot run on one's own thread, nor in createAndRun", async () => {
    const { a, b } = await twoProjects();
    const assistant = await a.beta.assistants.create({ model: "gpt-4o" });
    const ownThread = await b.beta.threads.create({ messages: [{ role: "user", content: "hi" }] });
    await expectNotFound((id) => b.beta.threads.runs.create(ownThread.id, { assistant_id: id }), assistant.id);
    await expectNotFound((id) => b.beta.threads.createAndRun({ assistant_id: id }), assistant.id);
    // And one's own assistant cannot run on another project's thread.
    const ownAssistant = await b.beta.assistants.create({ model: "gpt-4o" });
    const thread = await a.beta.threads.create({ messages: [{ role: "user", content: "hi" }] });
    await expectNotFound((id) => b.beta.threads.runs.create(id, { assistant_id: ownAssistant.id }), thread.id);
    expect((await a.beta.threads.runs.list(thread.id)).data).toEqual([]);
  });

  it("thread coordinators are named per project; the default project keeps bare ids", async () => {
    const p = await twoProjects();
    const names: string[] = [];
    const threads = p.w.env.THREADS;
    p.w.env.THREADS = new Proxy(threads, {
      get(target, prop) {
        const value = Reflect.get(target, prop);
        if (prop !== "getByName" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return (name: string) => {
          names.push(name);
          return value.call(target, name);
        };
      },
    });
    const ofAlpha = await p.a.beta.threads.create({ messages: [{ role: "user", content: "hi" }] });
    const ofDefault = await p.main.beta.threads.create({ messages: [{ role: "user", content: "hi" }] });
    expect(names).toEqual([`${p.alpha}:${ofAlpha.id}`, ofDefault.id]);
  });
});
