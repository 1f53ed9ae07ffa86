import { expect, test } from "bun:test";
import type { StoredEvent } from "../../events/store/types.ts";
import { approvedChecks, budgetRejectedChecks } from "../risk/testing.ts";
import { buildStory, RISK_CHECKS } from "./story.ts";

let pos = 0;
function stored(type: string, data: Record<string, unknown>, stream = "trade-t1"): StoredEvent {
  pos++;
  return {
    id: `00000000-0000-4000-8000-${String(pos).padStart(12, "0")}`,
    type,
    version: 1,
    streamId: stream,
    streamVersion: pos,
    data,
    metadata: {
      correlationId: "c",
      causationId: null,
      actor: "engine",
      occurredAt: new Date(Date.UTC(2026, 10, 20, 8, pos)).toISOString(),
      accountId: "a",
    },
    position: { transactionId: String(700 + pos), globalPosition: pos },
    recordedAt: new Date(Date.UTC(2026, 10, 20, 8, pos)).toISOString(),
  };
}

const proposal = (tradeId: string) =>
  stored("TradeProposed", {
    tradeId,
    analysisId: null,
    scanId: null,
    ticker: "KX-1",
    title: "t",
    category: "c",
    seriesTicker: "KX",
    side: "no",
    allocation: 25_000_000,
    limitPrice: 955_000,
    closeTime: "2026-11-27T00:00:00.000Z",
    confidence: 0.9,
    reasoning: "r",
    riskFactors: [],
  });

test("a rejection lists every check, failed ones with their details", () => {
  const story = buildStory(
    [
      proposal("t1"),
      stored("TradeRejected", {
        tradeId: "t1",
        ticker: "KX-1",
        side: "no",
        allocation: 25_000_000,
        reasons: [
          { check: "balance", detail: "not enough cash" },
          { check: "new_check", detail: "unknown to the API" },
        ],
      }),
    ],
    "t1",
  );
  expect(story.map((s) => s.kind)).toEqual(["PROPOSED", "RISK_REJECTED"]);
  expect(story[0]?.summary).toBe("Proposed NO on KX-1: $25.00 at up to 95.5¢, confidence 90.0%");
  const checks = story[1]?.checks ?? [];
  expect(checks).toHaveLength(RISK_CHECKS.length + 1);
  expect(checks.find((c) => c.check === "balance")).toEqual({
    check: "balance",
    passed: false,
    detail: "not enough cash",
  });
  expect(checks.find((c) => c.check === "new_check")?.passed).toBe(false);
  expect(checks.filter((c) => c.passed)).toHaveLength(RISK_CHECKS.length - 1);
});

test("risk passing is derived from the first order; other trades' events and unknown types are skipped", () => {
  const story = buildStory(
    [
      proposal("t1"),
      proposal("t2"),
      stored("SomethingNew", { tradeId: "t1" }),
      stored("OrderFailed", {
        tradeId: "t1",
        clientOrderId: "c",
        orderId: null,
        ticker: "KX-1",
        side: "no",
        purpose: "entry",
        reason: "allocation buys no whole contract",
      }),
    ],
    "t1",
  );
  expect(story.map((s) => s.kind)).toEqual(["PROPOSED", "RISK_PASSED", "ORDER_FAILED"]);
  expect(story[1]?.event).toBeNull();
  expect(story[2]?.summary).toBe("Order failed: allocation buys no whole contract");
});

test("v2 events: the story shows the checks risk recorded, not a derived list", () => {
  const approved = approvedChecks();
  const refused = budgetRejectedChecks();
  const v2 = (e: StoredEvent): StoredEvent => ({ ...e, version: 2 });
  const ok = buildStory(
    [
      v2({ ...proposal("t1"), data: { ...(proposal("t1").data as object), riskChecks: approved } }),
      stored("OrderFailed", {
        tradeId: "t1",
        clientOrderId: "c",
        orderId: null,
        ticker: "KX-1",
        side: "no",
        purpose: "entry",
        reason: "allocation buys no whole contract",
      }),
    ],
    "t1",
  );
  expect(ok[1]?.checks).toEqual(approved.map((c) => ({ check: c.check, passed: true, detail: c.detail })));
  const no = buildStory(
    [
      v2({ ...proposal("t3"), data: { ...(proposal("t3").data as object), riskChecks: null } }),
      v2(
        stored("TradeRejected", {
          tradeId: "t3",
          ticker: "KX-1",
          side: "no",
          allocation: 25_000_000,
          reasons: [{ check: "daily_budget", detail: "over" }],
          checks: refused,
        }),
      ),
    ],
    "t3",
  );
  expect(no[1]?.checks?.find((c) => c.check === "daily_budget")).toEqual({
    check: "daily_budget",
    passed: false,
    detail: refused.find((c) => c.check === "daily_budget")?.detail ?? "",
  });
  expect(no[1]?.checks?.find((c) => c.check === "balance")?.detail).toContain("balance is $500.00");
});
