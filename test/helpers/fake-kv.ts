/**
 * A KV namespace that records every write and delete with its (virtual) time, can take a
 * while to answer and can fail on cue: for testing the write layer's pacing and retries
 * without real KV or real time.
 */
import type { VirtualTimer } from "./virtual-timer";

export interface KvCall {
  op: "put" | "delete";
  key: string;
  /** The body of a put, as text. */
  value?: string;
  /** Virtual time the call was made. */
  at: number;
}

export interface FakeKvOptions {
  /** How long each put or delete takes, in virtual time. */
  latencyMs?: number;
  /** The error a call fails with, if any (called once per call, in order). */
  fail?: (call: KvCall) => Error | undefined;
}

export interface FakeKv {
  kv: KVNamespace;
  calls: KvCall[];
  /** The most puts and deletes that were in flight at once. */
  maxInFlight: number;
}

export function fakeKv(timer: VirtualTimer, options: FakeKvOptions = {}): FakeKv {
  const state: FakeKv = { kv: undefined as unknown as KVNamespace, calls: [], maxInFlight: 0 };
  let inFlight = 0;
  const call = async (entry: KvCall): Promise<void> => {
    state.calls.push(entry);
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      if (options.latencyMs) await timer.delay(options.latencyMs);
      const error = options.fail?.(entry);
      if (error) throw error;
    } finally {
      inFlight--;
    }
  };
  state.kv = {
    put: (key: string, value: string | ArrayBuffer | ArrayBufferView) =>
      call({ op: "put", key, value: typeof value === "string" ? value : new TextDecoder().decode(value), at: timer.now() }),
    delete: (key: string) => call({ op: "delete", key, at: timer.now() }),
  } as unknown as KVNamespace;
  return state;
}
