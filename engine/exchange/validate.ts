/**
 * The one door every exchange payload passes through. A payload that does not match its schema
 * is reported to the injected hook (the engine records it as an ErrorRecorded event) and then
 * thrown as InvalidResponse naming the endpoint and the first offending field.
 */
import type { z } from "zod";
import { InvalidResponse } from "./errors.ts";

export interface InvalidResponseReport {
  endpoint: string;
  /** Dotted path to the first bad field, e.g. "markets.12.yes_bid_dollars"; "" for the root. */
  field: string;
  issue: string;
  /** The offending value, JSON, truncated. Exchange data only; never request headers. */
  sample: string;
}

export type InvalidResponseHook = (report: InvalidResponseReport) => void;

const MAX_SAMPLE = 300;

function at(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

function sampleOf(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_SAMPLE ? `${text.slice(0, MAX_SAMPLE)}…` : text;
}

export function validate<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  data: unknown,
  hook?: InvalidResponseHook,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first?.path ?? [];
  const report: InvalidResponseReport = {
    endpoint,
    field: path.map(String).join("."),
    issue: first?.message ?? "invalid",
    sample: sampleOf(at(data, path)),
  };
  try {
    hook?.(report);
  } catch {
    // A failing observer must not replace the error the caller needs to see.
  }
  throw new InvalidResponse({ endpoint, field: report.field, issue: report.issue });
}
