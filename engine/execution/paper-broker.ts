import { bidsFor, otherSide } from "../exchange/book.ts";
import { walkBuy, walkSell } from "../exchange/book-walk.ts";
import type { OrderBook, OrderRequest } from "../exchange/types.ts";
import type { FeeSchedule } from "../money/fees.ts";
import { type Micros, notional } from "../money/money.ts";
import type { Clock } from "../time/clock.ts";
import type { Broker, ExecutionReport } from "./broker.ts";

export interface PaperMarketData {
  getOrderBook(ticker: string): Promise<OrderBook>;
  /** The series' fee schedule for a market (standard fees when unknown). */
  feesFor?(ticker: string): Promise<FeeSchedule>;
}

/**
 * Paper trading against real market data: an IOC order fills by walking the live order book,
 * level by level at the makers' prices, with Kalshi's taker fee on each fill. Ids derive from the
 * client order id, so replaying a placement yields the same fills, which the log stores once.
 * The report carries the side of the book walked, which is recorded (OrderBookObserved) so a
 * backtest from the log alone walks the very same levels.
 */
export class PaperBroker implements Broker {
  readonly mode = "paper" as const;
  constructor(
    readonly market: PaperMarketData,
    readonly clock: Clock,
  ) {}

  async submit(order: OrderRequest): Promise<ExecutionReport> {
    const book = await this.market.getOrderBook(order.ticker);
    const fees = await this.market.feesFor?.(order.ticker);
    const walked =
      order.action === "buy"
        ? walkBuy(book, {
            side: order.side,
            // The count was sized to fit the allocation; this budget only stops the walk there.
            budget: (notional(order.limitPrice, order.count, "up") + order.count * 10_000) as Micros,
            maxPrice: order.limitPrice,
            maxContracts: order.count,
            fees,
          })
        : walkSell(book, { side: order.side, contracts: order.count, minPrice: order.limitPrice, fees });
    const orderId = `paper-${order.clientOrderId}`;
    const time = this.clock.now();
    // Fill-or-kill fills completely or not at all.
    const complete = walked.contracts === order.count;
    const fills =
      order.timeInForce === "fill_or_kill" && !complete
        ? []
        : walked.fills.map((f, i) => ({
            fillId: `${orderId}-${i + 1}`,
            count: f.count,
            price: f.price,
            fee: f.fee,
            isTaker: true,
            time,
          }));
    // A buy takes the other side's bids (a YES ask is a NO bid), a sell hits its own side's bids.
    const bids = order.action === "buy" ? otherSide(order.side) : order.side;
    const levels = bidsFor(book, bids).map((l) => ({ price: l.price, size: l.size }));
    return { orderId, clientOrderId: order.clientOrderId, fills, book: { bids, levels, time } };
  }

  /** Paper orders live only in the log; there is no exchange to ask. */
  async lookup(): Promise<ExecutionReport | null> {
    return null;
  }
}
