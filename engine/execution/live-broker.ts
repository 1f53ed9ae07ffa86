import type { ExchangeClient } from "../exchange/client.ts";
import type { Fill, OrderRequest, Side } from "../exchange/types.ts";
import type { Broker, ExecutedFill, ExecutionReport } from "./broker.ts";

/**
 * A V2 order trades on the single YES book, so a fill may be reported on either outcome. Our price
 * is the price of the side we trade: a NO sale filled as a YES purchase at 31¢ sold NO at 69¢.
 */
const toExecuted = (f: Fill, side: Side): ExecutedFill => ({
  fillId: f.fillId,
  count: f.count,
  price: side === "yes" ? f.yesPrice : f.noPrice,
  fee: f.fee,
  isTaker: f.isTaker,
  time: f.time ?? 0,
});

/** Real orders on Kalshi (or the simulator): the exchange's own fills are the record. */
export class LiveBroker implements Broker {
  readonly mode = "live" as const;
  constructor(readonly client: ExchangeClient) {}

  async #fillsOf(
    orderId: string,
    clientOrderId: string,
    expected: number,
    side: Side,
  ): Promise<ExecutionReport> {
    // Fills can trail the order response by a moment; ask a few times before settling for less.
    let fills: Fill[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      fills = await this.client.fills({ orderId });
      if (fills.reduce((n, f) => n + f.count, 0) >= expected) break;
      await Bun.sleep(50 * (attempt + 1));
    }
    return { orderId, clientOrderId, fills: fills.map((f) => toExecuted(f, side)) };
  }

  async submit(order: OrderRequest): Promise<ExecutionReport> {
    const placed = await this.client.placeOrder(order);
    return this.#fillsOf(placed.orderId, order.clientOrderId, placed.fillCount, order.side);
  }

  async lookup(ticker: string, clientOrderId: string, side: Side): Promise<ExecutionReport | null> {
    const order = await this.client.findOrderByClientOrderId(ticker, clientOrderId);
    if (!order) return null;
    return this.#fillsOf(order.orderId, clientOrderId, order.fillCount, side);
  }
}
