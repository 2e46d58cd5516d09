/**
 * Which kind of Workers AI model an id names, for the emulator's dispatch: the surface
 * catalog's kind when catalogued, else a guess from the id (so an uncatalogued
 * `@cf/baai/bge-*` still embeds offline). Undefined means a text-generation model.
 */
import { type SurfaceKind, findSurfaceModel } from "../../ai/registry/surface-catalog";

const GUESSES: readonly [RegExp, SurfaceKind][] = [
  [/embed|\/bge-/i, "embedding"],
  [/llama-?guard/i, "moderation"],
  [/whisper/i, "transcription"],
  [/melotts|\/aura-/i, "speech"],
  [/flux-|stable-diffusion|dreamshaper|phoenix|lucid/i, "image"],
];

export function surfaceKindOf(model: string): SurfaceKind | undefined {
  const known = findSurfaceModel(model);
  if (known) return known.kind;
  return GUESSES.find(([pattern]) => pattern.test(model))?.[1];
}
