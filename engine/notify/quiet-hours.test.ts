import { expect, test } from "bun:test";
import { inQuietHours, localMinuteOfDay, quietHoursEnd } from "./quiet-hours.ts";

const NY = "America/New_York";
const at = (iso: string) => Date.parse(iso);
const NIGHT = { start: "22:00", end: "07:00" };
const LUNCH = { start: "12:00", end: "13:30" };

test("local minute of day follows the zone, not the machine", () => {
  expect(localMinuteOfDay(at("2026-11-24T13:05:00Z"), NY)).toBe(8 * 60 + 5);
  expect(localMinuteOfDay(at("2026-11-24T13:05:00Z"), "UTC")).toBe(13 * 60 + 5);
  expect(localMinuteOfDay(at("2026-11-24T00:00:00Z"), "Asia/Kolkata")).toBe(5 * 60 + 30);
});

test("a window that wraps past midnight: [start, end)", () => {
  expect(inQuietHours(at("2026-11-25T02:59:00Z"), NY, NIGHT)).toBe(false); // 21:59
  expect(inQuietHours(at("2026-11-25T03:00:00Z"), NY, NIGHT)).toBe(true); // 22:00
  expect(inQuietHours(at("2026-11-25T08:30:00Z"), NY, NIGHT)).toBe(true); // 03:30
  expect(inQuietHours(at("2026-11-25T11:59:59Z"), NY, NIGHT)).toBe(true); // 06:59:59
  expect(inQuietHours(at("2026-11-25T12:00:00Z"), NY, NIGHT)).toBe(false); // 07:00
  expect(inQuietHours(at("2026-11-25T12:00:00Z"), NY, null)).toBe(false);
});

test("a window within one day", () => {
  expect(inQuietHours(at("2026-11-25T16:59:00Z"), NY, LUNCH)).toBe(false); // 11:59
  expect(inQuietHours(at("2026-11-25T17:00:00Z"), NY, LUNCH)).toBe(true); // 12:00
  expect(inQuietHours(at("2026-11-25T18:29:00Z"), NY, LUNCH)).toBe(true); // 13:29
  expect(inQuietHours(at("2026-11-25T18:30:00Z"), NY, LUNCH)).toBe(false); // 13:30
});

test("the end of the window: the next local end time, the same instant when not inside", () => {
  expect(new Date(quietHoursEnd(at("2026-11-25T08:30:42Z"), NY, NIGHT)).toISOString()).toBe(
    "2026-11-25T12:00:00.000Z",
  );
  expect(new Date(quietHoursEnd(at("2026-11-25T03:00:00Z"), NY, NIGHT)).toISOString()).toBe(
    "2026-11-25T12:00:00.000Z",
  );
  const outside = at("2026-11-25T15:00:00Z");
  expect(quietHoursEnd(outside, NY, NIGHT)).toBe(outside);
});

test("DST: an end the clocks skip ends at the first minute after the jump", () => {
  // 2026-03-08 in New York: 02:00 EST becomes 03:00 EDT, so 02:30 never happens.
  const window = { start: "01:00", end: "02:30" };
  const end = quietHoursEnd(at("2026-03-08T06:30:00Z"), NY, window); // 01:30 EST
  expect(new Date(end).toISOString()).toBe("2026-03-08T07:00:00.000Z"); // 03:00 EDT
  // A 22:00–07:00 night across the change still ends at 07:00 local (EDT now: 11:00Z).
  expect(new Date(quietHoursEnd(at("2026-03-08T05:00:00Z"), NY, NIGHT)).toISOString()).toBe(
    "2026-03-08T11:00:00.000Z",
  );
});
