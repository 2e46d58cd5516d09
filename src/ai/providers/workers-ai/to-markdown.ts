/**
 * Workers AI's document conversion (`env.AI.toMarkdown`): one file's bytes → its Markdown.
 * Used to index PDFs, Office and OpenDocument files and images in vector stores. The binding
 * answers per file with `format: "markdown"` and `data`, or `format: "error"` and `error`;
 * an error, or a binding without the method, rejects with a message for the file's last_error.
 */
import { getAiRunner, type BackendEnv } from "../../backend";

export async function convertToMarkdown(env: BackendEnv, name: string, bytes: Uint8Array): Promise<string> {
  const ai = getAiRunner(env);
  if (!ai.toMarkdown) throw new Error("this AI binding has no toMarkdown method.");
  const [result] = await ai.toMarkdown([{ name, blob: new Blob([bytes], { type: "application/octet-stream" }) }]);
  if (!result) throw new Error("Workers AI returned no conversion result.");
  if (result.format === "error") throw new Error(result.error);
  return result.data;
}
