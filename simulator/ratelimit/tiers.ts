/**
 * Kalshi API usage tiers: tokens per second for the read and write buckets. A request costs 10
 * tokens by default. The read bucket holds one second of budget; the write bucket two seconds
 * (per our facts file; the SDK's BucketLimit doc says two seconds only above Basic — we follow the
 * facts file and note the difference).
 */
export type Tier = "basic" | "advanced" | "premier" | "paragon" | "prime";
export const TIERS: readonly Tier[] = ["basic", "advanced", "premier", "paragon", "prime"];

export interface BucketLimit {
  refillRate: number;
  capacity: number;
}

export interface TierLimits {
  read: BucketLimit;
  write: BucketLimit;
}

const RATES: Record<Tier, [number, number]> = {
  basic: [200, 100],
  advanced: [300, 300],
  premier: [1000, 1000],
  paragon: [2000, 2000],
  prime: [4000, 4000],
};

export function tierLimits(tier: Tier): TierLimits {
  const [read, write] = RATES[tier];
  return { read: { refillRate: read, capacity: read }, write: { refillRate: write, capacity: write * 2 } };
}
