/**
 * Imported objects belong to the project the import names: a key of that project finds,
 * lists and continues them (its thread coordinators are the project's too); a key of another
 * project gets the 404s an unknown id gets. Comparisons for idempotency read the named
 * project's keys, so the same export imported into a second project is written there in full.
 */
import { describe, expect, it } from "vitest";
import { EMULATOR_LABEL } from "../../../src/dev/emulator/reply";
import { twoProjects } from "../isolation/helpers";
import { ADMIN_PASSWORD, fixture, ids, importFixture, sumCounts } from "./helpers";

describe("importing into a project", () => {
  it("only that project's keys see the imported assistants, threads, messages and runs", async () => {
    const { w, a, b, alpha, beta } = await twoProjects({ vars: { ADMIN_PASSWORD } });
    const results = await importFixture(w, { project: alpha });
    expect(results.every((r) => r.project === alpha)).toBe(true);
    expect(sumCounts(results).kv_writes).toBe(8);

    expect((await a.beta.assistants.retrieve(ids.weather)).created_at).toBe(fixture.assistants[0]?.created_at);
    const listed = await a.beta.threads.messages.list(ids.threadA, { order: "asc" });
    expect(listed.data.map((m) => m.id)).toEqual(fixture.threads[0]?.messages.map((m) => m.id));
    expect((await a.beta.assistants.list()).data.map((x) => x.id).sort()).toEqual([ids.docs, ids.weather].sort());

    await expect(b.beta.assistants.retrieve(ids.weather)).rejects.toMatchObject({ status: 404 });
    await expect(b.beta.threads.retrieve(ids.threadA)).rejects.toMatchObject({ status: 404 });
    await expect(b.beta.threads.messages.list(ids.threadA)).rejects.toMatchObject({ status: 404 });
    await expect(b.beta.threads.runs.retrieve(fixture.threads[0]!.runs[0]!.id, { thread_id: ids.threadA })).rejects.toMatchObject({
      status: 404,
    });
    expect((await b.beta.assistants.list()).data).toEqual([]);

    // A new turn in the owning project, and a Responses continuation.
    const run = await a.beta.threads.runs.createAndPoll(ids.threadA, { assistant_id: ids.weather }, { pollIntervalMs: 20 });
    expect(run.status).toBe("completed");
    const response = await a.responses.create({ model: "gpt-4o-mini", conversation: ids.threadA, input: "Still there?" });
    expect(response.output_text).toBe(`${EMULATOR_LABEL} You said: Still there?`);

    // The same export into the other project: written there in full (nothing of alpha's counts as stored).
    const second = await importFixture(w, { project: beta, dryRun: true });
    expect(sumCounts(second).kv_writes).toBe(8);
  });
});
