/**
 * Chat over an OpenAI-compatible upstream: the ChatRequest as OpenAI's JSON, one
 * `POST /chat/completions` (with fallback), and the answer decoded into canonical events —
 * so chat completions, Assistants runs, Responses, legacy completions and the response cache
 * work over upstream models unchanged. A streamed answer is decoded as it arrives (SSE framed
 * by eventsource-parser); a whole one is decoded at once. Both decoders are the ones the
 * Workers AI provider uses for its chat-completions-format models, which speak the same
 * wire format, so the two providers cannot drift apart on it.
 */
import { streamOf } from "../../../chat/stream-utils";
import { estimatePromptTokens } from "../../../util/estimate-tokens";
import type { ChatBackend, ChatEvent, ChatRequest } from "../../types";
import { inferFinish } from "../infer-finish";
import { decodeOutput, outputToEvents } from "../workers-ai/decode-output";
import { decodeStream } from "../workers-ai/decode-stream";
import { chatBody } from "./chat-body";
import { type UpstreamClient, malformed, post, readJson } from "./upstream-client";

/** The chat capability over `client`'s upstreams. */
export function upstreamChatBackend(client: UpstreamClient): ChatBackend {
  return {
    async generate(request, { stream, signal }) {
      const response = await post(client, "/chat/completions", chatBody(request, stream), signal);
      const promptTokens = estimatePromptTokens(request.messages);
      const isSse = response.headers.get("content-type")?.includes("text/event-stream") ?? false;
      if (stream && isSse && response.body) {
        return decodeStream(response.body, { maxTokens: request.maxTokens, promptTokens }, () => malformed("a stream that broke off"));
      }
      return streamOf(wholeAnswerEvents(await readJson(response), request, promptTokens));
    },
  };
}

function wholeAnswerEvents(output: unknown, request: ChatRequest, promptTokens: number): ChatEvent[] {
  if (!output || typeof output !== "object" || !Array.isArray((output as { choices?: unknown }).choices)) {
    throw malformed("a chat completion without `choices`");
  }
  const decoded = decodeOutput(output);
  const { usage, reason } = inferFinish(
    {
      usage: decoded.usage,
      finishReason: decoded.finishReason,
      toolCalls: decoded.toolCalls.length,
      textChars: decoded.text.length,
      reasoningChars: decoded.reasoning.length,
    },
    { promptTokens, maxTokens: request.maxTokens },
  );
  return outputToEvents({ ...decoded, usage }, reason);
}
