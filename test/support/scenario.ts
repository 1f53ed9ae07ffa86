import fc from "fast-check";
import type { PendingEvent } from "../../events/event-store.ts";

/**
 * Random but coherent stretches of trading history, as the engine would write them: markets
 * observed, scans, analyses, trades proposed → rejected | filled → stopped | closed | resolved,
 * breakers, pauses, reports and errors. Used by property tests of the projections.
 */
export interface ScriptedAppend {
  stream: string;
  events: PendingEvent[];
  /** Minutes after the scenario start. */
  at: number;
}

const TICKERS = ["KXHIGHNY-26NOV25-B45", "KXBTC-26NOV25-T90000", "KXFED-26DEC-H0", "KXNBA-26NOV25-LAL"];
const hex = (n: number) => n.toString(16).padStart(12, "0");
const uuidOf = (n: number) => `00000000-0000-4000-8000-${hex(n)}`;

const step = fc.oneof(
  fc.record({
    kind: fc.constant("observe" as const),
    ticker: fc.constantFrom(...TICKERS),
    yes: fc.integer({ min: 10_000, max: 990_000 }),
    status: fc.constantFrom("active", "active", "closed", "finalized"),
  }),
  fc.record({
    kind: fc.constant("trade" as const),
    ticker: fc.constantFrom(...TICKERS),
    side: fc.constantFrom("yes" as const, "no" as const),
    price: fc.integer({ min: 850_000, max: 980_000 }),
    contracts: fc.integer({ min: 1, max: 60 }),
    fills: fc.integer({ min: 0, max: 3 }),
    end: fc.constantFrom("rejected", "open", "won", "lost", "void", "stopped", "closed", "failed"),
  }),
  fc.record({ kind: fc.constant("scan" as const), count: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("analysis" as const), picks: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("state" as const), what: fc.constantFrom("pause", "resume", "breaker") }),
  fc.record({
    kind: fc.constant("report" as const),
    which: fc.constantFrom("morning" as const, "daily" as const, "monthly" as const),
  }),
  fc.record({
    kind: fc.constant("error" as const),
    source: fc.constantFrom("refresh-markets", "GET /markets", "ai"),
  }),
);

export const scenarioArbitrary = fc.array(step, { minLength: 1, maxLength: 40 }).map(buildScenario);

export function buildScenario(steps: readonly StepValue[]): ScriptedAppend[] {
  const out: ScriptedAppend[] = [];
  let n = 0;
  let minute = 0;
  for (const s of steps) {
    minute += 37;
    const id = uuidOf(++n);
    switch (s.kind) {
      case "observe": {
        const closeTime = new Date(Date.UTC(2026, 10, 26) + n * 60_000).toISOString();
        out.push({
          stream: `market-${s.ticker}`,
          at: minute,
          events: [
            {
              type: "MarketObserved",
              data: {
                ticker: s.ticker,
                eventTicker: s.ticker.split("-").slice(0, 2).join("-"),
                seriesTicker: s.ticker.split("-")[0] ?? s.ticker,
                title: `Will ${s.ticker} happen?`,
                category: "Test",
                status: s.status,
                closeTime,
                yesBid: s.yes - 10_000,
                yesAsk: s.yes,
                noBid: 1_000_000 - s.yes,
                noAsk: 1_010_000 - s.yes,
                yesBidSize: 10_000,
                yesAskSize: 5_000,
                lastPrice: s.yes,
                volume: n * 100,
                openInterest: n * 50,
                result: s.status === "finalized" ? "yes" : "",
              },
            },
          ],
        });
        break;
      }
      case "trade": {
        const tradeId = id;
        const count = s.contracts * 100;
        const events: PendingEvent[] = [
          {
            type: "TradeProposed",
            data: {
              tradeId,
              analysisId: null,
              scanId: null,
              ticker: s.ticker,
              title: "t",
              category: "Test",
              seriesTicker: "KX",
              side: s.side,
              allocation: 50_000_000,
              limitPrice: s.price,
              closeTime: "2026-11-27T00:00:00.000Z",
              confidence: 0.9,
              reasoning: "because",
              riskFactors: ["r"],
              // Not from risk: scripted trades record no checks.
              riskChecks: null,
            },
          },
        ];
        if (s.end === "rejected") {
          events.push({
            type: "TradeRejected",
            data: {
              tradeId,
              ticker: s.ticker,
              side: s.side,
              allocation: 50_000_000,
              reasons: [{ check: "daily_budget", detail: "over" }],
              checks: null,
            },
          });
        } else {
          events.push({
            type: "OrderPlaced",
            data: {
              tradeId,
              clientOrderId: `c-${tradeId}`,
              orderId: `o-${tradeId}`,
              ticker: s.ticker,
              side: s.side,
              action: "buy",
              purpose: "entry",
              count,
              limitPrice: s.price,
              timeInForce: "immediate_or_cancel",
              mode: "paper",
            },
          });
          const fills = s.end === "failed" ? 0 : Math.max(1, s.fills);
          for (let f = 0; f < fills; f++) {
            events.push({
              type: "OrderFilled",
              id: uuidOf(1_000_000 + n * 10 + f),
              data: {
                tradeId,
                orderId: `o-${tradeId}`,
                fillId: `f-${n}-${f}`,
                ticker: s.ticker,
                side: s.side,
                action: "buy",
                purpose: "entry",
                count: Math.max(1, Math.floor(count / fills)),
                price: s.price,
                fee: 3_400,
                isTaker: true,
                filledAt: "2026-11-25T08:00:01.000Z",
              },
            });
          }
          if (s.end === "failed")
            events.push({
              type: "OrderFailed",
              data: {
                tradeId,
                clientOrderId: `c-${tradeId}`,
                orderId: `o-${tradeId}`,
                ticker: s.ticker,
                side: s.side,
                purpose: "entry",
                reason: "no liquidity",
              },
            });
          const entryCost = Math.round((s.price * count) / 100) + 3_400 * fills;
          if (s.end === "stopped" || s.end === "closed") {
            if (s.end === "stopped")
              events.push({
                type: "StopTriggered",
                data: {
                  tradeId,
                  ticker: s.ticker,
                  side: s.side,
                  triggerPrice: 790_000,
                  threshold: 800_000,
                  source: "realtime",
                },
              });
            events.push({
              type: "OrderFilled",
              id: uuidOf(2_000_000 + n),
              data: {
                tradeId,
                orderId: `s-${tradeId}`,
                fillId: `fs-${n}`,
                ticker: s.ticker,
                side: s.side,
                action: "sell",
                purpose: s.end === "stopped" ? "stop_loss" : "manual_close",
                count,
                price: 780_000,
                fee: 12_000,
                isTaker: true,
                filledAt: "2026-11-25T12:00:00.000Z",
              },
            });
            const proceeds = Math.round((780_000 * count) / 100);
            events.push({
              type: "PositionClosed",
              data: {
                tradeId,
                ticker: s.ticker,
                side: s.side,
                reason: s.end === "stopped" ? "stop_loss" : "manual",
                contracts: count,
                entryCost,
                exitPrice: 780_000,
                proceeds,
                fees: 12_000 + 3_400 * fills,
                realizedPnl: proceeds - 12_000 - entryCost,
              },
            });
          }
          if (s.end === "won" || s.end === "lost" || s.end === "void") {
            const payout = s.end === "won" ? count * 10_000 : s.end === "void" ? entryCost : 0;
            events.push({
              type: "Resolved",
              data: {
                tradeId,
                ticker: s.ticker,
                side: s.side,
                marketResult:
                  s.end === "void" ? "void" : s.end === "won" ? s.side : s.side === "yes" ? "no" : "yes",
                outcome: s.end,
                contracts: count,
                entryCost,
                payout,
                fees: 3_400 * fills,
                realizedPnl: payout - entryCost,
                settledAt: new Date(Date.UTC(2026, 10, 25 + (n % 3))).toISOString(),
              },
            });
          }
        }
        out.push({ stream: `trade-${tradeId}`, at: minute, events });
        break;
      }
      case "scan":
        out.push({
          stream: `scan-${id}`,
          at: minute,
          events: [
            {
              type: "CandidatesScanned",
              data: {
                scanId: id,
                criteria: { MIN_ODDS: 0.85 },
                stages: [
                  { name: "all", count: 100 },
                  { name: "odds", count: s.count },
                ],
                candidates: [],
              },
            },
          ],
        });
        break;
      case "analysis":
        out.push({
          stream: `analysis-${id}`,
          at: minute,
          events: [
            {
              type: "AnalysisCompleted",
              data: {
                analysisId: id,
                scanId: null,
                selector: "rules",
                status: "accepted",
                model: null,
                promptVersion: null,
                promptHash: null,
                context: { n },
                rawResponse: "{}",
                selections: Array.from({ length: s.picks }, (_, i) => ({
                  ticker: TICKERS[i] ?? "X",
                  side: "yes" as const,
                  allocation: 20_000_000,
                  confidence: 0.9,
                  reasoning: "r",
                  riskFactors: [],
                })),
                probabilities: [],
                strategyNotes: "",
                candidatesAnalyzed: 5,
                totalAllocated: s.picks * 20_000_000,
                rejectionReasons: [],
                inputTokens: 0,
                outputTokens: 0,
                cost: 0,
                latencyMs: 3,
              },
            },
          ],
        });
        break;
      case "state":
        out.push({
          stream: "trading-state",
          at: minute,
          events: [
            s.what === "pause"
              ? { type: "TradingPaused", data: { reason: "by hand", pausedUntil: null } }
              : s.what === "resume"
                ? { type: "TradingResumed", data: { reason: "by hand" } }
                : {
                    type: "CircuitBreakerTripped",
                    data: { breaker: "loss_streak", detail: "5 losses", pausedUntil: null },
                  },
          ],
        });
        break;
      case "report": {
        const period =
          s.which === "monthly"
            ? `2026-${String((n % 12) + 1).padStart(2, "0")}`
            : `2026-11-${String((n % 28) + 1).padStart(2, "0")}`;
        out.push({
          stream: `report-${s.which}-${period}`,
          at: minute,
          events: [
            {
              type: "ReportGenerated",
              data: {
                reportId: id,
                kind: s.which,
                period,
                summary: "s",
                body: { totalTrades: n, totalPnl: -n, winRate: 0.5 },
              },
            },
          ],
        });
        break;
      }
      case "error":
        out.push({
          stream: `error-${id}`,
          at: minute,
          events: [
            {
              type: "ErrorRecorded",
              data: { errorId: id, source: s.source, message: "boom", stack: null, context: { n } },
            },
          ],
        });
        break;
    }
  }
  return out;
}

type StepValue = typeof step extends fc.Arbitrary<infer T> ? T : never;
