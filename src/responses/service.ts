/**
 * The Responses service: creates a response (plain, streamed or in the background) from a
 * parsed request, continuing a `previous_response_id` chain or a conversation, and stores it.
 * It takes plain inputs (no Request, no app context), so HTTP and any other transport can
 * drive it.
 *
 * KV per turn, whatever the history's length: with `store: true`, one write of the response
 * (two for a background response: queued, then final), plus one write per item of the turn
 * when it belongs to a conversation; reads are one for a previous response, or one listing
 * for a conversation. `store: false` writes nothing.
 */
import type { ChatBackend, ChatEvent, ChatMessage, ChatRequest } from "../ai/types";
import { generate } from "../chat/generate";
import { OpenAIError, invalidParam, toOpenAIError } from "../http/errors";
import type { Coordinators } from "../coordination/coordination";
import type { Stores } from "../store";
import type { ResponseItem, ResponseObject, ResponseStreamEvent } from "../wire/responses";
import { expandCompactions } from "./compaction";
import { type ConversationSource, openConversation } from "./conversation-source";
import { outputItemIds, resolveItemReferences } from "./item-references";
import { checkCallOutputs, itemsToMessages } from "./items-to-messages";
import type { IdSource } from "./parse-input";
import type { ParsedResponseRequest } from "./parse-request";
import { ResponseRenderer } from "./render-events";
import { searchForResponse, withSearchContext } from "./file-search";
import type { SearchDeps } from "../vector-stores/deps";
import { newResponse } from "./response-object";

export interface ResponseDeps {
  stores: Stores;
  /** The Assistants threads' coordinators: a turn appended to a thread goes through its own. */
  coordinators: Coordinators;
  backend: ChatBackend;
  /** Unix seconds. */
  now: () => number;
  newId: IdSource;
  /** The secret compaction items are sealed with. */
  compactionSecret: string;
  /** What file_search searches with. */
  search: SearchDeps;
}

export interface StartedResponse {
  /** The response as first returned: queued (background) or in progress. */
  initial: ResponseObject;
  /** Generates and stores the response, emitting its events; resolves to the final response. */
  run(emit: (event: ResponseStreamEvent) => void): Promise<ResponseObject>;
}

/** The context a request continues, and how the new turn is appended to it. */
interface Context {
  items: ResponseItem[];
  conversation: ConversationSource | undefined;
}

/**
 * The prompt of a request: its instructions, the stored history, then this input. `given` is
 * the input as stored (references resolved), `input` the same with compactions expanded.
 */
export async function buildPrompt(
  parsed: Pick<ParsedResponseRequest, "input" | "instructions" | "previousResponseId" | "conversationId">,
  deps: Pick<ResponseDeps, "stores" | "coordinators" | "compactionSecret">,
): Promise<{ context: Context; given: ResponseItem[]; input: ResponseItem[]; messages: ChatMessage[] }> {
  const context = await loadContext(parsed, deps);
  const given = await resolveItemReferences(parsed.input, context.items, deps.stores);
  const input = await expandCompactions(given, deps.compactionSecret);
  checkCallOutputs(context.items, input);
  const system: ChatMessage[] = parsed.instructions ? [{ role: "system", content: parsed.instructions }] : [];
  return { context, given, input, messages: [...system, ...itemsToMessages([...context.items, ...input])] };
}

/** How long a background response may generate before its coordinator lets it expire (OpenAI keeps them for hours). */
const BACKGROUND_SECONDS = 6 * 60 * 60;

export async function createResponse(parsed: ParsedResponseRequest, deps: ResponseDeps): Promise<StartedResponse> {
  const { context, given, input, messages } = await buildPrompt(parsed, deps);
  const search = parsed.tools.fileSearch && (await searchForResponse(parsed.tools.fileSearch, messages, deps.search));
  const request: ChatRequest = { ...parsed.settings, messages: search ? withSearchContext(messages, search.results) : messages };
  const initial = newResponse(parsed, deps.newId("resp_"), deps.now(), parsed.background ? "queued" : "in_progress");
  const renderer = new ResponseRenderer(initial, outputItemIds(initial.id), deps.now);
  const record = { input: given, context: [...context.items, ...input] };

  let events: ReadableStream<ChatEvent> | undefined;
  if (parsed.background) {
    // Pollers see in_progress from the start: the work begins in this same request.
    await deps.stores.responses.put({ response: { ...initial, status: "in_progress" }, ...record });
    // Cancel and finish race; KV cannot decide which came first, so the response's own
    // coordinator (the thread coordinator class, named by the response id) holds it as an
    // active run: exactly one of cancel / commit wins (see persist and cancelResponse).
    const now = deps.now();
    await deps.coordinators(initial.id).admit({ now, messages: [], run: { id: initial.id, expiresAt: now + BACKGROUND_SECONDS } });
  } else {
    // Errors before the first event are HTTP errors, as for chat completions.
    events = await generate(deps.backend, request, { stream: parsed.stream });
  }

  return {
    initial,
    async run(emit) {
      for (const e of renderer.open(initial)) emit(e);
      if (search) for (const e of renderer.fileSearch(search, parsed.includeSearchResults)) emit(e);
      try {
        events ??= await generate(deps.backend, request, { stream: true });
        for await (const event of events) for (const e of renderer.push(event)) emit(e);
      } catch (err) {
        renderer.fail(toOpenAIError(err));
      }
      const done = renderer.finish();
      for (const e of done.closing) emit(e);
      if (parsed.store) {
        try {
          const stored = await persist(done.response, record, context, parsed.background, deps);
          if (stored.status === "cancelled") return stored;
        } catch (err) {
          // Storage failed after generation: a streaming client hears it instead of a silent cut.
          emit(renderer.errorEvent(toOpenAIError(err)));
          throw err;
        }
      }
      for (const e of done.terminal) emit(e);
      return done.response;
    },
  };
}

async function loadContext(
  parsed: Pick<ParsedResponseRequest, "previousResponseId" | "conversationId">,
  deps: Pick<ResponseDeps, "stores" | "coordinators">,
): Promise<Context> {
  if (parsed.previousResponseId) {
    const previous = await deps.stores.responses.get(parsed.previousResponseId);
    if (!previous) {
      throw new OpenAIError(400, `Previous response with id '${parsed.previousResponseId}' not found.`, {
        param: "previous_response_id",
        code: "previous_response_not_found",
      });
    }
    return { items: previous.context, conversation: undefined };
  }
  if (parsed.conversationId) {
    const conversation = await openConversation(deps, parsed.conversationId, "conversation");
    return { items: await conversation.items(), conversation };
  }
  return { items: [], conversation: undefined };
}

/** Stores the finished response (unless a cancel won) and appends the turn to its conversation. */
async function persist(
  response: ResponseObject,
  record: { input: ResponseItem[]; context: ResponseItem[] },
  context: Context,
  background: boolean,
  deps: ResponseDeps,
): Promise<ResponseObject> {
  if (background) {
    const end = response.status === "completed" || response.status === "failed" ? response.status : "incomplete";
    const verdict = await deps.coordinators(response.id).commitTurn(response.id, end, null, deps.now());
    // A cancel came first: it stores the response as cancelled; nothing of this turn is written.
    if (!verdict.committed) return { ...response, status: "cancelled" };
  }
  const turn = [...record.input, ...response.output];
  await Promise.all([
    deps.stores.responses.put({ response, input: record.input, context: [...record.context, ...response.output] }),
    context.conversation && response.status !== "failed" ? context.conversation.append(turn) : Promise.resolve(),
  ]);
  return response;
}

/** Cancels a background response that has not finished; anything else is a 400. */
export async function cancelResponse(id: string, deps: Pick<ResponseDeps, "stores" | "coordinators" | "now">): Promise<ResponseObject> {
  const record = await deps.stores.responses.get(id);
  if (!record) throw responseNotFound(id);
  const { response } = record;
  if (!response.background) throw invalidParam("response_id", "Only background responses can be cancelled.", "response_not_cancellable");
  if (response.status !== "queued" && response.status !== "in_progress") {
    if (response.status === "cancelled") return response;
    throw invalidParam("response_id", `Cannot cancel a response with status '${response.status}'.`, "response_not_cancellable");
  }
  const cancelled: ResponseObject = { ...response, status: "cancelled" };
  const decision = await deps.coordinators(id).cancel(id, deps.now());
  if (decision.outcome === "refused") {
    // Already cancelled (a repeated cancel), or the generation committed first.
    if (decision.status === "cancelling" || decision.status === "cancelled") return cancelled;
    if (decision.status !== null) {
      throw invalidParam("response_id", `Cannot cancel a response with status '${decision.status}'.`, "response_not_cancellable");
    }
    // null: a response started before its coordinator existed; KV is all there is.
  }
  await deps.stores.responses.put({ ...record, response: cancelled });
  return cancelled;
}

export function responseNotFound(id: string): OpenAIError {
  return new OpenAIError(404, `Response with id '${id}' not found.`, { param: "response_id", code: null });
}
