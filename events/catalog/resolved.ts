import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, isoTime, micros, side, ticker } from "./common.ts";

/** The market settled. The P&L matches the exchange's settlement to the cent. */
export const Resolved = defineEvent({
  type: "Resolved",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    ticker,
    side,
    marketResult: z.enum(["yes", "no", "scalar", "void"]),
    outcome: z.enum(["won", "lost", "void"]),
    contracts: centis,
    /** What the position cost to open: price × contracts plus the entry fees. */
    entryCost: micros,
    payout: micros,
    fees: micros,
    realizedPnl: micros,
    settledAt: isoTime,
  }),
});
