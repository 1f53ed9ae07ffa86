import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import type { Micros } from "../../money/money.ts";
import { historicalWinRate, parseWinRateCsv, WinRateCsvError } from "./win-rate.ts";
import { KALSHI_WIN_RATE_BY_PRICE } from "./win-rate-data.ts";

const CSV = "/work/shared/data/kalshi-win-rate-by-price.csv";

describe("historical win rates", () => {
  test("the embedded table covers every cent 0..99", () => {
    for (let c = 0; c < 100; c++) expect(KALSHI_WIN_RATE_BY_PRICE[c]?.priceCents).toBe(c);
    expect(KALSHI_WIN_RATE_BY_PRICE[95]).toEqual({ priceCents: 95, trades: 1_411_261, wins: 1_352_353 });
  });

  test.skipIf(!existsSync(CSV))("the embedded table is the reference CSV, unchanged", () => {
    expect(parseWinRateCsv(readFileSync(CSV, "utf8"))).toEqual(KALSHI_WIN_RATE_BY_PRICE);
  });

  test("whole cents read their row; deci-cents interpolate; ≥ 99¢ uses 99¢", () => {
    const at = (p: number) => historicalWinRate(KALSHI_WIN_RATE_BY_PRICE, p as Micros);
    const r95 = 1_352_353 / 1_411_261;
    const r96 = 1_319_482 / 1_366_500;
    expect(at(950_000)).toBeCloseTo(r95, 12);
    expect(at(955_000)).toBeCloseTo((r95 + r96) / 2, 12);
    expect(at(995_000)).toBeCloseTo(2_327_709 / 2_348_987, 12);
  });

  test("a price missing from a caller's table gives null", () => {
    const table = parseWinRateCsv("price,total_trades,wins,win_rate\n90,10,9,90\n");
    expect(historicalWinRate(table, 900_000 as Micros)).toBe(0.9);
    expect(historicalWinRate(table, 950_000 as Micros)).toBeNull();
    // Between a known row and a missing one: the known row.
    expect(historicalWinRate(table, 905_000 as Micros)).toBe(0.9);
  });

  test("malformed CSV is refused", () => {
    expect(() => parseWinRateCsv("a,b\n")).toThrow(WinRateCsvError);
    expect(() => parseWinRateCsv("price,total_trades,wins,win_rate\n90,10,11,110\n")).toThrow(
      WinRateCsvError,
    );
  });
});
