import { badInput } from "./errors.ts";

/**
 * Relay-style connections over keyset pagination. A cursor is opaque to clients: base64url of
 * the sort it belongs to, the row's sort key and its id (the tie-breaker). A cursor from another
 * sort, or one that was tampered with, is refused rather than silently misread.
 */
export const MAX_PAGE = 100;

export interface CursorKey {
  /** Which ordering the cursor belongs to, e.g. "trades:PROPOSED_AT_DESC". */
  sort: string;
  /** The sort key as SQL text (cast back in the query). */
  key: string;
  id: string;
}

export function encodeCursor(c: CursorKey): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id])).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, sort: string): CursorKey | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badInput("`after` is not a cursor returned by this API.");
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((p) => typeof p === "string") ||
    parsed[0] !== sort
  ) {
    throw badInput("`after` is not a cursor for this list and ordering.");
  }
  return { sort, key: parsed[1] as string, id: parsed[2] as string };
}

/** `first`, checked: 1..MAX_PAGE. */
export function pageSize(first: number | null | undefined, fallback = 25): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE}.`, { max: MAX_PAGE });
  }
  return n;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Lazy: graphql-js calls a function-valued field, so the count query runs only when asked for. */
  totalCount?: () => Promise<number>;
}

/**
 * Builds a connection from `limit + 1` fetched rows (the extra one only says whether there is a
 * next page).
 */
export function toConnection<T>(
  fetched: readonly { node: T; key: string; id: string }[],
  limit: number,
  sort: string,
  totalCount?: () => Promise<number>,
): Connection<T> {
  const page = fetched.slice(0, limit);
  const edges = page.map((r) => ({ cursor: encodeCursor({ sort, key: r.key, id: r.id }), node: r.node }));
  return {
    edges,
    nodes: page.map((r) => r.node),
    pageInfo: { hasNextPage: fetched.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    ...(totalCount ? { totalCount } : {}),
  };
}
