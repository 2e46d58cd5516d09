/**
 * An instant fake of the Workers AI binding for the in-process CPU bench. Outputs are built
 * once and replayed, so the bench measures the Worker's work on them, not the fake's:
 * - chat models answer in the model's output format: chat-completions (`choices`, as
 *   glm-4.7-flash) or native (`{response, tool_calls, usage}`, as llama-3.3), with a tool call
 *   for the first tool when the request has tools;
 * - `stream: true` answers with that format's SSE bytes, one event per token, one event per
 *   chunk (the worst case for per-chunk work), then usage and `[DONE]`;
 * - embedding models answer `{shape, data}` with 768-dimensional vectors from a fixed pool.
 * `tokens` (settable) is how many tokens a reply has.
 */
const encoder = new TextEncoder();
const DIMENSIONS = 768;
const POOL = 97;

/** Backend ids whose output is chat-completions-shaped; every other chat model answers natively. */
const CHAT_FORMAT = new Set(["@cf/zai-org/glm-4.7-flash"]);

export function createFakeAi() {
  const streams = new Map();
  const pool = Array.from({ length: POOL }, (_, i) => vector(i));
  const fake = {
    /** Tokens in each reply (streamed or not). */
    tokens: 20,
    calls: 0,
    async run(model, inputs) {
      fake.calls++;
      if (/embed|bge|gemma/i.test(model)) {
        const texts = Array.isArray(inputs.text) ? inputs.text : [inputs.text];
        return { shape: [texts.length, DIMENSIONS], data: texts.map((_, i) => pool[i % POOL]), pooling: "mean" };
      }
      const format = CHAT_FORMAT.has(model) ? "chat" : "native";
      const tool = Array.isArray(inputs.tools) && inputs.tools.length > 0 ? toolName(inputs.tools[0]) : undefined;
      if (!inputs.stream) return format === "chat" ? chatOutput(model, fake.tokens, tool) : nativeOutput(fake.tokens, tool);
      const key = `${format}:${fake.tokens}:${tool ?? ""}`;
      let chunks = streams.get(key);
      if (!chunks) {
        chunks = sseEvents(format, fake.tokens, tool).map((e) => encoder.encode(e));
        streams.set(key, chunks);
      }
      let next = 0;
      return new ReadableStream({
        pull(controller) {
          const chunk = chunks[next++];
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      });
    },
  };
  return fake;
}

function toolName(tool) {
  return tool?.function?.name ?? tool?.name ?? "tool";
}

function words(n) {
  return Array.from({ length: n }, (_, i) => `w${i % 1000} `);
}

const usage = (n) => ({ prompt_tokens: 12, completion_tokens: n, total_tokens: 12 + n });

function nativeOutput(tokens, tool) {
  if (tool) return { response: "", tool_calls: [{ name: tool, arguments: { order_id: "A-42" } }], usage: usage(tokens) };
  return { response: words(tokens).join(""), usage: usage(tokens) };
}

function chatOutput(model, tokens, tool) {
  const message = tool
    ? {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: tool, arguments: '{"order_id":"A-42"}' } }],
      }
    : { role: "assistant", content: words(tokens).join("") };
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1767225600,
    model,
    choices: [{ index: 0, message, finish_reason: tool ? "tool_calls" : "stop" }],
    usage: usage(tokens),
  };
}

function sseEvents(format, tokens, tool) {
  const data = (value) => `data: ${JSON.stringify(value)}\n\n`;
  const events = [];
  if (format === "native") {
    if (tool) events.push(data({ response: "", tool_calls: [{ name: tool, arguments: { order_id: "A-42" } }] }));
    else for (const w of words(tokens)) events.push(data({ response: w }));
    events.push(data({ response: "", usage: usage(tokens) }));
  } else {
    if (tool) {
      events.push(
        data({
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: tool, arguments: '{"order_id":"A-42"}' } }],
              },
            },
          ],
        }),
      );
    } else for (const w of words(tokens)) events.push(data({ choices: [{ index: 0, delta: { content: w } }] }));
    events.push(data({ choices: [{ index: 0, delta: {}, finish_reason: tool ? "tool_calls" : "stop" }], usage: usage(tokens) }));
  }
  events.push("data: [DONE]\n\n");
  return events;
}

/** A deterministic unit vector (a cheap LCG), so cosine scores are spread. */
function vector(seed) {
  let s = (seed + 1) * 2654435761;
  const v = [];
  let norm = 0;
  for (let d = 0; d < DIMENSIONS; d++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const x = s / 2147483648 - 0.5;
    v.push(x);
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  return v.map((x) => x / norm);
}
