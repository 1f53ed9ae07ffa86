/**
 * From the engine's Kalshi configuration (engine/config's KalshiConfig, matched structurally so
 * this folder does not depend on that one) to client and feed options. Credentials are optional:
 * without them market data still works, orders and private channels do not.
 */
import type { ExchangeClientOptions } from "./client.ts";
import type { LiveFeedOptions } from "./feed/feed.ts";
import type { Tier } from "./rate-limit.ts";

export interface KalshiConnection {
  restUrl: string;
  wsUrl: string;
  tier: Tier;
  credentials: { apiKeyId: string; privateKeyPem: string } | null;
}

export function clientOptionsFrom(
  cfg: KalshiConnection,
  extra: Omit<Partial<ExchangeClientOptions>, "restUrl" | "apiKeyId" | "privateKeyPem" | "tier"> = {},
): ExchangeClientOptions {
  return {
    ...extra,
    restUrl: cfg.restUrl,
    tier: cfg.tier,
    ...(cfg.credentials
      ? { apiKeyId: cfg.credentials.apiKeyId, privateKeyPem: cfg.credentials.privateKeyPem }
      : {}),
  };
}

export function feedOptionsFrom(
  cfg: KalshiConnection,
  extra: Omit<Partial<LiveFeedOptions>, "wsUrl" | "apiKeyId" | "privateKeyPem"> = {},
): LiveFeedOptions {
  return {
    ...extra,
    wsUrl: cfg.wsUrl,
    ...(cfg.credentials
      ? { apiKeyId: cfg.credentials.apiKeyId, privateKeyPem: cfg.credentials.privateKeyPem }
      : {}),
  };
}
