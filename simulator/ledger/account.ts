/**
 * One trader's money: cash, funds held for resting orders, positions, and the full history of
 * orders, fills and settlements. Every amount is exact (Micros / Centis as plain integers).
 */
import type { Centis, Micros } from "../../engine/money/money.ts";
import type { BookSide } from "../book/order-book.ts";
import { applyTrade, newPosition, type Position, settlePosition } from "./position.ts";
import type { FillRecord, OrderRecord, SettlementRecord } from "./records.ts";

export class Account {
  cash: number;
  /** Sum of `reserved` over resting orders. */
  reserved = 0;
  deposits: number;
  readonly positions = new Map<string, Position>();
  readonly orders = new Map<string, OrderRecord>();
  readonly ordersInOrder: OrderRecord[] = [];
  readonly byClientOrderId = new Map<string, OrderRecord>();
  readonly fills: FillRecord[] = [];
  readonly settlements: SettlementRecord[] = [];
  feesTotal = 0;
  updatedTime: number;

  constructor(
    readonly userId: string,
    startingCash: Micros,
    now: number,
  ) {
    this.cash = startingCash;
    this.deposits = startingCash;
    this.updatedTime = now;
  }

  get available(): number {
    return this.cash - this.reserved;
  }

  position(ticker: string, eventTicker: string, now: number): Position {
    let p = this.positions.get(ticker);
    if (!p) {
      p = newPosition(ticker, eventTicker, now);
      this.positions.set(ticker, p);
    }
    return p;
  }

  addOrder(order: OrderRecord): void {
    this.orders.set(order.id, order);
    this.ordersInOrder.push(order);
    if (order.clientOrderId) this.byClientOrderId.set(order.clientOrderId, order);
  }

  restingOrders(ticker: string): OrderRecord[] {
    return this.ordersInOrder.filter((o) => o.status === "resting" && o.ticker === ticker);
  }

  setReserve(order: OrderRecord, amount: number): void {
    this.reserved += amount - order.reserved;
    order.reserved = amount;
  }

  /** Books one fill; returns the position after it. */
  fill(
    fill: Omit<FillRecord, "postPosition" | "cash" | "seq">,
    eventTicker: string,
    side: BookSide,
  ): FillRecord {
    const pos = this.position(fill.ticker, eventTicker, fill.time);
    const effect = applyTrade(pos, side, fill.price, fill.count as Centis, fill.time);
    pos.feesPaid += fill.fee;
    this.cash += effect.cash - fill.fee;
    this.feesTotal += fill.fee;
    this.updatedTime = fill.time;
    const record: FillRecord = {
      ...fill,
      postPosition: pos.position,
      cash: effect.cash,
      seq: this.fills.length + 1,
    };
    this.fills.push(record);
    return record;
  }

  settle(ticker: string, result: "yes" | "no", now: number): SettlementRecord | undefined {
    const pos = this.positions.get(ticker);
    if (!pos || pos.settled) return undefined;
    if (pos.position === 0 && pos.cost === 0 && pos.volume === 0) return undefined;
    const effect = settlePosition(pos, result, now);
    this.cash += effect.payout;
    this.updatedTime = now;
    const record: SettlementRecord = {
      ticker,
      eventTicker: pos.eventTicker,
      result,
      yesCount: effect.yesCount,
      yesCost: effect.yesCost,
      noCount: effect.noCount,
      noCost: effect.noCost,
      payout: effect.payout,
      fee: 0,
      time: now,
      seq: this.settlements.length + 1,
    };
    this.settlements.push(record);
    return record;
  }
}
