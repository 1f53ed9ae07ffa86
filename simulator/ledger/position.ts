/**
 * Position arithmetic for one market, exact in Micros and Centis. A position is signed: positive
 * holds YES, negative holds NO (Kalshi nets the two: a YES and a NO together redeem for $1).
 *
 * Invariant kept by every operation, which is what makes the books reconcile to the micro:
 *     cash + cost basis − realized P&L + fees paid  =  what the account started with (+ deposits)
 */
import {
  type Centis,
  divRound,
  type Micros,
  notional,
  PAYOUT_PER_CONTRACT,
} from "../../engine/money/money.ts";
import type { BookSide } from "../book/order-book.ts";

export interface Position {
  ticker: string;
  eventTicker: string;
  /** Centis; + YES, − NO. */
  position: number;
  /** Cost basis of the open position (what was paid for the side held). */
  cost: number;
  realizedPnl: number;
  feesPaid: number;
  /** Sum of what was paid for every contract bought here. */
  totalTraded: number;
  /** Contracts traded here (centis). */
  volume: number;
  lastUpdated: number;
  settled: boolean;
}

export const newPosition = (ticker: string, eventTicker: string, now: number): Position => ({
  ticker,
  eventTicker,
  position: 0,
  cost: 0,
  realizedPnl: 0,
  feesPaid: 0,
  totalTraded: 0,
  volume: 0,
  lastUpdated: now,
  settled: false,
});

const ONE = PAYOUT_PER_CONTRACT as number;

/** What one contract of this order costs to open: p for a YES bid, 1 − p for an ask (a NO buy). */
export const costPerContract = (side: BookSide, yesPrice: Micros): Micros =>
  (side === "bid" ? yesPrice : ONE - yesPrice) as Micros;

/** How much of a new order on `side` would close an existing opposite position. */
export const closable = (position: number, side: BookSide): number =>
  side === "bid" ? Math.max(0, -position) : Math.max(0, position);

export interface TradeEffect {
  /** Change of cash from contracts (fees excluded). */
  cash: number;
  realized: number;
}

/** Applies one fill (before fees) and returns its cash and realized effects. */
export function applyTrade(
  pos: Position,
  side: BookSide,
  yesPrice: Micros,
  count: Centis,
  now: number,
): TradeEffect {
  const held = Math.abs(pos.position);
  const q = Math.min(count, closable(pos.position, side));
  const open = count - q;
  let cash = 0;
  let realized = 0;
  if (q > 0) {
    // Closing: the contract bought pairs with one held and the pair redeems for $1, so the
    // proceeds per contract are the price of the side held: p when selling YES, 1 − p when
    // buying YES against NO.
    const proceeds = notional(costPerContract(side === "bid" ? "ask" : "bid", yesPrice), q as Centis);
    const basisOut = Number(divRound(BigInt(pos.cost) * BigInt(q), BigInt(held), "half-up"));
    cash += proceeds;
    realized += proceeds - basisOut;
    pos.cost -= basisOut;
    pos.position += side === "bid" ? q : -q;
  }
  if (open > 0) {
    const paid = notional(costPerContract(side, yesPrice), open as Centis);
    cash -= paid;
    pos.cost += paid;
    pos.position += side === "bid" ? open : -open;
  }
  pos.realizedPnl += realized;
  pos.totalTraded += notional(costPerContract(side, yesPrice), count);
  pos.volume += count;
  pos.lastUpdated = now;
  return { cash, realized };
}

export interface SettlementEffect {
  payout: number;
  yesCount: number;
  yesCost: number;
  noCount: number;
  noCost: number;
}

/** Settles a position at $1 per winning contract; leaves it flat. */
export function settlePosition(pos: Position, result: "yes" | "no", now: number): SettlementEffect {
  const yesCount = Math.max(0, pos.position);
  const noCount = Math.max(0, -pos.position);
  const winning = result === "yes" ? yesCount : noCount;
  const payout = notional(PAYOUT_PER_CONTRACT, winning as Centis);
  const effect: SettlementEffect = {
    payout,
    yesCount,
    yesCost: yesCount > 0 ? pos.cost : 0,
    noCount,
    noCost: noCount > 0 ? pos.cost : 0,
  };
  pos.realizedPnl += payout - pos.cost;
  pos.cost = 0;
  pos.position = 0;
  pos.settled = true;
  pos.lastUpdated = now;
  return effect;
}
