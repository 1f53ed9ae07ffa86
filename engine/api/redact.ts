import { GraphQLError } from "graphql";
import { isAsyncIterable, mapAsyncIterator, type Plugin } from "graphql-yoga";
import { REDACTED } from "../config/index.ts";

/**
 * A last line of defence: no configured secret ever leaves in a response, whatever a resolver or
 * an error message carried. Resolvers already read only the public config; this catches what
 * nobody thought of (a secret echoed in an exchange error, a URL in a health detail). Values
 * shorter than 6 characters are not scanned: replacing "42" everywhere would corrupt data.
 */
export function makeRedactor(secrets: readonly string[]): ((value: unknown) => unknown) | null {
  const list = [...new Set(secrets)].filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  if (list.length === 0) return null;
  const text = (s: string) =>
    list.some((x) => s.includes(x)) ? list.reduce((t, x) => t.split(x).join(REDACTED), s) : s;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return text(v);
    if (v instanceof GraphQLError) {
      const message = text(v.message);
      if (message !== v.message) v.message = message;
      return v;
    }
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x) => {
        const y = walk(x);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? out : v;
    }
    if (v !== null && typeof v === "object") {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x);
        if (y !== x) changed = true;
        out[k] = y;
      }
      return changed ? out : v;
    }
    return v;
  };
  // Each secret as it would appear inside JSON text too (a PEM's newlines become "\n").
  const inJson = [...new Set(list.flatMap((x) => [x, JSON.stringify(x).slice(1, -1)]))];
  return (value: unknown) => {
    // The common case — nothing to hide — costs one native serialisation, not a walk in JS.
    const json = JSON.stringify(value);
    if (json === undefined || !inJson.some((x) => json.includes(x))) return value;
    return walk(value);
  };
}

export function secretRedactionPlugin(secrets: readonly string[]): Plugin {
  const redact = makeRedactor(secrets);
  return {
    onResultProcess({ result, setResult }) {
      if (!redact) return;
      if (isAsyncIterable(result)) {
        // mapAsyncIterator forwards return() at once: a client that disconnects is cleaned up
        // immediately, not at the next event (as a wrapping async generator would be).
        setResult(mapAsyncIterator(result, (item) => redact(item) as typeof item));
        return;
      }
      setResult(redact(result) as typeof result);
    },
  };
}
