/**
 * WebSocket mode for `/v1/responses`: `GET /v1/responses` with `Upgrade: websocket` (the
 * bearer key is checked on the upgrade request like on every route) opens a connection that
 * takes `response.create` messages and answers each with the `response.*` events of SSE, one
 * JSON text message per event. Thin: the upgrade and the socket's plumbing; the connection's
 * behaviour is src/responses/socket-session.ts.
 */
import type { ApiRequest } from "./route";
import { OpenAIError } from "../http/errors";
import { ResponsesSocketSession } from "../responses/socket-session";
import { type AppContext, allowedModels } from "./context";
import { admitIssuedKey } from "./key-admission";
import { depsOf } from "./responses";
import type { IssuedKeyRecord } from "../wire/admin-keys";

/** `GET /v1/responses`: accepts the WebSocket upgrade (101), or says why it cannot (426). */
export function handleResponsesWebSocket(request: ApiRequest, ctx: AppContext): Response {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    const message = "GET /v1/responses opens a WebSocket: send 'Upgrade: websocket', or create a response with POST.";
    throw new OpenAIError(426, message, { code: "upgrade_required" });
  }
  const { 0: client, 1: server } = new WebSocketPair();
  server.accept();
  const session = new ResponsesSocketSession({
    config: ctx.config,
    allowedModels: allowedModels(ctx),
    responseDeps: (model) => depsOf(ctx, model),
    // The upgrade was admitted as one request; each response.create is admitted as another.
    ...(ctx.principal.key ? { admitTurn: () => admitIssuedKey(ctx, ctx.principal.key as IssuedKeyRecord) } : {}),
    send: (event) => {
      // A client that has gone away misses the rest; the turn still finishes (and stores).
      if (server.readyState !== WebSocket.OPEN) return;
      try {
        server.send(JSON.stringify(event));
      } catch {
        // Closed between the check and the send: same as above.
      }
    },
  });
  server.addEventListener("message", (event) => ctx.exec.waitUntil(session.receive(event.data)));
  // Completes the closing handshake the client started.
  server.addEventListener("close", () => {
    if (server.readyState !== WebSocket.CLOSED) server.close(1000);
  });
  return new Response(null, { status: 101, webSocket: client });
}
