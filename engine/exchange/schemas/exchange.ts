/**
 * Exchange-level reads: GET /exchange/status, GET /series/{ticker}, GET /series,
 * GET /account/limits. Names follow the SDK's ExchangeStatus, Series and
 * GetAccountApiLimitsResponse models.
 */
import { z } from "zod";
import { type FeeSchedule, type FeeType, parseFeeMultiplier } from "../../money/fees.ts";
import type { TierLimits } from "../rate-limit.ts";
import type { ExchangeStatus, KalshiFeeType, Series } from "../types.ts";
import { optionalTime } from "./primitives.ts";

export const exchangeStatusResponse = z
  .object({
    exchange_active: z.boolean(),
    trading_active: z.boolean(),
    exchange_estimated_resume_time: optionalTime,
  })
  .transform(
    (s): ExchangeStatus => ({
      exchangeActive: s.exchange_active,
      tradingActive: s.trading_active,
      estimatedResumeTime: s.exchange_estimated_resume_time,
    }),
  );

export const FEE_TYPES = [
  "quadratic",
  "quadratic_with_maker_fees",
  "quadratic_with_combo_maker_fees",
  "flat",
] as const satisfies readonly KalshiFeeType[];

/**
 * Our fee engine knows three schedules. `quadratic_with_combo_maker_fees` charges makers only on
 * combo (multivariate) markets, which the engine does not trade, so for us it is `quadratic`.
 */
export function feeTypeForEngine(t: KalshiFeeType): FeeType {
  return t === "quadratic_with_combo_maker_fees" ? "quadratic" : t;
}

const feeMultiplier = z.number().transform((n, ctx) => {
  try {
    return parseFeeMultiplier(n);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: `fee multiplier ${n} is not a decimal with at most 4 places`,
      input: n,
    });
    return z.NEVER;
  }
});

export const seriesSchema = z
  .object({
    ticker: z.string().min(1),
    title: z.string(),
    category: z.string(),
    frequency: z.string(),
    tags: z
      .array(z.string())
      .nullish()
      .transform((t) => t ?? []),
    fee_type: z.enum(FEE_TYPES),
    fee_multiplier: feeMultiplier,
  })
  .transform((s): Series => {
    const fees: FeeSchedule = { feeType: feeTypeForEngine(s.fee_type), multiplier: s.fee_multiplier };
    return {
      ticker: s.ticker,
      title: s.title,
      category: s.category,
      frequency: s.frequency,
      tags: s.tags,
      feeType: s.fee_type,
      fees,
    };
  });

export const getSeriesResponse = z.object({ series: seriesSchema }).transform((r) => r.series);
export const getSeriesListResponse = z.object({ series: z.array(seriesSchema) }).transform((r) => r.series);

const bucket = z.object({
  refill_rate: z.number().int().positive(),
  bucket_capacity: z.number().int().positive(),
});

export const accountLimitsResponse = z
  .object({ usage_tier: z.string(), read: bucket, write: bucket })
  .transform((l): { usageTier: string; limits: TierLimits } => ({
    usageTier: l.usage_tier,
    limits: {
      read: { refillPerSecond: l.read.refill_rate, capacity: l.read.bucket_capacity },
      write: { refillPerSecond: l.write.refill_rate, capacity: l.write.bucket_capacity },
    },
  }));

export const endpointCostsResponse = z
  .object({
    default_cost: z.number().int().nonnegative(),
    endpoint_costs: z.array(
      z.object({ method: z.string(), path: z.string(), cost: z.number().int().nonnegative() }),
    ),
  })
  .transform((r) => ({ defaultCost: r.default_cost, entries: r.endpoint_costs }));

/** An event's series and category: market objects carry neither, market sync needs both. */
const eventSchema = z
  .object({
    event_ticker: z.string().min(1),
    series_ticker: z.string(),
    title: z.string(),
    category: z.string().optional(),
  })
  .transform((e) => ({
    eventTicker: e.event_ticker,
    seriesTicker: e.series_ticker,
    title: e.title,
    category: e.category ?? "",
  }));

export type EventSummary = z.output<typeof eventSchema>;
export const getEventsResponse = z.object({ events: z.array(eventSchema), cursor: z.string().optional() });
export const getEventResponse = z.object({ event: eventSchema }).transform((r) => r.event);
