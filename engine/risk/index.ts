export {
  type BreakerConfig,
  type BreakerHistory,
  type BreakerTradeRow,
  type BreakerTrip,
  DAY_MS,
  evaluateBreakers,
  recentStopLosses,
  resultOf,
  resumedAtOf,
  type StopLossLike,
  trailingLosses,
} from "./breakers.ts";
export {
  decide,
  estimatedFee,
  RISK_CHECKS,
  type RiskCheck,
  type RiskCheckResult,
  type RiskConfig,
  type RiskDecision,
  type RiskReason,
  type RiskState,
  type RiskTradeRow,
  type RiskValue,
  type TradeProposal,
} from "./decide.ts";
export { cents, exactDollars, percent, signedUsd, usd } from "./format.ts";
export {
  assertTimeZone,
  type LocalDay,
  localDayBounds,
  localDayKey,
  localMonthKey,
  shiftDayKey,
} from "./local-day.ts";
export {
  type BookMark,
  costBasis,
  entryCost,
  type MarketResultForSettlement,
  netSaleValue,
  type PositionCost,
  realizedPnlOfSale,
  type SaleInput,
  type Settlement,
  type SettlementInput,
  settle,
  unrealizedPnlAtBid,
  unrealizedPnlFromBook,
} from "./pnl.ts";
export {
  bidFor,
  isTradablePrice,
  type MarketQuote,
  type PriceSource,
  type QuoteRow,
  quoteAsk,
  quoteBid,
  quoteFromRow,
} from "./quote.ts";
export { type OrderSize, orderTotal, type SizingInput, sizeOrder } from "./sizing.ts";
export {
  evaluateStopLoss,
  type HeldPosition,
  type StopDecision,
  type StopTriggeredData,
  stopTriggeredData,
} from "./stop-loss.ts";
export { isFinished, parseTradeStatus, type TradeStatus } from "./trade-status.ts";
export { type BreakerName, type PauseInForce, pauseInForce, type TradingStateLike } from "./trading-state.ts";
