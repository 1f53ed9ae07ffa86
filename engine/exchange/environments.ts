/**
 * Where Kalshi lives. Any Kalshi-compatible base URL works too (the simulator): pass it as
 * `restUrl` / `wsUrl` directly. REST paths are signed from /trade-api/v2/..., the WebSocket
 * upgrade as GET /trade-api/ws/v2.
 */
export interface ExchangeEndpoints {
  restUrl: string;
  wsUrl: string;
}

export const KALSHI_ENVIRONMENTS = {
  production: {
    restUrl: "https://external-api.kalshi.com/trade-api/v2",
    wsUrl: "wss://external-api-ws.kalshi.com/trade-api/ws/v2",
  },
  demo: {
    restUrl: "https://external-api.demo.kalshi.co/trade-api/v2",
    wsUrl: "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2",
  },
} as const satisfies Record<string, ExchangeEndpoints>;

export type KalshiEnvironment = keyof typeof KALSHI_ENVIRONMENTS;
