/**
 * Which account the dashboard shows: the URL's `?account=` (so a link is shareable and the back
 * button works), absent for the account the engine serves. Loaders forward it to the API as the
 * X-Conviction-Account header (graphql.server.ts); the live stream sends it in its URL (live.ts);
 * every internal link and form keeps it (`withAccount`).
 */
import { useSearchParams } from "@remix-run/react";

export const ACCOUNT_PARAM = "account";
/** The API's header (engine/api/account/selection.ts). */
export const ACCOUNT_HEADER = "X-Conviction-Account";

/** The account a URL asks for; null for the engine's own (no parameter, or an empty one). */
export function accountOf(url: URL | string): string | null {
  const value = new URL(url, "http://x").searchParams.get(ACCOUNT_PARAM)?.trim();
  return value ? value : null;
}

/**
 * `to` with the account carried along: `/trades/7` → `/trades/7?account=b`, `?month=…` keeps its
 * own parameters. A `to` that already names an account is left alone; null adds nothing.
 */
export function withAccount(to: string, account: string | null): string {
  if (!account) return to;
  const hashAt = to.indexOf("#");
  const hash = hashAt === -1 ? "" : to.slice(hashAt);
  const rest = hashAt === -1 ? to : to.slice(0, hashAt);
  const queryAt = rest.indexOf("?");
  const path = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? "" : rest.slice(queryAt + 1));
  if (params.has(ACCOUNT_PARAM)) return to;
  params.append(ACCOUNT_PARAM, account);
  // `?index` must stay a bare key: Remix reads it as "the index route".
  return `${path}?${params.toString().replace(/^index=(&|$)/, "index$1")}${hash}`;
}

/** The account the page shows, and `withAccount` bound to it, for links and forms. */
export function useAccount(): { account: string | null; to: (to: string) => string } {
  const [params] = useSearchParams();
  const account = params.get(ACCOUNT_PARAM)?.trim() || null;
  return { account, to: (to: string) => withAccount(to, account) };
}
