/**
 * Response corruption for the malformed-response fault: either JSON cut off mid-document, or a
 * fixed-point field whose value no longer parses (e.g. "0.9500" → "0.95.00").
 */
import type { MalformedFault } from "../exchange/faults.ts";

const FIXED = /^-?\d+\.\d+$/;

function corruptFirst(value: unknown, field: string | undefined): boolean {
  if (Array.isArray(value)) return value.some((v) => corruptFirst(v, field));
  if (typeof value !== "object" || value === null) return false;
  const obj = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj)) {
    const wanted = field ? k === field : k.endsWith("_dollars") || k.endsWith("_fp");
    if (wanted && typeof v === "string" && FIXED.test(v)) {
      const dot = v.indexOf(".");
      obj[k] = `${v.slice(0, dot + 3)}.${v.slice(dot + 3)}`;
      return true;
    }
  }
  return Object.values(obj).some((v) => corruptFirst(v, field));
}

export function malform(body: unknown, fault: MalformedFault): string {
  const text = JSON.stringify(body);
  if (fault.kind === "invalid_json") return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const copy = JSON.parse(text) as unknown;
  corruptFirst(copy, fault.field);
  return JSON.stringify(copy);
}
