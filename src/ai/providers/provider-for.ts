/**
 * The provider lookup: a resolved model names its provider and kind; this returns that
 * provider's capability for the kind. Handlers call it and hand the result to a service, so
 * adding a provider means one entry here and its folder beside workers-ai/, no handler edits.
 */
import type { Config } from "../../config";
import { invalidParam } from "../../http/errors";
import { type BackendEnv, getAiRunner } from "../backend";
import type { ModelKind, ResolvedModel } from "../registry/resolve-model";
import { routingTable } from "../registry/routing-table";
import { openAICompatibleProvider } from "./openai-compatible/provider";
import { upstreamEndpoints } from "./openai-compatible/upstream-endpoints";
import type { Provider, ProviderByKind, ProviderId } from "./types";
import { throughGateway } from "./workers-ai/gateway-runner";
import { workersAiProvider } from "./workers-ai/provider";

type ProviderFactory = (env: BackendEnv, config: Config, model: ResolvedModel) => Provider;

const PROVIDERS: Readonly<Record<ProviderId, ProviderFactory>> = {
  "workers-ai": (env, config) => workersAiProvider(throughGateway(getAiRunner(env), config.aiGatewayId)),
  // The route's upstreams, keys read from the env's secrets; `fetch` is looked up per call so tests can replace it.
  "openai-compatible": (env, config, model) =>
    openAICompatibleProvider({
      endpoints: upstreamEndpoints(model.upstreams ?? [], routingTable(config), env),
      fetch: (url, init) => fetch(url, init),
    }),
};

/** The capability serving `model`; a 400 `model_not_supported` if its provider lacks that kind. */
export function providerFor<K extends ModelKind>(model: ResolvedModel<K>, env: BackendEnv, config: Config): ProviderByKind[K] {
  const capability = PROVIDERS[model.provider](env, config, model)[model.kind];
  if (!capability) {
    throw invalidParam(
      "model",
      `The model \`${model.requested}\` (${model.model}) is served by ${model.provider}, which cannot serve this endpoint.`,
      "model_not_supported",
    );
  }
  return capability as ProviderByKind[K];
}
