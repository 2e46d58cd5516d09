// Proves test/helpers/openapi.ts is a useful contract check: it accepts hand-written bodies that
// follow OpenAI's spec and rejects each kind of mistake an OpenAI-compatible server tends to make.
// Also guards test/schemas/openai-schemas.json against going stale relative to wanted.json.

import { describe, expect, it } from "vitest";
import { expectSchema, SchemaMismatchError, schemaFailures, schemaNames } from "../helpers/openapi";
import schemas from "../schemas/openai-schemas.json";
import wanted from "../schemas/wanted.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const REMOVE = Symbol("remove");

/** A deep copy of `value` with the member at `path` (slash-separated) replaced or removed. */
function edit(value: Json, path: string, replacement: Json | typeof REMOVE): Json {
  const copy = structuredClone(value);
  const keys = path.split("/");
  const last = keys.pop() as string;
  let parent: Json = copy;
  for (const key of keys) parent = (parent as Record<string, Json>)[key] as Json;
  if (replacement === REMOVE) delete (parent as Record<string, Json>)[last];
  else (parent as Record<string, Json>)[last] = replacement;
  return copy;
}

/** Asserts `value` fails `name`, with a failure at `instancePath` for `keyword`. */
function expectRejected(name: string, value: Json, instancePath: string, keyword: string): void {
  expect(() => expectSchema(name, value)).toThrow(SchemaMismatchError);
  const failures = schemaFailures(name, value);
  expect(failures).toContainEqual(expect.objectContaining({ instancePath, keyword }));
}

const chatCompletion: Json = {
  id: "chatcmpl-abc123",
  object: "chat.completion",
  created: 1741569952,
  model: "@cf/zai-org/glm-4.7-flash",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello! How can I help?", refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
  service_tier: "default",
};

const chatCompletionWithToolCall: Json = {
  id: "chatcmpl-abc124",
  object: "chat.completion",
  created: 1741569952,
  model: "@cf/zai-org/glm-4.7-flash",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        tool_calls: [{ id: "call_abc123", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
      logprobs: null,
      finish_reason: "tool_calls",
    },
  ],
};

describe("CreateChatCompletionResponse", () => {
  const name = "CreateChatCompletionResponse";

  it("accepts a text reply and a tool call", () => {
    expectSchema(name, chatCompletion);
    expectSchema(name, chatCompletionWithToolCall);
  });

  it("rejects a missing required field", () => {
    expectRejected(name, edit(chatCompletion, "created", REMOVE), "#", "required");
  });

  it("rejects a wrong type", () => {
    expectRejected(name, edit(chatCompletion, "created", "1741569952"), "#/created", "type");
    expectRejected(name, edit(chatCompletion, "usage/total_tokens", 29.5), "#/usage/total_tokens", "type");
  });

  it("rejects a wrong object constant", () => {
    expectRejected(name, edit(chatCompletion, "object", "chat.completion.chunk"), "#/object", "enum");
  });

  it("rejects tool-call arguments sent as an object instead of a JSON string", () => {
    const bad = edit(chatCompletionWithToolCall, "choices/0/message/tool_calls/0/function/arguments", {
      city: "Paris",
    });
    expectRejected(name, bad, "#/choices/0/message/tool_calls/0/function/arguments", "type");
  });

  it("rejects an unknown finish_reason", () => {
    expectRejected(name, edit(chatCompletion, "choices/0/finish_reason", "eos"), "#/choices/0/finish_reason", "enum");
  });

  it("rejects a required-but-nullable field that is absent", () => {
    expectRejected(name, edit(chatCompletion, "choices/0/message/refusal", REMOVE), "#/choices/0/message", "required");
    expectRejected(name, edit(chatCompletion, "choices/0/logprobs", REMOVE), "#/choices/0", "required");
  });
});

const chunk: Json = {
  id: "chatcmpl-abc123",
  object: "chat.completion.chunk",
  created: 1741569952,
  model: "@cf/zai-org/glm-4.7-flash",
  choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, logprobs: null, finish_reason: null }],
};

describe("CreateChatCompletionStreamResponse", () => {
  const name = "CreateChatCompletionStreamResponse";

  it("accepts a content chunk, a tool-call chunk, a finish chunk and a usage chunk", () => {
    expectSchema(name, chunk);
    expectSchema(
      name,
      edit(chunk, "choices/0/delta", {
        tool_calls: [{ index: 0, id: "call_abc123", type: "function", function: { name: "get_weather", arguments: "" } }],
      }),
    );
    expectSchema(name, edit(chunk, "choices/0", { index: 0, delta: {}, finish_reason: "stop" }));
    expectSchema(name, { ...(chunk as object), choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
    expectSchema(name, { ...(chunk as object), usage: null });
  });

  it("rejects a missing required field", () => {
    expectRejected(name, edit(chunk, "choices", REMOVE), "#", "required");
  });

  it("rejects a wrong type", () => {
    expectRejected(name, edit(chunk, "choices/0/index", "0"), "#/choices/0/index", "type");
  });

  it("rejects a wrong object constant", () => {
    expectRejected(name, edit(chunk, "object", "chat.completion"), "#/object", "enum");
  });

  it("rejects streamed tool-call arguments as an object", () => {
    const bad = edit(chunk, "choices/0/delta", {
      tool_calls: [{ index: 0, function: { arguments: { city: "Paris" } } }],
    });
    expectRejected(name, bad, "#/choices/0/delta/tool_calls/0/function/arguments", "type");
  });

  it("rejects an unknown finish_reason or delta role", () => {
    expectRejected(name, edit(chunk, "choices/0/finish_reason", "eos"), "#/choices/0/finish_reason", "enum");
    expectRejected(name, edit(chunk, "choices/0/delta/role", "model"), "#/choices/0/delta/role", "enum");
  });

  it("rejects a chunk without finish_reason (required, null until the end)", () => {
    expectRejected(name, edit(chunk, "choices/0/finish_reason", REMOVE), "#/choices/0", "required");
  });
});

const error: Json = {
  error: { message: "You exceeded your current quota.", type: "insufficient_quota", param: null, code: "insufficient_quota" },
};

describe("ErrorResponse", () => {
  const name = "ErrorResponse";

  it("accepts an OpenAI error body", () => {
    expectSchema(name, error);
    expectSchema(name, { error: { message: "Missing messages", type: "invalid_request_error", param: "messages", code: null } });
  });

  it("rejects bodies the SDK cannot parse", () => {
    expectRejected(name, { status: "failure" }, "#", "required");
    expectRejected(name, { error: "Something went wrong" }, "#/error", "type");
  });

  it("rejects a wrong type", () => {
    expectRejected(name, edit(error, "error/code", 429), "#/error/code", "type");
  });

  it("rejects a required-but-nullable field that is absent", () => {
    expectRejected(name, edit(error, "error/param", REMOVE), "#/error", "required");
  });
});

const models: Json = {
  object: "list",
  data: [
    { id: "@cf/zai-org/glm-4.7-flash", object: "model", created: 1700000000, owned_by: "cloudflare" },
    { id: "@cf/meta/llama-3.1-8b-instruct", object: "model", created: 1700000000, owned_by: "meta", shutdown_date: null },
  ],
};

describe("ListModelsResponse", () => {
  const name = "ListModelsResponse";

  it("accepts a model list", () => {
    expectSchema(name, models);
    expectSchema(name, { object: "list", data: [] });
  });

  it("rejects a missing required field", () => {
    expectRejected(name, edit(models, "data/0/owned_by", REMOVE), "#/data/0", "required");
  });

  it("rejects a wrong type", () => {
    expectRejected(name, edit(models, "data/1/created", "2024-01-01"), "#/data/1/created", "type");
  });

  it("rejects a wrong object constant", () => {
    expectRejected(name, edit(models, "object", "models"), "#/object", "enum");
    expectRejected(name, edit(models, "data/0/object", "list"), "#/data/0/object", "enum");
  });

  it("checks formats the validator knows", () => {
    expectSchema(name, edit(models, "data/1/shutdown_date", "2026-06-30"));
    expectRejected(name, edit(models, "data/1/shutdown_date", "next year"), "#/data/1/shutdown_date", "format");
  });
});

const run: Json = {
  id: "run_abc123",
  object: "thread.run",
  created_at: 1699063290,
  assistant_id: "asst_abc123",
  thread_id: "thread_abc123",
  status: "requires_action",
  required_action: {
    type: "submit_tool_outputs",
    submit_tool_outputs: {
      tool_calls: [{ id: "call_abc123", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
  },
  started_at: 1699063291,
  expires_at: 1699063890,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  last_error: null,
  model: "@cf/zai-org/glm-4.7-flash",
  instructions: "You are a helpful assistant.",
  incomplete_details: null,
  tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: {} } } }],
  metadata: {},
  usage: null,
  temperature: 1,
  top_p: 1,
  max_prompt_tokens: null,
  max_completion_tokens: null,
  truncation_strategy: { type: "auto", last_messages: null },
  response_format: "auto",
  tool_choice: "auto",
  parallel_tool_calls: true,
};

describe("RunObject", () => {
  const name = "RunObject";

  it("accepts a run waiting for tool outputs and a completed run", () => {
    expectSchema(name, run);
    expectSchema(name, {
      ...(run as object),
      status: "completed",
      required_action: null,
      completed_at: 1699063300,
      usage: { prompt_tokens: 123, completion_tokens: 456, total_tokens: 579 },
      truncation_strategy: null,
      tool_choice: null,
      response_format: null,
      incomplete_details: { reason: "max_completion_tokens" },
    });
  });

  it("rejects a required-but-nullable field that is absent", () => {
    expectRejected(name, edit(run, "incomplete_details", REMOVE), "#", "required");
    expectRejected(name, edit(run, "usage", REMOVE), "#", "required");
    expectRejected(name, edit(run, "truncation_strategy", REMOVE), "#", "required");
  });

  it("rejects a wrong type", () => {
    expectRejected(name, edit(run, "started_at", "2023-11-04T01:01:31Z"), "#/started_at", "type");
  });

  it("rejects a wrong object constant", () => {
    expectRejected(name, edit(run, "object", "thread.run.step"), "#/object", "enum");
  });

  it("rejects required tool-call arguments as an object", () => {
    const path = "required_action/submit_tool_outputs/tool_calls/0/function/arguments";
    expectRejected(name, edit(run, path, { city: "Paris" }), `#/${path}`, "type");
  });

  it("rejects an unknown status", () => {
    expectRejected(name, edit(run, "status", "done"), "#/status", "enum");
  });

  it("rejects a value outside what OpenAPI 3.0 `nullable` allows", () => {
    expectRejected(name, edit(run, "max_prompt_tokens", 10), "#/max_prompt_tokens", "minimum");
    expectRejected(name, edit(run, "tool_choice", "sometimes"), "#/tool_choice", "anyOf");
  });
});

const message: Json = {
  id: "msg_abc123",
  object: "thread.message",
  created_at: 1698983503,
  thread_id: "thread_abc123",
  status: "completed",
  incomplete_details: null,
  completed_at: 1698983510,
  incomplete_at: null,
  role: "assistant",
  content: [{ type: "text", text: { value: "Hi! How can I help you today?", annotations: [] } }],
  assistant_id: "asst_abc123",
  run_id: "run_abc123",
  attachments: [],
  metadata: {},
};

describe("MessageObject", () => {
  const name = "MessageObject";

  it("accepts an assistant message and a user message", () => {
    expectSchema(name, message);
    expectSchema(name, { ...(message as object), role: "user", assistant_id: null, run_id: null, attachments: null, metadata: null });
  });

  it("rejects a missing required field", () => {
    expectRejected(name, edit(message, "thread_id", REMOVE), "#", "required");
  });

  it("rejects a required-but-nullable field that is absent", () => {
    expectRejected(name, edit(message, "incomplete_details", REMOVE), "#", "required");
    expectRejected(name, edit(message, "run_id", REMOVE), "#", "required");
  });

  it("rejects content as a plain string instead of content parts", () => {
    expectRejected(name, edit(message, "content", "Hi!"), "#/content", "type");
    expectRejected(name, edit(message, "content/0/text", "Hi!"), "#/content/0", "oneOf");
  });

  it("rejects a wrong object constant", () => {
    expectRejected(name, edit(message, "object", "thread.message.delta"), "#/object", "enum");
  });

  it("rejects an unknown role", () => {
    expectRejected(name, edit(message, "role", "system"), "#/role", "enum");
  });
});

describe("AssistantStreamEvent", () => {
  it("accepts named events and the final done event, rejects a mismatched pair", () => {
    expectSchema("AssistantStreamEvent", { event: "thread.run.requires_action", data: run });
    expectSchema("AssistantStreamEvent", { event: "thread.message.completed", data: message });
    expectSchema("AssistantStreamEvent", { event: "done", data: "[DONE]" });
    expectSchema("AssistantStreamEvent", { event: "error", data: (error as { error: Json }).error });
    expect(() => expectSchema("AssistantStreamEvent", { event: "thread.message.completed", data: run })).toThrow(SchemaMismatchError);
  });
});

describe("expectSchema", () => {
  it("reports instance path, keyword and message for every failure", () => {
    const bad = edit(edit(chatCompletion, "object", "chat.completions"), "choices/0/message/refusal", REMOVE);
    let thrown: unknown;
    try {
      expectSchema("CreateChatCompletionResponse", bad);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SchemaMismatchError);
    const text = (thrown as Error).message;
    expect(text).toContain("CreateChatCompletionResponse");
    expect(text).toContain('#/object [enum] Instance does not match any of ["chat.completion"]');
    expect(text).toContain('#/choices/0/message [required] Instance does not have required property "refusal"');
  });

  it("refuses a schema name that was not extracted", () => {
    expect(() => expectSchema("CreateChatCompletionRequest", {})).toThrow(/wanted\.json/);
  });
});

describe("test/schemas/openai-schemas.json", () => {
  const text = JSON.stringify(schemas);

  it("holds every name in wanted.json (else rerun node scripts/extract-openapi-schemas.mjs)", () => {
    const absent = wanted.filter((n) => !schemaNames.includes(n));
    expect(absent).toEqual([]);
  });

  it("is closed under $ref and free of OpenAPI-only `nullable`", () => {
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    expect([...new Set(refs)].filter((r) => !schemaNames.includes(r))).toEqual([]);
    expect(text).not.toMatch(/"nullable":/);
  });
});
