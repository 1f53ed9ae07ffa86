/**
 * A trade's causal chain, folded from decoded events in log order: what the market looked like,
 * what the scan kept, what the selector said and why, what risk decided, what was ordered and
 * filled, how it ended and what it made after fees. Pure: the caller feeds events (from the log,
 * or a test's list) and reads the chain; nothing here touches a database or the tables.
 *
 * Amounts are integer micros, prices per contract; counts are hundredths of a contract, as in the
 * events themselves.
 */
import type { EventData } from "../../events/catalog/index.ts";
import type { RiskCheckResultData } from "../../events/catalog/risk-checks.ts";
import type { DomainEvent } from "../../events/codec.ts";
import { formatPosition } from "../../events/store/types.ts";

/** What the chain is about: read from the trade's TradeProposed before the log is scanned. */
export interface AuditKeys {
  tradeId: string;
  ticker: string;
  side: "yes" | "no";
  scanId: string | null;
  analysisId: string | null;
}

export interface ChainEventRef {
  /** "txid:position" */
  position: string;
  id: string;
  type: string;
  occurredAt: string;
}

type Observed = EventData<"MarketObserved"> & { occurredAt: string; position: string };

export interface AuditChain {
  tradeId: string;
  accountId: string;
  correlationId: string;
  proposal: EventData<"TradeProposed"> & { occurredAt: string; position: string };
  /** The market as the engine last observed it before deciding (null: never observed). */
  marketAtDecision: Observed | null;
  /** The newest observation of the market in the whole log (its state now, or at settlement). */
  marketLatest: Observed | null;
  scan: {
    scanId: string;
    occurredAt: string;
    criteria: Record<string, string | number | boolean>;
    stages: { name: string; count: number }[];
    candidates: number;
    /** This market's row among the candidates. */
    candidate: EventData<"CandidatesScanned">["candidates"][number] | null;
  } | null;
  analysis: {
    analysisId: string;
    occurredAt: string;
    selector: "ai" | "rules" | "recorded";
    status: string;
    model: string | null;
    promptVersion: string | null;
    promptHash: string | null;
    /** The selector's own reasoning and confidence for this pick. */
    reasoning: string | null;
    confidence: number | null;
    riskFactors: string[];
    /** The probability the selector stated for this market and side (the calibration ledger). */
    statedProbability: number | null;
    strategyNotes: string;
    candidatesAnalyzed: number;
    picks: number;
    inputTokens: number;
    outputTokens: number;
    cost: number;
    rejectionReasons: string[];
  } | null;
  /**
   * Risk's decision and every check it ran, as recorded on TradeProposed (approval) or
   * TradeRejected (refusal). `checks` is null when the event predates recorded checks (an upcast
   * v1): the audit says they were not recorded rather than guessing.
   */
  risk:
    | { verdict: "approved"; checks: RiskCheckResultData[] | null }
    | {
        verdict: "rejected";
        reasons: { check: string; detail: string }[];
        checks: RiskCheckResultData[] | null;
      }
    | { verdict: "pending" };
  orders: {
    clientOrderId: string;
    orderId: string | null;
    action: "buy" | "sell";
    purpose: string;
    count: number;
    limitPrice: number | null;
    timeInForce: string | null;
    mode: string | null;
    occurredAt: string;
    /** Paper orders: the side of the book the order walked, as read just before it filled. */
    bookWalked: {
      bids: "yes" | "no";
      levels: { price: number; size: number }[];
      observedAt: string;
    } | null;
    fills: {
      fillId: string;
      count: number;
      price: number;
      fee: number;
      isTaker: boolean;
      filledAt: string;
    }[];
    failure: string | null;
  }[];
  stop: (EventData<"StopTriggered"> & { occurredAt: string }) | null;
  outcome:
    | { kind: "rejected" }
    | { kind: "failed"; reason: string }
    | { kind: "open"; contracts: number }
    | {
        kind: "closed";
        reason: "stop_loss" | "manual";
        occurredAt: string;
        exitPrice: number;
        proceeds: number;
      }
    | {
        kind: "resolved";
        occurredAt: string;
        marketResult: string;
        outcome: "won" | "lost" | "void";
        payout: number;
        settledAt: string;
      };
  /** Realized P&L after every fee, as the log states it; null while the position is open. */
  pnl: { entryCost: number; feesPaid: number; realizedPnl: number } | null;
  /** Fees of every fill on the trade, summed from the fills themselves. */
  fillFees: number;
  /** Every event the chain was built from, in log order. */
  events: ChainEventRef[];
}

/**
 * Folds events in log order into one trade's chain. Market observations are kept only up to the
 * proposal (for the "as observed" view) plus the newest one; everything else is picked by id.
 */
export class AuditCollector {
  #decisionSeen = false;
  #lastBefore: Observed | null = null;
  #latest: Observed | null = null;
  #proposal: AuditChain["proposal"] | null = null;
  #meta: { accountId: string; correlationId: string } | null = null;
  #scan: AuditChain["scan"] = null;
  #analysis: AuditChain["analysis"] = null;
  #rejected: EventData<"TradeRejected"> | null = null;
  #orders: AuditChain["orders"] = [];
  /** Books walked, by client order id, waiting for their OrderPlaced (appended right after). */
  readonly #books = new Map<string, AuditChain["orders"][number]["bookWalked"]>();
  #stop: AuditChain["stop"] = null;
  #closed: Extract<AuditChain["outcome"], { kind: "closed" }> | null = null;
  #resolved: Extract<AuditChain["outcome"], { kind: "resolved" }> | null = null;
  #pnl: AuditChain["pnl"] = null;
  #entryFilled = 0;
  #exitFilled = 0;
  #events: ChainEventRef[] = [];

  constructor(readonly keys: AuditKeys) {}

  #ref(e: DomainEvent) {
    this.#events.push({
      position: formatPosition(e.position),
      id: e.id,
      type: e.type,
      occurredAt: e.metadata.occurredAt,
    });
  }

  #order(clientOrderId: string | null, orderId: string | null) {
    return this.#orders.find(
      (o) =>
        (clientOrderId !== null && o.clientOrderId === clientOrderId) ||
        (orderId !== null && o.orderId === orderId),
    );
  }

  add(e: DomainEvent): void {
    const k = this.keys;
    switch (e.type) {
      case "MarketObserved": {
        if (e.data.ticker !== k.ticker) return;
        const observed = {
          ...e.data,
          occurredAt: e.metadata.occurredAt,
          position: formatPosition(e.position),
        };
        if (!this.#decisionSeen) {
          this.#lastBefore = observed;
          this.#ref(e);
        }
        this.#latest = observed;
        return;
      }
      case "CandidatesScanned": {
        if (e.data.scanId !== k.scanId) return;
        this.#scan = {
          scanId: e.data.scanId,
          occurredAt: e.metadata.occurredAt,
          criteria: e.data.criteria,
          stages: e.data.stages,
          candidates: e.data.candidates.length,
          candidate: e.data.candidates.find((c) => c.ticker === k.ticker && c.side === k.side) ?? null,
        };
        this.#ref(e);
        return;
      }
      case "AnalysisCompleted": {
        if (e.data.analysisId !== k.analysisId) return;
        const d = e.data;
        const pick = d.selections.find((s) => s.ticker === k.ticker && s.side === k.side);
        const stated = d.probabilities.find((p) => p.ticker === k.ticker && p.side === k.side);
        this.#analysis = {
          analysisId: d.analysisId,
          occurredAt: e.metadata.occurredAt,
          selector: d.selector,
          status: d.status,
          model: d.model,
          promptVersion: d.promptVersion,
          promptHash: d.promptHash,
          reasoning: pick?.reasoning ?? null,
          confidence: pick?.confidence ?? null,
          riskFactors: pick?.riskFactors ?? [],
          statedProbability: stated?.probability ?? null,
          strategyNotes: d.strategyNotes,
          candidatesAnalyzed: d.candidatesAnalyzed,
          picks: d.selections.length,
          inputTokens: d.inputTokens,
          outputTokens: d.outputTokens,
          cost: d.cost,
          rejectionReasons: d.rejectionReasons,
        };
        this.#ref(e);
        return;
      }
      default:
        break;
    }
    if (!("tradeId" in e.data) || e.data.tradeId !== k.tradeId) return;
    this.#ref(e);
    switch (e.type) {
      case "TradeProposed":
        this.#decisionSeen = true;
        this.#proposal = {
          ...e.data,
          occurredAt: e.metadata.occurredAt,
          position: formatPosition(e.position),
        };
        this.#meta = { accountId: e.metadata.accountId, correlationId: e.metadata.correlationId };
        return;
      case "TradeRejected":
        this.#rejected = e.data;
        return;
      case "OrderBookObserved":
        this.#books.set(e.data.clientOrderId, {
          bids: e.data.bids,
          levels: e.data.levels,
          observedAt: e.data.observedAt,
        });
        return;
      case "OrderPlaced":
        this.#orders.push({
          clientOrderId: e.data.clientOrderId,
          orderId: e.data.orderId,
          action: e.data.action,
          purpose: e.data.purpose,
          count: e.data.count,
          limitPrice: e.data.limitPrice,
          timeInForce: e.data.timeInForce,
          mode: e.data.mode,
          occurredAt: e.metadata.occurredAt,
          bookWalked: this.#books.get(e.data.clientOrderId) ?? null,
          fills: [],
          failure: null,
        });
        return;
      case "OrderFilled": {
        const d = e.data;
        let order = this.#order(null, d.orderId);
        if (!order) {
          // A fill found by reconciliation may arrive without its OrderPlaced in this chain.
          order = {
            clientOrderId: "",
            orderId: d.orderId,
            action: d.action,
            purpose: d.purpose,
            count: 0,
            limitPrice: null,
            timeInForce: null,
            mode: null,
            occurredAt: e.metadata.occurredAt,
            bookWalked: null,
            fills: [],
            failure: null,
          };
          this.#orders.push(order);
        }
        order.fills.push({
          fillId: d.fillId,
          count: d.count,
          price: d.price,
          fee: d.fee,
          isTaker: d.isTaker,
          filledAt: d.filledAt,
        });
        if (d.action === "buy") this.#entryFilled += d.count;
        else this.#exitFilled += d.count;
        return;
      }
      case "OrderFailed": {
        const order = this.#order(e.data.clientOrderId, e.data.orderId);
        if (order) order.failure = e.data.reason;
        else
          this.#orders.push({
            clientOrderId: e.data.clientOrderId,
            orderId: e.data.orderId,
            action: e.data.purpose === "entry" ? "buy" : "sell",
            purpose: e.data.purpose,
            count: 0,
            limitPrice: null,
            timeInForce: null,
            mode: null,
            occurredAt: e.metadata.occurredAt,
            bookWalked: null,
            fills: [],
            failure: e.data.reason,
          });
        return;
      }
      case "StopTriggered":
        this.#stop = { ...e.data, occurredAt: e.metadata.occurredAt };
        return;
      case "PositionClosed":
        this.#closed = {
          kind: "closed",
          reason: e.data.reason,
          occurredAt: e.metadata.occurredAt,
          exitPrice: e.data.exitPrice,
          proceeds: e.data.proceeds,
        };
        this.#pnl = { entryCost: e.data.entryCost, feesPaid: e.data.fees, realizedPnl: e.data.realizedPnl };
        return;
      case "Resolved":
        this.#resolved = {
          kind: "resolved",
          occurredAt: e.metadata.occurredAt,
          marketResult: e.data.marketResult,
          outcome: e.data.outcome,
          payout: e.data.payout,
          settledAt: e.data.settledAt,
        };
        this.#pnl = { entryCost: e.data.entryCost, feesPaid: e.data.fees, realizedPnl: e.data.realizedPnl };
        return;
      default:
        return;
    }
  }

  /** The chain so far; null until the trade's TradeProposed has been seen. */
  result(): AuditChain | null {
    const proposal = this.#proposal;
    const meta = this.#meta;
    if (!proposal || !meta) return null;
    const entryFailure = this.#orders.find((o) => o.purpose === "entry" && o.failure !== null);
    const outcome: AuditChain["outcome"] = this.#rejected
      ? { kind: "rejected" }
      : (this.#resolved ??
        this.#closed ??
        (this.#entryFilled === 0 && entryFailure
          ? { kind: "failed", reason: entryFailure.failure ?? "" }
          : { kind: "open", contracts: this.#entryFilled - this.#exitFilled }));
    return {
      tradeId: this.keys.tradeId,
      accountId: meta.accountId,
      correlationId: meta.correlationId,
      proposal,
      marketAtDecision: this.#lastBefore,
      marketLatest: this.#latest,
      scan: this.#scan,
      analysis: this.#analysis,
      risk: this.#rejected
        ? { verdict: "rejected", reasons: this.#rejected.reasons, checks: this.#rejected.checks }
        : proposal.riskChecks !== null
          ? { verdict: "approved", checks: proposal.riskChecks }
          : this.#orders.length > 0
            ? // An order without a rejection is the evidence of approval (v1: checks not recorded).
              { verdict: "approved", checks: null }
            : { verdict: "pending" },
      orders: this.#orders,
      stop: this.#stop,
      outcome,
      pnl: this.#pnl,
      fillFees: this.#orders.reduce((n, o) => n + o.fills.reduce((m, f) => m + f.fee, 0), 0),
      events: this.#events,
    };
  }
}

/** The chain of one trade from events already decoded and in log order. */
export function buildAuditChain(keys: AuditKeys, events: Iterable<DomainEvent>): AuditChain | null {
  const collector = new AuditCollector(keys);
  for (const e of events) collector.add(e);
  return collector.result();
}
