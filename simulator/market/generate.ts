/**
 * Builds a seeded catalog around the clock's start time t0, shaped like the part of Kalshi our
 * strategy cares about:
 *   - ~8% already closed/settled (the oldest only reachable through /historical),
 *   - ~5% not yet open, the rest open;
 *   - of open markets ~45% close within 3 days, ~30% within 3–14 days, the rest within 90 days;
 *   - ~50% of markets priced 85–98¢ on one side, ~10% beyond 98¢, ~40% between 10¢ and 90¢.
 * Markets inside an event share close times but move independently (a simplification).
 */
import type { FeeType } from "../../engine/money/fees.ts";
import type { Random } from "../../engine/time/random.ts";
import { seededRandom } from "../../engine/time/random.ts";
import { DAY, HOUR, MINUTE } from "../core/durations.ts";
import type { Catalog } from "./catalog.ts";
import { logit } from "./fair-value.ts";
import type { PriceLevelStructure } from "./price-grid.ts";
import { CATEGORIES, dateCode, humanDate } from "./templates.ts";

const uniform = (r: Random, lo: number, hi: number): number => lo + r.next() * (hi - lo);
const roundTo = (ms: number, unit: number): number => Math.round(ms / unit) * unit;

/** Daily log-odds volatility → per-minute step σ. */
export const sigmaFromDaily = (daily: number): number => daily / Math.sqrt(1440);

function pickFee(r: Random): { feeType: FeeType; feeMultiplier: number } {
  const u = r.next();
  if (u < 0.6) return { feeType: "quadratic", feeMultiplier: 1 };
  if (u < 0.75) return { feeType: "quadratic", feeMultiplier: 0.5 };
  if (u < 0.95) return { feeType: "quadratic_with_maker_fees", feeMultiplier: 1 };
  return { feeType: "flat", feeMultiplier: 1 };
}

function pickStructure(r: Random): PriceLevelStructure {
  const u = r.next();
  return u < 0.7 ? "linear_cent" : u < 0.9 ? "tapered_deci_cent" : "deci_cent";
}

function pickYesPrice(r: Random): number {
  const u = r.next();
  const flip = r.next() < 0.5;
  let p: number;
  if (u < 0.5) p = uniform(r, 0.85, 0.98);
  else if (u < 0.6) p = uniform(r, 0.98, 0.997);
  else return uniform(r, 0.1, 0.9);
  return flip ? 1 - p : p;
}

interface EventTimes {
  createdTime: number;
  openTime: number;
  closeTime: number;
}

function pickEventTimes(r: Random, t0: number): EventTimes {
  const u = r.next();
  let openTime: number;
  let closeTime: number;
  if (u < 0.08) {
    closeTime = t0 - uniform(r, HOUR, 200 * DAY);
    openTime = closeTime - uniform(r, DAY, 30 * DAY);
  } else if (u < 0.13) {
    openTime = t0 + uniform(r, 10 * MINUTE, 3 * DAY);
    closeTime = openTime + uniform(r, DAY, 14 * DAY);
  } else {
    openTime = t0 - uniform(r, HOUR, 30 * DAY);
    const v = r.next();
    const horizon =
      v < 0.45
        ? uniform(r, 10 * MINUTE, 3 * DAY)
        : v < 0.75
          ? uniform(r, 3 * DAY, 14 * DAY)
          : uniform(r, 14 * DAY, 90 * DAY);
    closeTime = t0 + horizon;
  }
  openTime = roundTo(openTime, MINUTE);
  closeTime = Math.max(openTime + 15 * MINUTE, roundTo(closeTime, 15 * MINUTE));
  return { createdTime: openTime - roundTo(uniform(r, HOUR, 2 * DAY), MINUTE), openTime, closeTime };
}

const SETTLEMENT_TIMERS_S = [60, 300, 600, 1800, 3600];

export function generateCatalog(catalog: Catalog, count: number): void {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`catalog size must be a positive integer, got ${count}`);
  const r = seededRandom((catalog.seed ^ 0x5eed5eed) >>> 0);
  const t0 = catalog.t0;
  const seriesCount = Math.min(600, Math.max(10, Math.ceil(count / 40)));
  const seriesTickers: string[] = [];
  for (let i = 0; i < seriesCount; i++) {
    const tpl = CATEGORIES[i % CATEGORIES.length];
    if (!tpl) continue;
    const round = Math.floor(i / CATEGORIES.length);
    const codeIndex = round % tpl.codes.length;
    const generation = Math.floor(round / tpl.codes.length);
    const ticker = `KX${tpl.prefix}${tpl.codes[codeIndex] ?? ""}${generation > 0 ? String(generation + 1) : ""}`;
    const subject = `${tpl.subject[codeIndex] ?? tpl.prefix}${generation > 0 ? ` (${generation + 1})` : ""}`;
    catalog.addSeries({
      ticker,
      title: tpl.seriesTitle(subject),
      category: tpl.category,
      frequency: tpl.frequency,
      tags: [...tpl.tags],
      ...pickFee(r),
      createdTime: t0 - 400 * DAY,
    });
    seriesTickers.push(ticker);
  }

  const eventsPerKey = new Map<string, number>();
  let made = 0;
  while (made < count) {
    const sIndex = Math.floor(r.next() * seriesTickers.length);
    const seriesTicker = seriesTickers[sIndex] ?? "";
    const series = catalog.seriesByTicker.get(seriesTicker);
    const tpl = CATEGORIES[sIndex % CATEGORIES.length];
    if (!series || !tpl) continue;
    const subject = tpl.subject[Math.floor(sIndex / CATEGORIES.length) % tpl.subject.length] ?? series.title;
    const times = pickEventTimes(r, t0);
    const baseKey = `${seriesTicker}-${dateCode(times.closeTime)}`;
    const seen = eventsPerKey.get(baseKey) ?? 0;
    eventsPerKey.set(baseKey, seen + 1);
    const eventTicker = seen === 0 ? baseKey : `${baseKey}N${seen + 1}`;
    const date = humanDate(times.closeTime);
    catalog.addEvent({
      ticker: eventTicker,
      seriesTicker,
      title: tpl.eventTitle(subject, date),
      subTitle: `On ${date}`,
      mutuallyExclusive: false,
      strikeDate: times.closeTime,
    });
    const marketsInEvent = Math.min(count - made, 1 + Math.floor(r.next() * 6));
    const strikeOffset = Math.floor(r.next() * 20);
    const determinationDelayMs = roundTo(uniform(r, MINUTE, 3 * HOUR), MINUTE);
    const settlementTimerMs =
      (SETTLEMENT_TIMERS_S[Math.floor(r.next() * SETTLEMENT_TIMERS_S.length)] ?? 300) * 1000;
    for (let i = 0; i < marketsInEvent; i++) {
      const strike = tpl.strikeBase + (strikeOffset + i) * tpl.strikeStep;
      const p = pickYesPrice(r);
      catalog.addMarket({
        ticker: `${eventTicker}-T${strike}`,
        eventTicker,
        title: tpl.marketTitle(subject, strike, date),
        yesSubTitle: tpl.yes(strike),
        noSubTitle: tpl.no(strike),
        rulesPrimary: `If the outcome for ${subject} on ${date} is above ${strike}, then the market resolves to Yes.`,
        strikeType: "greater",
        floorStrike: strike,
        ...times,
        determinationDelayMs,
        settlementTimerMs,
        structure: pickStructure(r),
        logit0: logit(p),
        sigma: sigmaFromDaily(Math.exp(uniform(r, Math.log(0.06), Math.log(0.35)))),
      });
      made++;
    }
  }
}
