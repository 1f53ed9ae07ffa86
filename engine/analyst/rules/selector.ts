/**
 * The rules-based selector (see ../RULES.md): no model, no network, same input → same output.
 * It runs when there is no AI key, when the AI is down or over its daily cap, and can be used on
 * its own as a baseline for the calibration ledger.
 */
import { type Micros, micros, sumMicros } from "../../money/money.ts";
import type { Clock } from "../../time/clock.ts";
import { showDollars } from "../money-text.ts";
import { uniqueCandidates } from "../rules-check.ts";
import type { AnalysisResult, Selection, Selector, SelectorInput } from "../types.ts";
import { convictionSize, rank, type Scored, score } from "./score.ts";
import { loadWinRateTable, type WinRateTable } from "./win-rate.ts";

export const RULES_VERSION = "rules-1";

export interface RulesSelectorOptions {
  clock: Clock;
  /** Defaults to the CSV (or its embedded copy), read once when the selector is built. */
  winRates?: WinRateTable;
}

const pct = (ppm: number): string => `${(ppm / 10_000).toFixed(1)}%`;
const cents = (m: Micros): string => `${showDollars(m, 4)}`;

function riskFactors(s: Scored, allocation: Micros, hoursLeft: number): string[] {
  const out: string[] = [];
  if (s.candidate.price < 900_000) out.push("priced below 90¢: closer to the stop-loss threshold");
  if (hoursLeft > 24) out.push("more than a day until close");
  if (s.candidate.exitDepth < allocation * 2) out.push("thin exit liquidity for this size");
  if (s.edgeBp < 25) out.push("small calibrated edge over fees");
  return out;
}

interface Decision {
  ticker: string;
  price: string;
  probability: string;
  feePerContract: string;
  edgeBp: number;
  decision: string;
}

export class RulesSelector implements Selector {
  readonly #clock: Clock;
  readonly winRates: WinRateTable;

  constructor(options: RulesSelectorOptions) {
    this.#clock = options.clock;
    this.winRates = options.winRates ?? loadWinRateTable();
  }

  async select(input: SelectorInput): Promise<AnalysisResult> {
    const started = this.#clock.now();
    const limits = input.limits;
    const candidates = uniqueCandidates(input.candidates);
    const ranked = rank(candidates.map((c) => score(c, this.winRates)));
    const selections: Selection[] = [];
    const decisions: Decision[] = [];
    const seenSeries = new Set<string>();
    let remaining = limits.remainingBudget;

    for (const s of ranked) {
      const c = s.candidate;
      const decide = (decision: string) =>
        decisions.push({
          ticker: c.ticker,
          price: cents(micros(c.price)),
          probability: pct(s.probabilityPpm),
          feePerContract: cents(s.feePerContract),
          edgeBp: s.edgeBp,
          decision,
        });
      if (s.edgeBp <= 0) {
        decide("skipped: no edge after fees at the calibrated probability");
        continue;
      }
      if (selections.length >= limits.tradesRemaining) {
        decide("skipped: no trades left today");
        continue;
      }
      if (seenSeries.has(c.seriesTicker)) {
        decide("skipped: already holding a pick from this series (correlated)");
        continue;
      }
      const sized = convictionSize(s.edgeBp, limits);
      const allocation = micros(Math.min(sized, remaining, c.entryDepth, limits.maxPositionSize));
      if (allocation < limits.minPositionSize) {
        decide(`skipped: only $${showDollars(micros(Math.min(remaining, c.entryDepth)))} left to allocate`);
        continue;
      }
      const hoursLeft = (new Date(c.closeTime).getTime() - started) / 3_600_000;
      seenSeries.add(c.seriesTicker);
      remaining = micros(remaining - allocation);
      selections.push({
        ticker: c.ticker,
        side: c.side,
        allocation,
        confidence: Math.round(s.probabilityPpm / 100) / 10_000,
        reasoning:
          `Rules ${RULES_VERSION}: at ${cents(micros(c.price))} the ${c.side.toUpperCase()} side historically wins ` +
          `${pct(s.probabilityPpm)} of the time; cost with fee ${cents(s.costPerContract)}, ` +
          `edge ${s.edgeBp} bp per dollar; order book depth $${showDollars(micros(c.entryDepth))}.`,
        riskFactors: riskFactors(s, allocation, hoursLeft),
      });
      decide(`picked: $${showDollars(allocation)}`);
    }

    const total = sumMicros(selections.map((x) => micros(x.allocation)));
    const byTicker = new Map(ranked.map((s) => [s.candidate.ticker, s]));
    return {
      analysisId: input.analysisId,
      scanId: input.scanId,
      selector: "rules",
      status: "accepted",
      model: null,
      promptVersion: RULES_VERSION,
      promptHash: null,
      context: {
        asOf: new Date(started).toISOString(),
        winRates: { source: this.winRates.source, detail: this.winRates.detail },
        limits: {
          remainingBudget: showDollars(limits.remainingBudget),
          tradesRemaining: limits.tradesRemaining,
          minPositionSize: showDollars(limits.minPositionSize),
          maxPositionSize: showDollars(limits.maxPositionSize),
        },
      },
      rawResponse: JSON.stringify({ version: RULES_VERSION, ranking: decisions }),
      selections,
      probabilities: candidates.map((c) => ({
        ticker: c.ticker,
        side: c.side,
        probability: Math.round((byTicker.get(c.ticker)?.probabilityPpm ?? 0) / 100) / 10_000,
      })),
      strategyNotes:
        `Rules ${RULES_VERSION}: ranked ${input.candidates.length} candidates by calibrated edge after fees ` +
        `(Kalshi win rates by price, ${this.winRates.source}); picked ${selections.length} for $${showDollars(total)}.`,
      candidatesAnalyzed: input.candidates.length,
      totalAllocated: total,
      rejectionReasons: [],
      inputTokens: 0,
      outputTokens: 0,
      cost: 0,
      latencyMs: Math.max(0, Math.round(this.#clock.now() - started)),
    };
  }
}
