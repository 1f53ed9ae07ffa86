/** A tiny router: `/markets/{ticker}` patterns, first registered match wins. */
import type { Account } from "../ledger/account.ts";

export interface RouteContext {
  method: string;
  url: URL;
  /** Path below /trade-api/v2. */
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Parsed JSON body for non-GET requests (undefined when empty). */
  body: unknown;
  /** The authenticated account, if the request was signed. */
  account?: Account;
}

export interface Handled {
  status: number;
  body: unknown;
}

export type Handler = (ctx: RouteContext) => unknown;

export interface Route {
  method: string;
  pattern: string;
  /** Signed requests only (portfolio, orders, order books). */
  auth: boolean;
  /** Number of items for per-item billing (batch endpoints). */
  items?: (body: unknown) => number;
  handler: Handler;
}

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export class Router {
  readonly #routes: Compiled[] = [];

  add(route: Route): void {
    const names: string[] = [];
    const source = route.pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    this.#routes.push({ route, regex: new RegExp(`^${source}$`), names });
  }

  addAll(routes: readonly Route[]): void {
    for (const r of routes) this.add(r);
  }

  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | "method_not_allowed" | undefined {
    let pathMatched = false;
    for (const c of this.#routes) {
      const m = c.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route: c.route, params };
    }
    return pathMatched ? "method_not_allowed" : undefined;
  }
}

/** A handler result with a non-200 status. */
export const withStatus = (status: number, body: unknown): Handled & { __handled: true } => ({
  status,
  body,
  __handled: true,
});
export const isHandled = (v: unknown): v is Handled =>
  typeof v === "object" && v !== null && "__handled" in v;
