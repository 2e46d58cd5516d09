import { describe, expect, it } from "vitest";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";
import { parseSse } from "../../helpers/fake-ai";

const MODEL = "@cf/zai-org/glm-4.7-flash";
const ai = createEmulatedAi();

async function stream(inputs: Record<string, unknown>): Promise<ReadableStream<Uint8Array>> {
  const out = await ai.run(MODEL, { ...inputs, stream: true });
  expect(out).toBeInstanceOf(ReadableStream);
  return out as ReadableStream<Uint8Array>;
}

/** Every chunk the stream yields, and the error it ended with, if any. */
async function drain(body: ReadableStream<Uint8Array>): Promise<{ chunks: Uint8Array[]; error?: unknown }> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

function text(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
}

describe("createEmulatedAi (streaming)", () => {
  it("streams Workers AI's exact SSE bytes: word pieces, usage, [DONE]", async () => {
    const { chunks, error } = await drain(await stream({ messages: [{ role: "user", content: "hi" }] }));
    expect(error).toBeUndefined();
    expect(text(chunks)).toBe(
      'data: {"response":"[offline"}\n\n' +
        'data: {"response":" emulator]"}\n\n' +
        'data: {"response":" You"}\n\n' +
        'data: {"response":" said:"}\n\n' +
        'data: {"response":" hi"}\n\n' +
        'data: {"response":"","usage":{"prompt_tokens":1,"completion_tokens":5,"total_tokens":6}}\n\n' +
        "data: [DONE]\n\n",
    );
  });

  it("cuts inside an event and inside a multi-byte character, deterministically", async () => {
    const inputs = { messages: [{ role: "user", content: "héllo wörld 😀" }] };
    const first = await drain(await stream(inputs));
    const second = await drain(await stream(inputs));
    expect(second.chunks).toEqual(first.chunks);

    expect(first.chunks.length).toBeGreaterThan(3);
    // Some chunk ends mid-event: it is not a run of whole events.
    expect(first.chunks.some((c) => !new TextDecoder().decode(c).endsWith("\n\n"))).toBe(true);
    // Some chunk starts with a UTF-8 continuation byte (10xxxxxx): a character was split.
    expect(first.chunks.slice(1).some((c) => ((c[0] ?? 0) & 0xc0) === 0x80)).toBe(true);
    expect(text(first.chunks)).toContain('data: {"response":" 😀"}\n\n');
  });

  it("streams a tool call as one event before usage", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "lookup",
          parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
        },
      },
    ];
    const { chunks } = await drain(await stream({ messages: [{ role: "user", content: "lookup" }], tools }));
    expect(text(chunks)).toBe(
      'data: {"response":"","tool_calls":[{"name":"lookup","arguments":{"q":"example"}}]}\n\n' +
        'data: {"response":"","usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n' +
        "data: [DONE]\n\n",
    );
  });

  it("streams JSON mode as several events that re-join to the JSON string", async () => {
    const { chunks } = await drain(await stream({ messages: [{ role: "user", content: "x" }], response_format: { type: "json_object" } }));
    const pieces = parseSse(text(chunks))
      .map((e) => e.data)
      .filter((d): d is { response: string; usage?: unknown } => typeof d === "object" && d !== null)
      .filter((e) => e.usage === undefined);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(pieces.map((p) => p.response).join(""))).toEqual({ emulator: true, echo: "x" });
  });

  it("errors the stream after a few events on [emulate-stream-error]", async () => {
    const { chunks, error } = await drain(await stream({ messages: [{ role: "user", content: "go on [emulate-stream-error] and on" }] }));
    expect(error).toEqual(new Error("3040: emulated failure mid-stream"));
    const received = text(chunks);
    expect(received).toBe('data: {"response":"[offline"}\n\ndata: {"response":" emulator]"}\n\ndata: {"response":" You"}\n\n');
    expect(received).not.toContain("[DONE]");
  });
});
