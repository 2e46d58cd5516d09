/**
 * One Responses WebSocket connection, independent of the socket itself: it takes each client
 * message as text, runs `response.create` turns one at a time in arrival order through the
 * same service as `POST /v1/responses`, and hands back the same `response.*` event objects
 * the SSE stream carries (plus `stream_id` when the client named a lane). A message that
 * cannot start a response gets OpenAI's WebSocket `error` event, `{type, status, error}`;
 * nothing a client sends closes the connection or escapes as an exception.
 */
import type { ResolvedModel } from "../ai/registry/resolve-model";
import type { Config } from "../config";
import { OpenAIError, invalidParam, toOpenAIError } from "../http/errors";
import { optionalString } from "../http/validate";
import type { ResponseStreamEvent } from "../wire/responses";
import { ConnectionResponseCache } from "./connection-cache";
import { type ParsedResponseRequest, parseResponseRequest } from "./parse-request";
import type { ModelAllowlist } from "../keys/model-allowlist";
import { type ResponseDeps, type StartedResponse, buildPrompt, createResponse } from "./service";

/** A WebSocket protocol error (a message that could not start a response), as OpenAI sends it. */
export interface SocketErrorEvent {
  type: "error";
  status: number;
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Everything the server sends on the socket, tagged with the client's lane if it named one. */
export type SocketServerEvent = (ResponseStreamEvent | SocketErrorEvent) & { stream_id?: string };

/** What a session needs from its transport and the Worker. */
export interface SocketSessionDeps {
  config: Config;
  /** The connection's issued-key model allowlist (keys/model-allowlist.ts); undefined allows every model. */
  allowedModels?: ModelAllowlist;
  /**
   * Fresh per turn (its stores are layered over the connection's cache); `model`, once the
   * message is parsed, picks the provider that generates.
   */
  responseDeps: (model?: ResolvedModel<"chat">) => ResponseDeps;
  send: (event: SocketServerEvent) => void;
  /**
   * Admits each `response.create` like a request (an issued key's limits and revocation);
   * throws the refusal, which the client gets as an `error` event. Undefined: nothing to admit.
   */
  admitTurn?: () => Promise<void>;
}

const STREAM_ID = /^[A-Za-z0-9_.-]{1,256}$/;
const encoder = new TextEncoder();

type Lane = { stream_id?: string };

/** The lane a `response.create` names, echoed on every event of its response. */
function laneOf(body: Record<string, unknown>): Lane {
  const streamId = optionalString(body, "stream_id");
  if (streamId === undefined) return {};
  if (!STREAM_ID.test(streamId))
    throw invalidParam("stream_id", "Invalid 'stream_id': expected 1 to 256 characters from A-Z, a-z, 0-9, '_', '.', '-'.");
  return { stream_id: streamId };
}

/** A client message → a `response.create` body, or the 4xx that message deserves. */
function decodeClientEvent(data: string | ArrayBuffer, max: number): Record<string, unknown> {
  if (typeof data !== "string")
    throw new OpenAIError(400, "Binary messages are not supported: send each event as a JSON text message.", { code: "invalid_message" });
  // UTF-8 takes at least one byte per UTF-16 unit and at most three: encode only when in doubt.
  if (data.length > max || (data.length * 3 > max && encoder.encode(data).byteLength > max))
    throw new OpenAIError(413, `Message too large: the limit is ${max} bytes.`, { code: "request_too_large" });
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new OpenAIError(400, "We could not parse the JSON body of your message: each WebSocket message must be one JSON object.", {
      code: "invalid_json",
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new OpenAIError(400, "Each WebSocket message must be a JSON object.", { code: "invalid_json" });
  const body = value as Record<string, unknown>;
  if (body.type !== "response.create") {
    const given = typeof body.type === "string" ? `'${body.type}'` : "no type";
    throw invalidParam("type", `Invalid value: ${given}. Supported values are: 'response.create'.`);
  }
  return body;
}

/** The state and turn loop of one connection; the transport feeds it messages with `receive`. */
export class ResponsesSocketSession {
  private readonly cache = new ConnectionResponseCache();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SocketSessionDeps) {}

  /** Queues one client message; resolves when its turn (and every earlier one) is done. Never rejects. */
  receive(data: string | ArrayBuffer): Promise<void> {
    // A turn that threw must not stop the ones queued after it.
    this.queue = this.queue.then(() => this.turn(data)).catch((err) => console.error("websocket turn failed", toOpenAIError(err).message));
    return this.queue;
  }

  private async turn(data: string | ArrayBuffer): Promise<void> {
    let lane: Lane = {};
    let previousId: string | null = null;
    let parsed: ParsedResponseRequest;
    let deps: ResponseDeps;
    let started: StartedResponse;
    try {
      const body = decodeClientEvent(data, this.deps.config.maxBodyBytes);
      lane = laneOf(body);
      await this.deps.admitTurn?.();
      ({ parsed, deps } = this.prepare(body));
      previousId = parsed.previousResponseId;
      started = await createResponse(parsed, deps);
    } catch (err) {
      this.evict(previousId);
      this.deps.send({ ...socketError(toOpenAIError(err)), ...lane });
      return;
    }
    try {
      const response = await started.run((event) => this.deps.send({ ...event, ...lane }));
      if (response.status === "failed") return this.evict(previousId);
      if (parsed.store) return;
      const { context, given, input } = await buildPrompt(parsed, deps);
      this.cache.remember({ response, input: given, context: [...context.items, ...input, ...response.output] });
    } catch (err) {
      // The stream already ended with its `error` event (the service emits it before throwing).
      this.evict(previousId);
      console.error("websocket response failed", toOpenAIError(err).message);
    }
  }

  /** A `response.create` as the service's request (always streamed), and this turn's deps. */
  private prepare(body: Record<string, unknown>): { parsed: ParsedResponseRequest; deps: ResponseDeps } {
    if (body.background === true)
      throw invalidParam(
        "background",
        "Background responses are not supported over WebSocket; use POST /v1/responses.",
        "unsupported_parameter",
      );
    const parsed = {
      ...parseResponseRequest(body, this.deps.config, this.deps.responseDeps().newId, this.deps.allowedModels),
      stream: true,
    };
    const base = this.deps.responseDeps(parsed.model);
    return { parsed, deps: { ...base, stores: this.cache.overlay(base.stores) } };
  }

  private evict(previousId: string | null): void {
    if (previousId) this.cache.evictChain(previousId);
  }
}

/** An error as OpenAI's WebSocket `error` event: the HTTP status it would have had, and the envelope. */
export function socketError(err: OpenAIError): SocketErrorEvent {
  return { type: "error", status: err.status, error: err.toJSON().error };
}
