/**
 * The request types the in-process CPU bench measures, each at the size the issue names
 * (the documented maximum where one exists), with its floor. A scenario may `setup` state
 * once (not measured) and `prepare` fresh state per round (not measured either: an
 * Assistants turn needs a thread of exactly its size, so each iteration gets its own).
 */
const MODEL = "gpt-4o-mini";
const BACKEND = "@cf/zai-org/glm-4.7-flash";
const TOOLS = [
  {
    type: "function",
    function: {
      name: "lookup_order",
      description: "Looks up an order",
      parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    },
  },
];
/** Files × chunks = the in-Worker search limit (3,000, MAX_SEARCH_CHUNKS); a file may have up to 2,000. */
const FILES = 3;
const CHUNKS_PER_FILE = 1000;
/** `auto` chunking: 800-token chunks, 400 overlap, 4 characters a token → a new chunk every 1,600 characters. */
const CHUNK_CHARS = 3200;
const CHUNK_STEP = 1600;
const TEXT_SLACK = 4000;

const message = (i) => ({
  role: i % 2 === 0 ? "user" : "assistant",
  content: `Seed message ${i}: a short line about Workers AI, KV and latency.`,
});

/** Creates a thread of exactly `size` messages. */
async function seedThread(h, size) {
  const all = Array.from({ length: size }, (_, i) => message(i));
  const thread = (await h.call("POST", "/v1/threads", { messages: all.slice(0, 32) })).json();
  for (const m of all.slice(32)) await h.call("POST", `/v1/threads/${thread.id}/messages`, m);
  return thread.id;
}

/** A JSON scenario: the Worker's answer to one request, and the floor returning that answer's bytes. */
function jsonScenario({ id, label, size, method, path, body, iterations = 400, setup, check }) {
  return {
    id,
    label,
    size,
    iterations,
    async setup(h) {
      await setup?.(h);
      const first = await h.call(method, path, body);
      check?.(first);
      return { fixed: first.text };
    },
    app: (h) => async () => void (await h.call(method, path, body)),
    floor: (h, state) => async () => h.jsonFloor(method, path, body, state.fixed),
  };
}

function streamScenario(tokens, iterations) {
  const body = { model: MODEL, messages: [{ role: "user", content: "Tell me a long story." }], stream: true };
  return {
    id: `chat-stream-${tokens}`,
    label: `chat completion, streamed, ${tokens.toLocaleString("en")} tokens`,
    size: `${tokens} tokens`,
    tokens,
    iterations,
    async setup(h) {
      h.ai.tokens = tokens;
      const { text } = await h.call("POST", "/v1/chat/completions", body);
      if (!text.endsWith("data: [DONE]\n\n")) throw new Error("the stream did not end with [DONE]");
    },
    before: (h) => {
      h.ai.tokens = tokens;
    },
    app: (h) => async () => void (await h.call("POST", "/v1/chat/completions", body)),
    floor: (h) => async () => h.streamFloor("/v1/chat/completions", body, BACKEND),
  };
}

function assistantsTurn(size, iterations) {
  const text = "Please summarise what we discussed about Workers AI.";
  return {
    id: `assistants-turn-${size}`,
    label: `Assistants turn (message + streamed run), ${size}-message thread`,
    size: `${size} messages`,
    iterations,
    async setup(h) {
      const assistant = (await h.call("POST", "/v1/assistants", { model: MODEL, instructions: "You are a helpful assistant." })).json();
      const { text: sample } = await h.call("POST", `/v1/threads/${await seedThread(h, size)}/messages`, { role: "user", content: text });
      return { assistantId: assistant.id, sample };
    },
    before: (h) => {
      h.ai.tokens = 20;
    },
    prepare: async (h, _state, n) => Promise.all(Array.from({ length: n }, () => seedThread(h, size))),
    app: (h, state) => async (i, threads) => {
      await h.call("POST", `/v1/threads/${threads[i]}/messages`, { role: "user", content: text });
      const run = await h.call("POST", `/v1/threads/${threads[i]}/runs`, { assistant_id: state.assistantId, stream: true });
      if (!run.text.includes("event: thread.run.completed")) throw new Error(`run did not complete: ${run.text.slice(-300)}`);
    },
    floor: (h, state) => async () => {
      await h.jsonFloor("POST", "/v1/threads/thread_x/messages", { role: "user", content: text }, state.sample);
      await h.streamFloor("/v1/threads/thread_x/runs", { assistant_id: state.assistantId, stream: true, messages: [] }, BACKEND);
    },
  };
}

/**
 * Embeddings of `count` fresh inputs per request (a cache miss, as a new text is), beside a
 * floor returning a captured answer; `float` or `base64` (the official SDK's default).
 */
function embeddingsScenario(count, encoding = "float") {
  const body = (n) => ({
    model: "text-embedding-3-small",
    input: Array.from({ length: count }, (_, i) => `Input ${encoding} ${n}.${i}: a sentence to embed about Workers AI.`),
    encoding_format: encoding,
  });
  let calls = 0;
  return {
    id: encoding === "float" ? `embeddings-${count}` : `embeddings-${count}-${encoding}`,
    iterations: count >= 100 ? 60 : 120,
    label: `embeddings, ${count} inputs, ${encoding} (cache miss)`,
    size: `${count} inputs × 768 dims`,
    async setup(h) {
      const first = await h.call("POST", "/v1/embeddings", body(-1));
      if (first.json().data.length !== count) throw new Error(`embeddings: not ${count} vectors`);
      if (first.res.headers.get("x-cache") !== "MISS") throw new Error(`embeddings: x-cache ${first.res.headers.get("x-cache")}`);
      return { fixed: first.text };
    },
    app: (h) => async () => void (await h.call("POST", "/v1/embeddings", body(calls++))),
    floor: (h, state) => async () => h.jsonFloor("POST", "/v1/embeddings", body(calls++), state.fixed),
  };
}

/** The scenarios, in the order they are printed. */
export function scenarios() {
  let listThread;
  let chainHead;
  let storeId;
  return [
    jsonScenario({ id: "models", label: "GET /v1/models", size: "all models", method: "GET", path: "/v1/models", iterations: 1000 }),
    jsonScenario({
      id: "chat",
      label: "chat completion",
      size: "20 tokens",
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: MODEL, messages: [{ role: "user", content: "Hello! What can you tell me about Workers AI?" }] },
      iterations: 1000,
      setup: async (h) => {
        h.ai.tokens = 20;
      },
      check: (r) => {
        if (r.res.headers.get("x-cache") === "HIT") throw new Error("chat: unexpectedly served from the cache");
      },
    }),
    jsonScenario({
      id: "tool-call",
      label: "chat completion with a tool call",
      size: "1 tool",
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: MODEL, messages: [{ role: "user", content: 'Use lookup_order for order "A-42"' }], tools: TOOLS },
      iterations: 1000,
      check: (r) => {
        if (!r.text.includes('"tool_calls"')) throw new Error("tool-call: no tool call in the answer");
      },
    }),
    streamScenario(100, 200),
    streamScenario(1000, 40),
    jsonScenario({
      id: "chat-cached-hit",
      label: "chat completion, cache hit",
      size: "20 tokens",
      method: "POST",
      path: "/v1/chat/completions",
      body: { model: MODEL, messages: [{ role: "user", content: "What is the capital of France?" }], temperature: 0 },
      iterations: 1000,
      setup: async (h) => {
        await h.call("POST", "/v1/chat/completions", {
          model: MODEL,
          messages: [{ role: "user", content: "What is the capital of France?" }],
          temperature: 0,
        });
      },
      check: (r) => {
        if (r.res.headers.get("x-cache") !== "HIT") throw new Error(`cache hit: x-cache is ${r.res.headers.get("x-cache")}`);
      },
    }),
    assistantsTurn(3, 40),
    assistantsTurn(100, 10),
    {
      ...jsonScenario({
        id: "messages-list-20-of-1000",
        label: "list 20 messages of a 1,000-message thread",
        size: "1,000 messages",
        method: "GET",
        get path() {
          return `/v1/threads/${listThread}/messages?limit=20`;
        },
        iterations: 400,
      }),
      async setup(h) {
        listThread = await seedThread(h, 1000);
        const first = await h.call("GET", `/v1/threads/${listThread}/messages?limit=20`);
        if (first.json().data.length !== 20) throw new Error("list: not 20 messages");
        return { fixed: first.text };
      },
      app: (h) => async () => void (await h.call("GET", `/v1/threads/${listThread}/messages?limit=20`)),
    },
    {
      id: "responses-chain-20",
      label: "Responses turn on a 20-response chain",
      size: "20 responses",
      iterations: 200,
      async setup(h) {
        h.ai.tokens = 20;
        let previous;
        for (let i = 0; i < 20; i++) {
          const body = { model: MODEL, input: `Turn ${i}: tell me more.`, ...(previous ? { previous_response_id: previous } : {}) };
          previous = (await h.call("POST", "/v1/responses", body)).json().id;
        }
        chainHead = previous;
        const sample = await h.call("POST", "/v1/responses", { model: MODEL, input: "And then?", previous_response_id: chainHead });
        return { fixed: sample.text };
      },
      before: (h) => {
        h.ai.tokens = 20;
      },
      app: (h) => async () =>
        void (await h.call("POST", "/v1/responses", { model: MODEL, input: "And then?", previous_response_id: chainHead })),
      floor: (h, state) => async () =>
        h.jsonFloor("POST", "/v1/responses", { model: MODEL, input: "And then?", previous_response_id: chainHead }, state.fixed),
    },
    embeddingsScenario(100),
    embeddingsScenario(100, "base64"),
    embeddingsScenario(50),
    {
      id: "vector-store-search-3000",
      label: "file_search query (vector store search), 3,000 chunks",
      size: `${FILES} files × ${CHUNKS_PER_FILE} chunks`,
      iterations: 20,
      async setup(h) {
        // Chunks end on word boundaries, so a little under the arithmetic size makes 2,000 (checked below).
        const text = fileText(CHUNK_STEP * (CHUNKS_PER_FILE - 1) + CHUNK_CHARS - TEXT_SLACK);
        const fileIds = [];
        for (let f = 0; f < FILES; f++) {
          const form = new FormData();
          form.set("purpose", "assistants");
          form.set("file", new Blob([text], { type: "text/plain" }), `notes-${f}.txt`);
          fileIds.push((await h.call("POST", "/v1/files", form)).json().id);
        }
        const store = (await h.call("POST", "/v1/vector_stores", { name: "bench", file_ids: fileIds })).json();
        storeId = store.id;
        const state = (await h.call("GET", `/v1/vector_stores/${storeId}`)).json();
        if (state.file_counts.completed !== FILES) throw new Error(`search: ${JSON.stringify(state.file_counts)} files indexed`);
        const records = (await h.kv.list({ prefix: `vsfile/${storeId}/` })).keys;
        const chunks = records.reduce((sum, k) => sum + k.metadata.chunks, 0);
        if (chunks !== FILES * CHUNKS_PER_FILE) throw new Error(`search: the store holds ${chunks} chunks, not ${FILES * CHUNKS_PER_FILE}`);
        const first = await h.call("POST", `/v1/vector_stores/${storeId}/search`, { query: "latency of KV reads" });
        if (first.json().data.length === 0) throw new Error("search: no results");
        return { fixed: first.text };
      },
      app: (h) => async () => void (await h.call("POST", `/v1/vector_stores/${storeId}/search`, { query: "latency of KV reads" })),
      floor: (h, state) => async () =>
        h.jsonFloor("POST", `/v1/vector_stores/${storeId}/search`, { query: "latency of KV reads" }, state.fixed),
    },
  ];
}

/** About `length` characters of varied English-like text. */
function fileText(length) {
  const words = ["workers", "latency", "storage", "vector", "search", "durable", "object", "thread", "token", "stream", "cache", "model"];
  const parts = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const w = words[(i * 7 + (i >> 3)) % words.length];
    parts.push(w);
    size += w.length + 1;
  }
  return parts.join(" ").slice(0, length);
}
