/**
 * Where Kalshi lives. REST and WebSocket are on different hosts in Kalshi's own environments, so
 * each environment names both; a custom REST URL (the simulator) serves WebSocket on the same host.
 */

export const KALSHI_ENVIRONMENTS = {
  production: {
    restUrl: "https://external-api.kalshi.com/trade-api/v2",
    wsUrl: "wss://external-api-ws.kalshi.com/trade-api/ws/v2",
  },
  demo: {
    restUrl: "https://external-api.demo.kalshi.co/trade-api/v2",
    wsUrl: "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2",
  },
} as const;

export type KalshiEnv = keyof typeof KALSHI_ENVIRONMENTS | "custom";

/** ws(s)://same-host/trade-api/ws/v2 for an http(s) REST URL; Kalshi's own pairing for its URLs. */
export function deriveWsUrl(restUrl: string): string {
  for (const known of Object.values(KALSHI_ENVIRONMENTS)) {
    if (known.restUrl === restUrl) return known.wsUrl;
  }
  const url = new URL(restUrl);
  const protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${url.host}/trade-api/ws/v2`;
}

/**
 * The URLs to use. An explicit base URL wins over the environment's; custom without one is
 * refused before this is called.
 */
export function resolveKalshiUrls(
  env: KalshiEnv,
  baseUrl: string | undefined,
  wsUrl: string | undefined,
): { restUrl: string; wsUrl: string } {
  if (baseUrl !== undefined) return { restUrl: baseUrl, wsUrl: wsUrl ?? deriveWsUrl(baseUrl) };
  if (env === "custom") throw new Error("KALSHI_ENV=custom needs KALSHI_BASE_URL");
  const known = KALSHI_ENVIRONMENTS[env];
  return { restUrl: known.restUrl, wsUrl: wsUrl ?? known.wsUrl };
}
