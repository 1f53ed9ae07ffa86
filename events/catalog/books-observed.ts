import { z } from "zod";
import { defineEvent } from "../define.ts";
import { centis, isoTime, micros, ticker } from "./common.ts";

export const bookLevels = z.array(z.object({ price: micros, size: centis }));

/**
 * The order books a scan read to judge depth (its second tier), both sides of each, as the
 * exchange listed them. Appended in the scan's stream just before its CandidatesScanned, so a
 * backtest on the log alone judges the same depth (engine/backtest/sources/market-view.ts).
 */
export const BooksObserved = defineEvent({
  type: "BooksObserved",
  version: 1,
  schema: z.object({
    scanId: z.string(),
    /** When the books were read (the injected clock). */
    observedAt: isoTime,
    books: z.array(z.object({ ticker, yesBids: bookLevels, noBids: bookLevels })),
  }),
});
