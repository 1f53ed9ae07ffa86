/**
 * The few facts of an event worth reading at a glance, from its decoded data. Event data carries
 * money as integer micros and contract counts as integer hundredths (events/catalog); the keys
 * below say which is which, so a price reads "$0.94" and a count "10.00".
 */
import { formatDateTime, formatMicros, formatProbability } from "./format";

const MONEY_KEYS = new Set([
  "yesBid",
  "yesAsk",
  "noBid",
  "noAsk",
  "lastPrice",
  "price",
  "fee",
  "fees",
  "limitPrice",
  "entryCost",
  "exitPrice",
  "proceeds",
  "payout",
  "realizedPnl",
  "triggerPrice",
  "threshold",
  "allocation",
  "totalAllocated",
  "cost",
]);
const CENTI_KEYS = new Set(["count", "contracts", "volume", "openInterest", "yesBidSize", "yesAskSize"]);
const TIME_KEYS = new Set(["closeTime", "filledAt", "settledAt"]);
const PROBABILITY_KEYS = new Set(["confidence", "probability"]);
const LABELS: Record<string, string> = {
  realizedPnl: "Realized P&L",
  isTaker: "Taker",
  evPerDollarAfterFees: "EV per $ after fees",
  latencyMs: "Latency (ms)",
};
// Identifiers and prose the timeline shows elsewhere (or that only matter in the raw view).
const SKIP_KEYS = new Set([
  "tradeId",
  "ticker",
  "eventTicker",
  "seriesTicker",
  "title",
  "subtitle",
  "rules",
  "reasoning",
  "rawResponse",
  "promptHash",
  "clientOrderId",
  "analysisId",
  "scanId",
  "fillId",
  "category",
]);

export interface Fact {
  label: string;
  value: string;
}

/** Integer hundredths as "10.50", exactly. */
export function formatCentis(centis: number): string {
  if (!Number.isSafeInteger(centis)) return String(centis);
  const negative = centis < 0;
  const abs = Math.abs(centis);
  return `${negative ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "openInterest" → "Open interest". */
export function humanizeKey(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Top-level scalar facts of an event's data, formatted, at most `limit` of them. */
export function eventFacts(data: unknown, limit = 10): Fact[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  const facts: Fact[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (facts.length >= limit) break;
    if (SKIP_KEYS.has(key) || value === null || value === undefined || value === "") continue;
    const label = humanizeKey(key);
    if (typeof value === "number") {
      if (MONEY_KEYS.has(key) && Number.isInteger(value)) facts.push({ label, value: formatMicros(value) });
      else if (CENTI_KEYS.has(key) && Number.isInteger(value))
        facts.push({ label, value: formatCentis(value) });
      else if (PROBABILITY_KEYS.has(key)) facts.push({ label, value: formatProbability(value) });
      else facts.push({ label, value: String(value) });
    } else if (typeof value === "string") {
      if (TIME_KEYS.has(key)) facts.push({ label, value: formatDateTime(value) });
      else if (value.length <= 120) facts.push({ label, value: value.replace(/_/g, " ") });
    } else if (typeof value === "boolean") {
      facts.push({ label, value: value ? "yes" : "no" });
    }
  }
  return facts;
}

/** A scan's funnel from its CandidatesScanned event, when the trade's decision has no scan. */
export function stagesFromEvent(data: unknown): { name: string; count: number }[] {
  if (!data || typeof data !== "object") return [];
  const stages = (data as { stages?: unknown }).stages;
  if (!Array.isArray(stages)) return [];
  return stages.flatMap((s) =>
    s && typeof s === "object" && typeof s.name === "string" && typeof s.count === "number"
      ? [{ name: s.name, count: s.count }]
      : [],
  );
}
