import { z } from "zod";
import { defineEvent } from "../define.ts";
import { micros, side, ticker } from "./common.ts";

/** Our side's bid fell below STOP_LOSS_THRESHOLD. A NO position is judged by the NO price. */
export const StopTriggered = defineEvent({
  type: "StopTriggered",
  version: 1,
  schema: z.object({
    tradeId: z.string(),
    ticker,
    side,
    triggerPrice: micros,
    threshold: micros,
    source: z.enum(["schedule", "realtime"]),
  }),
});
