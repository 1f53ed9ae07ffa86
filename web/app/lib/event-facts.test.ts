import { expect, test } from "bun:test";
import { eventFacts, formatCentis, humanizeKey, stagesFromEvent } from "./event-facts";

test("money in micros, counts in hundredths, times in UTC", () => {
  const facts = eventFacts({
    tradeId: "t-1",
    side: "yes",
    count: 1050,
    price: 940_000,
    fee: 20_000,
    isTaker: true,
    filledAt: "2026-11-24T08:00:00.000Z",
    confidence: 0.94,
  });
  expect(facts).toEqual([
    { label: "Side", value: "yes" },
    { label: "Count", value: "10.50" },
    { label: "Price", value: "$0.94" },
    { label: "Fee", value: "$0.02" },
    { label: "Taker", value: "yes" },
    { label: "Filled at", value: "Nov 24, 08:00 UTC" },
    { label: "Confidence", value: "94%" },
  ]);
});

test("skips identifiers, nulls, nested data and prose", () => {
  expect(eventFacts({ tradeId: "t", reasoning: "long", stages: [], yesBid: null, rules: "x" })).toEqual([]);
  expect(eventFacts(null)).toEqual([]);
  expect(eventFacts([1, 2])).toEqual([]);
});

test("formatCentis and humanizeKey", () => {
  expect(formatCentis(5)).toBe("0.05");
  expect(formatCentis(-1050)).toBe("-10.50");
  expect(humanizeKey("openInterest")).toBe("Open interest");
  expect(humanizeKey("realizedPnl")).toBe("Realized P&L");
});

test("stagesFromEvent reads a CandidatesScanned funnel", () => {
  expect(stagesFromEvent({ stages: [{ name: "Open", count: 10 }, { name: 3 }] })).toEqual([
    { name: "Open", count: 10 },
  ]);
  expect(stagesFromEvent({})).toEqual([]);
});
