import { describe, expect, it } from "vitest";
import { exampleArguments } from "../../../src/dev/emulator/tool-arguments";

describe("exampleArguments", () => {
  it("fills required properties of a nested schema, and only those", () => {
    const schema = {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", minimum: 3 },
        ratio: { type: "number", exclusiveMinimum: 1, maximum: 5 },
        detailed: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        where: {
          type: "object",
          properties: { lat: { type: "number" }, label: { type: ["string", "null"] }, note: { type: "string" } },
          required: ["lat", "label"],
        },
        optional: { type: "string" },
      },
      required: ["city", "unit", "days", "ratio", "detailed", "tags", "where"],
    };
    expect(exampleArguments(schema)).toEqual({
      city: "example",
      unit: "celsius",
      days: 3,
      ratio: 2,
      detailed: true,
      tags: [],
      where: { lat: 1, label: "example" },
    });
  });

  it("uses the first-string hint once, and honours $ref, anyOf, const, minItems and string bounds", () => {
    const schema = {
      $defs: { Point: { type: "object", properties: { x: { type: "integer" } }, required: ["x"] } },
      properties: {
        query: { type: "string" },
        code: { type: "string", minLength: 10 },
        point: { $ref: "#/$defs/Point" },
        maybe: { anyOf: [{ type: "null" }, { type: "boolean" }] },
        kind: { const: "fixed" },
        pair: { type: "array", minItems: 2, items: { type: "integer" } },
      },
      required: ["query", "code", "point", "maybe", "kind", "pair"],
    };
    expect(exampleArguments(schema, { firstString: "Paris" })).toEqual({
      query: "Paris",
      code: "examplexxx",
      point: { x: 1 },
      maybe: true,
      kind: "fixed",
      pair: [1, 1],
    });
  });

  it("returns {} for a missing or non-object schema, and stops on recursive refs", () => {
    expect(exampleArguments(undefined)).toEqual({});
    expect(exampleArguments({ type: "string" })).toEqual({});
    const recursive = { type: "object", properties: { next: { $ref: "#" } }, required: ["next"] };
    expect(JSON.stringify(exampleArguments(recursive))).toMatch(/null/);
  });
});
