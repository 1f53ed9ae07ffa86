import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, micros, side, ticker } from "./common.ts";

/** We sold out of a position before resolution. P&L is after every fee paid on the trade. */
export const PositionClosed = defineEvent({
  type: "PositionClosed",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    ticker,
    side,
    reason: z.enum(["stop_loss", "manual"]),
    contracts: centis,
    /** What the position cost to open: price × contracts plus the entry fees. */
    entryCost: micros,
    exitPrice: micros,
    proceeds: micros,
    fees: micros,
    realizedPnl: micros,
  }),
});
