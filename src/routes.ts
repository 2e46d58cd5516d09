/**
 * The route table: every OpenAI endpoint this Worker serves, as data. The router registers
 * these and answers 405 for a known path with another method.
 */
import type { IRequest } from "itty-router";
import { handleChatCompletions } from "./api/chat-completions";
import type { AppContext } from "./api/context";
import { handleGetModel, handleListModels } from "./api/models";

export type Handler = (request: IRequest, ctx: AppContext) => Response | Promise<Response>;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** itty-router pattern; `:name+` captures the rest of the path (model ids contain slashes). */
  path: string;
  handler: Handler;
}

export const ROUTES: readonly Route[] = [
  { method: "GET", path: "/v1/models", handler: handleListModels },
  { method: "GET", path: "/v1/models/:model+", handler: handleGetModel },
  { method: "POST", path: "/v1/chat/completions", handler: handleChatCompletions },
];
