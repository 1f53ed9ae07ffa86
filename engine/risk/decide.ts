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

export type RiskCheck =
  | "trading_state"
  | "balance"
  | "daily_trades"
  | "daily_budget"
  | "duplicate_position"
  | "position_size"
  | "price_band";

export interface RiskReason {
  check: RiskCheck;
  detail: string;
}

export type RiskDecision = { ok: true } | { ok: false; reasons: RiskReason[] };

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

export function decide(
  proposal: TradeProposal,
  state: RiskState,
  config: RiskConfig,
  now: number,
): RiskDecision {
  const reasons: RiskReason[] = [];
  const { allocation, price } = proposal;

  const pause = pauseInForce(state.tradingState, now);
  if (pause.inForce) {
    const until =
      pause.until === null ? "until resumed by hand" : `until ${new Date(pause.until).toISOString()}`;
    const what =
      pause.state === "breaker" ? `circuit breaker ${pause.breaker ?? "?"}` : `trading ${pause.state}`;
    reasons.push({ check: "trading_state", detail: `${what} ${until}: ${pause.reason}` });
  }

  const fee = estimatedFee(allocation, price, proposal.fees);
  if (allocation + fee > state.balance) {
    reasons.push({
      check: "balance",
      detail: `needs ${usd(allocation + fee)} (allocation ${usd(allocation)} + fee ${usd(fee)}), balance is ${usd(state.balance)}`,
    });
  }

  const today = localDayBounds(now, config.timeZone);
  let tradesToday = 0;
  let committedToday = 0;
  const sameMarket: string[] = [];
  for (const t of state.trades) {
    if (t.id === proposal.tradeId) continue;
    const status = parseTradeStatus(t.status);
    if (t.contract_id === proposal.ticker && isLive(status)) sameMarket.push(`${t.id} (${t.status})`);
    const at = Date.parse(t.proposed_at);
    if (at >= today.start && at < today.end && usedASlot(status)) {
      tradesToday += 1;
      committedToday += committed(t, status);
    }
  }

  if (tradesToday + 1 > config.maxTradesPerDay) {
    reasons.push({
      check: "daily_trades",
      detail: `${tradesToday} trades already on ${today.day} (${config.timeZone}), at most ${config.maxTradesPerDay} a day`,
    });
  }
  if (committedToday + allocation > config.dailyBudget) {
    reasons.push({
      check: "daily_budget",
      detail: `${usd(committedToday)} committed on ${today.day} + ${usd(allocation)} exceeds the daily budget of ${usd(config.dailyBudget)}`,
    });
  }
  if (sameMarket.length > 0) {
    reasons.push({
      check: "duplicate_position",
      detail: `${proposal.ticker} already has a live trade: ${sameMarket.join(", ")}`,
    });
  }
  if (allocation < config.minPositionSize || allocation > config.maxPositionSize) {
    reasons.push({
      check: "position_size",
      detail: `allocation ${usd(allocation)} outside [${usd(config.minPositionSize)}, ${usd(config.maxPositionSize)}]`,
    });
  }
  if (price < config.minOdds || price > config.maxOdds) {
    reasons.push({
      check: "price_band",
      detail: `${proposal.side.toUpperCase()} ask ${cents(price)} outside [${cents(config.minOdds)}, ${cents(config.maxOdds)}]`,
    });
  }

  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
