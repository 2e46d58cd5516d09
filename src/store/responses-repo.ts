/**
 * Stored responses in KV: one key per response, holding the response, this turn's input
 * items (for `input_items`) and the whole context a `previous_response_id` continuation
 * inherits. Continuing a chain is one read of the previous response and one write of the new
 * one, whatever the chain's length.
 */
import type { ResponseItem, ResponseObject } from "../wire/responses";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";

export interface ResponseRecord {
  response: ResponseObject;
  /** This turn's input items, in order. */
  input: ResponseItem[];
  /** Everything a continuation inherits: the earlier context, this input, this output. */
  context: ResponseItem[];
}

export class ResponsesRepo {
  constructor(private readonly store: JsonKv) {}

  get(id: string): Promise<ResponseRecord | null> {
    return this.store.get<ResponseRecord>(keys.response(id));
  }

  put(record: ResponseRecord): Promise<void> {
    return this.store.put(keys.response(record.response.id), record);
  }

  delete(id: string): Promise<void> {
    return this.store.delete(keys.response(id));
  }
}
