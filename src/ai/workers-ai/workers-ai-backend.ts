/**
 * The Workers AI backend: one `env.AI.run` call per generation.
 *
 * Streams upstream only when that is reliable: with tools or JSON mode Workers AI models
 * answer whole (JSON mode does not stream there, and streamed tool calls differ by model),
 * so such requests are generated whole and then streamed by the renderer.
 * Errors before the first byte reject with the mapped OpenAIError (the HTTP status the
 * client sees); errors mid-stream become a final `error` event.
 */
import { OpenAIError } from "../../http/errors";
import { streamOf } from "../../chat/stream-utils";
import type { AiRunner, ChatBackend, ChatEvent, ChatRequest, FinishReason } from "../types";
import { buildInputs } from "./build-inputs";
import { decodeOutput, outputToEvents, type DecodedOutput } from "./decode-output";
import { decodeStream } from "./decode-stream";
import { mapWorkersAiError } from "./error-table";
import { estimateTokens } from "./usage";

export function workersAiBackend(ai: AiRunner): ChatBackend {
  return {
    async generate(request, { stream }) {
      const upstreamStreams = stream && !wantsWholeAnswer(request);
      const inputs = buildInputs(request, upstreamStreams);
      let output: unknown;
      try {
        output = await ai.run(request.model, inputs);
      } catch (err) {
        throw mapWorkersAiError(err);
      }
      if (upstreamStreams) {
        if (!(output instanceof ReadableStream)) {
          // Some models ignore `stream`; serve their whole answer as a stream.
          return streamOf(wholeAnswerEvents(decodeOutput(output), request));
        }
        return decodeStream(
          output as ReadableStream<Uint8Array>,
          { maxTokens: request.maxTokens, promptTokens: promptTokenEstimate(request) },
          mapWorkersAiError,
        );
      }
      if (output instanceof ReadableStream) {
        throw new OpenAIError(502, "Workers AI returned a stream where a whole answer was expected.", { code: "upstream_error" });
      }
      return streamOf(wholeAnswerEvents(decodeOutput(output), request));
    },
  };
}

function wantsWholeAnswer(request: ChatRequest): boolean {
  const json = request.responseFormat !== undefined && request.responseFormat.type !== "text";
  const tools = (request.tools?.length ?? 0) > 0 && request.toolChoice !== "none";
  return json || tools;
}

function wholeAnswerEvents(decoded: DecodedOutput, request: ChatRequest): ChatEvent[] {
  const usage = decoded.usage ?? {
    prompt_tokens: promptTokenEstimate(request),
    completion_tokens: estimateTokens(decoded.text),
    total_tokens: 0,
  };
  usage.total_tokens ||= usage.prompt_tokens + usage.completion_tokens;
  return outputToEvents({ ...decoded, usage }, finishReason(decoded, usage.completion_tokens, request.maxTokens));
}

function finishReason(decoded: DecodedOutput, completionTokens: number, maxTokens: number | undefined): FinishReason {
  if (decoded.toolCalls.length > 0) return "tool_calls";
  if (decoded.finishReason) return decoded.finishReason;
  return maxTokens !== undefined && completionTokens >= maxTokens ? "length" : "stop";
}

function promptTokenEstimate(request: ChatRequest): number {
  let chars = 0;
  for (const m of request.messages) {
    if (typeof m.content === "string") chars += m.content.length;
    else if (Array.isArray(m.content)) for (const p of m.content) if (p.type === "text") chars += p.text.length;
  }
  return Math.ceil(chars / 4);
}
