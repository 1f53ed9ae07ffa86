/**
 * GET /markets/{ticker}/orderbook and GET /markets/orderbooks: bids only, per outcome, as
 * [price_dollars, count_fp] pairs. Level order is not trusted: levels are merged by price and
 * sorted best (highest) first here.
 */
import { z } from "zod";
import type { Centis, Micros } from "../../money/money.ts";
import type { BookLevel, OrderBook } from "../types.ts";
import { count, price } from "./primitives.ts";

export const levelSchema = z
  .tuple([price, count])
  .transform(([p, c]): BookLevel => ({ price: p, size: c }))
  .refine((l) => l.price > 0 && l.price < 1_000_000, {
    message: "bid price must be strictly between 0 and 1",
  });

/**
 * An empty side has been seen both as [] and as a missing key/null (the WebSocket snapshot
 * documents "key absent when empty"); all three mean "no bids".
 */
export const sideSchema = z
  .array(levelSchema)
  .nullish()
  .transform((l) => normalizeLevels(l ?? []));

/** Merges equal prices, drops empty levels, sorts highest price first. */
export function normalizeLevels(levels: readonly BookLevel[]): BookLevel[] {
  const byPrice = new Map<number, number>();
  for (const l of levels) byPrice.set(l.price, (byPrice.get(l.price) ?? 0) + l.size);
  const out: BookLevel[] = [];
  for (const [p, s] of byPrice) if (s > 0) out.push({ price: p as Micros, size: s as Centis });
  return out.sort((a, b) => b.price - a.price);
}

const bookSchema = z.object({ yes_dollars: sideSchema, no_dollars: sideSchema });

export const getOrderbookResponse = (ticker: string) =>
  z
    .object({ orderbook_fp: bookSchema })
    .transform(
      (r): OrderBook => ({ ticker, yesBids: r.orderbook_fp.yes_dollars, noBids: r.orderbook_fp.no_dollars }),
    );

export const getOrderbooksResponse = z
  .object({ orderbooks: z.array(z.object({ ticker: z.string().min(1), orderbook_fp: bookSchema })) })
  .transform((r) =>
    r.orderbooks.map(
      (b): OrderBook => ({
        ticker: b.ticker,
        yesBids: b.orderbook_fp.yes_dollars,
        noBids: b.orderbook_fp.no_dollars,
      }),
    ),
  );
