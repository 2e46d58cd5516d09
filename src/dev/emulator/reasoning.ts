/**
 * Emulated thinking, so `npm start` shows what a reasoning request looks like. A request is a
 * reasoning request when its inputs carry a reasoning control that does not switch thinking off
 * (`reasoning_effort`, gpt-oss's `reasoning.effort`, `chat_template_kwargs.enable_thinking:
 * true`), as the adapter sends for o-series / gpt-5 names or a client's `reasoning_effort`.
 * Such requests are answered in the chat-completions format glm-4.7-flash uses on Workers AI:
 * `reasoning_content` beside `content` (streamed as deltas, thinking first), with the
 * reasoning counted in `completion_tokens_details.reasoning_tokens`. The reasoning text is
 * labelled `[offline emulator]` like every reply.
 */
import type { EmulatorInputs } from "./read-inputs";
import { EMULATOR_LABEL, type EmulatorReply } from "./reply";
import { isRecord } from "./is-record";
import { countWords, splitIntoPieces } from "./words";

/** The effort a reasoning request asks for; undefined when it asks for no thinking. */
export function requestedEffort(inputs: Record<string, unknown>): string | undefined {
  const kwargs = isRecord(inputs.chat_template_kwargs) ? inputs.chat_template_kwargs : {};
  if (kwargs.enable_thinking === false || kwargs.thinking === false) return undefined;
  if (typeof inputs.reasoning_effort === "string") return inputs.reasoning_effort;
  if (isRecord(inputs.reasoning) && typeof inputs.reasoning.effort === "string") return inputs.reasoning.effort;
  return kwargs.enable_thinking === true ? "default" : undefined;
}

/** The labelled reasoning the emulated model "thinks" before `reply`. */
export function reasoningFor(input: EmulatorInputs, reply: EmulatorReply, effort: string): string {
  const plan = reply.kind === "tool_call" ? `call the tool \`${reply.call.name}\`` : "echo the message back";
  return `${EMULATOR_LABEL} Emulated reasoning (effort: ${effort}): the user wrote ${countWords(input.lastUserText)} words, so I will ${plan}.`;
}

/** The whole answer as a `chat.completion`, reasoning in `reasoning_content`. */
export function chatCompletionOutput(reply: EmulatorReply, reasoning: string): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: reply.kind === "text" ? reply.text : null,
    reasoning_content: reasoning,
  };
  if (reply.kind === "tool_call") message.tool_calls = [wireCall(reply)];
  return {
    id: "chatcmpl-emulator",
    object: "chat.completion",
    created: 0,
    model: "offline-emulator",
    choices: [{ index: 0, message, finish_reason: reply.kind === "tool_call" ? "tool_calls" : "stop" }],
    usage: usageWithReasoning(reply, reasoning),
  };
}

/** The same answer as `chat.completion.chunk` SSE events: reasoning deltas, then content, then usage. */
export function chatCompletionEvents(reply: EmulatorReply, reasoning: string): string[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: "chatcmpl-emulator", object: "chat.completion.chunk", created: 0, model: "offline-emulator", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const events = [chunk({ role: "assistant", content: "" })];
  for (const piece of splitIntoPieces(reasoning)) events.push(chunk({ reasoning_content: piece }));
  if (reply.kind === "text") for (const piece of splitIntoPieces(reply.text)) events.push(chunk({ content: piece }));
  else events.push(chunk({ tool_calls: [{ index: 0, ...wireCall(reply) }] }));
  events.push(chunk({}, reply.kind === "tool_call" ? "tool_calls" : "stop"));
  events.push(`data: ${JSON.stringify({ response: "", usage: usageWithReasoning(reply, reasoning) })}\n\n`, "data: [DONE]\n\n");
  return events;
}

function wireCall(reply: Extract<EmulatorReply, { kind: "tool_call" }>): Record<string, unknown> {
  return { id: "call_emulator_0", type: "function", function: { name: reply.call.name, arguments: JSON.stringify(reply.call.arguments) } };
}

function usageWithReasoning(reply: EmulatorReply, reasoning: string): Record<string, unknown> {
  const thinking = countWords(reasoning);
  const completion = reply.usage.completion_tokens + thinking;
  return {
    prompt_tokens: reply.usage.prompt_tokens,
    completion_tokens: completion,
    total_tokens: reply.usage.prompt_tokens + completion,
    completion_tokens_details: { reasoning_tokens: thinking },
  };
}
