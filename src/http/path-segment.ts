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

/**
 * A path parameter that must be an id with `prefix` (letters, digits, `_` and `-`, at most 128
 * characters); anything else, malformed encoding included, is `notFound(id)`, with no lookup.
 */
export function pathIdWithPrefix(raw: string | undefined, prefix: string, notFound: (id: string) => Error): string {
  const sent = raw ?? "";
  const id = decodePathSegment(sent) ?? sent;
  if (!id.startsWith(prefix) || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw notFound(id);
  return id;
}
