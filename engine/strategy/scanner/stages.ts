/**
 * The scanner's funnel, in order. Each stage's count is how many markets are still in after it,
 * so the counts never rise. Tier 1 reads only the market cache; Tier 2 needs order books, which
 * the job fetches for Tier-1 survivors only.
 */
export const STAGES = [
  "all markets",
  "active",
  "closes in window",
  "valid price",
  "price in band",
  "book confirms price",
  "entry depth",
  "exit depth",
  "candidates",
] as const;

export type StageName = (typeof STAGES)[number];

export interface StageCount {
  name: StageName;
  count: number;
}

/** A market that left the funnel at a stage, with why: the material of `scan --explain`. */
export interface StageSample {
  ticker: string;
  title: string;
  reason: string;
}

export interface StageExplain extends StageCount {
  /** Markets dropped at this stage (count of the previous stage − this count). */
  dropped: number;
  /** The first few of them (input order), or for "candidates" the first few candidates. */
  samples: StageSample[];
}

export const DEFAULT_SAMPLE_SIZE = 5;
