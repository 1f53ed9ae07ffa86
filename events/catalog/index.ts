import type { z } from "zod";
import type { EventDefinition } from "../define.ts";
import { AnalysisCompleted } from "./analysis-completed.ts";
import { BacktestCompleted } from "./backtest-completed.ts";
import { BooksObserved } from "./books-observed.ts";
import { CandidatesScanned } from "./candidates-scanned.ts";
import { ErrorRecorded } from "./error-recorded.ts";
import { MarketObserved } from "./market-observed.ts";
import { NotificationPreferencesSet } from "./notification-preferences-set.ts";
import { OrderBookObserved } from "./order-book-observed.ts";
import { OrderFailed } from "./order-failed.ts";
import { OrderFilled } from "./order-filled.ts";
import { OrderPlaced } from "./order-placed.ts";
import { PositionClosed } from "./position-closed.ts";
import { ReportGenerated } from "./report-generated.ts";
import { Resolved } from "./resolved.ts";
import { StopTriggered } from "./stop-triggered.ts";
import { TradeProposed } from "./trade-proposed.ts";
import { TradeRejected } from "./trade-rejected.ts";
import { CircuitBreakerTripped, TradingPaused, TradingResumed } from "./trading-state.ts";

/** Every event type Conviction knows. A stored type missing from here is an error, never skipped. */
export const catalog = {
  MarketObserved,
  BooksObserved,
  CandidatesScanned,
  AnalysisCompleted,
  TradeProposed,
  TradeRejected,
  OrderBookObserved,
  OrderPlaced,
  OrderFilled,
  OrderFailed,
  StopTriggered,
  PositionClosed,
  Resolved,
  CircuitBreakerTripped,
  TradingPaused,
  TradingResumed,
  ErrorRecorded,
  ReportGenerated,
  BacktestCompleted,
  NotificationPreferencesSet,
} as const satisfies Record<string, EventDefinition>;

export type Catalog = typeof catalog;
export type EventType = keyof Catalog;
export type EventData<T extends EventType> = z.output<Catalog[T]["schema"]>;
export type EventInput<T extends EventType> = z.input<Catalog[T]["schema"]>;

export const EVENT_TYPES = Object.keys(catalog) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(catalog, type);
}
