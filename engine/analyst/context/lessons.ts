/**
 * "Lessons learned from losses", summarised without a model: the reasoning and risk factors of the
 * most recent losing trades, which risk factors keep coming back in losses, and where losses cluster.
 * Deterministic, so the same history always yields the same prompt (and the same prompt hash).
 */
import type { Micros } from "../../money/money.ts";
import { showDollars } from "../money-text.ts";
import { bucketOf, PRICE_BUCKETS } from "./aggregate.ts";
import type { TradeHistoryRow } from "./history.ts";
import { outcomeOf } from "./outcome.ts";
import { truncate } from "./text.ts";

export interface LossLesson {
  ticker: string;
  title: string;
  category: string;
  side: "yes" | "no";
  status: string;
  entryPrice: string;
  confidence: number;
  pnl: string | null;
  reasoning: string;
  riskFactors: string[];
}

export interface RecurringRiskFactor {
  factor: string;
  inLosses: number;
  inWins: number;
}

export interface Lessons {
  recentLosses: LossLesson[];
  recurringRiskFactors: RecurringRiskFactor[];
  summary: string[];
}

export const MAX_LOSS_LESSONS = 10;
const MAX_REASONING_CHARS = 300;
const MAX_RECURRING = 5;

const dollars = (m: Micros | null): string | null => (m === null ? null : showDollars(m, 2));
const normalise = (factor: string): string => factor.trim().toLowerCase().replace(/\s+/g, " ");
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fixed = (x: number, d: number): string => x.toFixed(d);

function countFactors(trades: readonly TradeHistoryRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of trades) {
    // A factor repeated within one trade counts once: we count trades, not mentions.
    for (const f of new Set(t.riskFactors.map(normalise).filter((f) => f !== ""))) {
      counts.set(f, (counts.get(f) ?? 0) + 1);
    }
  }
  return counts;
}

export function lessonsFromHistory(trades: readonly TradeHistoryRow[]): Lessons {
  const losses = trades.filter((t) => outcomeOf(t) === "loss");
  const wins = trades.filter((t) => outcomeOf(t) === "win");

  const recentLosses = losses.slice(0, MAX_LOSS_LESSONS).map(
    (t): LossLesson => ({
      ticker: t.ticker,
      title: truncate(t.title, 160),
      category: t.category,
      side: t.side,
      status: t.status,
      entryPrice: showDollars(t.entryPrice, 4),
      confidence: t.confidence,
      pnl: dollars(t.pnl),
      reasoning: truncate(t.reasoning, MAX_REASONING_CHARS),
      riskFactors: t.riskFactors.map((f) => truncate(f, 120)),
    }),
  );

  const lossFactors = countFactors(losses);
  const winFactors = countFactors(wins);
  const recurringRiskFactors = [...lossFactors.entries()]
    .filter(([, n]) => n >= 2)
    .map(([factor, n]) => ({ factor, inLosses: n, inWins: winFactors.get(factor) ?? 0 }))
    .sort((a, b) => b.inLosses - a.inLosses || a.inWins - b.inWins || a.factor.localeCompare(b.factor))
    .slice(0, MAX_RECURRING);

  return { recentLosses, recurringRiskFactors, summary: summarise(losses, wins, recurringRiskFactors) };
}

function summarise(
  losses: readonly TradeHistoryRow[],
  wins: readonly TradeHistoryRow[],
  recurring: readonly RecurringRiskFactor[],
): string[] {
  const decided = losses.length + wins.length;
  if (decided === 0) return ["No decided trades yet: there is no track record to learn from."];
  const lines: string[] = [];
  const stops = losses.filter((t) => t.status === "stopped").length;
  lines.push(`${losses.length} of ${decided} decided trades were losses (${stops} of them stop-losses).`);
  if (losses.length > 0 && wins.length > 0) {
    const lc = mean(losses.map((t) => t.confidence));
    const wc = mean(wins.map((t) => t.confidence));
    lines.push(
      `Average stated confidence was ${fixed(lc, 3)} on losses and ${fixed(wc, 3)} on wins` +
        (lc >= wc ? ": confidence has not separated winners from losers." : "."),
    );
  }
  for (const [label, n] of clusters(losses, (t) => t.category || "uncategorized")) {
    lines.push(`Category ${label}: ${n} losses.`);
  }
  for (const [label, n] of clusters(losses, (t) => bucketOf(t.entryPrice, PRICE_BUCKETS))) {
    lines.push(`Entry price ${label}: ${n} losses.`);
  }
  for (const r of recurring) {
    lines.push(`Risk factor "${r.factor}" was flagged on ${r.inLosses} losses and ${r.inWins} wins.`);
  }
  return lines;
}

/** Groups holding at least two losses, most first, then by name: where losses cluster. */
function clusters(
  losses: readonly TradeHistoryRow[],
  keyOf: (t: TradeHistoryRow) => string,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of losses) counts.set(keyOf(t), (counts.get(keyOf(t)) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
