/** The dashboard's two busiest reads, as the bench sends them. */
export const QUERIES = {
  overview: `{ overview { balance { micros } bankroll { display } totalPnl { micros display } realizedPnl { display }
    unrealizedPnl { display } winRate roi openPositionCount tradingState { status reason }
    equityCurve { date cumulativePnl { micros } } dailyPnl { date pnl { micros } trades } } }`,
  trades: `{ trades(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
    id ticker title side status proposedAt closedAt entryPrice { dollars } entryCost { display }
    realizedPnl { micros display } unrealizedPnl { display } market { yesBid { dollars } noBid { dollars } } } } } }`,
} as const;

export type QueryName = keyof typeof QUERIES;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
