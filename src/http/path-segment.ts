/**
 * Decoding a path parameter. `decodeURIComponent` throws on malformed percent-encoding
 * (`%ZZ`, a truncated UTF-8 sequence such as `%E0%A4%A`); such a segment can name nothing,
 * so callers answer 404, never a 500.
 */

/** The decoded segment, or undefined when its percent-encoding is malformed. */
export function decodePathSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
