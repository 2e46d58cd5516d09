/**
 * The text a file is indexed by. Text formats (plain text, Markdown, JSON, CSV, HTML, XML and
 * source code) are decoded here as UTF-8 (HTML loses its tags); PDF, Office and OpenDocument
 * files and images go through Workers AI's Markdown conversion (`env.AI.toMarkdown`), passed in
 * as `toMarkdown`. Anything else, or bytes that are not valid UTF-8 in a text format, is a
 * `FileError` the vector store file reports as its `last_error`.
 */
import type { FileError } from "../wire/files";

/** Converts a document to Markdown; rejects with a message when the service cannot. */
export type MarkdownConverter = (name: string, bytes: Uint8Array) => Promise<string>;

export type Extraction = { text: string } | { error: FileError };

const TEXT_EXTENSIONS = new Set(
  (
    "txt text md markdown json jsonl csv tsv xml yaml yml toml ini log rst tex " +
    "c h cc cpp hpp cs css go java js mjs cjs jsx ts tsx py rb php sh bash rs kt swift sql scala lua pl r m"
  ).split(" "),
);
const HTML_EXTENSIONS = new Set(["html", "htm"]);
/** What Workers AI's Markdown conversion takes (developers.cloudflare.com/workers-ai/features/markdown-conversion/). */
export const MARKDOWN_CONVERSION_EXTENSIONS = new Set("pdf docx xlsx xlsm xlsb xls et ods odt numbers jpeg jpg png webp svg".split(" "));

/** The lower-case extension of a filename, or "" when it has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot <= 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** Whether `filename` is decoded here, without calling the conversion service. */
export function isTextFormat(filename: string): boolean {
  const ext = extensionOf(filename);
  return TEXT_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext);
}

export async function extractText(filename: string, bytes: Uint8Array, toMarkdown: MarkdownConverter): Promise<Extraction> {
  const ext = extensionOf(filename);
  if (TEXT_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext)) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { error: { code: "invalid_file", message: `The file '${filename}' is not valid UTF-8 text.` } };
    }
    return { text: HTML_EXTENSIONS.has(ext) ? htmlToText(text) : text };
  }
  if (MARKDOWN_CONVERSION_EXTENSIONS.has(ext)) {
    try {
      return { text: await toMarkdown(filename, bytes) };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return { error: { code: "invalid_file", message: `The file '${filename}' could not be converted to text: ${reason}` } };
    }
  }
  return {
    error: {
      code: "unsupported_file",
      message: `The file type of '${filename}' is not supported for retrieval. Supported: text and code files (${[...TEXT_EXTENSIONS, ...HTML_EXTENSIONS].map((e) => `.${e}`).join(", ")}) and, through Workers AI's Markdown conversion, ${[...MARKDOWN_CONVERSION_EXTENSIONS].map((e) => `.${e}`).join(", ")}.`,
    },
  };
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** HTML's visible text: scripts, styles and tags dropped, block ends as line breaks, common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/(p|div|h[1-6]|li|tr|section|article|header|footer|pre|blockquote)\s*>|<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (!name.startsWith("#")) return ENTITIES[name.toLowerCase()] ?? entity;
      const code = /^#x/i.test(name) ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
