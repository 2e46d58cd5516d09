/**
 * Which headers a passthrough forwards, each way. Toward the upstream: the client's headers
 * minus hop-by-hop headers (RFC 9110 §7.6.1, and any the client's `Connection` names),
 * Cloudflare's `cf-*`, client addresses, and every client credential (`Authorization`,
 * `api-key`, cookies, the client's OpenAI organization and project) — the upstream's own key
 * is added per upstream. Back to the client: the upstream's headers minus hop-by-hop, `cf-*`,
 * cookies and the framing headers this Worker re-frames (the body arrives decoded).
 */

const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];
const TO_UPSTREAM_DROPPED = new Set([
  ...HOP_BY_HOP,
  "host",
  "content-length",
  "accept-encoding",
  "authorization",
  "api-key",
  "x-api-key",
  "cookie",
  "openai-organization",
  "openai-project",
  "forwarded",
  "x-real-ip",
  "true-client-ip",
]);
const TO_CLIENT_DROPPED = new Set([...HOP_BY_HOP, "content-length", "content-encoding", "set-cookie"]);

/** The client's request headers as sent upstream (without any credential). */
export function headersToUpstream(client: Headers): Headers {
  return filtered(client, TO_UPSTREAM_DROPPED, (name) => name.startsWith("x-forwarded-"));
}

/** The upstream's response headers as returned to the client. */
export function headersToClient(upstream: Headers): Headers {
  return filtered(upstream, TO_CLIENT_DROPPED, () => false);
}

function filtered(source: Headers, dropped: ReadonlySet<string>, alsoDrop: (name: string) => boolean): Headers {
  const named = (source.get("connection") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out = new Headers();
  for (const [name, value] of source) {
    if (dropped.has(name) || named.includes(name) || name.startsWith("cf-") || alsoDrop(name)) continue;
    out.append(name, value);
  }
  return out;
}
