/**
 * The Files API through the official SDK: upload, list, retrieve, content (the bytes exactly as
 * uploaded), delete; every object validated against OpenAI's schemas.
 */
import { toFile } from "openai";
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL } from "../../helpers/worker";
import { filesWorker, textFile } from "./helpers";

describe("files", () => {
  it("create, retrieve, list, content and delete", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({ file: await textFile("notes.txt", "hello files"), purpose: "assistants" });
    expectSchema("OpenAIFile", file);
    expect(file).toMatchObject({ object: "file", bytes: 11, filename: "notes.txt", purpose: "assistants", status: "processed" });
    expect(file.id).toMatch(/^file-/);

    expect(await w.client.files.retrieve(file.id)).toEqual(file);
    const content = await w.client.files.content(file.id);
    expect(content.headers.get("content-type")).toBe("text/plain");
    expect(await content.text()).toBe("hello files");

    const list = await w.client.files.list();
    expectSchema("ListFilesResponse", await (await w.fetch(`${BASE_URL}/files`)).json());
    expect(list.data.map((f) => f.id)).toEqual([file.id]);

    const deleted = await w.client.files.delete(file.id);
    expectSchema("DeleteFileResponse", deleted);
    expect(deleted).toEqual({ id: file.id, object: "file", deleted: true });
    await expect(w.client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(w.client.files.content(file.id)).rejects.toMatchObject({ status: 404 });
  });

  it("returns binary content byte for byte, with the upload's content type", async () => {
    const w = filesWorker();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    const file = await w.client.files.create({
      file: await toFile(bytes, "blob.bin", { type: "application/x-thing" }),
      purpose: "user_data",
    });
    const res = await w.client.files.content(file.id);
    expect(res.headers.get("content-type")).toBe("application/x-thing");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("lists by purpose, in either order, paging with after", async () => {
    const w = filesWorker();
    const a = await w.client.files.create({ file: await textFile("a.txt", "a"), purpose: "assistants" });
    const b = await w.client.files.create({ file: await textFile("b.png", "b"), purpose: "vision" });
    const c = await w.client.files.create({ file: await textFile("c.txt", "c"), purpose: "assistants" });
    // Files from earlier tests share the namespace: page from just before this test's first file.
    const ours = (ids: string[]) => ids.filter((id) => id >= a.id);
    expect(ours((await w.client.files.list({ purpose: "assistants" })).data.map((f) => f.id))).toEqual([c.id, a.id]);
    expect(ours((await w.client.files.list({ order: "desc" })).data.map((f) => f.id))).toEqual([c.id, b.id, a.id]);
    const page = await w.client.files.list({ order: "asc", limit: 2, after: a.id });
    expect(page.data.map((f) => f.id)).toEqual([b.id, c.id]);
    expect(page.has_more).toBe(false);
    const all = [];
    for await (const f of w.client.files.list({ order: "asc", limit: 1 })) all.push(f.id);
    expect(ours(all)).toEqual([a.id, b.id, c.id]);
  });

  it("sets expires_at from expires_after", async () => {
    const w = filesWorker();
    const file = await w.client.files.create({
      file: await textFile("t.txt", "x"),
      purpose: "user_data",
      expires_after: { anchor: "created_at", seconds: 3600 },
    });
    expectSchema("OpenAIFile", file);
    expect(file.expires_at).toBe(file.created_at + 3600);
  });
});
