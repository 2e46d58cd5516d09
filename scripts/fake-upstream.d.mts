/** Types of scripts/fake-upstream.mjs, for the tests that import it. */
import type { IncomingHttpHeaders } from "node:http";

export interface FakeRequest {
  method: string | undefined;
  /** Path and query as received, e.g. `/v1/chat/completions`. */
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  /** The exact text answered. */
  response: string;
}

export interface FakeUpstream {
  /** The API root, e.g. `http://127.0.0.1:8788/v1`. */
  url: string;
  port: number;
  requests: FakeRequest[];
  close(): Promise<void>;
}

export const PNG_BASE64: string;

export function startFakeUpstream(options?: { port?: number; key?: string; rateLimited?: boolean }): Promise<FakeUpstream>;
