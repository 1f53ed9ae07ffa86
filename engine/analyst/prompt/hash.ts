import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level: the same request always has the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** SHA-256 (hex) of the request as sent: system, messages, tools, tool choice, model and settings. */
export function promptHash(request: unknown): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}
