import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, isSecureRequest } from "../lib/cookie";
import { assertSameOrigin, mutate } from "../lib/graphql.server";
import { LOGOUT_MUTATION } from "../lib/queries";

/** Nothing to show: a GET goes home. */
export function loader() {
  return redirect("/");
}

/** Ends the session on the server too (best effort), then clears the cookie whatever happened. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  await mutate(request, LOGOUT_MUTATION, undefined, { allowUnauthenticated: true });
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) } });
}
