/** Routes for the Responses and Conversations APIs. */
import {
  createConversation,
  createItems,
  deleteConversation,
  deleteItem,
  listItems,
  retrieveConversation,
  retrieveItem,
  updateConversation,
} from "./conversations";
import {
  handleCancelResponse,
  handleCompact,
  handleCreateResponse,
  handleDeleteResponse,
  handleGetResponse,
  handleInputTokens,
  handleListInputItems,
} from "./responses";
import { handleResponsesWebSocket } from "./responses-websocket";
import type { Route } from "./route";

export const RESPONSES_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/responses", handler: handleCreateResponse },
  { method: "GET", path: "/v1/responses", handler: handleResponsesWebSocket },
  { method: "POST", path: "/v1/responses/input_tokens", handler: handleInputTokens },
  { method: "POST", path: "/v1/responses/compact", handler: handleCompact },
  { method: "GET", path: "/v1/responses/:response_id", handler: handleGetResponse },
  { method: "DELETE", path: "/v1/responses/:response_id", handler: handleDeleteResponse },
  { method: "POST", path: "/v1/responses/:response_id/cancel", handler: handleCancelResponse },
  { method: "GET", path: "/v1/responses/:response_id/input_items", handler: handleListInputItems },
  { method: "POST", path: "/v1/conversations", handler: createConversation },
  { method: "GET", path: "/v1/conversations/:conversation_id", handler: retrieveConversation },
  { method: "POST", path: "/v1/conversations/:conversation_id", handler: updateConversation },
  { method: "DELETE", path: "/v1/conversations/:conversation_id", handler: deleteConversation },
  { method: "GET", path: "/v1/conversations/:conversation_id/items", handler: listItems },
  { method: "POST", path: "/v1/conversations/:conversation_id/items", handler: createItems },
  { method: "GET", path: "/v1/conversations/:conversation_id/items/:item_id", handler: retrieveItem },
  { method: "DELETE", path: "/v1/conversations/:conversation_id/items/:item_id", handler: deleteItem },
];
