/** Assistants in KV: one key each, written on create and modify. */
import type { AssistantObject } from "../wire/assistants";
import { keys } from "./keys";
import type { JsonKv } from "./kv-json";
import { inlineMetadata, listValues } from "./list-values";

export class AssistantsRepo {
  constructor(private readonly store: JsonKv) {}

  get(id: string): Promise<AssistantObject | null> {
    return this.store.get<AssistantObject>(keys.assistant(id));
  }

  put(assistant: AssistantObject): Promise<void> {
    return this.store.put(keys.assistant(assistant.id), assistant, { metadata: inlineMetadata(assistant) });
  }

  delete(id: string): Promise<void> {
    return this.store.delete(keys.assistant(id));
  }

  /** All assistants, oldest first. */
  list(): Promise<AssistantObject[]> {
    return listValues<AssistantObject>(this.store, keys.assistantPrefix());
  }
}
