/**
 * What a backtest run hands back. The report (engine/backtest/report/) computes everything from
 * this: the scratch database holds the normal projection tables (trades, stop_loss_events,
 * contracts, ai_decisions…) exactly as the live engine would have written them, and `equity` is
 * the paper balance sampled at every step of the run.
 */
import type { Config } from "../config/index.ts";
import type { Database } from "../db/database.ts";

/** Where the markets come from: the own event log, imported Kalshi history, or the simulator's generator. */
export type SourceSpec =
  | { kind: "log" }
  /** Kalshi history imported by `import-history` (engine/history); candles have no sizes, so
   *  `assumedDepth` contracts a book level, if given. */
  | { kind: "history"; dir: string; assumedDepth?: number }
  /** Observations in a JSON-lines file (sources/file-source.ts): a sweep's copy of the log, or imported history. */
  | { kind: "file"; path: string }
  | { kind: "sim"; seed: number; markets?: number }
  /** A ready MarketSource handed in by code (tests, benchmarks). */
  | { kind: "custom"; name: string };

/** Who picks: the rules, the AI decisions recorded in a log, or the live AI (cached, capped). */
export type SelectorSpec = "rules" | "recorded" | "ai";

export interface EquitySample {
  /** ISO 8601 instant of the sample (the backtest clock, never the wall). */
  at: string;
  /** Paper cash + open positions at cost, in integer micros (PAPER_STARTING_BALANCE + realized P&L). */
  balanceMicros: number;
}

export interface BacktestRun {
  /** The scratch database: still open; the caller closes it. */
  db: Database;
  /** The validated configuration the run traded with (overrides applied). */
  config: Config;
  /** The overrides asked for (`--set` / one sweep cell), as given: NAME → value. */
  parameters: Record<string, string>;
  /** ISO instants: the run covered [from, to). */
  from: string;
  to: string;
  source: SourceSpec;
  selector: SelectorSpec;
  /** Market events (observations, resolutions) the run consumed. */
  eventsProcessed: number;
  /** One sample per step, in time order, the first at `from`. */
  equity: EquitySample[];
  startingBalanceMicros: number;
  /** Dollars (micros) the live AI selector spent on model calls not found in the cache. */
  aiSpentMicros: number;
  /** Wall-clock milliseconds the run took (for throughput figures only; never in a result). */
  elapsedMs: number;
}
