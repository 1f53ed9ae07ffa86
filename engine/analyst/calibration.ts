/**
 * The calibration ledger: how good were the stated probabilities? Every selector run states a
 * probability for every candidate (picked or not); once the markets settle, each becomes a point
 * (probability, outcome). Pure functions; the caller joins decisions to market results.
 *
 * Brier score = mean of (probability − outcome)², 0 is perfect, 0.25 is a coin flip's score on
 * anything. Reliability buckets compare the average stated probability with the observed frequency.
 */
import type { Side } from "./types.ts";

export interface CalibrationPoint {
  selector: string;
  model: string | null;
  promptVersion: string | null;
  ticker: string;
  side: Side;
  probability: number;
  /** 1 if the side won, 0 if it lost. */
  outcome: 0 | 1;
}

export interface DecisionProbabilities {
  selector: string;
  model: string | null;
  promptVersion: string | null;
  probabilities: readonly { ticker: string; side: Side; probability: number }[];
}

/** Market results by ticker: "yes" or "no" settle a side; anything else (void, scalar, open) is skipped. */
export function calibrationPoints(
  decisions: readonly DecisionProbabilities[],
  results: ReadonlyMap<string, string>,
): CalibrationPoint[] {
  const points: CalibrationPoint[] = [];
  for (const d of decisions) {
    for (const p of d.probabilities) {
      const result = results.get(p.ticker);
      if (result !== "yes" && result !== "no") continue;
      points.push({
        selector: d.selector,
        model: d.model,
        promptVersion: d.promptVersion,
        ticker: p.ticker,
        side: p.side,
        probability: p.probability,
        outcome: result === p.side ? 1 : 0,
      });
    }
  }
  return points;
}

/** Mean squared error of the probabilities; null with no points. */
export function brierScore(
  points: readonly Pick<CalibrationPoint, "probability" | "outcome">[],
): number | null {
  if (points.length === 0) return null;
  let sum = 0;
  for (const p of points) sum += (p.probability - p.outcome) ** 2;
  return sum / points.length;
}

export interface BrierGroup {
  selector: string;
  model: string | null;
  promptVersion: string | null;
  count: number;
  brier: number;
  /** Mean stated probability: with observedFrequency, shows over- or under-confidence at a glance. */
  meanProbability: number;
  observedFrequency: number;
}

/** Brier score per (selector, model, prompt version), sorted best first, then by name for ties. */
export function brierByModel(points: readonly CalibrationPoint[]): BrierGroup[] {
  const groups = new Map<string, CalibrationPoint[]>();
  for (const p of points) {
    const key = JSON.stringify([p.selector, p.model, p.promptVersion]);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const [selector, model, promptVersion] = JSON.parse(key) as [string, string | null, string | null];
      return {
        selector,
        model,
        promptVersion,
        count: list.length,
        brier: brierScore(list) ?? 0,
        meanProbability: list.reduce((a, p) => a + p.probability, 0) / list.length,
        observedFrequency: list.reduce((a, p) => a + p.outcome, 0) / list.length,
      };
    })
    .sort(
      (a, b) =>
        a.brier - b.brier || a.selector.localeCompare(b.selector) || keyText(a).localeCompare(keyText(b)),
    );
}

const keyText = (g: BrierGroup): string => `${g.model ?? ""}|${g.promptVersion ?? ""}`;

export interface ReliabilityBucket {
  /** Inclusive lower edge of the stated-probability range. */
  lower: number;
  /** Exclusive upper edge, except the last bucket, which includes 1. */
  upper: number;
  count: number;
  /** Mean stated probability in the bucket; null when empty. */
  meanProbability: number | null;
  /** Share of the bucket's points that won; null when empty. */
  observedFrequency: number | null;
}

/**
 * Points grouped by stated probability into equal-width buckets over [from, 1]. The strategy lives
 * at 85–99%, so charts usually want from = 0.8 and 20 buckets rather than ten over 0–1; points below
 * `from` are counted in the first bucket so none are lost.
 */
export function reliabilityBuckets(
  points: readonly Pick<CalibrationPoint, "probability" | "outcome">[],
  options: { buckets?: number; from?: number } = {},
): ReliabilityBucket[] {
  const n = options.buckets ?? 10;
  const from = options.from ?? 0;
  if (!(n >= 1 && Number.isInteger(n))) throw new RangeError("buckets must be a positive integer");
  if (!(from >= 0 && from < 1)) throw new RangeError("from must be in [0, 1)");
  const width = (1 - from) / n;
  const sums = Array.from({ length: n }, () => ({ count: 0, probability: 0, wins: 0 }));
  for (const p of points) {
    // Snapped to 1e-9 first: 0.3 / 0.1 is 2.9999999999999996 in floats, and 0.3 belongs in [0.3, 0.4).
    const position = Math.round(((p.probability - from) / width) * 1e9) / 1e9;
    const i = Math.min(n - 1, Math.max(0, Math.floor(position)));
    const s = sums[i];
    if (!s) continue;
    s.count++;
    s.probability += p.probability;
    s.wins += p.outcome;
  }
  const edge = (i: number): number => Math.round((from + i * width) * 1e9) / 1e9;
  return sums.map((s, i) => ({
    lower: edge(i),
    upper: i === n - 1 ? 1 : edge(i + 1),
    count: s.count,
    meanProbability: s.count === 0 ? null : s.probability / s.count,
    observedFrequency: s.count === 0 ? null : s.wins / s.count,
  }));
}
