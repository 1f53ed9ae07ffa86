import { describe, expect, test } from "bun:test";
import { $, HOUR, NOW, row, SCAN_CONFIG } from "./testing.ts";
import { scanTier1 } from "./tier1.ts";

const one = (r = row()) => scanTier1([r], SCAN_CONFIG, NOW);

describe("tier 1: favoured side and price", () => {
  test("YES favoured: bought at the YES ask", () => {
    const [s] = one().survivors;
    expect(s?.side).toBe("yes");
    expect(s?.price).toBe($(0.95));
  });

  test("NO favoured: bought at the NO ask", () => {
    const [s] = one(row({ yes_bid: $(0.05), yes_ask: $(0.07), no_bid: $(0.93), no_ask: $(0.95) })).survivors;
    expect(s?.side).toBe("no");
    expect(s?.price).toBe($(0.95));
  });

  test("a missing NO ask is derived as 1 − YES bid", () => {
    const [s] = one(row({ yes_bid: $(0.08), yes_ask: $(0.1), no_bid: null, no_ask: null })).survivors;
    expect(s?.side).toBe("no");
    expect(s?.price).toBe($(0.92));
  });

  test("a missing YES ask is derived as 1 − NO bid", () => {
    const [s] = one(row({ yes_bid: null, yes_ask: null, no_bid: $(0.1), no_ask: null })).survivors;
    expect(s?.side).toBe("yes");
    expect(s?.price).toBe($(0.9));
  });

  test("the NO rule is symmetric: NO priced in [MIN_ODDS, MAX_ODDS], not 'YES ≤ 2%'", () => {
    // YES at 1–2¢: NO ask 0.99 is above MAX_ODDS 0.98, so out (the seed's literal '≤2%' would take it).
    const yesAt1 = row({ yes_bid: $(0.01), yes_ask: $(0.02), no_bid: $(0.98), no_ask: $(0.99) });
    expect(one(yesAt1).survivors).toHaveLength(0);
    // YES at 2¢ bid, NO ask exactly 0.98: in.
    const edge = row({ yes_bid: $(0.02), yes_ask: $(0.03), no_bid: null, no_ask: null });
    expect(one(edge).survivors[0]).toMatchObject({ side: "no", price: $(0.98) });
    // YES at 15¢ (NO ask 0.85 = MIN_ODDS): in; at 16¢ (NO 0.84): out.
    expect(
      one(row({ yes_bid: $(0.15), yes_ask: $(0.2), no_bid: $(0.8), no_ask: null })).survivors[0]?.price,
    ).toBe($(0.85));
    expect(
      one(row({ yes_bid: $(0.16), yes_ask: $(0.2), no_bid: $(0.8), no_ask: null })).survivors,
    ).toHaveLength(0);
  });

  test("band edges are inclusive", () => {
    expect(one(row({ yes_ask: $(0.85) })).survivors).toHaveLength(1);
    expect(one(row({ yes_ask: $(0.98) })).survivors).toHaveLength(1);
    expect(one(row({ yes_ask: $(0.849999) })).survivors).toHaveLength(0);
    expect(one(row({ yes_ask: $(0.980001) })).survivors).toHaveLength(0);
  });

  test("both asks in band (absurd spread): the higher ask wins", () => {
    const r = row({ yes_bid: $(0.04), yes_ask: $(0.9), no_bid: $(0.1), no_ask: $(0.96) });
    expect(one(r).survivors[0]).toMatchObject({ side: "no", price: $(0.96) });
  });
});

describe("tier 1: stages", () => {
  test("inactive and resolved markets stop at 'active'", () => {
    const r = scanTier1(
      [row({ status: "closed" }), row({ resolved: true }), row({ status: "initialized" }), row()],
      SCAN_CONFIG,
      NOW,
    );
    expect(r.stages[1]).toEqual({ name: "active", count: 1 });
    expect(r.samples.active?.map((s) => s.reason)).toEqual([
      "status closed",
      "status active, resolved",
      "status initialized",
    ]);
  });

  test("close window: future and within MAX_DAYS_TO_RESOLUTION (inclusive)", () => {
    const at = (ms: number) => row({ end_date: new Date(ms).toISOString() });
    const r = scanTier1(
      [
        at(NOW),
        at(NOW - HOUR),
        at(NOW + 1),
        at(NOW + 48 * HOUR),
        at(NOW + 48 * HOUR + 1),
        row({ end_date: "soon" }),
      ],
      SCAN_CONFIG,
      NOW,
    );
    expect(r.stages[2]).toEqual({ name: "closes in window", count: 2 });
    expect(r.samples["closes in window"]).toHaveLength(4);
    expect(r.samples["closes in window"]?.[3]?.reason).toContain("unreadable");
  });

  test("valid price: null, 0 and $1 are not tradable", () => {
    const r = scanTier1(
      [
        row({ yes_bid: null, yes_ask: null, no_bid: null, no_ask: null }),
        row({ yes_bid: 0, yes_ask: 1_000_000, no_bid: 0, no_ask: 1_000_000 }),
        row({ yes_bid: null, yes_ask: $(0.5), no_bid: null, no_ask: null }),
      ],
      SCAN_CONFIG,
      NOW,
    );
    expect(r.stages.map((s) => s.count)).toEqual([3, 3, 3, 1, 0]);
    expect(r.samples["price in band"]?.[0]?.reason).toBe("YES ask $0.50, NO ask none: neither in band");
  });

  test("samples are capped; counts are not", () => {
    const rows = Array.from({ length: 20 }, (_, i) => row({ market_id: `M${i}`, status: "closed" }));
    const r = scanTier1(rows, SCAN_CONFIG, NOW, { sampleSize: 3 });
    expect(r.stages[0]?.count).toBe(20);
    expect(r.stages[1]?.count).toBe(0);
    expect(r.samples.active?.map((s) => s.ticker)).toEqual(["M0", "M1", "M2"]);
  });
});
