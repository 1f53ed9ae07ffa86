/**
 * Cursor pagination in the URL. The API pages forward only (`after`), so the way back is kept as a
 * stack of cursors in repeated `c` parameters: the last one is the current page's `after`, dropping
 * it goes back a page. Every page is a plain link: shareable, and the back button just works.
 */

export const CURSOR_PARAM = "c";

/** The `after` cursor of the page the URL shows; null on the first page. */
export function currentCursor(searchParams: URLSearchParams): string | null {
  const stack = searchParams.getAll(CURSOR_PARAM);
  return stack.length > 0 ? (stack[stack.length - 1] ?? null) : null;
}

/** 1-based page number, for "Page 3". */
export function pageNumber(searchParams: URLSearchParams): number {
  return searchParams.getAll(CURSOR_PARAM).length + 1;
}

export function nextPageSearch(searchParams: URLSearchParams, endCursor: string): string {
  const next = new URLSearchParams(searchParams);
  next.append(CURSOR_PARAM, endCursor);
  return `?${next.toString()}`;
}

/** The previous page's search string, or null on the first page. */
export function previousPageSearch(searchParams: URLSearchParams): string | null {
  const stack = searchParams.getAll(CURSOR_PARAM);
  if (stack.length === 0) return null;
  const prev = new URLSearchParams(searchParams);
  prev.delete(CURSOR_PARAM);
  for (const cursor of stack.slice(0, -1)) prev.append(CURSOR_PARAM, cursor);
  const text = prev.toString();
  return text ? `?${text}` : "?";
}

/** The same view on its first page with one parameter changed (a filter or a sort). */
export function withParam(searchParams: URLSearchParams, name: string, value: string | null): string {
  const next = new URLSearchParams(searchParams);
  next.delete(CURSOR_PARAM);
  if (value === null || value === "") next.delete(name);
  else next.set(name, value);
  const text = next.toString();
  return text ? `?${text}` : "?";
}

/** Clamps a page size from the URL to what the API accepts (1..100). */
export function pageSize(searchParams: URLSearchParams, fallback = 25): number {
  const n = Number(searchParams.get("n"));
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : fallback;
}
