import { describe, expect, test } from "bun:test";
import { compareLogPosition, orderStory, splitStory } from "./story";
import type { StoryStepKind } from "./types";

const step = (kind: StoryStepKind, at: string, position: string | null = null) => ({
  kind,
  at,
  event: position ? { position } : null,
});

describe("compareLogPosition", () => {
  test("numeric, not string, order", () => {
    expect(compareLogPosition("9:1", "10:1")).toBeLessThan(0);
    expect(compareLogPosition("10:2", "10:10")).toBeLessThan(0);
    expect(compareLogPosition("10:2", "10:2")).toBe(0);
  });

  test("transaction ids beyond 2^53", () => {
    expect(compareLogPosition("9007199254740993:1", "9007199254740992:1")).toBeGreaterThan(0);
  });
});

describe("orderStory", () => {
  test("by time first", () => {
    const ordered = orderStory([
      step("RESOLVED", "2026-11-25T10:00:00Z", "30:1"),
      step("MARKET_OBSERVED", "2026-11-24T07:00:00Z", "10:1"),
      step("ORDER_FILLED", "2026-11-24T08:00:01Z", "20:1"),
    ]);
    expect(ordered.map((s) => s.kind)).toEqual(["MARKET_OBSERVED", "ORDER_FILLED", "RESOLVED"]);
  });

  test("same millisecond: log position, even against the usual lifecycle", () => {
    const t = "2026-11-24T08:00:00.000Z";
    // A stop-loss's sell order is placed after the stop fired, in the same instant.
    const ordered = orderStory([step("ORDER_PLACED", t, "12:2"), step("STOP_TRIGGERED", t, "12:1")]);
    expect(ordered.map((s) => s.kind)).toEqual(["STOP_TRIGGERED", "ORDER_PLACED"]);
  });

  test("a derived step stays right after the event it was derived from", () => {
    const t = "2026-11-24T08:00:00.000Z";
    const ordered = orderStory([
      step("PROPOSED", t, "11:1"),
      step("RISK_PASSED", t),
      step("ORDER_PLACED", t, "12:1"),
      step("ANALYSIS", t, "10:1"),
    ]);
    expect(ordered.map((s) => s.kind)).toEqual(["ANALYSIS", "PROPOSED", "RISK_PASSED", "ORDER_PLACED"]);
  });

  test("same time and no positions: the API's order", () => {
    const t = "2026-11-24T08:00:00.000Z";
    const ordered = orderStory([step("SCAN", t), step("MARKET_OBSERVED", t)]);
    expect(ordered.map((s) => s.kind)).toEqual(["SCAN", "MARKET_OBSERVED"]);
  });

  test("same time and kind: log position (several fills of one order)", () => {
    const t = "2026-11-24T08:00:00.000Z";
    const ordered = orderStory([step("ORDER_FILLED", t, "10:12"), step("ORDER_FILLED", t, "10:3")]);
    expect(ordered.map((s) => s.event?.position)).toEqual(["10:3", "10:12"]);
  });

  test("does not reorder the input array", () => {
    const input = [step("RESOLVED", "2026-11-25T10:00:00Z"), step("SCAN", "2026-11-24T07:00:00Z")];
    orderStory(input);
    expect(input[0]?.kind).toBe("RESOLVED");
  });
});

test("splitStory separates why it was bought from what happened after", () => {
  const { why, after } = splitStory([
    step("RESOLVED", "2026-11-25T10:00:00Z", "30:1"),
    step("ANALYSIS", "2026-11-24T07:59:00Z", "9:1"),
    step("RISK_PASSED", "2026-11-24T08:00:00Z"),
    step("ORDER_FILLED", "2026-11-24T08:00:01Z", "20:1"),
    step("SCAN", "2026-11-24T07:58:00Z", "8:1"),
  ]);
  expect(why.map((s) => s.kind)).toEqual(["SCAN", "ANALYSIS", "RISK_PASSED"]);
  expect(after.map((s) => s.kind)).toEqual(["ORDER_FILLED", "RESOLVED"]);
});
