/** Routes for models and chat completions. */
import { handleChatCompletions } from "./chat-completions";
import { handleGetModel, handleListModels } from "./models";
import type { Route } from "./route";

export const CHAT_ROUTES: readonly Route[] = [
  { method: "GET", path: "/v1/models", handler: handleListModels },
  { method: "GET", path: "/v1/models/:model+", handler: handleGetModel },
  { method: "POST", path: "/v1/chat/completions", handler: handleChatCompletions },
];
