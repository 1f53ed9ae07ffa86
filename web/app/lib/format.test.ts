import { describe, expect, test } from "bun:test";
import {
  formatDateTime,
  formatFraction,
  formatHours,
  formatMicros,
  formatPercent,
  microsToChartNumber,
  pnlText,
  pnlTone,
  signOfMicros,
} from "./format";

describe("formatMicros", () => {
  test("dollars and cents with thousands separators", () => {
    expect(formatMicros("1234567890")).toBe("$1,234.57");
    expect(formatMicros(0)).toBe("$0.00");
    expect(formatMicros("50000")).toBe("$0.05");
  });

  test("rounds half away from zero, exactly", () => {
    expect(formatMicros("1005000")).toBe("$1.01");
    expect(formatMicros("1004999")).toBe("$1.00");
    expect(formatMicros("-1005000")).toBe("-$1.01");
  });

  test("never shows a loss that rounds to nothing", () => {
    expect(formatMicros("-4999")).toBe("$0.00");
  });

  test("keeps every digit beyond 2^53 micros", () => {
    expect(formatMicros("123456789012345678")).toBe("$123,456,789,012.35");
  });

  test("unreadable input formats as zero rather than NaN", () => {
    expect(formatMicros("1.5")).toBe("$0.00");
  });
});

describe("signs and tones", () => {
  test("signOfMicros reads the string, not a float", () => {
    expect(signOfMicros("-1")).toBe(-1);
    expect(signOfMicros("0")).toBe(0);
    expect(signOfMicros("-0")).toBe(0);
    expect(signOfMicros("99999999999999999999")).toBe(1);
  });

  test("pnlText adds a plus to gains only", () => {
    expect(pnlText({ micros: "4200000", display: "$4.20" })).toBe("+$4.20");
    expect(pnlText({ micros: "-1100000", display: "-$1.10" })).toBe("-$1.10");
    expect(pnlText({ micros: "0", display: "$0.00" })).toBe("$0.00");
    expect(pnlText(null)).toBe("—");
  });

  test("pnlTone colours by sign", () => {
    expect(pnlTone({ micros: "1", display: "$0.00" })).toContain("emerald");
    expect(pnlTone({ micros: "-1", display: "$0.00" })).toContain("rose");
    expect(pnlTone(null)).toContain("zinc");
  });
});

test("microsToChartNumber is close enough for a chart", () => {
  expect(microsToChartNumber("-1234500")).toBeCloseTo(-1.2345, 10);
  expect(microsToChartNumber("1000000000")).toBe(1000);
});

test("fractions, percents and hours", () => {
  expect(formatFraction(0.9351)).toBe("93.5%");
  expect(formatFraction(null)).toBe("—");
  expect(formatPercent(2.44, 1, true)).toBe("+2.4%");
  expect(formatPercent(-2.44, 1, true)).toBe("-2.4%");
  expect(formatHours(0.5)).toBe("30m");
  expect(formatHours(5.2)).toBe("5h");
  expect(formatHours(31)).toBe("1d 7h");
});

test("dates are UTC whatever the machine's zone", () => {
  expect(formatDateTime("2026-11-25T08:05:00.000Z")).toBe("Nov 25, 08:05 UTC");
  expect(formatDateTime(null)).toBe("—");
});
