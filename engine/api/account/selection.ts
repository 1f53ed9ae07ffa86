import type { Queryable } from "../../db/database.ts";
import { badInput } from "../errors.ts";
import { isKnownAccount } from "./known.ts";

/**
 * The header a client names the account it wants to read with (the dashboard sends its `?account=`
 * search parameter as this). Absent or empty: the account this engine serves.
 */
export const ACCOUNT_HEADER = "x-conviction-account";

/** The same choice as a /graphql URL search parameter: the SSE stream's only way to send it. */
export const ACCOUNT_PARAM = "account";

/** ACCOUNT_ID's own rule (engine/config/variables.ts): checked before the database is asked. */
const ACCOUNT_ID = /^[a-z0-9_-]{1,32}$/;

/**
 * The account a request reads. Resolved once, when its context is built, so every resolver, loader
 * and subscription sees one `ctx.accountId` and none can forget to scope. An account the projections
 * do not know is BAD_USER_INPUT naming the value: a typo must not look like an empty account.
 */
export async function selectAccount(db: Queryable, served: string, request: Request): Promise<string> {
  // The header, or for a browser's EventSource (which cannot set headers) the URL's `account`.
  const asked = (
    request.headers.get(ACCOUNT_HEADER) ??
    new URL(request.url).searchParams.get(ACCOUNT_PARAM) ??
    ""
  ).trim();
  if (asked === "" || asked === served) return served;
  const shown = JSON.stringify(asked.slice(0, 64));
  if (!ACCOUNT_ID.test(asked) || !(await isKnownAccount(db, asked))) {
    throw badInput(`Unknown account ${shown}: the \`accounts\` query lists the accounts there are.`, {
      account: asked.slice(0, 64),
    });
  }
  return asked;
}
