import { z } from "zod";
import { defineEvent } from "../define.ts";
import { isoTime } from "./common.ts";

/** A breaker stops trading: a losing streak until resumed by hand, too many stops for 24 h. */
export const CircuitBreakerTripped = defineEvent({
  type: "CircuitBreakerTripped",
  version: 1,
  schema: z.object({
    breaker: z.enum(["loss_streak", "stop_losses_24h"]),
    detail: z.string(),
    /** null: until resumed by hand. */
    pausedUntil: isoTime.nullable(),
  }),
});

export const TradingPaused = defineEvent({
  type: "TradingPaused",
  version: 1,
  schema: z.object({ reason: z.string().min(1), pausedUntil: isoTime.nullable() }),
});

export const TradingResumed = defineEvent({
  type: "TradingResumed",
  version: 1,
  schema: z.object({ reason: z.string() }),
});
