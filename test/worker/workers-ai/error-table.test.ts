import { describe, expect, it } from "vitest";
import { mapWorkersAiError, WORKERS_AI_ERRORS } from "../../../src/ai/providers/workers-ai/error-table";
import { OpenAIError } from "../../../src/http/errors";

/** What the binding throws: workerd's InferenceUpstreamError formats `${internalCode}: ${description}`. */
function bindingError(message: string): Error {
  const err = new Error(message);
  err.name = "InferenceUpstreamError";
  return err;
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("mapWorkersAiError: the documented codes", () => {
  const cases: [string, number, string, string, string | null][] = [
    ["5007: No such model @cf/nope/nope or task", 400, "invalid_request_error", "model_not_found", "model"],
    ["3042: The model name is invalid", 400, "invalid_request_error", "model_not_found", "model"],
    ["3040: Capacity temporarily exceeded, please try again.", 429, "rate_limit_error", "rate_limit_exceeded", null],
    [
      "3036: You have used up your daily free allocation of 10,000 neurons. Please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage.",
      429,
      "rate_limit_error",
      "insufficient_quota",
      null,
    ],
    [
      "4006: you have used up your daily free allocation of 10,000 neurons, please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage.",
      429,
      "rate_limit_error",
      "insufficient_quota",
      null,
    ],
    ["3006: Request is too large", 413, "invalid_request_error", "request_too_large", null],
    ["3007: Request timeout", 504, "server_error", "upstream_timeout", null],
    ["3008: Request was aborted", 504, "server_error", "upstream_timeout", null],
    ["5035: This model requires the Workers Paid plan", 403, "permission_error", "paid_plan_required", "model"],
    ["5016: User has not agreed to Llama3.2 model terms", 403, "permission_error", "model_terms_not_accepted", "model"],
    ["5004: Invalid data type for base64 input: number", 400, "invalid_request_error", "invalid_value", null],
    ["5019: Request trying to use deprecated SDK version", 502, "server_error", "upstream_error", null],
  ];

  for (const [message, status, type, code, param] of cases) {
    it(`maps "${message.slice(0, 30)}…" to ${status} ${code}`, () => {
      const e = mapWorkersAiError(bindingError(message));
      expect(e).toBeInstanceOf(OpenAIError);
      expect({ status: e.status, type: e.type, code: e.code, param: e.param }).toEqual({ status, type, code, param });
      // The upstream text survives for whoever reads the error.
      expect(e.message).toContain(message);
    });
  }

  it("names the model when the caller knows it", () => {
    const e = mapWorkersAiError(bindingError("5007: No such model @cf/x/y or task"), { model: "@cf/x/y" });
    expect(e.message).toMatch(/^The model `@cf\/x\/y` does not exist/);
    expect(e.toJSON()).toEqual({
      error: { message: e.message, type: "invalid_request_error", param: "model", code: "model_not_found" },
    });
  });

  it("documents every entry with a source link and a status from the policy", () => {
    for (const rule of Object.values(WORKERS_AI_ERRORS)) {
      expect(rule.source).toMatch(/^https:\/\//);
      expect([400, 403, 413, 429, 502, 504]).toContain(rule.status);
    }
  });
});

describe("mapWorkersAiError: finding the code", () => {
  it("reads a code behind a prefix", () => {
    expect(mapWorkersAiError(new Error("InferenceUpstreamError: 3040: out of capacity")).status).toBe(429);
  });

  it("skips a leading number that is not a known code", () => {
    expect(mapWorkersAiError(new Error("12345: ctx 1101: x 3040: out of capacity")).status).toBe(429);
  });

  it("reads a numeric or numeric-string `code` property", () => {
    expect(mapWorkersAiError({ code: 3006, message: "too big" }).status).toBe(413);
    expect(mapWorkersAiError({ code: "3040" }).status).toBe(429);
  });

  it("reads the message of a DOMException, a plain object and a string", () => {
    expect(mapWorkersAiError(new DOMException("3040: out of capacity", "Error")).status).toBe(429);
    expect(mapWorkersAiError({ message: "5007: no such model" }).code).toBe("model_not_found");
    expect(mapWorkersAiError("3006: Request is too large").status).toBe(413);
  });
});

describe("mapWorkersAiError: everything else", () => {
  it("turns an unknown code into a 502 that names the upstream failure", () => {
    const e = mapWorkersAiError(bindingError("1101: Worker threw exception"));
    expect({ status: e.status, type: e.type, code: e.code, param: e.param }).toEqual({
      status: 502,
      type: "server_error",
      code: "upstream_error",
      param: null,
    });
    expect(e.message).toBe("The upstream model backend (Workers AI) failed: 1101: Worker threw exception");
  });

  it("turns unparseable errors and non-errors into 502s", () => {
    // A non-JSON error body becomes the message as-is (workerd ai-api.ts).
    expect(mapWorkersAiError(bindingError("<html>502 Bad Gateway</html>")).status).toBe(502);
    expect(mapWorkersAiError(new TypeError("Network connection lost.")).message).toContain("Network connection lost.");
    for (const odd of [undefined, null, 42, {}, "boom"]) {
      const e = mapWorkersAiError(odd);
      expect(e.status).toBe(502);
      expect(e.type).toBe("server_error");
    }
  });

  it("returns an OpenAIError unchanged", () => {
    const original = new OpenAIError(400, "bad", { param: "messages" });
    expect(mapWorkersAiError(original)).toBe(original);
  });

  it("re-throws an abort unchanged, never wrapping it", () => {
    const abort = new DOMException("The operation was aborted", "AbortError");
    expect(thrownBy(() => mapWorkersAiError(abort))).toBe(abort);
    const controller = new AbortController();
    controller.abort();
    expect(thrownBy(() => mapWorkersAiError(controller.signal.reason))).toBe(controller.signal.reason);
    const named = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(thrownBy(() => mapWorkersAiError(named))).toBe(named);
    const timeout = new DOMException("timed out", "TimeoutError");
    expect(thrownBy(() => mapWorkersAiError(timeout))).toBe(timeout);
  });
});
