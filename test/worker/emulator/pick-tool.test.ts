/** The emulator's choice of tool: by full name first, then by a distinctive word of a name. */
import { describe, expect, it } from "vitest";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";
import { distinctiveWords, pickTool } from "../../../src/dev/emulator/pick-tool";

const tool = (name: string) => ({ name, parameters: { type: "object", properties: {} } });

describe("pickTool", () => {
  it("splits names in every casing and drops generic words", () => {
    expect(distinctiveWords("get_weather")).toEqual(["weather"]);
    expect(distinctiveWords("fetchStockQuote")).toEqual(["stock", "quote"]);
    expect(distinctiveWords("list-open-issues")).toEqual(["open", "issues"]);
    expect(distinctiveWords("get_current_time")).toEqual(["time"]);
    expect(distinctiveWords("get")).toEqual([]);
  });

  it("prefers a tool named in full over one whose word is mentioned", () => {
    const tools = [tool("get_weather"), tool("weather_alerts")];
    expect(pickTool(tools, "any weather_alerts today?")?.name).toBe("weather_alerts");
    expect(pickTool(tools, "What's the Weather in Paris?")?.name).toBe("get_weather");
  });

  it("matches whole words, case-insensitively, plurals included", () => {
    const tools = [tool("fetchStockQuote")];
    expect(pickTool(tools, "Any STOCKS worth buying?")?.name).toBe("fetchStockQuote");
    expect(pickTool(tools, "stockpile some food")).toBeUndefined();
  });

  it("never calls a tool on a generic word alone", () => {
    expect(pickTool([tool("get_weather")], "get me a coffee")).toBeUndefined();
    expect(pickTool([tool("get_current_time")], "what is the current mood?")).toBeUndefined();
  });
});

describe("the emulated model", () => {
  it("calls get_weather when asked about the weather, and answers its result with text", async () => {
    const ai = createEmulatedAi();
    const weather = {
      type: "function",
      function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
    };
    const out = (await ai.run("@cf/zai-org/glm-4.7-flash", {
      messages: [{ role: "user", content: 'What is the weather like in "Oslo"?' }],
      tools: [weather],
    })) as { tool_calls?: unknown[] };
    expect(out.tool_calls).toEqual([{ name: "get_weather", arguments: { city: "Oslo" } }]);
  });
});
