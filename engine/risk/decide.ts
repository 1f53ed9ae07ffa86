/**
 * Pre-trade risk: may this proposal become an order? Pure: the caller reads the projections
 * (balance, trades, trading_state) and the clock, and appends TradeRejected with every reason
 * when the answer is no. All checks run, so one rejection lists everything that is wrong.
 */
import type { TradingConfig } from "../config/config.ts";
import type { Side } from "../exchange/types.ts";
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../money/fees.ts";
import { affordableCount, type Micros } from "../money/money.ts";
import type { TradeRow } from "../projections/trades/projection.ts";
import { cents, usd } from "./format.ts";
import { localDayBounds } from "./local-day.ts";
import { parseTradeStatus, type TradeStatus } from "./trade-status.ts";
import { pauseInForce, type TradingStateLike } from "./trading-state.ts";

export interface TradeProposal {
  /** The proposal's own id: its row (status "proposed") is skipped when counting the others. */
  tradeId: string;
  ticker: string;
  side: Side;
  /** Dollars to commit, fee included (see sizing.ts). */
  allocation: Micros;
  /** Current ask on our side: the limit price the order would carry. */
  price: Micros;
  fees?: FeeSchedule;
}

/** The columns of the `trades` projection that risk reads. */
export type RiskTradeRow = Pick<
  TradeRow,
  | "id"
  | "contract_id"
  | "status"
  | "proposed_at"
  | "allocation"
  | "position_size"
  | "entry_fees"
  | "contracts_purchased"
>;

export interface RiskState {
  /** Cash available to trade, from the exchange or the paper ledger. */
  balance: Micros;
  /** The account's trades: at least every unfinished one and every one proposed today. */
  trades: readonly RiskTradeRow[];
  /** The `trading_state` row, or null when trading was never paused. */
  tradingState: TradingStateLike | null;
}

export type RiskConfig = Pick<
  TradingConfig,
  "dailyBudget" | "minOdds" | "maxOdds" | "minPositionSize" | "maxPositionSize" | "maxTradesPerDay"
> & {
  /** IANA zone whose calendar day the daily limits reset on (Config.timezone). */
  readonly timeZone: string;
};

/** Every pre-trade check, in the order decide() runs them; all of them run on every proposal. */
export const RISK_CHECKS = [
  "trading_state",
  "balance",
  "daily_trades",
  "daily_budget",
  "duplicate_position",
  "position_size",
  "price_band",
] as const;

export type RiskCheck = (typeof RISK_CHECKS)[number];

export interface RiskReason {
  check: RiskCheck;
  detail: string;
}

/** One value a check observed or compared against: money as integer micros, counts as integers. */
export type RiskValue = number | string | boolean | null;

/**
 * One check as it ran: passed or not, what it observed and the limit, so the decision can be
 * audited later without re-deriving anything (recorded on TradeProposed / TradeRejected).
 */
export interface RiskCheckResult {
  check: RiskCheck;
  passed: boolean;
  observed: Record<string, RiskValue>;
  limit: Record<string, RiskValue>;
  detail: string;
}

/** Every check, passed or failed, in the order they ran; `reasons` are the failed ones. */
export type RiskDecision =
  | { ok: true; checks: RiskCheckResult[] }
  | { ok: false; reasons: RiskReason[]; checks: RiskCheckResult[] };

/**
 * Trades that hold or may still take money. "proposed" counts too: another proposal of the same
 * run, not decided yet, must not let two orders through a limit meant for one. An unknown status
 * counts (conservative).
 */
function isLive(status: TradeStatus | "unknown"): boolean {
  switch (status) {
    case "proposed":
    case "pending":
    case "open":
    case "unknown":
      return true;
    case "rejected":
    case "failed":
    case "stopped":
    case "closed":
    case "won":
    case "lost":
    case "void":
      return false;
  }
}

/** Whether a trade used up one of today's slots: everything but refused or never-filled ones. */
function usedASlot(status: TradeStatus | "unknown"): boolean {
  return status !== "rejected" && status !== "failed";
}

/**
 * Money a trade committed: what it really spent once filled; its allocation while it may still
 * fill (or when it spent more than allocated, which should not happen but must not hide).
 */
function committed(t: RiskTradeRow, status: TradeStatus | "unknown"): number {
  const spent = t.contracts_purchased > 0 ? t.position_size + t.entry_fees : 0;
  return isLive(status) && status !== "open" ? Math.max(t.allocation, spent) : spent;
}

/**
 * The fee a whole allocation would pay at `price` if spent on contracts, fee on top: added to the
 * allocation for the balance check, which is therefore conservative by one fee.
 */
export function estimatedFee(allocation: Micros, price: Micros, fees: FeeSchedule = STANDARD_FEES): Micros {
  if (price <= 0 || allocation <= 0) return 0 as Micros;
  return tradingFee(price, affordableCount(allocation, price), "taker", fees);
}

const ordinal = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${suffix}`;
};

export function decide(
  proposal: TradeProposal,
  state: RiskState,
  config: RiskConfig,
  now: number,
): RiskDecision {
  const checks: RiskCheckResult[] = [];
  const { allocation, price } = proposal;
  const run = (
    check: RiskCheck,
    passed: boolean,
    observed: RiskCheckResult["observed"],
    limit: RiskCheckResult["limit"],
    detail: string,
  ) => checks.push({ check, passed, observed, limit, detail });

  const pause = pauseInForce(state.tradingState, now);
  if (pause.inForce) {
    const until =
      pause.until === null ? "until resumed by hand" : `until ${new Date(pause.until).toISOString()}`;
    const what =
      pause.state === "breaker" ? `circuit breaker ${pause.breaker ?? "?"}` : `trading ${pause.state}`;
    run(
      "trading_state",
      false,
      {
        state: pause.state,
        breaker: pause.breaker,
        pausedUntil: pause.until === null ? null : new Date(pause.until).toISOString(),
        reason: pause.reason,
      },
      { required: "running" },
      `${what} ${until}: ${pause.reason}`,
    );
  } else {
    // A lapsed timed pause reads as running: the row may still say "breaker" until resumed.
    const lapsed = state.tradingState !== null && state.tradingState.state !== "running";
    run(
      "trading_state",
      true,
      { state: "running", breaker: null, pausedUntil: null, reason: null },
      { required: "running" },
      lapsed
        ? `trading running (the ${state.tradingState?.state} until ${state.tradingState?.paused_until} has lapsed), no circuit breaker in force`
        : "trading running, no circuit breaker in force",
    );
  }

  const today = localDayBounds(now, config.timeZone);
  let tradesToday = 0;
  let committedToday = 0;
  let openExposure = 0;
  const sameMarket: string[] = [];
  for (const t of state.trades) {
    if (t.id === proposal.tradeId) continue;
    const status = parseTradeStatus(t.status);
    if (isLive(status)) openExposure += committed(t, status);
    if (t.contract_id === proposal.ticker && isLive(status)) sameMarket.push(`${t.id} (${t.status})`);
    const at = Date.parse(t.proposed_at);
    if (at >= today.start && at < today.end && usedASlot(status)) {
      tradesToday += 1;
      committedToday += committed(t, status);
    }
  }

  const fee = estimatedFee(allocation, price, proposal.fees);
  const needs = allocation + fee;
  run(
    "balance",
    needs <= state.balance,
    { balance: state.balance, openExposure },
    { needed: needs, allocation, estimatedFee: fee },
    needs <= state.balance
      ? `needs ${usd(needs)} (allocation ${usd(allocation)} + fee ${usd(fee)}), balance is ${usd(state.balance)}; open exposure ${usd(openExposure)}`
      : `needs ${usd(needs)} (allocation ${usd(allocation)} + fee ${usd(fee)}), balance is ${usd(state.balance)}`,
  );

  const tradesOk = tradesToday + 1 <= config.maxTradesPerDay;
  run(
    "daily_trades",
    tradesOk,
    { tradesToday, day: today.day },
    { maxTradesPerDay: config.maxTradesPerDay, timeZone: config.timeZone },
    tradesOk
      ? `${tradesToday} trades already on ${today.day} (${config.timeZone}), this is the ${ordinal(tradesToday + 1)} of at most ${config.maxTradesPerDay} a day`
      : `${tradesToday} trades already on ${today.day} (${config.timeZone}), at most ${config.maxTradesPerDay} a day`,
  );

  const remaining = config.dailyBudget - committedToday;
  const budgetOk = committedToday + allocation <= config.dailyBudget;
  run(
    "daily_budget",
    budgetOk,
    { committedToday, remaining, allocation, day: today.day },
    { dailyBudget: config.dailyBudget },
    budgetOk
      ? `${usd(committedToday)} committed on ${today.day} + ${usd(allocation)} within the daily budget of ${usd(config.dailyBudget)} (${usd(remaining)} remaining before this trade)`
      : `${usd(committedToday)} committed on ${today.day} + ${usd(allocation)} exceeds the daily budget of ${usd(config.dailyBudget)}`,
  );

  run(
    "duplicate_position",
    sameMarket.length === 0,
    { liveTradesInMarket: sameMarket.length, trades: sameMarket.join(", ") },
    { maxLiveTradesInMarket: 0 },
    sameMarket.length === 0
      ? `no live trade in ${proposal.ticker}`
      : `${proposal.ticker} already has a live trade: ${sameMarket.join(", ")}`,
  );

  const sizeOk = allocation >= config.minPositionSize && allocation <= config.maxPositionSize;
  run(
    "position_size",
    sizeOk,
    { allocation },
    { minPositionSize: config.minPositionSize, maxPositionSize: config.maxPositionSize },
    `allocation ${usd(allocation)} ${sizeOk ? "within" : "outside"} [${usd(config.minPositionSize)}, ${usd(config.maxPositionSize)}]`,
  );

  const priceOk = price >= config.minOdds && price <= config.maxOdds;
  run(
    "price_band",
    priceOk,
    { price, side: proposal.side },
    { minOdds: config.minOdds, maxOdds: config.maxOdds },
    `${proposal.side.toUpperCase()} ask ${cents(price)} ${priceOk ? "within" : "outside"} [${cents(config.minOdds)}, ${cents(config.maxOdds)}]`,
  );

  const reasons: RiskReason[] = checks
    .filter((c) => !c.passed)
    .map((c) => ({ check: c.check, detail: c.detail }));
  return reasons.length === 0 ? { ok: true, checks } : { ok: false, reasons, checks };
}
