/**
 * Word-level text handling for the offline emulator. The emulator's "token" is a
 * whitespace-separated word: it is what `max_tokens` limits, what `usage` counts and, split a
 * little finer, what each streamed event carries.
 */

/** Number of whitespace-separated words in `text` (the emulator's token count). */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

/**
 * `text` cut after its first `maxWords` words, keeping the original spacing between them
 * (so an untruncated text comes back unchanged).
 */
export function truncateWords(text: string, maxWords: number): string {
  const words = text.match(/\s*\S+/g) ?? [];
  if (words.length <= maxWords) return text;
  return words.slice(0, maxWords).join("");
}

/** Longest piece (in code points) streamed in one event; longer words are split like sub-word tokens. */
const MAX_PIECE = 12;

/**
 * `text` split into word-sized pieces whose concatenation is exactly `text`: each piece is a
 * word with the whitespace before it, and long words (such as compact JSON) are split further
 * so that every non-trivial reply streams as several events. Splits fall between code points,
 * never inside a surrogate pair.
 */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.split(/(?<=\S)(?=\s)/)) {
    const codePoints = Array.from(word);
    for (let i = 0; i < codePoints.length; i += MAX_PIECE) {
      pieces.push(codePoints.slice(i, i + MAX_PIECE).join(""));
    }
  }
  return pieces;
}
