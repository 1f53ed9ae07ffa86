/**
 * P&L of a position, exact to the micro-dollar, fees always included.
 *
 *   entry cost     = price paid × contracts + entry fees        (the trades row's
 *                    position_size + entry_fees)
 *   unrealized     = what selling now would bring after the exit fee − entry cost
 *   realized sale  = proceeds − exit fees − entry cost (of the contracts sold)
 *   settlement     = won:  $1 × contracts − entry cost
 *                    lost: −entry cost
 *                    void: the exchange refunds the price paid; whether the entry fees come
 *                          back is not documented by Kalshi, so by default they are KEPT
 *                          (P&L = −entry fees): the conservative reading, which never reports
 *                          money we may not get. `voidRefundsFees: true` gives P&L 0. The
 *                          settlement the exchange reports (revenue, fee) remains the authority
 *                          that the reconciliation compares with.
 *                    scalar: YES receives the settlement value v per contract, NO 1 − v, rounded
 *                          down to the cent (Kalshi pays settlements in whole cents).
 */
import { walkSell } from "../exchange/book-walk.ts";
import type { OrderBook, Side } from "../exchange/types.ts";
import { type FeeSchedule, STANDARD_FEES, tradingFee } from "../money/fees.ts";
import {
  type Centis,
  divRound,
  MICROS_PER_DOLLAR,
  type Micros,
  notional,
  PAYOUT_PER_CONTRACT,
  roundToCent,
} from "../money/money.ts";

export interface PositionCost {
  contracts: Centis;
  /** Price paid × contracts, before fees (trades.position_size). */
  positionSize: Micros;
  entryFees: Micros;
}

export const entryCost = (p: PositionCost): Micros => (p.positionSize + p.entryFees) as Micros;

/** What selling `contracts` at `bid` brings after Kalshi's taker fee (one order at one price). */
export function netSaleValue(contracts: Centis, bid: Micros, fees: FeeSchedule = STANDARD_FEES): Micros {
  return (notional(bid, contracts, "down") - tradingFee(bid, contracts, "taker", fees)) as Micros;
}

/** Unrealized P&L marked at our side's best bid, after the exit fee. */
export function unrealizedPnlAtBid(p: PositionCost, bid: Micros, fees: FeeSchedule = STANDARD_FEES): Micros {
  return (netSaleValue(p.contracts, bid, fees) - entryCost(p)) as Micros;
}

export interface BookMark {
  unrealizedPnl: Micros;
  /** Contracts the book's bids could not absorb: valued at zero, so the mark never flatters. */
  unfilled: Centis;
  net: Micros;
}

/** Unrealized P&L if the whole position were sold into the book now, level by level. */
export function unrealizedPnlFromBook(
  p: PositionCost,
  side: Side,
  book: OrderBook,
  fees: FeeSchedule = STANDARD_FEES,
): BookMark {
  const sale = walkSell(book, { side, contracts: p.contracts, fees });
  return { unrealizedPnl: (sale.net - entryCost(p)) as Micros, unfilled: sale.unfilled, net: sale.net };
}

export interface SaleInput extends PositionCost {
  /** Contracts sold; the entry cost of those is charged against the proceeds. */
  contractsSold: Centis;
  /** Σ price × count of the sale's fills (trades.exit_proceeds). */
  proceeds: Micros;
  exitFees: Micros;
}

/** Entry cost of part of a position, pro rata, half-up. The whole position costs exactly entryCost. */
export function costBasis(p: PositionCost, sold: Centis): Micros {
  if (p.contracts <= 0) return 0 as Micros;
  if (sold >= p.contracts) return entryCost(p);
  return Number(divRound(BigInt(entryCost(p)) * BigInt(sold), BigInt(p.contracts), "half-up")) as Micros;
}

/** Realized P&L of a sale: proceeds − exit fees − entry cost (incl. entry fees) of what was sold. */
export function realizedPnlOfSale(s: SaleInput): Micros {
  return (s.proceeds - s.exitFees - costBasis(s, s.contractsSold)) as Micros;
}

export type MarketResultForSettlement = "yes" | "no" | "scalar" | "void";

export interface SettlementInput extends PositionCost {
  side: Side;
  marketResult: MarketResultForSettlement;
  /** YES settlement value per contract, for scalar results. */
  settlementValue?: Micros | null;
  /** See the module comment. Default false: entry fees are not refunded on a void. */
  voidRefundsFees?: boolean;
}

/** The figures of a Resolved event: outcome, payout, fees and realized P&L. */
export interface Settlement {
  outcome: "won" | "lost" | "void";
  payout: Micros;
  /** Fees paid on the trade (entry fees; settlement itself is free for yes/no results). */
  fees: Micros;
  realizedPnl: Micros;
}

export function settle(s: SettlementInput): Settlement {
  const cost = entryCost(s);
  const fees = s.entryFees;
  switch (s.marketResult) {
    case "yes":
    case "no": {
      const won = s.marketResult === s.side;
      const payout = won ? notional(PAYOUT_PER_CONTRACT, s.contracts, "down") : (0 as Micros);
      return { outcome: won ? "won" : "lost", payout, fees, realizedPnl: (payout - cost) as Micros };
    }
    case "scalar": {
      const v = s.settlementValue;
      if (v === null || v === undefined || v < 0 || v > MICROS_PER_DOLLAR) {
        throw new RangeError("a scalar settlement needs a settlement value between $0 and $1");
      }
      const perContract = (s.side === "yes" ? v : MICROS_PER_DOLLAR - v) as Micros;
      const payout = roundToCent(notional(perContract, s.contracts, "down"), "down");
      const realizedPnl = (payout - cost) as Micros;
      return { outcome: realizedPnl > 0 ? "won" : "lost", payout, fees, realizedPnl };
    }
    case "void": {
      const payout = (s.positionSize + (s.voidRefundsFees ? s.entryFees : 0)) as Micros;
      return { outcome: "void", payout, fees, realizedPnl: (payout - cost) as Micros };
    }
  }
}
