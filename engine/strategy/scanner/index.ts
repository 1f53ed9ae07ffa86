export { type Criteria, type ScanConfig, scanCriteria } from "./criteria.ts";
export { EV_REFERENCE_CONTRACTS, evPerDollarAfterFees, marketEvPerDollar, referenceCost } from "./ev.ts";
export type { ScanMarketRow } from "./market-row.ts";
export {
  buildScan,
  type CandidatesScannedData,
  type ScanInput,
  type ScanOutput,
  scanMarkets,
} from "./scan.ts";
export {
  DEFAULT_SAMPLE_SIZE,
  STAGES,
  type StageCount,
  type StageExplain,
  type StageName,
  type StageSample,
} from "./stages.ts";
export {
  scanTier1,
  type Tier1Config,
  type Tier1Options,
  type Tier1Result,
  type Tier1Survivor,
} from "./tier1.ts";
export {
  type BookLookup,
  type ScanCandidate,
  type ScoredCandidate,
  scanTier2,
  type Tier2Config,
  type Tier2Options,
  type Tier2Result,
} from "./tier2.ts";
export { historicalWinRate, parseWinRateCsv, type WinRateRow, type WinRateTable } from "./win-rate.ts";
export { KALSHI_WIN_RATE_BY_PRICE } from "./win-rate-data.ts";
