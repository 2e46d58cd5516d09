/**
 * A fetch for third-party clients (the Vercel AI SDK, the Agents SDK) that checks every
 * Responses answer they receive against the spec: each `POST /v1/responses` body as a
 * `Response` (or an `ErrorResponse`), each streamed event as a `ResponseStreamEvent` with
 * sequence numbers 0, 1, 2, … and consistent item indexes. The clients read the original
 * body; the checks read a copy.
 */
import { expect } from "vitest";
import { parseSse } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { expectEventOrder } from "./helpers";

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** What the client sent and received since the last look. */
export interface Seen {
  /** The JSON bodies the client POSTed to /v1/responses, in order. */
  requests: Record<string, unknown>[];
  responses: number;
  streams: number;
  events: number;
  types: string[];
}

export interface CheckedFetch {
  fetch: Fetch;
  /**
   * Waits for every check; returns how many response objects, streams and events were checked
   * since the last call (at least one answer must have been), and the events' types.
   */
  checked(): Promise<Seen>;
}

export function checkedFetch(inner: Fetch): CheckedFetch {
  let checks: Promise<void>[] = [];
  const none = (): Seen => ({ requests: [], responses: 0, streams: 0, events: 0, types: [] });
  let counts = none();
  const check = async (res: Response): Promise<void> => {
    if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
      const events = parseSse(await res.text()).map((r) => r.data as { type: string; sequence_number: number });
      for (const event of events) expectSchema("ResponseStreamEvent", event);
      expectEventOrder(events);
      counts.streams++;
      counts.events += events.length;
      counts.types.push(...events.map((e) => e.type));
      return;
    }
    const body = await res.json();
    if (!res.ok) return expectSchema("ErrorResponse", body);
    expectSchema("Response", body);
    counts.responses++;
  };
  return {
    async fetch(input, init) {
      const request = new Request(input, init);
      const creates = request.method === "POST" && new URL(request.url).pathname === "/v1/responses";
      if (creates) counts.requests.push(await request.clone().json());
      const res = await inner(request);
      if (creates) checks.push(check(res.clone()));
      return res;
    },
    async checked() {
      await Promise.all(checks);
      expect(checks.length).toBeGreaterThan(0);
      const seen = counts;
      checks = [];
      counts = none();
      return seen;
    },
  };
}
