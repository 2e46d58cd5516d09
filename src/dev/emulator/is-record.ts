/**
 * The one type guard the emulator needs: `AI.run` inputs and JSON Schemas arrive as
 * `unknown`, and every reader narrows them through this before looking at a key.
 */

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
