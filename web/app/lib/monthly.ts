/**
 * Reads the monthly report's JSON sections (written by engine/reports/monthly.ts; money as integer
 * micros). The API hands them over as opaque JSON, so every field is checked rather than trusted:
 * a report from an older engine version renders what it has instead of crashing the page.
 */

export interface GroupStats {
  name: string;
  trades: number;
  wins: number;
  losses: number;
  /** Integer micros. */
  pnl: number;
  /** Integer micros. */
  invested: number;
  /** Fraction 0..1. */
  winRate: number | null;
  /** Percent. */
  roi: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function toStats(name: string, value: unknown): GroupStats | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const pnl = num(v.pnl);
  if (pnl === null) return null;
  return {
    name,
    trades: num(v.trades) ?? 0,
    wins: num(v.wins) ?? 0,
    losses: num(v.losses) ?? 0,
    pnl,
    invested: num(v.invested) ?? 0,
    winRate: num(v.winRate),
    roi: num(v.roi),
  };
}

/** `marketTypeAnalysis` / `seriesAnalysis`: { name: stats }, best P&L first. */
export function parseStatsRecord(json: unknown): GroupStats[] {
  if (!json || typeof json !== "object" || Array.isArray(json)) return [];
  return Object.entries(json as Record<string, unknown>)
    .flatMap(([name, value]) => {
      const stats = toStats(name, value);
      return stats ? [stats] : [];
    })
    .sort((a, b) => b.pnl - a.pnl || a.name.localeCompare(b.name));
}

/** `topMarketTypes` / `worstMarketTypes`: [{ category, trades, pnl, roi, winRate }], in report order. */
export function parseRanked(json: unknown): GroupStats[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const name = item && typeof item === "object" ? (item as { category?: unknown }).category : null;
    const stats = typeof name === "string" ? toStats(name, item) : null;
    return stats ? [stats] : [];
  });
}

/** The report's insights, one per line. */
export function insightLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
