import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, isoTime, micros, ticker } from "./common.ts";

/**
 * A market's state as seen on the exchange. Appended only when price, size, status or close time
 * changed since the previous observation, so the log stays small while the catalog is synced fully.
 */
export const MarketObserved = defineEvent({
  type: "MarketObserved",
  version: 1,
  schema: z.object({
    ticker,
    eventTicker: z.string(),
    seriesTicker: z.string(),
    title: z.string(),
    subtitle: z.string().default(""),
    category: z.string(),
    /** Kalshi lifecycle: initialized, inactive, active, closed, determined, disputed, amended, finalized. */
    status: z.string(),
    closeTime: isoTime,
    yesBid: micros.nullable(),
    yesAsk: micros.nullable(),
    noBid: micros.nullable(),
    noAsk: micros.nullable(),
    yesBidSize: centis.nullable(),
    yesAskSize: centis.nullable(),
    lastPrice: micros.nullable(),
    volume: centis,
    openInterest: centis,
    result: z.enum(["yes", "no", "scalar", "void", ""]).default(""),
    rules: z.string().default(""),
    canCloseEarly: z.boolean().default(false),
  }),
});
