/** Query-string parsing with Kalshi-style 400s for malformed values. */
import { ApiError } from "../exchange/errors.ts";

const invalid = (name: string, why: string): ApiError =>
  new ApiError(400, "invalid_parameters", `${name}: ${why}`);

export function intParam(
  q: URLSearchParams,
  name: string,
  opts: { min?: number; max?: number } = {},
): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalid(name, "must be an integer");
  const n = Number(raw);
  if (opts.min !== undefined && n < opts.min) throw invalid(name, `must be at least ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) throw invalid(name, `must be at most ${opts.max}`);
  return n;
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw invalid(name, "must be true or false");
}

export function enumParam<T extends string>(
  q: URLSearchParams,
  name: string,
  values: readonly T[],
): T | undefined {
  const raw = q.get(name);
  if (raw === null || raw === "") return undefined;
  if (!(values as readonly string[]).includes(raw))
    throw invalid(name, `must be one of ${values.join(", ")}`);
  return raw as T;
}

/** Comma-separated and/or repeated (`?tickers=A&tickers=B`, as the SDK sends arrays). */
export function listParam(q: URLSearchParams, name: string): string[] | undefined {
  const all = q
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return all.length > 0 ? all : undefined;
}

export function strParam(q: URLSearchParams, name: string): string | undefined {
  const raw = q.get(name);
  return raw === null || raw === "" ? undefined : raw;
}

/** Page size: 1..max, default `def`. */
export const limitParam = (q: URLSearchParams, def: number, max: number): number =>
  intParam(q, "limit", { min: 1, max }) ?? def;

/** Opaque cursors: base64 of an internal position. */
export const encodeCursor = (position: string): string => Buffer.from(position).toString("base64url");

export function decodeCursor(q: URLSearchParams): string | undefined {
  const raw = strParam(q, "cursor");
  if (raw === undefined) return undefined;
  const text = Buffer.from(raw, "base64url").toString();
  if (!/^[\w:.-]+$/.test(text)) throw invalid("cursor", "is not a cursor this API issued");
  return text;
}

export function cursorIndex(q: URLSearchParams): number {
  const c = decodeCursor(q);
  if (c === undefined) return 0;
  const n = Number(c);
  if (!Number.isSafeInteger(n) || n < 0) throw invalid("cursor", "is not a cursor this API issued");
  return n;
}
