import { describe, expect, test } from "bun:test";
import { clientOptionsFrom, feedOptionsFrom } from "./connect.ts";

describe("options from the engine's Kalshi configuration", () => {
  test("credentials are passed through when present and omitted when not", () => {
    const cfg = {
      restUrl: "https://external-api.demo.kalshi.co/trade-api/v2",
      wsUrl: "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2",
      tier: "advanced" as const,
      credentials: { apiKeyId: "k", privateKeyPem: "pem" },
    };
    expect(clientOptionsFrom(cfg, { timeoutMs: 5 })).toEqual({
      restUrl: cfg.restUrl,
      tier: "advanced",
      apiKeyId: "k",
      privateKeyPem: "pem",
      timeoutMs: 5,
    });
    expect(feedOptionsFrom({ ...cfg, credentials: null })).toEqual({ wsUrl: cfg.wsUrl });
  });
});
