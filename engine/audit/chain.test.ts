import { expect, test } from "bun:test";
import { catalog } from "../../events/catalog/index.ts";
import type { DomainEvent } from "../../events/codec.ts";
import type { PendingEvent } from "../../events/event-store.ts";
import { testMetadata } from "../../test/support/events.ts";
import { buildAuditChain } from "./chain.ts";
import { auditScript, REJECTED_TRADE, STOPPED_TRADE, TICKER_A } from "./testing.ts";

/** The scripted day as decoded events in log order, without a database. */
function decoded(): DomainEvent[] {
  const out: DomainEvent[] = [];
  let n = 0;
  for (const step of auditScript()) {
    for (const e of step.events as PendingEvent[]) {
      n++;
      out.push({
        id: e.id ?? `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
        type: e.type,
        version: 1,
        streamId: step.stream,
        streamVersion: 1,
        data: catalog[e.type].schema.parse(e.data),
        metadata: testMetadata({ occurredAt: new Date(Date.UTC(2026, 10, 24, 8, step.at)).toISOString() }),
        position: { transactionId: String(1000 + n), globalPosition: n },
        recordedAt: "2026-11-24T08:00:00.000Z",
      } as DomainEvent);
    }
  }
  return out;
}

const keys = {
  tradeId: STOPPED_TRADE,
  ticker: TICKER_A,
  side: "yes" as const,
  scanId: null,
  analysisId: null,
};

test("only observations before the proposal count as 'as observed'; later ones are the latest", () => {
  const chain = buildAuditChain(keys, decoded());
  expect(chain?.marketAtDecision?.yesAsk).toBe(930_000);
  expect(chain?.marketLatest?.yesAsk).toBe(800_000);
  // Keys without scan or analysis ids: those links stay empty rather than borrowing another run's.
  expect(chain?.scan).toBeNull();
  expect(chain?.analysis).toBeNull();
});

test("a chain is null until its proposal is seen; unrelated trades never leak in", () => {
  const events = decoded();
  const proposal = events.findIndex((e) => e.type === "TradeProposed");
  expect(buildAuditChain(keys, events.slice(0, proposal))).toBeNull();
  const refused = buildAuditChain({ ...keys, tradeId: REJECTED_TRADE }, events);
  expect(refused?.orders).toEqual([]);
  expect(refused?.events.every((e) => e.type !== "OrderFilled")).toBe(true);
});

test("a fill found by reconciliation without its OrderPlaced still counts; an entry that never filled is 'failed'", () => {
  const events = decoded().filter((e) => !(e.type === "OrderPlaced" && e.data.tradeId === STOPPED_TRADE));
  const chain = buildAuditChain(keys, events);
  expect(chain?.orders.map((o) => [o.purpose, o.fills.length, o.limitPrice])).toEqual([
    ["entry", 2, null],
    ["stop_loss", 1, null],
  ]);
  // The entry order placed, then refused by the exchange: no fill, no position.
  const own = decoded().filter(
    (e) =>
      "tradeId" in e.data &&
      e.data.tradeId === STOPPED_TRADE &&
      (e.type === "TradeProposed" || e.type === "OrderPlaced"),
  );
  const placed = own[1] as DomainEvent;
  const failure = {
    ...placed,
    id: "00000000-0000-4000-8000-0000000000ff",
    type: "OrderFailed",
    data: catalog.OrderFailed.schema.parse({
      tradeId: STOPPED_TRADE,
      clientOrderId: `c-${STOPPED_TRADE}`,
      orderId: `o-${STOPPED_TRADE}`,
      ticker: TICKER_A,
      side: "yes",
      purpose: "entry",
      reason: "no liquidity",
    }),
  } as DomainEvent;
  const chainFailed = buildAuditChain(keys, [own[0] as DomainEvent, placed, failure]);
  expect(chainFailed?.outcome).toEqual({ kind: "failed", reason: "no liquidity" });
  expect(chainFailed?.risk).toMatchObject({ verdict: "approved" });
  expect(chainFailed?.pnl).toBeNull();
});

test("a paper order shows the book it walked, recorded just before it", () => {
  const events = decoded();
  const at = events.findIndex((e) => e.type === "OrderPlaced" && e.data.tradeId === STOPPED_TRADE);
  const placed = events[at];
  if (placed?.type !== "OrderPlaced") throw new Error("the script places an order for the stopped trade");
  const levels = [
    { price: 70_000, size: 1_000 },
    { price: 60_000, size: 4_000 },
  ];
  const book = {
    ...placed,
    id: "00000000-0000-4000-8000-00000000b00c",
    type: "OrderBookObserved",
    data: {
      tradeId: STOPPED_TRADE,
      clientOrderId: placed.data.clientOrderId,
      ticker: TICKER_A,
      bids: "no",
      levels,
      observedAt: placed.metadata.occurredAt,
    },
  } as DomainEvent;
  events.splice(at, 0, book);
  const chain = buildAuditChain(keys, events);
  const order = chain?.orders.find((o) => o.clientOrderId === placed.data.clientOrderId);
  expect(order?.bookWalked).toEqual({ bids: "no", levels, observedAt: placed.metadata.occurredAt });
  expect(chain?.events.some((e) => e.type === "OrderBookObserved")).toBe(true);
  // Orders without a recorded book (live, or recorded before books were) say so.
  expect(buildAuditChain(keys, decoded())?.orders.every((o) => o.bookWalked === null)).toBe(true);
});
