/**
 * Scenario files (JSON, validated with zod): markets to add, and steps that fire at simulated
 * offsets from the scenario's start. Tickers may be exact, or selectors resolved at load time:
 * "@favourite:N" (N-th open market priced 85–98¢ on one side, closing within 3 days) and
 * "@active:N" (N-th open market).
 */
import { z } from "zod";
import { parseDollars } from "../../engine/money/money.ts";
import { parseDuration } from "../core/durations.ts";

const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
    return z.NEVER;
  }
});

/** A YES price as a dollar string ("0.70") or number (0.7), strictly between 0 and 1, in micros. */
const price = z
  .union([z.string().regex(/^0?\.\d{1,6}$/, 'price must be a dollar string like "0.70"'), z.number()])
  .transform((v, ctx) => {
    const micros =
      typeof v === "number" ? Math.round(v * 1_000_000) : parseDollars(v.startsWith(".") ? `0${v}` : v);
    if (!(micros > 0 && micros < 1_000_000)) {
      ctx.addIssue({ code: "custom", message: "price must be strictly between 0 and 1" });
      return z.NEVER;
    }
    return micros;
  });

const ticker = z.string().min(1, "ticker is required");
const path = z
  .string()
  .regex(
    /^\/[\w/{}.*-]*$/,
    "path must look like /portfolio/balance (below /trade-api/v2; a trailing * matches a prefix)",
  );
const method = z.enum(["GET", "POST", "PUT", "DELETE"]).optional();

export const ActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set_price"), ticker, yes_price: price, pinned: z.boolean().optional() }),
  z.object({
    action: z.literal("settle"),
    ticker,
    result: z.enum(["yes", "no"]),
    finalize_after: duration.optional(),
  }),
  z.object({ action: z.literal("pause_exchange") }),
  z.object({ action: z.literal("resume_exchange") }),
  z.object({ action: z.literal("rate_limit_storm"), duration_seconds: z.number().positive() }),
  z.object({
    action: z.literal("server_errors"),
    path,
    method,
    count: z.number().int().positive(),
    status: z.number().int().min(500).max(599).optional(),
  }),
  z.object({ action: z.literal("drop_websockets") }),
  /** Open WebSockets stay up but send nothing (no data, no heartbeat pings, no replies). */
  z.object({ action: z.literal("silence_websockets") }),
  /** The next `count` messages (default 1) on a channel (default orderbook_delta) are lost: a seq gap. */
  z.object({
    action: z.literal("sequence_gap"),
    channel: z
      .enum(["orderbook_delta", "ticker", "trade", "fill", "user_orders", "market_positions"])
      .optional(),
    ticker: ticker.optional(),
    count: z.number().int().positive().optional(),
  }),
  z.object({
    action: z.literal("malformed_response"),
    path,
    method,
    kind: z.enum(["invalid_json", "broken_fixed_point"]),
    field: z.string().optional(),
    count: z.number().int().positive().optional(),
  }),
]);
export type Action = z.infer<typeof ActionSchema>;

export const ScenarioMarketSchema = z.object({
  ticker: z.string().regex(/^[A-Z0-9-]+$/, "market tickers use A-Z, 0-9 and -"),
  event_ticker: z
    .string()
    .regex(/^[A-Z0-9-]+$/)
    .optional(),
  series_ticker: z
    .string()
    .regex(/^[A-Z0-9-]+$/)
    .optional(),
  title: z.string().optional(),
  category: z.string().optional(),
  yes_price: price,
  /** Offset from scenario start (negative = already open). Default: open 1 day before start. */
  open: duration.optional(),
  close: duration,
  determination_delay: duration.optional(),
  settlement_timer: duration.optional(),
  fee_type: z.enum(["quadratic", "quadratic_with_maker_fees", "flat"]).optional(),
  fee_multiplier: z.number().nonnegative().optional(),
  price_level_structure: z.enum(["linear_cent", "tapered_deci_cent", "deci_cent"]).optional(),
  /** Daily standard deviation of the log-odds random walk (0 = the price only moves when told). */
  daily_volatility: z.number().nonnegative().optional(),
});
export type ScenarioMarket = z.infer<typeof ScenarioMarketSchema>;

export const StepSchema = z.intersection(z.object({ at: duration }), ActionSchema);
export type Step = z.infer<typeof StepSchema>;

export const ScenarioSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  markets: z.array(ScenarioMarketSchema).optional(),
  steps: z.array(StepSchema),
});
export type Scenario = z.input<typeof ScenarioSchema>;
export type ParsedScenario = z.output<typeof ScenarioSchema>;

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
}

export function parseScenario(input: unknown, source = "scenario"): ParsedScenario {
  const r = ScenarioSchema.safeParse(input);
  if (!r.success) throw new ScenarioError(`${source} is invalid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

export function parseAction(input: unknown): Action {
  const r = ActionSchema.safeParse(input);
  if (!r.success) throw new ScenarioError(`action is invalid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

export async function loadScenarioFile(file: string): Promise<ParsedScenario> {
  let text: string;
  try {
    text = await Bun.file(file).text();
  } catch (e) {
    throw new ScenarioError(
      `cannot read scenario file ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(
      `scenario file ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return parseScenario(json, `scenario file ${file}`);
}
