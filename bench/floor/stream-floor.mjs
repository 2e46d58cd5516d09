/**
 * Floor 2 for the bench: a minimal Worker that pipes the emulated AI stream through
 * unchanged. It parses the request's `messages` and `max_tokens`, calls the same offline
 * emulator ai-forwarder uses in offline mode (no artificial delay) with `stream: true`, and
 * returns its Workers AI SSE bytes as the response body. The streamed scenarios send it the
 * same prompt, so the emulator's own cost is in the floor and cancels out.
 */
import { createEmulatedAi } from "../../src/dev/emulator/emulated-ai.ts";

const ai = createEmulatedAi();
const MODEL = "@cf/zai-org/glm-4.7-flash";

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ok");
    const { messages, max_tokens } = await request.json();
    const stream = await ai.run(MODEL, { messages, max_tokens, stream: true });
    return new Response(stream, { headers: { "content-type": "text/event-stream" } });
  },
};
