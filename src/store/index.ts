/** The repositories over the CACHE namespace, built once per request. */
import { AssistantsRepo } from "./assistants-repo";
import { ConversationsRepo } from "./conversations-repo";
import { JsonKv } from "./kv-json";
import { MessagesRepo } from "./messages-repo";
import { ResponsesRepo } from "./responses-repo";
import { RunsRepo } from "./runs-repo";
import { ThreadsRepo } from "./threads-repo";

export interface Stores {
  assistants: AssistantsRepo;
  threads: ThreadsRepo;
  messages: MessagesRepo;
  runs: RunsRepo;
  responses: ResponsesRepo;
  conversations: ConversationsRepo;
}

export function createStores(kv: KVNamespace, writeSpacingMs?: number): Stores {
  const store = new JsonKv(kv, writeSpacingMs);
  return {
    assistants: new AssistantsRepo(store),
    threads: new ThreadsRepo(store),
    messages: new MessagesRepo(store),
    runs: new RunsRepo(store),
    responses: new ResponsesRepo(store),
    conversations: new ConversationsRepo(store),
  };
}
