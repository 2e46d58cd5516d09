/**
 * Non-streamed Workers AI outputs (recorded fixtures, all three formats) → decoded parts.
 */
import { describe, expect, it } from "vitest";
import { decodeOutput } from "../../../src/ai/providers/workers-ai/decode-output";
import * as fx from "../../fixtures/workers-ai";

describe("decodeOutput", () => {
  it("native text", () => {
    expect(decodeOutput(fx.NATIVE_TEXT)).toEqual({
      text: "The capital of France is Paris.",
      reasoning: "",
      toolCalls: [],
      usage: { prompt_tokens: 18, completion_tokens: 8, total_tokens: 26 },
      finishReason: undefined,
    });
  });

  it("native tool calls, flat {name, arguments: object} shape: arguments become a JSON string, an id is made", () => {
    const d = decodeOutput(fx.NATIVE_TOOL_CALLS);
    expect(d.text).toBe("");
    expect(d.toolCalls).toHaveLength(1);
    expect(d.toolCalls[0]?.id).toMatch(/^call_/);
    expect(d.toolCalls[0]?.name).toBe("getWeather");
    expect(JSON.parse(d.toolCalls[0]?.arguments ?? "")).toEqual({ latitude: "51.5074", longitude: "-0.1278" });
  });

  it("native tool calls, OpenAI {id, type, function} shape: id and string arguments kept", () => {
    const d = decodeOutput(fx.NATIVE_TOOL_CALLS_FUNCTION);
    expect(d.toolCalls).toEqual([{ id: "chatcmpl-tool-3f1c9b2e7a8d4e6f", name: "get_weather", arguments: '{"location": "London"}' }]);
  });

  it("native tool calls with object arguments in the function shape", () => {
    const d = decodeOutput(fx.NATIVE_TOOL_CALLS_FUNCTION_OBJECT_ARGS);
    expect(d.toolCalls.length).toBeGreaterThan(0);
    for (const c of d.toolCalls) expect(typeof JSON.parse(c.arguments)).toBe("object");
  });

  it("native JSON mode returns an object: re-serialised as JSON text", () => {
    const d = decodeOutput(fx.NATIVE_JSON_MODE);
    expect(JSON.parse(d.text)).toEqual(fx.NATIVE_JSON_MODE.response);
  });

  it("chat-completions format (glm-4.7-flash): content, finish reason, usage; reasoning is not content", () => {
    const d = decodeOutput(fx.CHAT_TEXT);
    expect(d.text).toBe("Paris is the capital of France.");
    expect(d.finishReason).toBe("stop");
    expect(d.usage).toEqual({ prompt_tokens: 14, completion_tokens: 31, total_tokens: 45 });
  });

  it("chat-completions format with tool calls", () => {
    const d = decodeOutput(fx.CHAT_TOOL_CALLS);
    expect(d.toolCalls).toEqual([{ id: "call_7f3a9c2e1b4d4f8a", name: "get_weather", arguments: '{"city": "Paris"}' }]);
  });

  it("chat-completions format from gemma-4 and gpt-oss", () => {
    expect(decodeOutput(fx.CHAT_TEXT_GEMMA4).text.length).toBeGreaterThan(0);
    expect(JSON.parse(decodeOutput(fx.CHAT_JSON_MODE_GEMMA4).text)).toEqual({ facts: ["My name is Ahmed.", "I like Wadi Shab."] });
    expect(decodeOutput(fx.GPT_OSS_CHAT).text).toBe("The capital of France is Paris.");
  });

  it("Responses format (gpt-oss): message text without reasoning; function calls use call_id", () => {
    const text = decodeOutput(fx.RESPONSES_TEXT);
    expect(text.text).not.toContain("User asks capital");
    expect(text.text.length).toBeGreaterThan(0);
    expect(text.usage?.prompt_tokens).toBeGreaterThan(0);
    const call = decodeOutput(fx.RESPONSES_FUNCTION_CALL);
    expect(call.toolCalls).toEqual([{ id: "call_2e4a6c8e0b1d4f3a", name: "get_weather", arguments: '{"city":"Paris"}' }]);
  });

  it("tolerates junk without throwing", () => {
    for (const junk of [null, 42, "plain", {}, { choices: [] }, { output: [null, { type: "message" }] }]) {
      expect(() => decodeOutput(junk)).not.toThrow();
    }
  });
});
