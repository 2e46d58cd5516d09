/**
 * The responses one WebSocket connection created with `store: false`. They never reach KV;
 * they live in this connection's memory for as long as it is open, so `previous_response_id`
 * can continue them on the same connection and nowhere else (a new connection gets
 * `previous_response_not_found`, as from OpenAI). Each remembered response belongs to a chain
 * (the first uncached response it descends from), so a continuation that fails can evict the
 * whole chain instead of leaving half-trusted state behind. Bounded: the oldest go first.
 */
import type { Stores } from "../store";
import type { ResponseRecord, ResponsesRepo } from "../store/responses-repo";

/** How many `store: false` responses one connection keeps. */
export const CONNECTION_CACHE_CAPACITY = 64;

interface Entry {
  record: ResponseRecord;
  /** The id of the first response of this entry's chain on this connection. */
  chain: string;
}

export class ConnectionResponseCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = CONNECTION_CACHE_CAPACITY) {}

  /** Remembers a `store: false` response; it joins the chain of the cached response it continued. */
  remember(record: ResponseRecord): void {
    const previous = record.response.previous_response_id;
    const chain = (previous && this.entries.get(previous)?.chain) || record.response.id;
    this.entries.set(record.response.id, { record, chain });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets every response of the chain `id` belongs to; a no-op for an id not held here. */
  evictChain(id: string): void {
    const chain = this.entries.get(id)?.chain;
    if (chain === undefined) return;
    for (const [key, entry] of this.entries) if (entry.chain === chain) this.entries.delete(key);
  }

  /**
   * `stores` for one turn on this connection: responses are looked up here first, then in KV.
   * A KV lookup is made at most once per turn, so reading the same previous response again
   * (to remember the turn's context) costs no second read.
   */
  overlay(stores: Stores): Stores {
    const reads = new Map<string, Promise<ResponseRecord | null>>();
    // Delegates every other member (put, delete) to the KV repository.
    const responses: ResponsesRepo = Object.create(stores.responses);
    responses.get = (id) => {
      const held = this.entries.get(id);
      if (held) return Promise.resolve(held.record);
      let read = reads.get(id);
      if (!read) {
        read = stores.responses.get(id);
        reads.set(id, read);
      }
      return read;
    };
    return { ...stores, responses };
  }
}
