import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { localDayBounds, localDayKey, localMonthKey, shiftDayKey } from "./local-day.ts";

const HOUR = 3_600_000;

describe("local days", () => {
  test("the day key follows the zone, not UTC", () => {
    const t = Date.parse("2026-03-10T03:30:00Z");
    expect(localDayKey(t, "UTC")).toBe("2026-03-10");
    expect(localDayKey(t, "America/New_York")).toBe("2026-03-09");
    expect(localDayKey(t, "Asia/Tokyo")).toBe("2026-03-10");
    expect(localMonthKey(Date.parse("2026-04-01T02:00:00Z"), "America/Los_Angeles")).toBe("2026-03");
  });

  test("an ordinary day in New York is 24 h from local midnight", () => {
    const d = localDayBounds(Date.parse("2026-03-10T16:00:00Z"), "America/New_York");
    expect(d).toEqual({
      day: "2026-03-10",
      start: Date.parse("2026-03-10T04:00:00Z"),
      end: Date.parse("2026-03-11T04:00:00Z"),
    });
  });

  test("DST days are 23 h and 25 h long", () => {
    const spring = localDayBounds(Date.parse("2026-03-08T15:00:00Z"), "America/New_York");
    expect(spring.start).toBe(Date.parse("2026-03-08T05:00:00Z"));
    expect((spring.end - spring.start) / HOUR).toBe(23);
    const autumn = localDayBounds(Date.parse("2026-11-01T15:00:00Z"), "America/New_York");
    expect((autumn.end - autumn.start) / HOUR).toBe(25);
  });

  test("property: the bounds hold the instant and are exactly where the local date changes", () => {
    const zones = [
      "UTC",
      "America/New_York",
      "Europe/London",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "America/Santiago",
      "Pacific/Chatham",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...zones),
        (t, zone) => {
          const d = localDayBounds(t, zone);
          expect(d.start <= t && t < d.end).toBe(true);
          expect(localDayKey(d.start, zone)).toBe(d.day);
          expect(localDayKey(d.end - 1, zone)).toBe(d.day);
          expect(localDayKey(d.start - 1, zone) < d.day).toBe(true);
          expect(localDayKey(d.end, zone) > d.day).toBe(true);
          const hours = (d.end - d.start) / HOUR;
          expect(hours >= 22 && hours <= 26).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("calendar shifts cross months and leap days", () => {
    expect(shiftDayKey("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDayKey("2024-02-28", 1)).toBe("2024-02-29");
    expect(shiftDayKey("2026-12-31", 1)).toBe("2027-01-01");
    expect(() => shiftDayKey("March 1", 1)).toThrow(RangeError);
  });

  test("an unknown zone throws instead of meaning UTC", () => {
    expect(() => localDayKey(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
