/**
 * A small fixed run for the report's tests: five trades whose every figure was worked out by hand
 * (fees by Kalshi's taker formula, 0.07 × C × P × (1 − P) rounded up to $0.0001), and an equity
 * path with a known drawdown and known daily returns.
 */
import type { TradeRow } from "../../projections/trades/projection.ts";
import type { EquitySample } from "../types.ts";
import type { ReportInput } from "./input.ts";

let seq = 0;

/** A trades row as the trades projection writes it; the caller sets what matters to the test. */
export function tradeRow(overrides: Partial<TradeRow> & Pick<TradeRow, "contract_id">): TradeRow {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    account_id: "acct-backtest",
    title: `Will ${overrides.contract_id} happen?`,
    category: "Test",
    series_ticker: overrides.contract_id.split("-")[0] ?? overrides.contract_id,
    side: "yes",
    status: "won",
    proposed_at: "2026-11-01T08:00:00.000Z",
    executed_at: "2026-11-01T08:00:01.000Z",
    allocation: 100_000_000,
    limit_price: 990_000,
    entry_odds: null,
    position_size: 0,
    entry_fees: 0,
    contracts_purchased: 0,
    exit_odds: null,
    exit_proceeds: 0,
    exit_fees: 0,
    contracts_sold: 0,
    pnl: null,
    ai_confidence: 0.9,
    ai_reasoning: "",
    risk_factors: [],
    rejection_reasons: [],
    analysis_id: null,
    scan_id: null,
    client_order_id: null,
    order_id: null,
    close_time: "2026-11-03T00:00:00.000Z",
    stop_triggered_at: null,
    resolved_at: null,
    correlation_id: "corr",
    ...overrides,
  };
}

/** The hand-worked trades. Comments give each trade's arithmetic. */
export function fixedTrades(): TradeRow[] {
  return [
    // YES at 90¢ × 100: cost $90 + fee $0.63; won: $100 − $90.63 = +$9.37.
    tradeRow({
      contract_id: "KXNBA-26NOV01-LAL",
      category: "Sports",
      side: "yes",
      status: "won",
      entry_odds: 900_000,
      position_size: 90_000_000,
      entry_fees: 630_000,
      contracts_purchased: 10_000,
      pnl: 9_370_000,
      ai_confidence: 0.95,
      resolved_at: "2026-11-01T20:00:00.000Z",
    }),
    // NO at 95¢ × 50: cost $47.50 + fee $0.1663 (0.16625 rounded up); lost: −$47.6663.
    tradeRow({
      contract_id: "KXNBA-26NOV02-BOS",
      category: "Sports",
      side: "no",
      status: "lost",
      entry_odds: 950_000,
      position_size: 47_500_000,
      entry_fees: 166_300,
      contracts_purchased: 5_000,
      pnl: -47_666_300,
      ai_confidence: 0.97,
      resolved_at: "2026-11-02T20:00:00.000Z",
    }),
    // YES at 88¢ × 100: $88 + $0.7392; stopped at 78¢: $78 − fee $1.2012 − $88.7392 = −$11.9404.
    // The market settled NO: holding would have lost $88.7392, so the stop saved $76.7988.
    tradeRow({
      contract_id: "KXCPI-26NOV-T3",
      category: "Economics",
      side: "yes",
      status: "stopped",
      entry_odds: 880_000,
      position_size: 88_000_000,
      entry_fees: 739_200,
      contracts_purchased: 10_000,
      exit_odds: 780_000,
      exit_proceeds: 78_000_000,
      exit_fees: 1_201_200,
      contracts_sold: 10_000,
      pnl: -11_940_400,
      ai_confidence: 0.9,
      stop_triggered_at: "2026-11-02T09:00:00.000Z",
      resolved_at: "2026-11-02T09:00:05.000Z",
    }),
    // NO at 92¢ × 100: $92 + $0.5152; stopped at 79¢: $79 − $1.1613 − $92.5152 = −$14.6765.
    // The market settled NO (our side): holding would have made $100 − $92.5152 = +$7.4848, so
    // the stop cost $22.1613.
    tradeRow({
      contract_id: "KXFED-26DEC-H0",
      category: "Economics",
      side: "no",
      status: "stopped",
      entry_odds: 920_000,
      position_size: 92_000_000,
      entry_fees: 515_200,
      contracts_purchased: 10_000,
      exit_odds: 790_000,
      exit_proceeds: 79_000_000,
      exit_fees: 1_161_300,
      contracts_sold: 10_000,
      pnl: -14_676_500,
      ai_confidence: 0.92,
      stop_triggered_at: "2026-11-03T09:00:00.000Z",
      resolved_at: "2026-11-03T09:00:05.000Z",
    }),
    // YES at 97¢ × 100, still open at the end: fee $0.2037 paid, no P&L yet.
    tradeRow({
      contract_id: "KXHIGHNY-26NOV05-B45",
      category: "Climate and Weather",
      side: "yes",
      status: "open",
      entry_odds: 970_000,
      position_size: 97_000_000,
      entry_fees: 203_700,
      contracts_purchased: 10_000,
    }),
    // Rejected by risk: never filled, in no figure.
    tradeRow({ contract_id: "KXBTC-26NOV01-T90000", category: "Crypto", status: "rejected" }),
  ];
}

export const FIXED_RESULTS: ReadonlyMap<string, string> = new Map([
  ["KXNBA-26NOV01-LAL", "yes"],
  ["KXNBA-26NOV02-BOS", "yes"],
  ["KXCPI-26NOV-T3", "no"],
  ["KXFED-26DEC-H0", "no"],
  ["KXHIGHNY-26NOV05-B45", ""],
]);

/**
 * $1,000 → peak $1,020 (Nov 1, noon) → trough $980 (Nov 2): a $40 drawdown, 3.92% of the peak.
 * Daily closes 1010, 990, (Nov 3: no sample, carried), 1030.
 */
export const FIXED_EQUITY: EquitySample[] = [
  { at: "2026-11-01T00:00:00.000Z", balanceMicros: 1_000_000_000 },
  { at: "2026-11-01T12:00:00.000Z", balanceMicros: 1_020_000_000 },
  { at: "2026-11-01T18:00:00.000Z", balanceMicros: 1_010_000_000 },
  { at: "2026-11-02T10:00:00.000Z", balanceMicros: 980_000_000 },
  { at: "2026-11-02T20:00:00.000Z", balanceMicros: 990_000_000 },
  { at: "2026-11-04T09:00:00.000Z", balanceMicros: 1_030_000_000 },
];

export function fixedInput(): ReportInput {
  return {
    parameters: { MIN_ODDS: "0.88", STOP_LOSS_THRESHOLD: "0.80" },
    from: "2026-11-01T00:00:00.000Z",
    to: "2026-11-05T00:00:00.000Z",
    source: { kind: "sim", seed: 7, markets: 600 },
    selector: "rules",
    eventsProcessed: 12_345,
    equity: FIXED_EQUITY,
    startingBalanceMicros: 1_000_000_000,
    aiSpentMicros: 0,
    trades: fixedTrades(),
    marketResults: FIXED_RESULTS,
  };
}
