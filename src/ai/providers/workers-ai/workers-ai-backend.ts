/**
 * The Workers AI backend: one `env.AI.run` call per generation.
 *
 * Streams upstream only when that is reliable: with tools or JSON mode Workers AI models
 * answer whole (JSON mode does not stream there, and streamed tool calls differ by model),
 * so such requests are generated whole and then streamed by the renderer.
 * Errors before the first byte reject with the mapped OpenAIError (the HTTP status the
 * client sees); errors mid-stream become a final `error` event.
 */
import { OpenAIError } from "../../../http/errors";
import { streamOf } from "../../../chat/stream-utils";
import { estimatePromptTokens } from "../../../util/estimate-tokens";
import type { AiRunner, ChatBackend, ChatEvent, ChatRequest } from "../../types";
import { inferFinish } from "../infer-finish";
import { buildInputs } from "./build-inputs";
import { decodeOutput, outputToEvents, type DecodedOutput } from "./decode-output";
import { decodeStream } from "./decode-stream";
import { mapWorkersAiError } from "./error-table";

export function workersAiBackend(ai: AiRunner): ChatBackend {
  return {
    async generate(request, { stream }) {
      const upstreamStreams = stream && !wantsWholeAnswer(request);
      const inputs = buildInputs(request, upstreamStreams);
      let output: unknown;
      try {
        output = await ai.run(request.model, inputs);
      } catch (err) {
        throw mapWorkersAiError(err, { model: request.model });
      }
      if (upstreamStreams) {
        if (!(output instanceof ReadableStream)) {
          // Some models ignore `stream`; serve their whole answer as a stream.
          return streamOf(wholeAnswerEvents(decodeOutput(output), request));
        }
        return decodeStream(
          output as ReadableStream<Uint8Array>,
          { maxTokens: request.maxTokens, promptTokens: estimatePromptTokens(request.messages) },
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
  const { usage, reason } = inferFinish(
    {
      usage: decoded.usage,
      finishReason: decoded.finishReason,
      toolCalls: decoded.toolCalls.length,
      textChars: decoded.text.length,
      reasoningChars: decoded.reasoning.length,
    },
    { promptTokens: estimatePromptTokens(request.messages), maxTokens: request.maxTokens },
  );
  return outputToEvents({ ...decoded, usage }, reason);
}
