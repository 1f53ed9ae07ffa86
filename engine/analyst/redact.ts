/**
 * Keys must never reach an event, a log or a terminal. Error messages from the SDK or a gateway
 * could in principle echo a credential back, so every string leaving the AI path is scrubbed of
 * the configured secrets, whatever its origin.
 */
export const REDACTED = "<redacted>";

/** Secrets shorter than this are not scrubbed: replacing every "a" would wreck the text and hide nothing. */
const MIN_SECRET_LENGTH = 8;

export function redactText(text: string, secrets: readonly (string | null)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= MIN_SECRET_LENGTH) out = out.replaceAll(s, REDACTED);
  }
  return out;
}

/** A copy of `value` with every string scrubbed (objects and arrays walked, other values kept). */
export function redactDeep<T>(value: T, secrets: readonly (string | null)[]): T {
  if (!secrets.some((s) => s && s.length >= MIN_SECRET_LENGTH)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
