/** Routes for the Assistants API v2 (assistants, threads, messages, runs, run steps). */
import type { Route } from "../route";
import { createAssistant, deleteAssistant, listAssistants, modifyAssistant, retrieveAssistant } from "./assistants";
import { createMessage, deleteMessage, listMessages, modifyMessage, retrieveMessage } from "./messages";
import {
  cancelRun,
  createRun,
  createThreadAndRun,
  listRunSteps,
  listRuns,
  modifyRun,
  retrieveRun,
  retrieveRunStep,
  submitToolOutputs,
} from "./runs";
import { createThread, deleteThread, modifyThread, retrieveThread } from "./threads";

export const ASSISTANTS_ROUTES: readonly Route[] = [
  { method: "POST", path: "/v1/assistants", handler: createAssistant },
  { method: "GET", path: "/v1/assistants", handler: listAssistants },
  { method: "GET", path: "/v1/assistants/:assistant_id", handler: retrieveAssistant },
  { method: "POST", path: "/v1/assistants/:assistant_id", handler: modifyAssistant },
  { method: "DELETE", path: "/v1/assistants/:assistant_id", handler: deleteAssistant },
  { method: "POST", path: "/v1/threads/runs", handler: createThreadAndRun },
  { method: "POST", path: "/v1/threads", handler: createThread },
  { method: "GET", path: "/v1/threads/:thread_id", handler: retrieveThread },
  { method: "POST", path: "/v1/threads/:thread_id", handler: modifyThread },
  { method: "DELETE", path: "/v1/threads/:thread_id", handler: deleteThread },
  { method: "POST", path: "/v1/threads/:thread_id/messages", handler: createMessage },
  { method: "GET", path: "/v1/threads/:thread_id/messages", handler: listMessages },
  { method: "GET", path: "/v1/threads/:thread_id/messages/:message_id", handler: retrieveMessage },
  { method: "POST", path: "/v1/threads/:thread_id/messages/:message_id", handler: modifyMessage },
  { method: "DELETE", path: "/v1/threads/:thread_id/messages/:message_id", handler: deleteMessage },
  { method: "POST", path: "/v1/threads/:thread_id/runs", handler: createRun },
  { method: "GET", path: "/v1/threads/:thread_id/runs", handler: listRuns },
  { method: "GET", path: "/v1/threads/:thread_id/runs/:run_id", handler: retrieveRun },
  { method: "POST", path: "/v1/threads/:thread_id/runs/:run_id", handler: modifyRun },
  { method: "POST", path: "/v1/threads/:thread_id/runs/:run_id/cancel", handler: cancelRun },
  { method: "POST", path: "/v1/threads/:thread_id/runs/:run_id/submit_tool_outputs", handler: submitToolOutputs },
  { method: "GET", path: "/v1/threads/:thread_id/runs/:run_id/steps", handler: listRunSteps },
  { method: "GET", path: "/v1/threads/:thread_id/runs/:run_id/steps/:step_id", handler: retrieveRunStep },
];
