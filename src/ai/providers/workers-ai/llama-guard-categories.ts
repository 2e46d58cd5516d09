/**
 * Llama Guard 3's hazard categories (MLCommons taxonomy S1–S13 plus S14, per Meta's model
 * card: https://github.com/meta-llama/PurpleLlama/blob/main/Llama-Guard3/8B/MODEL_CARD.md)
 * → OpenAI's moderation categories. Categories OpenAI has no counterpart for (specialized
 * advice, privacy, intellectual property, elections) map to none: they still set `flagged`.
 */
import type { OpenAICategory } from "../types";

export const LLAMA_GUARD_CATEGORIES = {
  S1: { name: "Violent Crimes", openai: ["violence", "illicit/violent"] },
  S2: { name: "Non-Violent Crimes", openai: ["illicit"] },
  S3: { name: "Sex-Related Crimes", openai: ["sexual", "illicit"] },
  S4: { name: "Child Sexual Exploitation", openai: ["sexual", "sexual/minors"] },
  S5: { name: "Defamation", openai: ["harassment"] },
  S6: { name: "Specialized Advice", openai: [] },
  S7: { name: "Privacy", openai: [] },
  S8: { name: "Intellectual Property", openai: [] },
  S9: { name: "Indiscriminate Weapons", openai: ["violence", "illicit/violent"] },
  S10: { name: "Hate", openai: ["hate"] },
  S11: { name: "Suicide & Self-Harm", openai: ["self-harm"] },
  S12: { name: "Sexual Content", openai: ["sexual"] },
  S13: { name: "Elections", openai: [] },
  S14: { name: "Code Interpreter Abuse", openai: ["illicit"] },
} as const satisfies Readonly<Record<string, { name: string; openai: readonly OpenAICategory[] }>>;

export type LlamaGuardCode = keyof typeof LLAMA_GUARD_CATEGORIES;

const BY_NAME: ReadonlyMap<string, LlamaGuardCode> = new Map(
  Object.entries(LLAMA_GUARD_CATEGORIES).map(([code, c]) => [c.name.toLowerCase(), code as LlamaGuardCode]),
);

/** "S1", "s1", "S1: Violent Crimes" or "Violent Crimes" → "S1"; undefined for anything else. */
export function categoryCode(raw: string): LlamaGuardCode | undefined {
  const text = raw.trim();
  const code = /^s(\d{1,2})\b/i.exec(text)?.[1];
  if (code !== undefined) {
    const key = `S${Number(code)}`;
    return Object.hasOwn(LLAMA_GUARD_CATEGORIES, key) ? (key as LlamaGuardCode) : undefined;
  }
  return BY_NAME.get(text.toLowerCase());
}

/** The OpenAI categories of Llama Guard's category strings (unknown strings add none). */
export function openAICategories(raw: readonly string[]): OpenAICategory[] {
  const hit = new Set<OpenAICategory>();
  for (const r of raw) {
    const code = categoryCode(r);
    if (code) for (const c of LLAMA_GUARD_CATEGORIES[code].openai) hit.add(c);
  }
  return [...hit];
}
