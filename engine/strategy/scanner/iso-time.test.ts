import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { parseTimestampMs } from "./iso-time.ts";

describe("parseTimestampMs", () => {
  test("agrees with Date.parse on toISOString output across four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2300, 0, 1) }), (t) => {
        const iso = new Date(t).toISOString();
        expect(parseTimestampMs(iso)).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  test("offsets, PostgreSQL text, fractions and Dates", () => {
    const t = Date.UTC(2026, 2, 10, 12, 0, 0);
    expect(parseTimestampMs("2026-03-10T12:00:00Z")).toBe(t);
    expect(parseTimestampMs("2026-03-10T07:00:00-05:00")).toBe(t);
    expect(parseTimestampMs("2026-03-10T17:30:00+0530")).toBe(t);
    expect(parseTimestampMs("2026-03-10 12:00:00+00")).toBe(t);
    expect(parseTimestampMs("2026-03-10 12:00:00.123456+00")).toBe(t + 123);
    expect(parseTimestampMs("2026-03-10T12:00:00.5Z")).toBe(t + 500);
    expect(parseTimestampMs(new Date(t))).toBe(t);
  });

  test("other shapes fall back to Date.parse; nonsense is NaN", () => {
    expect(parseTimestampMs("2026-03-10")).toBe(Date.parse("2026-03-10"));
    expect(parseTimestampMs("2026-02-29T00:00:00Z")).toBe(Date.parse("2026-02-29T00:00:00Z"));
    expect(parseTimestampMs("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestampMs("soon")).toBeNaN();
  });
});
