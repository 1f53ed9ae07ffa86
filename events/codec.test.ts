import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { testMetadata } from "../test/support/events.ts";
import { catalog, EVENT_TYPES } from "./catalog/index.ts";
import { decodeEvent, encodeData } from "./codec.ts";
import { defineEvent } from "./define.ts";
import { EventSchemaError, UnknownEventTypeError } from "./store/errors.ts";
import type { StoredEvent } from "./store/types.ts";

const stored = (over: Partial<StoredEvent>): StoredEvent => ({
  id: "11111111-1111-4111-8111-111111111111",
  type: "TradingResumed",
  version: 1,
  streamId: "trading-state",
  streamVersion: 3,
  data: { reason: "by hand" },
  metadata: testMetadata(),
  position: { transactionId: "900", globalPosition: 42 },
  recordedAt: "2026-11-24T08:00:00.000Z",
  ...over,
});

describe("event catalogue", () => {
  test("declares at least the events the engine needs", () => {
    for (const type of [
      "MarketObserved",
      "CandidatesScanned",
      "AnalysisCompleted",
      "TradeProposed",
      "TradeRejected",
      "OrderPlaced",
      "OrderFilled",
      "OrderFailed",
      "StopTriggered",
      "PositionClosed",
      "Resolved",
      "CircuitBreakerTripped",
      "TradingPaused",
      "TradingResumed",
      "ErrorRecorded",
      "ReportGenerated",
    ]) {
      expect(EVENT_TYPES).toContain(type as (typeof EVENT_TYPES)[number]);
    }
    for (const type of EVENT_TYPES) expect(catalog[type].version).toBeGreaterThanOrEqual(1);
  });

  test("decodes a stored event into its typed form", () => {
    const e = decodeEvent(stored({}));
    expect(e.type).toBe("TradingResumed");
    if (e.type === "TradingResumed") expect(e.data.reason).toBe("by hand");
  });

  test("an unknown type is an error naming the event and where it is", () => {
    const error = (() => {
      try {
        decodeEvent(stored({ type: "Mystery" }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(String(error)).toContain("11111111-1111-4111-8111-111111111111");
    expect(String(error)).toContain("900:42");
  });

  test("data that breaks its schema is an error naming the field", () => {
    expect(() => decodeEvent(stored({ data: { reason: 7 } }))).toThrow(EventSchemaError);
    expect(() => decodeEvent(stored({ data: { reason: 7 } }))).toThrow(/reason/);
    expect(() => decodeEvent(stored({ version: 9 }))).toThrow(/version 9 is not known/);
  });

  test("new events are validated before they are stored", () => {
    expect(() => encodeData("TradingPaused", { reason: "", pausedUntil: null }, "id-1")).toThrow(/reason/);
  });

  test("old versions are upcast step by step", () => {
    const v3 = defineEvent({
      type: "Renamed",
      version: 3,
      schema: z.object({ fullName: z.string(), cents: z.number() }),
      upcasters: {
        1: (d) => ({ ...(d as object), cents: 0 }),
        2: (d) => {
          const { name, ...rest } = d as { name: string };
          return { ...rest, fullName: name };
        },
      },
    });
    let data: unknown = { name: "x" };
    for (let v = 1; v < v3.version; v++) data = v3.upcasters[v]?.(data);
    expect(v3.schema.parse(data)).toEqual({ fullName: "x", cents: 0 });
    expect(() => defineEvent({ type: "Gap", version: 2, schema: z.object({}) })).toThrow(
      /no upcaster from version 1/,
    );
  });
});
