/** The citation rule (file-search/citations.ts) and the context block the emulator reads back. */
import { describe, expect, it } from "vitest";
import { findCitations } from "../../../src/file-search/citations";
import { contextBlock, readContextBlock } from "../../../src/file-search/context-block";

const chunk = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
const result = (fileId: string, text: string) => ({ fileId, filename: `${fileId}.txt`, text });

describe("findCitations", () => {
  it("cites a result quoted for 11 words or more, within the quoted passage, whatever the whitespace", () => {
    const reply = "As written: three four five six\nseven eight  nine ten eleven twelve thirteen. Done.";
    // The span is the chunk's first 8-word window (windows start every 4 words) found in the reply.
    const start = reply.indexOf("five");
    const end = reply.indexOf("twelve") + "twelve".length;
    expect(findCitations(reply, [result("f1", chunk)])).toEqual([{ fileId: "f1", filename: "f1.txt", start, end }]);
  });

  it("does not cite a result that is only mentioned in passing", () => {
    expect(findCitations("one two three four five six seven", [result("f1", chunk)])).toEqual([]);
  });

  it("cites a short chunk when it is quoted whole, each file once, in reply order", () => {
    const reply = "first alpha beta then one two three four five six seven eight nine ten eleven, alpha beta again";
    const cites = findCitations(reply, [result("f1", chunk), result("f2", "alpha beta"), result("f2", "beta")]);
    expect(cites.map((c) => c.fileId)).toEqual(["f2", "f1"]);
  });
});

describe("contextBlock", () => {
  it("round-trips filenames (quotes escaped) and texts, best first", () => {
    const block = contextBlock([
      { fileId: "file-1", filename: 'a "b".md', score: 0.9, text: "line one\nline two" },
      { fileId: "file-2", filename: "c.txt", score: 0.5, text: "other" },
    ]);
    expect(readContextBlock(`instructions\n${block}`)).toEqual([
      { filename: 'a "b".md', text: "line one\nline two" },
      { filename: "c.txt", text: "other" },
    ]);
    expect(readContextBlock("no block here")).toEqual([]);
  });
});
