import { describe, expect, it } from "vitest";
import type { Route } from "../../../src/api/route";
import { compileRoutes } from "../../../src/route-matcher";
import { splitUrl } from "../../../src/router";
import { ROUTES } from "../../../src/routes";
import { testWorker } from "../../helpers/worker";

const handler = () => new Response("");
const route = (method: Route["method"], path: string): Route => ({ method, path, handler });

describe("route matcher", () => {
  it("finds exact paths, one-segment parameters and rest-of-path parameters, raw and ignoring trailing slashes", () => {
    const table = [
      route("GET", "/v1/models"),
      route("GET", "/v1/models/:model+"),
      route("POST", "/v1/threads/:thread_id/runs"),
      route("GET", "/v1/threads/:thread_id/runs/:run_id"),
    ];
    const m = compileRoutes(table);
    expect(m.match("GET", "/v1/models")?.route).toBe(table[0]);
    expect(m.match("GET", "/v1/models//")?.route).toBe(table[0]);
    expect(m.match("GET", "/v1/models/@cf/meta/llama-3.1-8b-instruct")).toEqual({
      route: table[1],
      params: { model: "@cf/meta/llama-3.1-8b-instruct" },
    });
    expect(m.match("POST", "/v1/threads/thread_a%2Fb/runs/")?.params).toEqual({ thread_id: "thread_a%2Fb" });
    expect(m.match("GET", "/v1/threads/t/runs/r")?.params).toEqual({ thread_id: "t", run_id: "r" });
    expect(m.match("GET", "/v1/threads/t/runs")).toBeUndefined();
    expect(m.match("POST", "/v1/threads//runs")).toBeUndefined();
    expect(m.match("GET", "/v1/threads/t/runs/r/steps")).toBeUndefined();
    expect(m.match("GET", "/v2/models")).toBeUndefined();
    expect(m.allowed("/v1/threads/t/runs")).toEqual(["POST"]);
    expect(m.allowed("/nowhere")).toEqual([]);
  });

  it("gives the first route in table order when several match", () => {
    const table = [route("GET", "/v1/files/:file_id"), route("GET", "/v1/files/special"), route("GET", "/v1/:any/special")];
    const m = compileRoutes(table);
    // The exact path comes after a parameter route that matches it: the table's order wins.
    expect(m.match("GET", "/v1/files/special")?.route).toBe(table[0]);
    const reversed = [table[1] as Route, table[0] as Route, table[2] as Route];
    expect(compileRoutes(reversed).match("GET", "/v1/files/special")?.route).toBe(reversed[0]);
    // A route whose first two segments hold a parameter is tried for every path, in order.
    expect(m.match("GET", "/v1/other/special")).toEqual({ route: table[2], params: { any: "other" } });
  });

  it("escapes a pattern's literal characters", () => {
    const m = compileRoutes([route("POST", "/v1/a.b/:id")]);
    expect(m.match("POST", "/v1/a.b/x")?.params).toEqual({ id: "x" });
    expect(m.match("POST", "/v1/aXb/x")).toBeUndefined();
  });

  it("matches every route of the real table by a path built from its own pattern", () => {
    const m = compileRoutes(ROUTES);
    for (const r of ROUTES) {
      const path = r.path.replace(/:(\w+)\+/g, "p/q").replace(/:(\w+)/g, "x_1");
      const found = m.match(r.method, path);
      expect(found, `${r.method} ${r.path}`).toBeDefined();
      // The same route, or one earlier in the table that also takes this path.
      expect(ROUTES.indexOf(found?.route as Route)).toBeLessThanOrEqual(ROUTES.indexOf(r));
    }
  });
});

describe("splitUrl", () => {
  it("gives what a URL object gives for the path and the query string", () => {
    const urls = [
      "https://ai-forwarder.test/v1/chat/completions",
      "https://ai-forwarder.test/v1/threads/t/messages?limit=5&order=asc",
      "https://ai-forwarder.test/v1/files?purpose=assistants#frag",
      "https://ai-forwarder.test/v1/a#b?c",
      "https://ai-forwarder.test",
      "https://ai-forwarder.test/?",
      "http://127.0.0.1:8787/v1/models/@cf/meta/llama-3.1-8b-instruct",
      "http://[::1]:8787/v1/x/../models?q=%20a+b",
      "https://user:p%2Fw@host.example/p%C3%A9/q?x=/y//z",
      "https://ai-forwarder.test/v1/threads/%2F..%2F/runs//?include[]=a&include[]=b",
    ];
    for (const raw of urls) {
      const serialized = new Request(raw).url;
      const url = new URL(serialized);
      expect(splitUrl(serialized), raw).toEqual({ path: url.pathname, search: url.search });
    }
  });
});

describe("router, through the Worker", () => {
  it("reads every value of a repeated query name, and ignores a trailing slash", async () => {
    const { client, fetch } = testWorker();
    const thread = await client.beta.threads.create();
    const assistant = await client.beta.assistants.create({ model: "gpt-4o-mini" });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    const steps = `https://ai-forwarder.test/v1/threads/${thread.id}/runs/${run.id}/steps/`;
    const ok = "step_details.tool_calls[*].file_search.results[*].content";
    const headers = { authorization: "Bearer sk-test", "openai-beta": "assistants=v2" };
    expect((await fetch(`${steps}?include[]=${ok}&include[]=${ok}`, { headers })).status).toBe(200);
    // The second value is read too (only the first would pass).
    const res = await fetch(`${steps}?include[]=${ok}&include[]=bogus`, { headers });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("'bogus'");
  });
});
