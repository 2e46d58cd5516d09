/**
 * Floor 1 for the bench: a minimal Worker that answers with a stored JSON body and does
 * nothing else. The runner first stores, per scenario, the very body ai-forwarder returned
 * (`PUT /__floor/<name>`), then measures `GET|POST /<name>` here exactly as it measures the
 * real endpoint, so the difference is ai-forwarder's own work.
 */
const bodies = new Map();

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/__floor/")) {
      if (request.method === "PUT") bodies.set(path.slice("/__floor/".length), await request.text());
      return new Response("ok");
    }
    const body = bodies.get(path.slice(1));
    if (body === undefined) return new Response("no body stored for this path", { status: 404 });
    return new Response(body, { headers: { "content-type": "application/json" } });
  },
};
