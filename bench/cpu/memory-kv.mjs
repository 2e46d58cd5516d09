/**
 * An in-memory KV namespace for the in-process CPU bench: the methods the Worker calls (`get`,
 * bulk `get`, `getWithMetadata`, `put`, `list`, `delete`) with KV's semantics — values stored
 * as bytes and read back as text, JSON, ArrayBuffer or stream; metadata kept beside them and
 * returned by `getWithMetadata` and `list`; `list` sorted by key, by prefix, 1,000 keys a page
 * with an opaque cursor; expirations honoured. It does no I/O and no waiting beyond a resolved
 * promise, so what the bench measures is the Worker's own CPU, not storage.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const PAGE = 1000;

export class MemoryKv {
  /** Operations as Cloudflare bills them (a bulk get of N keys is N reads), for the table's KV column. */
  counts = { reads: 0, writes: 0, lists: 0, deletes: 0 };
  /** key → { bytes, metadata, expiration (Unix seconds) } */
  #entries = new Map();
  /** Every key, sorted (kept in order on insert and delete, so `list` never sorts). */
  #sorted = [];

  async get(key, options) {
    const type = typeof options === "string" ? options : (options?.type ?? "text");
    this.counts.reads += Array.isArray(key) ? key.length : 1;
    if (Array.isArray(key)) {
      const out = new Map();
      for (const k of key) out.set(k, this.#read(k, type));
      return out;
    }
    return this.#read(key, type);
  }

  async getWithMetadata(key, options) {
    const type = typeof options === "string" ? options : (options?.type ?? "text");
    this.counts.reads++;
    const entry = this.#live(key);
    return { value: entry ? convert(entry.bytes, type) : null, metadata: entry?.metadata ?? null, cacheStatus: null };
  }

  async put(key, value, options = {}) {
    this.counts.writes++;
    const bytes = await toBytes(value);
    const now = Date.now() / 1000;
    const expiration = options.expiration ?? (options.expirationTtl ? now + options.expirationTtl : undefined);
    if (!this.#entries.has(key)) this.#sorted.splice(lowerBound(this.#sorted, key), 0, key);
    this.#entries.set(key, { bytes, metadata: options.metadata ?? null, expiration });
  }

  async delete(key) {
    this.counts.deletes++;
    if (this.#entries.delete(key)) this.#sorted.splice(lowerBound(this.#sorted, key), 1);
  }

  async list(options = {}) {
    this.counts.lists++;
    const prefix = options.prefix ?? "";
    const limit = Math.min(options.limit ?? PAGE, PAGE);
    let i = options.cursor ? Number(options.cursor) : lowerBound(this.#sorted, prefix);
    const keys = [];
    for (; i < this.#sorted.length && keys.length < limit; i++) {
      const name = this.#sorted[i];
      if (!name.startsWith(prefix)) break;
      const entry = this.#live(name);
      if (!entry) continue;
      keys.push({
        name,
        ...(entry.expiration ? { expiration: Math.floor(entry.expiration) } : {}),
        ...(entry.metadata ? { metadata: entry.metadata } : {}),
      });
    }
    const more = i < this.#sorted.length && this.#sorted[i].startsWith(prefix);
    return more ? { keys, list_complete: false, cursor: String(i), cacheStatus: null } : { keys, list_complete: true, cacheStatus: null };
  }

  #live(key) {
    const entry = this.#entries.get(key);
    if (entry?.expiration !== undefined && entry.expiration <= Date.now() / 1000) return undefined;
    return entry;
  }

  #read(key, type) {
    const entry = this.#live(key);
    return entry ? convert(entry.bytes, type) : null;
  }
}

function lowerBound(sorted, prefix) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function toBytes(value) {
  if (typeof value === "string") return encoder.encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  if (value instanceof ReadableStream) return new Uint8Array(await new Response(value).arrayBuffer());
  throw new TypeError("KV put: unsupported value type");
}

function convert(bytes, type) {
  switch (type) {
    case "text":
      return decoder.decode(bytes);
    case "json":
      return JSON.parse(decoder.decode(bytes));
    case "arrayBuffer":
      // The stored copy itself (put copied it): handing a Worker the bytes it asked for is the
      // runtime's work, not the Worker's, and the Worker only reads what it gets.
      return bytes.buffer;
    case "stream":
      return new Blob([bytes]).stream();
    default:
      throw new TypeError(`KV get: unknown type ${type}`);
  }
}
