/**
 * Client order ids, Kalshi's idempotency key, derived from the trade's TradeProposed event id:
 * whatever retries or restarts happen, one trade can only ever be one entry order at the exchange.
 * Exit orders are numbered, because a partly filled sale needs a second order with a new key.
 */
export const entryOrderId = (tradeId: string): string => `cv-${tradeId}`;
export const exitOrderId = (tradeId: string, attempt: number): string => `cv-${tradeId}-x${attempt}`;
