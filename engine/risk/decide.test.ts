import { describe, expect, test } from "bun:test";
import { decide, estimatedFee, type RiskState, type TradeProposal } from "./decide.ts";
import { $, RISK_CONFIG, trade } from "./testing.ts";

// Noon in New York (EDT, UTC−4) on 10 March 2026.
const NOW = Date.parse("2026-03-10T16:00:00Z");

const proposal = (o: Partial<TradeProposal> = {}): TradeProposal => ({
  tradeId: "t-new",
  ticker: "KXNEW",
  side: "yes",
  allocation: $(30),
  price: $(0.95),
  ...o,
});
const state = (o: Partial<RiskState> = {}): RiskState => ({
  balance: $(500),
  trades: [],
  tradingState: null,
  ...o,
});
const checks = (d: ReturnType<typeof decide>) => (d.ok ? [] : d.reasons.map((r) => r.check));

describe("decide", () => {
  test("a proposal within every limit passes", () => {
    expect(decide(proposal(), state(), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
  });

  test("every failed check is reported, not just the first", () => {
    const d = decide(
      proposal({ allocation: $(60), price: $(0.99), ticker: "KXOTHER" }),
      state({
        balance: $(10),
        trades: [trade(), trade({ id: "a", contract_id: "A" }), trade({ id: "b", contract_id: "B" })],
        tradingState: { state: "paused", reason: "kill switch", breaker: null, paused_until: null },
      }),
      RISK_CONFIG,
      NOW,
    );
    expect(checks(d)).toEqual([
      "trading_state",
      "balance",
      "daily_trades",
      "daily_budget",
      "duplicate_position",
      "position_size",
      "price_band",
    ]);
    expect(d.ok ? [] : d.reasons.map((r) => r.detail)).toEqual([
      "trading paused until resumed by hand: kill switch",
      "needs $60.04 (allocation $60.00 + fee $0.04), balance is $10.00",
      "3 trades already on 2026-03-10 (America/New_York), at most 3 a day",
      "$88.77 committed on 2026-03-10 + $60.00 exceeds the daily budget of $100.00",
      "KXOTHER already has a live trade: t-other (open)",
      "allocation $60.00 outside [$20.00, $50.00]",
      "YES ask 99¢ outside [85¢, 98¢]",
    ]);
  });

  describe("balance", () => {
    test("allocation plus the estimated fee must fit", () => {
      const fee = estimatedFee($(30), $(0.95));
      // 31 contracts at 95¢: fee = roundup(0.07 × 31 × 0.95 × 0.05) = $0.1031
      expect(fee).toBe($(0.1031));
      expect(
        decide(proposal(), state({ balance: ($(30) + fee) as number as never }), RISK_CONFIG, NOW),
      ).toMatchObject({ ok: true });
      expect(
        checks(decide(proposal(), state({ balance: ($(30) + fee - 1) as never }), RISK_CONFIG, NOW)),
      ).toEqual(["balance"]);
    });
  });

  describe("daily limits in the configured zone", () => {
    test("trades proposed before local midnight belong to yesterday", () => {
      // 03:30Z is 23:30 on 9 March in New York; 04:30Z is 00:30 on 10 March.
      const yesterday = ["y1", "y2", "y3"].map((id, i) =>
        trade({ id, contract_id: id, proposed_at: `2026-03-10T03:3${i}:00.000Z` }),
      );
      expect(decide(proposal(), state({ trades: yesterday }), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
      const today = yesterday.map((t) => ({ ...t, proposed_at: t.proposed_at.replace("T03", "T04") }));
      expect(checks(decide(proposal(), state({ trades: today }), RISK_CONFIG, NOW))).toEqual([
        "daily_trades",
        "daily_budget",
      ]);
    });

    test("rejected and failed trades use no slot and no budget; this proposal itself is skipped", () => {
      const trades = [
        trade({ id: "r", contract_id: "R", status: "rejected" }),
        trade({
          id: "f",
          contract_id: "F",
          status: "failed",
          contracts_purchased: 0,
          position_size: 0,
          entry_fees: 0,
        }),
        trade({ id: "t-new", contract_id: "KXNEW", status: "proposed" }),
        trade({ id: "a", contract_id: "A" }),
        trade({ id: "b", contract_id: "B" }),
      ];
      expect(decide(proposal(), state({ trades }), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
    });

    test("finished trades still count for today; filled ones by what they spent", () => {
      const trades = [
        trade({ id: "w", contract_id: "W", status: "won", position_size: $(40), entry_fees: $(0.5) }),
        // Pending: its whole allocation is reserved.
        trade({
          id: "p",
          contract_id: "P",
          status: "pending",
          allocation: $(30),
          position_size: 0,
          entry_fees: 0,
          contracts_purchased: 0,
        }),
      ];
      // 40.50 + 30 + 30 = 100.50 > 100
      const d = decide(proposal(), state({ trades }), RISK_CONFIG, NOW);
      expect(d.ok ? [] : d.reasons).toEqual([
        {
          check: "daily_budget",
          detail: "$70.50 committed on 2026-03-10 + $30.00 exceeds the daily budget of $100.00",
        },
      ]);
      expect(decide(proposal({ allocation: $(29.5) }), state({ trades }), RISK_CONFIG, NOW)).toMatchObject({
        ok: true,
      });
    });
  });

  describe("one position per market", () => {
    test("an open, pending or proposed trade on the ticker blocks, whichever side", () => {
      for (const status of ["open", "pending", "proposed"]) {
        const t = trade({ contract_id: "KXNEW", status, proposed_at: "2026-02-01T00:00:00Z" });
        expect(checks(decide(proposal({ side: "no" }), state({ trades: [t] }), RISK_CONFIG, NOW))).toEqual([
          "duplicate_position",
        ]);
      }
    });

    test("a finished trade on the ticker does not", () => {
      for (const status of ["won", "lost", "stopped", "closed", "void", "rejected", "failed"]) {
        const t = trade({ contract_id: "KXNEW", status, proposed_at: "2026-02-01T00:00:00Z" });
        expect(decide(proposal(), state({ trades: [t] }), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
      }
    });
  });

  test("position size and price band edges are inclusive", () => {
    for (const allocation of [$(20), $(50)]) {
      expect(decide(proposal({ allocation }), state(), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
    }
    for (const price of [$(0.85), $(0.98)]) {
      expect(decide(proposal({ price }), state(), RISK_CONFIG, NOW)).toMatchObject({ ok: true });
    }
    expect(checks(decide(proposal({ allocation: $(19.99) }), state(), RISK_CONFIG, NOW))).toEqual([
      "position_size",
    ]);
    expect(checks(decide(proposal({ price: $(0.849) }), state(), RISK_CONFIG, NOW))).toEqual(["price_band"]);
  });

  describe("trading state", () => {
    const at = (iso: string | null, s = "breaker") => ({
      state: s,
      reason: "3 stop-losses",
      breaker: s === "breaker" ? "stop_losses_24h" : null,
      paused_until: iso,
    });

    test("running, or a timed pause that has lapsed, allows trading", () => {
      expect(decide(proposal(), state({ tradingState: at(null, "running") }), RISK_CONFIG, NOW).ok).toBe(
        true,
      );
      expect(
        decide(proposal(), state({ tradingState: at("2026-03-10T16:00:00.000Z") }), RISK_CONFIG, NOW).ok,
      ).toBe(true);
    });

    test("a breaker in force refuses, saying until when", () => {
      const d = decide(proposal(), state({ tradingState: at("2026-03-10T16:00:00.001Z") }), RISK_CONFIG, NOW);
      expect(d.ok ? [] : d.reasons).toEqual([
        {
          check: "trading_state",
          detail: "circuit breaker stop_losses_24h until 2026-03-10T16:00:00.001Z: 3 stop-losses",
        },
      ]);
    });

    test("the kill switch and unknown states refuse", () => {
      expect(
        checks(decide(proposal(), state({ tradingState: at(null, "paused") }), RISK_CONFIG, NOW)),
      ).toEqual(["trading_state"]);
      expect(
        checks(decide(proposal(), state({ tradingState: at(null, "halted") }), RISK_CONFIG, NOW)),
      ).toEqual(["trading_state"]);
    });
  });
});
