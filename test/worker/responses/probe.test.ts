import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { it } from "vitest";
import { BASE_URL, testWorker } from "../../helpers/worker";
it("probe", async () => {
  const w = testWorker();
  const f = async (i: RequestInfo | URL, init?: RequestInit) => { console.log("REQ", init?.body); const r = await w.fetch(i, init); const t = await r.clone().text(); console.log("RES", t.slice(0, 400)); return r; };
  const openai = createOpenAI({ baseURL: BASE_URL, apiKey: "sk-test", fetch: f });
  const r = await generateText({ model: openai("gpt-4o"), prompt: 'my name is Ada' });
  await generateText({ model: openai("gpt-4o"), messages: [{ role: "user", content: "my name is Ada" }, ...r.response.messages, { role: "user", content: "what is my name?" }] });
});
