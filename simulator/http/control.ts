/**
 * Out-of-process control of the simulator under /sim (never under /trade-api): time, prices,
 * settlement, pause, faults, scenarios, keys, ledger. Unauthenticated and not rate limited: it is
 * the test harness's side door, bound to localhost.
 */
import type { Micros } from "../../engine/money/money.ts";
import type { KeyRegistry } from "../auth/keys.ts";
import { parseDuration } from "../core/durations.ts";
import { iso } from "../core/format.ts";
import { ApiError } from "../exchange/errors.ts";
import type { Exchange } from "../exchange/exchange.ts";
import { fairPrice } from "../market/fair-value.ts";
import { statusAt } from "../market/lifecycle.ts";
import type { RateLimiter } from "../ratelimit/limiter.ts";
import { TIERS, type Tier } from "../ratelimit/tiers.ts";
import { applyAction, loadScenario, resolveTicker } from "../scenario/runner.ts";
import { parseAction, parseScenario, ScenarioError } from "../scenario/schema.ts";
import { json, toResponse } from "./respond.ts";

export interface ControlDeps {
  exchange: Exchange;
  keys: KeyRegistry;
  limiter: RateLimiter;
  urls: () => { baseUrl: string; wsUrl: string };
}

const bad = (message: string): ApiError => new ApiError(400, "invalid_parameters", message);

function body<T extends Record<string, unknown>>(raw: unknown): T {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw bad("request body must be a JSON object");
  return raw as T;
}

function status(d: ControlDeps): Record<string, unknown> {
  const ex = d.exchange;
  return {
    now: ex.t,
    now_iso: iso(ex.t),
    started_at: ex.t0,
    clock: { mode: ex.clock.mode, factor: ex.clock.factor },
    trading_active: ex.tradingActive,
    markets: ex.catalog.markets.length,
    live_books: ex.live.size,
    tier: d.limiter.tier,
    ...d.urls(),
  };
}

/** JSON-safe ledger (Maps become objects; all amounts stay integer micros / centis). */
function ledgerJson(ex: Exchange, userId: string | null): unknown {
  const l = ex.ledger(userId ?? undefined);
  return {
    ...l,
    orders: l.orders.map((o) => ({ ...o, feeBasis: Object.fromEntries(o.feeBasis) })),
    units: { money: "micros", counts: "centis" },
  };
}

export async function handleControl(d: ControlDeps, req: Request, url: URL): Promise<Response> {
  const ex = d.exchange;
  const path = url.pathname.replace(/\/+$/, "");
  const method = req.method;
  try {
    const raw = method === "POST" ? await req.json().catch(() => undefined) : undefined;
    if (method === "GET" && path === "/sim/status") return json(status(d));
    if (method === "GET" && path === "/sim/ledger")
      return json(ledgerJson(ex, url.searchParams.get("user_id")));
    if (method === "GET" && path === "/sim/markets") {
      const select = url.searchParams.get("select") ?? "active";
      const limit = Math.min(1000, Number(url.searchParams.get("limit") ?? 20));
      const tickers: string[] = [];
      for (let i = 0; i < limit; i++) {
        try {
          tickers.push(resolveTicker(ex, `@${select}:${i}`));
        } catch {
          break;
        }
      }
      return json({
        markets: tickers.map((t) => {
          const m = ex.market(t);
          return {
            ticker: t,
            status: statusAt(m, ex.t),
            fair_yes_price: Math.round(fairPrice(m, ex.t0, ex.t)) / 1e6,
            close_time: iso(m.closeTime),
          };
        }),
      });
    }
    if (method !== "POST") throw new ApiError(404, "not_found", `no control endpoint ${method} ${path}`);
    const b = body<Record<string, unknown>>(raw);
    switch (path) {
      case "/sim/advance": {
        let ms: number;
        if (typeof b.to === "number" || typeof b.to === "string") {
          const to = typeof b.to === "number" ? b.to : Date.parse(b.to);
          if (!Number.isFinite(to)) throw bad("to must be ms since epoch or an ISO time");
          ms = to - ex.clock.now();
        } else ms = parseDuration((b.ms ?? b.duration) as number | string);
        if (!(ms >= 0)) throw bad("cannot move the clock backwards");
        ex.advance(ms);
        return json(status(d));
      }
      case "/sim/price": {
        if (typeof b.ticker !== "string") throw bad("ticker is required");
        const action = parseAction({
          action: "set_price",
          ticker: b.ticker,
          yes_price: b.yes_price,
          pinned: b.pinned,
        });
        applyAction(ex, action);
        return json({ ok: true, ticker: resolveTicker(ex, b.ticker) });
      }
      case "/sim/settle": {
        applyAction(
          ex,
          parseAction({
            action: "settle",
            ticker: b.ticker,
            result: b.result,
            finalize_after: b.finalize_after,
          }),
        );
        return json({ ok: true });
      }
      case "/sim/exchange": {
        if (typeof b.trading_active !== "boolean") throw bad("trading_active must be a boolean");
        ex.setTradingActive(b.trading_active);
        return json({ exchange_active: true, trading_active: ex.tradingActive });
      }
      case "/sim/actions":
      case "/sim/faults": {
        applyAction(ex, parseAction(b));
        return json({ ok: true });
      }
      case "/sim/faults/clear":
        ex.faults.clear();
        return json({ ok: true });
      case "/sim/scenario": {
        loadScenario(ex, parseScenario(b, "scenario"));
        return json({ ok: true, start: ex.t });
      }
      case "/sim/keys": {
        if (typeof b.public_key_pem !== "string") throw bad("public_key_pem is required");
        const keyId = typeof b.key_id === "string" && b.key_id ? b.key_id : crypto.randomUUID();
        const userId = typeof b.user_id === "string" && b.user_id ? b.user_id : ex.defaultUserId;
        ex.createAccount(userId);
        d.keys.register(keyId, b.public_key_pem, userId);
        return json({ key_id: keyId, user_id: userId });
      }
      case "/sim/tier": {
        if (!TIERS.includes(b.tier as Tier)) throw bad(`tier must be one of ${TIERS.join(", ")}`);
        d.limiter.setTier(b.tier as Tier);
        return json({ tier: d.limiter.tier });
      }
      case "/sim/deposit": {
        if (typeof b.cents !== "number" || !Number.isSafeInteger(b.cents))
          throw bad("cents must be an integer");
        const a = ex.account(typeof b.user_id === "string" ? b.user_id : ex.defaultUserId);
        a.cash += b.cents * 10_000;
        a.deposits += b.cents * 10_000;
        return json({ ok: true, cash_micros: a.cash as Micros });
      }
      default:
        throw new ApiError(404, "not_found", `no control endpoint POST ${path}`);
    }
  } catch (e) {
    if (e instanceof ScenarioError)
      return json({ error: { code: "invalid_scenario", message: e.message } }, 400);
    if (e instanceof RangeError)
      return json({ error: { code: "invalid_parameters", message: e.message } }, 400);
    return toResponse(e);
  }
}
