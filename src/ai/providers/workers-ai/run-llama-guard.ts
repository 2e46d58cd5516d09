/**
 * One text through Llama Guard 3 on Workers AI: sent as a user message with
 * `response_format: json_object`, answered as `{response: {safe, categories}}` or, in the
 * model's text form, "safe" / "unsafe\nS1,S10". Both are read; anything else is a 502.
 */
import { OpenAIError } from "../../../http/errors";
import type { AiRunner } from "../../types";
import { mapWorkersAiError } from "./error-table";

export interface GuardVerdict {
  safe: boolean;
  /** The category strings as the model gave them (codes such as "S1", or names). */
  categories: string[];
}

export async function runLlamaGuard(ai: AiRunner, model: string, text: string): Promise<GuardVerdict> {
  let output: unknown;
  try {
    output = await ai.run(model, { messages: [{ role: "user", content: text }], response_format: { type: "json_object" } });
  } catch (err) {
    throw mapWorkersAiError(err, { model });
  }
  const verdict = readVerdict(output && typeof output === "object" ? (output as Record<string, unknown>).response : undefined);
  if (!verdict)
    throw new OpenAIError(502, `Workers AI returned no safety verdict from ${model}.`, { type: "server_error", code: "upstream_error" });
  return verdict;
}

export function readVerdict(response: unknown): GuardVerdict | undefined {
  if (typeof response === "string") {
    const text = response.trim();
    // The JSON mode answer can also arrive as a string.
    if (text.startsWith("{")) {
      try {
        return readVerdict(JSON.parse(text));
      } catch {
        return undefined;
      }
    }
    const match = /^(safe|unsafe)\b\s*([\s\S]*)$/i.exec(text);
    if (!match) return undefined;
    const safe = match[1]?.toLowerCase() === "safe";
    const categories = (match[2] ?? "").split(/[\s,]+/).filter((c) => c !== "");
    return { safe, categories: safe ? [] : categories };
  }
  if (response && typeof response === "object") {
    const r = response as Record<string, unknown>;
    if (typeof r.safe !== "boolean") return undefined;
    const categories = Array.isArray(r.categories) ? r.categories.filter((c): c is string => typeof c === "string") : [];
    return { safe: r.safe, categories: r.safe ? [] : categories };
  }
  return undefined;
}
