import { describe, expect, test } from "bun:test";
import { StopTriggered } from "../../events/catalog/stop-triggered.ts";
import type { BookLevel, OrderBook } from "../exchange/types.ts";
import type { Centis } from "../money/money.ts";
import { quoteFromRow } from "./quote.ts";
import { evaluateStopLoss, stopTriggeredData } from "./stop-loss.ts";
import { $ } from "./testing.ts";

const THRESHOLD = $(0.8);
const lvl = (p: number, n = 100): BookLevel => ({ price: $(p), size: (n * 100) as Centis });
const quote = (yesBid: number, yesAsk: number) =>
  quoteFromRow({ yes_bid: $(yesBid), yes_ask: $(yesAsk), no_bid: null, no_ask: null });

describe("stop-loss judges a position by its own side's bid", () => {
  test("a NO bought at 0.92 with YES at 0.08 is NOT stopped (the other bots' bug)", () => {
    // YES trades around 8¢: NO bid = 1 − YES ask = 0.92.
    expect(evaluateStopLoss("no", quote(0.07, 0.08), THRESHOLD)).toEqual({
      action: "hold",
      bid: $(0.92),
      threshold: THRESHOLD,
    });
  });

  test("the same NO position is stopped when the NO bid falls to 0.75", () => {
    expect(evaluateStopLoss("no", quote(0.24, 0.25), THRESHOLD)).toEqual({
      action: "stop",
      bid: $(0.75),
      threshold: THRESHOLD,
    });
  });

  test("the same, read from an order book", () => {
    const book = (yes: BookLevel[], no: BookLevel[]): OrderBook => ({
      ticker: "T",
      yesBids: yes,
      noBids: no,
    });
    expect(evaluateStopLoss("no", book([lvl(0.07)], [lvl(0.92)]), THRESHOLD).action).toBe("hold");
    expect(evaluateStopLoss("no", book([lvl(0.24)], [lvl(0.75), lvl(0.7)]), THRESHOLD)).toMatchObject({
      action: "stop",
      bid: $(0.75),
    });
    // Unsorted levels: the best bid is still found.
    expect(evaluateStopLoss("yes", book([lvl(0.5), lvl(0.9)], []), THRESHOLD)).toMatchObject({
      action: "hold",
      bid: $(0.9),
    });
  });

  test("a YES position is judged by the YES bid, strictly below the threshold", () => {
    expect(evaluateStopLoss("yes", quote(0.8, 0.82), THRESHOLD).action).toBe("hold");
    expect(evaluateStopLoss("yes", quote(0.799999, 0.82), THRESHOLD).action).toBe("stop");
    // A YES holder is not stopped by a low NO price.
    expect(evaluateStopLoss("yes", quote(0.92, 0.93), THRESHOLD).action).toBe("hold");
  });

  test("a direct NO bid wins over the derived one; 0 and null mean no bid", () => {
    const q = quoteFromRow({ yes_bid: $(0.07), yes_ask: $(0.08), no_bid: $(0.9), no_ask: $(0.93) });
    expect(evaluateStopLoss("no", q, THRESHOLD)).toMatchObject({ bid: $(0.9) });
    const empty = quoteFromRow({ yes_bid: 0, yes_ask: 1_000_000, no_bid: null, no_ask: null });
    expect(evaluateStopLoss("yes", empty, THRESHOLD)).toEqual({ action: "no_bid", threshold: THRESHOLD });
    expect(evaluateStopLoss("no", empty, THRESHOLD)).toEqual({ action: "no_bid", threshold: THRESHOLD });
  });

  test("a stop becomes StopTriggered data", () => {
    const d = evaluateStopLoss("no", quote(0.24, 0.25), THRESHOLD);
    if (d.action !== "stop") throw new Error("expected a stop");
    const data = stopTriggeredData({ tradeId: "t1", ticker: "KXT", side: "no" }, d, "schedule");
    expect(StopTriggered.schema.parse(data)).toEqual({
      tradeId: "t1",
      ticker: "KXT",
      side: "no",
      triggerPrice: $(0.75),
      threshold: $(0.8),
      source: "schedule",
    });
  });
});
