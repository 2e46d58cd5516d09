/**
 * The admin API for issued keys: create (the key shown once, stored only as its SHA-256),
 * list with the last-used day, get, edit, revoke (the SDK then gets 401), bad input as 400s,
 * and admin authentication, all in OpenAI's error envelope.
 */
import { env } from "cloudflare:workers";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { KEY_SHAPE } from "../../../src/keys/key-service";
import type { IssuedKeyRecord, ListedKey } from "../../../src/wire/admin-keys";
import { testWorker } from "../../helpers/worker";
import { ADMIN_PASSWORD, admin, clientFor, createKey, expectError, keysWorker } from "./helpers";

const chat = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

describe("issuing keys", () => {
  it("creates sk-{user}-{43 base62} keys and stores only their digest: the key is nowhere in KV", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { name: "Alice's laptop", user: "alice", project: "team-a" });
    expect(created.key).toMatch(KEY_SHAPE);
    expect(created.key.startsWith("sk-alice-")).toBe(true);
    expect(created).toMatchObject({
      object: "admin.api_key",
      name: "Alice's laptop",
      user: "alice",
      project: "team-a",
      revoked_at: null,
      policy: { models: null, requests_per_minute: null, tokens_per_day: null, expires_at: null },
    });
    expect(created.id).toMatch(/^key_/);
    expect(created.redacted_value).toBe(`sk-alice-...${created.key.slice(-4)}`);
    // It works with the SDK.
    const reply = await clientFor(worker, created.key).chat.completions.create(chat);
    expect(reply.object).toBe("chat.completion");
    await worker.settle();

    // Scan the whole namespace: names, values and metadata.
    const secret = created.key.slice("sk-alice-".length);
    let cursor: string | undefined;
    let scanned = 0;
    do {
      const page: KVNamespaceListResult<unknown, string> = await env.CACHE.list(cursor ? { cursor } : {});
      for (const k of page.keys) {
        scanned++;
        const { value, metadata } = await env.CACHE.getWithMetadata(k.name, "text");
        for (const text of [k.name, value ?? "", JSON.stringify(metadata ?? null), JSON.stringify(k.metadata ?? null)]) {
          expect(text).not.toContain(secret);
        }
      }
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    expect(scanned).toBeGreaterThanOrEqual(2);
  });

  it("lists keys with their last-used day, gets one, edits its policy and name", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker, { name: "ci" });
    const listed = async () => {
      const body = (await (await admin(worker, "GET", "/keys")).json()) as { object: string; data: ListedKey[] };
      expect(body.object).toBe("list");
      const found = body.data.find((k) => k.id === created.id);
      expect(found).toBeDefined();
      expect(JSON.stringify(body)).not.toContain(created.key);
      return found as ListedKey;
    };
    expect((await listed()).last_used_day).toBeNull();
    await clientFor(worker, created.key).chat.completions.create(chat);
    await worker.settle();
    expect((await listed()).last_used_day).toBe(new Date().toISOString().slice(0, 10));

    const got = (await (await admin(worker, "GET", `/keys/${created.id}`)).json()) as IssuedKeyRecord;
    expect(got).toEqual(Object.fromEntries(Object.entries(created).filter(([k]) => k !== "key")));

    const edited = await admin(worker, "POST", `/keys/${created.id}`, { name: "ci (limited)", policy: { requests_per_minute: 10 } });
    expect(edited.status).toBe(200);
    const record = (await edited.json()) as IssuedKeyRecord;
    expect(record.name).toBe("ci (limited)");
    expect(record.policy).toEqual({ models: null, requests_per_minute: 10, tokens_per_day: null, expires_at: null });
    // Fields not sent stay; null lifts a limit.
    const lifted = (await (
      await admin(worker, "POST", `/keys/${created.id}`, { policy: { requests_per_minute: null, tokens_per_day: 500 } })
    ).json()) as IssuedKeyRecord;
    expect(lifted.name).toBe("ci (limited)");
    expect(lifted.policy).toEqual({ models: null, requests_per_minute: null, tokens_per_day: 500, expires_at: null });
  });

  it("revokes a key: the SDK gets 401 at once, the record shows revoked_at", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker);
    const client = clientFor(worker, created.key);
    await client.chat.completions.create(chat);
    const revoked = await admin(worker, "DELETE", `/keys/${created.id}`);
    expect(revoked.status).toBe(200);
    const record = (await revoked.json()) as IssuedKeyRecord;
    expect(record.revoked_at).toBeTypeOf("number");
    const err = await client.chat.completions.create(chat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
    expect((err as Error).message).toContain("revoked");
    // Revoking again keeps the first time.
    const again = (await (await admin(worker, "DELETE", `/keys/${created.id}`)).json()) as IssuedKeyRecord;
    expect(again.revoked_at).toBe(record.revoked_at);
  });

  it("a key whose expiry has passed gets 401", async () => {
    const { worker } = keysWorker();
    const soon = Math.floor(Date.now() / 1000) + 3600;
    const created = await createKey(worker, { policy: { expires_at: soon } });
    await clientFor(worker, created.key).models.list();
    // Move the expiry into the past the way an old key reaches it (the API refuses past times).
    const { apiKeysRepo } = await import("../../../src/store/api-keys-repo");
    const { keyDigestHex } = await import("../../../src/keys/key-digest");
    const { forgetIssuedKey } = await import("../../../src/keys/lookup-issued-key");
    const digest = await keyDigestHex(created.key);
    const { key: _shown, ...record } = created;
    await apiKeysRepo(env.CACHE, 0).save(digest, {
      ...record,
      policy: { ...record.policy, expires_at: Math.floor(Date.now() / 1000) - 1 },
    });
    forgetIssuedKey(digest);
    const err = await clientFor(worker, created.key)
      .models.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as Error).message).toContain("expired");
  });

  it("404 for an unknown key id", async () => {
    const { worker } = keysWorker();
    for (const [method, path] of [
      ["GET", "/keys/key_nope"],
      ["POST", "/keys/key_nope"],
      ["DELETE", "/keys/key_nope"],
      ["GET", "/keys/%ZZ"],
    ] as const) {
      const err = await expectError(await admin(worker, method, path, method === "POST" ? { name: "x" } : undefined), 404);
      expect(err.code).toBe("key_not_found");
    }
  });

  it.each([
    [{ user: "alice" }, "name"],
    [{ name: "x" }, "user"],
    [{ name: "x", user: "-bad-" }, "user"],
    [{ name: "x", user: "a,b" }, "user"],
    [{ name: "x", user: "alice", project: "Team A" }, "project"],
    [{ name: "x", user: "alice", policy: { requests_per_minute: 0 } }, "policy.requests_per_minute"],
    [{ name: "x", user: "alice", policy: { tokens_per_day: 1.5 } }, "policy.tokens_per_day"],
    [{ name: "x", user: "alice", policy: { tokens_per_day: "100" } }, "policy.tokens_per_day"],
    [{ name: "x", user: "alice", policy: { models: "gpt-*" } }, "policy.models"],
    [{ name: "x", user: "alice", policy: { models: [1] } }, "policy.models[0]"],
    [{ name: "x", user: "alice", policy: { expires_at: 1 } }, "policy.expires_at"],
    [{ name: "x", user: "alice", policy: [] }, "policy"],
  ])("bad create body %j → 400 naming %s", async (body, param) => {
    const { worker } = keysWorker();
    const err = await expectError(await admin(worker, "POST", "/keys", body), 400);
    expect(err.param).toBe(param);
    expect(err.type).toBe("invalid_request_error");
  });

  it("bad edit body → 400, key unchanged", async () => {
    const { worker } = keysWorker();
    const created = await createKey(worker);
    const err = await expectError(await admin(worker, "POST", `/keys/${created.id}`, { policy: { requests_per_minute: -1 } }), 400);
    expect(err.param).toBe("policy.requests_per_minute");
    const got = (await (await admin(worker, "GET", `/keys/${created.id}`)).json()) as IssuedKeyRecord;
    expect(got.policy.requests_per_minute).toBeNull();
  });
});

describe("admin API authentication", () => {
  it("no credentials → 401, wrong password → 401, an API key is not an admin credential", async () => {
    const { worker } = keysWorker();
    const none = await worker.fetch("https://ai-forwarder.test/admin/api/keys");
    expect((await expectError(none, 401)).code).toBe("admin_auth_required");
    expect((await expectError(await admin(worker, "GET", "/keys", undefined, "wrong"), 401)).code).toBe("admin_auth_required");
    expect((await expectError(await admin(worker, "GET", "/usage", undefined, "sk-test"), 401)).code).toBe("admin_auth_required");
    expect((await expectError(await admin(worker, "POST", "/keys", { name: "x", user: "x" }, "wrong"), 401)).type).toBe(
      "authentication_error",
    );
  });

  it("no ADMIN_PASSWORD → 403 admin_disabled on every admin route", async () => {
    const worker = testWorker({ vars: { API_KEYS: "sk-test" } });
    for (const [method, path] of [
      ["GET", "/keys"],
      ["POST", "/keys"],
      ["GET", "/usage"],
      ["DELETE", "/keys/key_x"],
    ] as const) {
      const err = await expectError(await admin(worker, method, path, method === "POST" ? {} : undefined, ADMIN_PASSWORD), 403);
      expect(err.code).toBe("admin_disabled");
    }
  });
});
