/**
 * WebSocket mode on /v1/responses, driven as a client would: upgrade with the bearer key,
 * send `response.create` messages, read one JSON event per message. Every event validates
 * against the spec's `ResponsesServerEvent`, and each turn's sequence numbers start at 0.
 */
import { describe, expect, it } from "vitest";
import { expectSchema } from "../../helpers/openapi";
import { BASE_URL, type TestWorker, testWorker } from "../../helpers/worker";
import { expectEventOrder, weatherTool } from "./helpers";

interface ServerEvent {
  type: string;
  sequence_number: number;
  stream_id?: string;
  status?: number;
  error?: { type: string; code: string | null; message: string; param: string | null };
  response?: { id: string; status: string; store: boolean; output: { type: string; call_id?: string; name?: string }[] };
}

/** An open connection: `send` a client event, `turn()` reads the events up to the turn's last. */
interface Connection {
  send(event: unknown): void;
  turn(): Promise<ServerEvent[]>;
  close(): void;
}

// Keys are configured, so every upgrade below is authenticated for real.
const worker = () => testWorker({ vars: { KV_WRITE_SPACING_MS: "0", API_KEYS: "sk-test", ALLOW_ANONYMOUS: "false" } });

function upgrade(w: TestWorker, headers: Record<string, string> = { authorization: "Bearer sk-test" }): Promise<Response> {
  return w.fetch(`${BASE_URL}/responses`, { headers: { upgrade: "websocket", ...headers } });
}

async function connect(w: TestWorker): Promise<Connection> {
  const res = await upgrade(w);
  expect(res.status).toBe(101);
  const ws = res.webSocket;
  if (!ws) throw new Error("no webSocket on the 101 response");
  ws.accept();
  const inbox: ServerEvent[] = [];
  let wake: (() => void) | undefined;
  ws.addEventListener("message", (e) => {
    expect(typeof e.data).toBe("string");
    const event = JSON.parse(e.data as string) as ServerEvent;
    expectSchema("ResponsesServerEvent", event);
    inbox.push(event);
    wake?.();
  });
  const next = async (): Promise<ServerEvent> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift() as ServerEvent;
  };
  return {
    send: (event) => ws.send(typeof event === "string" ? event : JSON.stringify(event)),
    async turn() {
      const events: ServerEvent[] = [];
      for (;;) {
        const e = await next();
        events.push(e);
        if (e.type === "response.completed" || e.type === "response.incomplete" || e.type === "error") return events;
      }
    },
    close: () => ws.close(1000),
  };
}

function finalResponse(events: ServerEvent[]) {
  const done = events.find((e) => e.type === "response.completed");
  if (!done?.response) throw new Error(`turn did not complete: ${events.map((e) => e.type).join(", ")}`);
  return done.response;
}

describe("Responses WebSocket mode", () => {
  it("answers two sequential turns with the SSE event sequence, each numbered from 0", async () => {
    const w = worker();
    const c = await connect(w);
    c.send({ type: "response.create", model: "gpt-4o", input: "hello there" });
    c.send({ type: "response.create", model: "gpt-4o", input: "and again", stream_id: "lane_1" });
    const first = await c.turn();
    const second = await c.turn();
    for (const events of [first, second]) {
      expectEventOrder(events);
      expect(events.map((e) => e.type)).toEqual([
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
        ...events.filter((e) => e.type === "response.output_text.delta").map(() => "response.output_text.delta"),
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
      ]);
    }
    expect(first.every((e) => e.stream_id === undefined)).toBe(true);
    expect(second.every((e) => e.stream_id === "lane_1")).toBe(true);
    const stored = finalResponse(first);
    expect(finalResponse(second).id).not.toBe(stored.id);
    c.close();
    await w.settle();
    // store defaults to true: the response is retrievable over HTTP like any other.
    const got = await w.client.responses.retrieve(stored.id);
    expectSchema("Response", got);
    expect(got.status).toBe("completed");
  });

  it("chains store: false responses on the connection without touching KV", async () => {
    const w = worker();
    const c = await connect(w);
    w.kv.reset();
    c.send({ type: "response.create", model: "gpt-4o", store: false, input: "use get_weather for Paris", tools: [weatherTool] });
    const first = finalResponse(await c.turn());
    expect(first.store).toBe(false);
    const call = first.output.find((o) => o.type === "function_call");
    expect(call?.name).toBe("get_weather");
    c.send({
      type: "response.create",
      model: "gpt-4o",
      store: false,
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call?.call_id, output: '{"temp": 21}' }],
      tools: [weatherTool],
    });
    const events = await c.turn();
    expectEventOrder(events);
    const second = finalResponse(events);
    expect(second).toMatchObject({ store: false, previous_response_id: first.id });
    // The continuation saw the call it answers (else function_call_output is a 400).
    expect(JSON.stringify(second.output)).toContain('{\\"temp\\": 21}');
    await w.settle();
    expect(w.kv.take()).toMatchObject({ reads: 0, writes: 0, deletes: 0, lists: 0 });

    // Only this connection knows them.
    const other = await connect(w);
    other.send({ type: "response.create", model: "gpt-4o", previous_response_id: second.id, input: "and now?" });
    const [error, ...rest] = await other.turn();
    expect(rest).toEqual([]);
    expect(error).toEqual({
      type: "error",
      status: 400,
      error: {
        message: `Previous response with id '${second.id}' not found.`,
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      },
    });
  });

  it("a failed continuation evicts the chain it failed on", async () => {
    const w = worker();
    const c = await connect(w);
    c.send({ type: "response.create", model: "gpt-4o", store: false, input: "first" });
    const first = finalResponse(await c.turn());
    c.send({ type: "response.create", model: "gpt-4o", store: false, input: "second", previous_response_id: first.id });
    const second = finalResponse(await c.turn());
    // A function_call_output answering no call in the chain is a 400.
    c.send({
      type: "response.create",
      model: "gpt-4o",
      store: false,
      previous_response_id: second.id,
      input: [{ type: "function_call_output", call_id: "call_unknown", output: "x" }],
    });
    const [failed] = await c.turn();
    expect(failed).toMatchObject({ type: "error", status: 400, error: { type: "invalid_request_error" } });
    for (const id of [second.id, first.id]) {
      c.send({ type: "response.create", model: "gpt-4o", store: false, input: "again", previous_response_id: id });
      const [gone] = await c.turn();
      expect(gone?.error?.code).toBe("previous_response_not_found");
    }
    // The connection still works.
    c.send({ type: "response.create", model: "gpt-4o", input: "fresh start", store: false });
    expect(finalResponse(await c.turn()).status).toBe("completed");
  });

  it("answers bad messages with an error event and keeps the connection open", async () => {
    // The schema every event is checked against does reject a malformed error event.
    expect(() => expectSchema("ResponsesServerEvent", { type: "error", status: 400 })).toThrow();
    const w = worker();
    const c = await connect(w);
    const cases: [unknown, number, Partial<NonNullable<ServerEvent["error"]>>][] = [
      ["not json", 400, { code: "invalid_json" }],
      [[1, 2], 400, { code: "invalid_json" }],
      [{ type: "response.cancel" }, 400, { param: "type", code: "invalid_value" }],
      [{ model: "gpt-4o", input: "no type" }, 400, { param: "type" }],
      [{ type: "response.create", input: "no model" }, 400, { param: "model", code: "missing_required_parameter" }],
      [{ type: "response.create", model: "gpt-4o", input: [{ type: "bogus" }] }, 400, { param: "input[0].type" }],
      [{ type: "response.create", model: "gpt-4o", input: "x", background: true }, 400, { param: "background" }],
      [{ type: "response.create", model: "gpt-4o", input: "x", stream_id: "bad lane!" }, 400, { param: "stream_id" }],
    ];
    for (const [message, status, error] of cases) {
      c.send(message);
      const events = await c.turn();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: "error", status, error: { type: "invalid_request_error", ...error } });
    }
    c.send({ type: "response.create", model: "gpt-4o", input: "still here", stream_id: "lane_2" });
    const events = await c.turn();
    expect(finalResponse(events).status).toBe("completed");
    expect(events.every((e) => e.stream_id === "lane_2")).toBe(true);
  });

  it("checks the key on the upgrade and refuses a GET without one", async () => {
    const w = worker();
    const none = await upgrade(w, {});
    expect(none.status).toBe(401);
    expect(none.webSocket).toBeNull();
    const body = await none.json();
    expectSchema("ErrorResponse", body);
    expect(body).toMatchObject({ error: { code: "missing_api_key" } });
    const wrong = await upgrade(w, { authorization: "Bearer sk-wrong" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_api_key" } });

    const plain = await w.fetch(`${BASE_URL}/responses`, { headers: { authorization: "Bearer sk-test" } });
    expect(plain.status).toBe(426);
    expect(await plain.json()).toMatchObject({ error: { code: "upgrade_required" } });
  });
});

describe("issued keys over WebSocket", () => {
  it("admits every response.create like a request: over the key's per-minute limit, the turn gets a 429 error event", async () => {
    const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0", API_KEYS: "sk-test", ADMIN_PASSWORD: "pw" } });
    const created = await w.fetch(`${new URL(BASE_URL).origin}/admin/api/keys`, {
      method: "POST",
      headers: { authorization: "Bearer pw", "content-type": "application/json" },
      body: JSON.stringify({ name: "ws", user: "wsuser", policy: { requests_per_minute: 3 } }),
    });
    const { key } = (await created.json()) as { key: string };
    const res = await upgrade(w, { authorization: `Bearer ${key}` }); // request 1 of 3
    const ws = res.webSocket;
    if (!ws) throw new Error("no webSocket on the 101 response");
    ws.accept();
    const events: ServerEvent[] = [];
    const ended = new Promise<void>((resolve) =>
      ws.addEventListener("message", (e) => {
        const event = JSON.parse(e.data as string) as ServerEvent;
        events.push(event);
        if (events.filter((x) => x.type === "response.completed" || x.type === "error").length === 3) resolve();
      }),
    );
    for (const input of ["one", "two", "three"]) ws.send(JSON.stringify({ type: "response.create", model: "gpt-4o", input }));
    await ended;
    ws.close(1000);
    const ends = events.filter((e) => e.type === "response.completed" || e.type === "error");
    expect(ends.map((e) => e.type)).toEqual(["response.completed", "response.completed", "error"]);
    const refusal = ends[2];
    expectSchema("ResponsesServerEvent", refusal);
    expect(refusal).toMatchObject({ status: 429, error: { type: "requests", code: "rate_limit_exceeded" } });
  });
});
