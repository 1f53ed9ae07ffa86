/**
 * The whole scan as the job runs it:
 *
 *   const t1 = scanTier1(rows, config, now);                 // market cache only
 *   const books = await fetchBooks(t1.survivors.map(...));   // the job's I/O, survivors only
 *   const t2 = scanTier2(t1.survivors, books, config, now);
 *   const { event, scored, explain } = buildScan(scanId, config, t1, t2);
 *   append CandidatesScanned(event)
 *
 * `event` is exactly the CandidatesScanned data, historical win rate and EV included; `scored`
 * keeps the same figures beside each candidate for callers that rank by them.
 */
import type { z } from "zod";
import type { CandidatesScanned } from "../../../events/catalog/candidates-scanned.ts";
import { exactDollars } from "../../risk/format.ts";
import { type Criteria, type ScanConfig, scanCriteria } from "./criteria.ts";
import type { ScanMarketRow } from "./market-row.ts";
import { DEFAULT_SAMPLE_SIZE, type StageCount, type StageExplain } from "./stages.ts";
import { scanTier1, type Tier1Result } from "./tier1.ts";
import {
  type BookLookup,
  type ScoredCandidate,
  scanTier2,
  type Tier2Options,
  type Tier2Result,
} from "./tier2.ts";

export type CandidatesScannedData = z.output<typeof CandidatesScanned.schema>;

export interface ScanOutput {
  event: CandidatesScannedData;
  /** The candidates in the same order, with the historical win rate and its EV. */
  scored: ScoredCandidate[];
  /** Every stage with its count, how many it dropped, and sample markets: `scan --explain`. */
  explain: StageExplain[];
}

export function buildScan(
  scanId: string,
  config: ScanConfig,
  tier1: Tier1Result,
  tier2: Tier2Result,
  sampleSize = DEFAULT_SAMPLE_SIZE,
): ScanOutput {
  const candidates = tier2.candidates.map((c) => c.candidate);
  const stages: StageCount[] = [
    ...tier1.stages,
    ...tier2.stages,
    { name: "candidates", count: candidates.length },
  ];
  const samples: Record<string, { ticker: string; title: string; reason: string }[]> = {
    ...tier1.samples,
    ...tier2.samples,
    candidates: tier2.candidates.slice(0, sampleSize).map((c) => ({
      ticker: c.candidate.ticker,
      title: c.candidate.title,
      reason: `${c.candidate.side.toUpperCase()} at $${exactDollars(c.candidate.price)}, EV/$ ${c.candidate.evPerDollarAfterFees.toFixed(4)} (market), ${c.evPerDollarHistorical?.toFixed(4) ?? "n/a"} (history)`,
    })),
  };
  const explain = stages.map((s, i): StageExplain => {
    const before = i === 0 ? s.count : (stages[i - 1]?.count ?? s.count);
    return { ...s, dropped: before - s.count, samples: samples[s.name] ?? [] };
  });
  const criteria: Criteria = scanCriteria(config);
  return {
    event: { scanId, criteria, stages: stages.map((s) => ({ name: s.name, count: s.count })), candidates },
    scored: tier2.candidates,
    explain,
  };
}

export interface ScanInput extends Tier2Options {
  scanId: string;
  rows: readonly ScanMarketRow[];
  books: BookLookup;
  config: ScanConfig;
  now: number;
}

/** Both tiers at once, for callers that already hold every book (backtests, tests). */
export function scanMarkets(input: ScanInput): ScanOutput {
  const tier1 = scanTier1(input.rows, input.config, input.now, input);
  const tier2 = scanTier2(tier1.survivors, input.books, input.config, input.now, input);
  return buildScan(input.scanId, input.config, tier1, tier2, input.sampleSize);
}
