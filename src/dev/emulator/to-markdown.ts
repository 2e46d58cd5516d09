/**
 * The emulator's `env.AI.toMarkdown`: text formats (by extension or a `text/` type) come back
 * as their UTF-8 text; anything else (PDF, Office, images) is a per-file `format: "error"`
 * result saying the offline emulator cannot convert it, as the real binding reports failures.
 */
import type { MarkdownConversion } from "../../ai/types";
import { isTextFormat } from "../../vector-stores/extract-text";

export async function emulateToMarkdown(files: { name: string; blob: Blob }[]): Promise<MarkdownConversion[]> {
  return Promise.all(
    files.map(async ({ name, blob }): Promise<MarkdownConversion> => {
      const mimeType = blob.type || "application/octet-stream";
      if (!isTextFormat(name) && !mimeType.startsWith("text/")) {
        return {
          name,
          mimeType,
          format: "error",
          error: `[offline emulator] cannot convert '${name}': the emulator converts text formats only; PDF, Office and image conversion needs the real Workers AI binding.`,
        };
      }
      const data = await blob.text();
      return { name, mimeType, format: "markdown", tokens: Math.ceil(data.length / 4), data };
    }),
  );
}
