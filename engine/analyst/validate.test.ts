import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { dollars, micros } from "../money/money.ts";
import { allocationToMicros, showDollars } from "./money-text.ts";
import { selectionViolations } from "./rules-check.ts";
import { candidates, limits } from "./testing.ts";
import { validateAnswer } from "./validate.ts";

const cs = candidates();
const probs = cs.map((c) => ({ ticker: c.ticker, side: c.side, probability: 0.9 }));
const pick = (ticker: string, side: string, allocation: number) => ({
  ticker,
  side,
  allocation,
  confidence: 0.9,
  reasoning: "r",
  risk_factors: [],
});
const [a, b, c] = cs as [(typeof cs)[0], (typeof cs)[0], (typeof cs)[0]];

describe("allocation text", () => {
  test("dollar numbers with up to 2 decimals convert exactly", () => {
    expect(allocationToMicros(35)).toEqual({ ok: true, micros: micros(35_000_000) });
    expect(allocationToMicros(35.1)).toEqual({ ok: true, micros: micros(35_100_000) });
    expect(allocationToMicros(0.07)).toEqual({ ok: true, micros: micros(70_000) });
    // 0.1 + 0.2 is 0.30000000000000004 in floats: exactly the kind of number that is refused.
    expect(allocationToMicros(0.1 + 0.2).ok).toBe(false);
    expect(allocationToMicros(33.333).ok).toBe(false);
    expect(allocationToMicros(-5).ok).toBe(false);
    expect(allocationToMicros(1e21).ok).toBe(false);
    expect(allocationToMicros(Number.NaN).ok).toBe(false);
  });

  test("property: every cent amount round-trips exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (cents) => {
        const r = allocationToMicros(
          Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`),
        );
        expect(r).toEqual({ ok: true, micros: micros(cents * 10_000) });
      }),
    );
  });

  test("showDollars rounds half-up, negatives too", () => {
    expect(showDollars(micros(12_345_678))).toBe("12.35");
    expect(showDollars(micros(-12_345_000))).toBe("-12.35");
    expect(showDollars(micros(955_500), 4)).toBe("0.9555");
  });
});

describe("validateAnswer", () => {
  test("a valid answer becomes selections in micros, probabilities in candidate order", () => {
    const v = validateAnswer(
      {
        selections: [pick(c.ticker, "no", 50), pick(a.ticker, "yes", 20.5)],
        probabilities: [...probs].reverse(),
        strategy_notes: "n",
      },
      cs,
      limits(),
    );
    if (!v.ok) throw new Error(v.errors.join("; "));
    expect(v.answer.selections.map((s) => s.allocation)).toEqual([50_000_000, 20_500_000]);
    expect(v.answer.probabilities.map((p) => p.ticker)).toEqual(cs.map((x) => x.ticker));
  });

  test("schema failures name the field", () => {
    const v = validateAnswer({ selections: "all of them" }, cs, limits());
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors).toContain("selections: Invalid input: expected array, received string");
  });

  test("business rules: candidates only, right side, once each, sizes, count, budget, depth", () => {
    const v = validateAnswer(
      {
        selections: [
          pick("KXNOPE", "yes", 30),
          pick(a.ticker, "no", 30),
          pick(b.ticker, "yes", 10),
          pick(b.ticker, "yes", 60),
        ],
        probabilities: probs,
        strategy_notes: "",
      },
      cs,
      limits({ maxTradesPerDay: 5 }),
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([
      "selection 1 (KXNOPE): ticker is not one of the candidates",
      `selection 2 (${a.ticker}): side "no" is not the candidate's side "yes"`,
      `selection 3 (${b.ticker}): allocation $10.00 is below MIN_POSITION_SIZE $20.00`,
      `selection 4 (${b.ticker}): ticker picked more than once`,
      `selection 4 (${b.ticker}): allocation $60.00 is above MAX_POSITION_SIZE $50.00`,
      "4 selections, but only 3 trades are left today",
      "allocations total $130.00, above the remaining daily budget $100.00",
    ]);
    // The probabilities were fine, so they are kept for calibration.
    expect(v.probabilities).toHaveLength(3);
  });

  test("more picks than MAX_TRADES_PER_DAY fail the schema itself", () => {
    const v = validateAnswer(
      {
        selections: [1, 2, 3, 4].map(() => pick(a.ticker, "yes", 20)),
        probabilities: probs,
        strategy_notes: "",
      },
      cs,
      limits(),
    );
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toContain("selections: Too big");
  });

  test("every candidate needs exactly one probability on its side", () => {
    const v = validateAnswer(
      {
        selections: [],
        probabilities: [
          { ticker: a.ticker, side: "no", probability: 0.1 },
          { ticker: a.ticker, side: "yes", probability: 0.9 },
          { ticker: "KXNOPE", side: "yes", probability: 0.5 },
        ],
        strategy_notes: "",
      },
      cs,
      limits(),
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([
      `probability for ${a.ticker}: side "no" is not the candidate's side "yes"`,
      `probability for ${a.ticker}: given more than once`,
      "probability for KXNOPE: not one of the candidates",
      `no probability for: ${b.ticker}, ${c.ticker}`,
    ]);
    expect(v.probabilities).toBeNull();
  });

  test("an allocation above the order book's depth is refused", () => {
    const shallow = cs.map((x) => ({ ...x, entryDepth: 25_000_000 }));
    const v = validateAnswer(
      { selections: [pick(a.ticker, "yes", 30)], probabilities: probs, strategy_notes: "" },
      shallow,
      limits(),
    );
    expect(v.ok).toBe(false);
    if (!v.ok)
      expect(v.errors).toEqual([
        `selection 1 (${a.ticker}): allocation $30.00 is more than the order book offers ($25.00)`,
      ]);
  });

  test("property: an accepted answer never breaks a limit", () => {
    const tickers = cs.map((x) => x.ticker);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ticker: fc.constantFrom(...tickers, "KXOTHER"),
            side: fc.constantFrom("yes", "no"),
            allocation: fc.integer({ min: 0, max: 8_000 }).map((cents) => cents / 100),
            confidence: fc.double({ min: 0, max: 1, noNaN: true }),
            reasoning: fc.constant("r"),
            risk_factors: fc.constant([] as string[]),
          }),
          { maxLength: 4 },
        ),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 3 }),
        (selections, budget, tradesLeft) => {
          const l = limits({ remainingBudget: dollars(budget), tradesRemaining: tradesLeft });
          const v = validateAnswer({ selections, probabilities: probs, strategy_notes: "" }, cs, l);
          if (!v.ok) return;
          const picks = v.answer.selections.map((s) => ({ ...s, allocation: micros(s.allocation) }));
          expect(selectionViolations(picks, cs, l)).toEqual([]);
          expect(picks.reduce((x, p) => x + p.allocation, 0)).toBeLessThanOrEqual(dollars(budget));
          expect(picks.length).toBeLessThanOrEqual(tradesLeft);
        },
      ),
      { numRuns: 500 },
    );
  });
});
