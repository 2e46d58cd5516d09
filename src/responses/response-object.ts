/**
 * The Response object in its exact wire shape, built from a parsed request, so every field
 * OpenAI requires (nullable or not) is always present; and the usage mapping from the
 * canonical counts.
 */
import type { Usage } from "../ai/types";
import type { ResponseObject, ResponseStatus, ResponseUsage } from "../wire/responses";
import type { ParsedResponseRequest } from "./parse-request";

/** The response as it begins: no output yet. */
export function newResponse(request: ParsedResponseRequest, id: string, createdAt: number, status: ResponseStatus): ResponseObject {
  const response: ResponseObject = {
    id,
    object: "response",
    created_at: createdAt,
    status,
    background: request.background,
    completed_at: null,
    conversation: request.conversationId ? { id: request.conversationId } : null,
    error: null,
    incomplete_details: null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    max_tool_calls: request.maxToolCalls,
    model: request.model.requested,
    output: [],
    parallel_tool_calls: request.parallelToolCalls,
    previous_response_id: request.previousResponseId,
    prompt_cache_key: request.promptCacheKey,
    reasoning: request.reasoning,
    safety_identifier: request.safetyIdentifier,
    service_tier: request.serviceTier,
    store: request.store,
    temperature: request.temperature,
    text: { format: request.textFormat, verbosity: request.verbosity },
    tool_choice: request.toolChoice,
    tools: request.tools.echo,
    top_logprobs: 0,
    top_p: request.topP,
    truncation: request.truncation,
    metadata: request.metadata,
  };
  if (request.user !== undefined) response.user = request.user;
  return response;
}

export function responseUsage(usage: Usage): ResponseUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.reasoning_tokens ?? 0 },
    total_tokens: usage.total_tokens,
  };
}
