/**
 * A KV namespace wrapper that counts operations, so tests can assert the KV cost of a
 * request (the free plan allows 100k reads, 1k writes, 1k deletes and 1k lists a day).
 * Reads include getWithMetadata; bulk gets count one read per key, as KV bills them.
 * Not counted: reads of the routing override (`config/routing`), which happen once per isolate
 * per OVERRIDE_CACHE_MS whatever the request (test/worker/admin/routing.test.ts counts those),
 * so a request's count does not depend on when the isolate's copy last expired.
 */
const ISOLATE_AMORTIZED_KEYS = new Set(["config/routing"]);

export interface KvCounts {
  reads: number;
  writes: number;
  deletes: number;
  lists: number;
}

export interface CountingKv {
  kv: KVNamespace;
  counts: KvCounts;
  /** Keys written or deleted since the last reset, in order (KV allows one write a second per key). */
  writtenKeys: string[];
  /** Calls made since the last reset, as KV counts them against a Worker invocation's 1,000 operations (a bulk read is one). */
  readonly operations: number;
  reset(): void;
  /** The counts since the last reset, then reset. */
  take(): KvCounts;
}

/** `everyKey`: count the isolate-amortized keys too (for the test of that cache itself). */
export function countingKv(inner: KVNamespace, options: { everyKey?: boolean } = {}): CountingKv {
  const counts: KvCounts = { reads: 0, writes: 0, deletes: 0, lists: 0 };
  const writtenKeys: string[] = [];
  let operations = 0;
  const keyCount = (key: unknown) => (Array.isArray(key) ? key.length : 1);
  const kv = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (["get", "getWithMetadata", "put", "delete", "list"].includes(String(prop))) operations++;
        if (prop === "get" || prop === "getWithMetadata") {
          if (options.everyKey || !ISOLATE_AMORTIZED_KEYS.has(String(args[0]))) counts.reads += keyCount(args[0]);
        } else if (prop === "put") {
          counts.writes++;
          writtenKeys.push(String(args[0]));
        } else if (prop === "delete") {
          counts.deletes++;
          writtenKeys.push(String(args[0]));
        } else if (prop === "list") counts.lists++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const reset = () => {
    counts.reads = counts.writes = counts.deletes = counts.lists = 0;
    writtenKeys.length = 0;
    operations = 0;
  };
  return {
    kv,
    counts,
    writtenKeys,
    get operations() {
      return operations;
    },
    reset,
    take() {
      const snapshot = { ...counts };
      reset();
      return snapshot;
    },
  };
}
