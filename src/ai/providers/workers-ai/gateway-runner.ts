/**
 * AI_GATEWAY_ID: every Workers AI binding call goes through that Cloudflare AI Gateway
 * (`env.AI.run(model, inputs, { gateway: { id } })`), for its logs, caching and rate limits.
 */
import type { AiRunner } from "../../types";

/** `ai` with `{ gateway: { id } }` added to every call's options; `ai` itself when no gateway is set. */
export function throughGateway(ai: AiRunner, gatewayId: string | undefined): AiRunner {
  if (!gatewayId) return ai;
  return {
    run: (model, inputs, options) => ai.run(model, inputs, { ...options, gateway: { id: gatewayId } }),
  };
}
