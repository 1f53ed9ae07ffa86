import { type DocumentNode, getOperationAST, Kind, type OperationDefinitionNode, parse } from "graphql";
import type { Plugin } from "graphql-yoga";
import { apiError } from "../errors.ts";
import { hasCsrfHeader, originVerdict } from "./csrf.ts";
import { hostnameOf, isLoopbackHost } from "./policy.ts";
import type { Auth } from "./service.ts";

/** `mutation { login(…) }` and nothing else: the one operation an anonymous client may run. */
function isLoginOnly(op: OperationDefinitionNode): boolean {
  if (op.operation !== "mutation") return false;
  const fields = op.selectionSet.selections;
  return (
    fields.every(
      (s) => s.kind === Kind.FIELD && (s.name.value === "login" || s.name.value === "__typename"),
    ) && fields.some((s) => s.kind === Kind.FIELD && s.name.value === "login")
  );
}

function forbiddenResponse(message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: "FORBIDDEN" } }] }), {
    status: 403,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

function operationOf(query: string | undefined, operationName: string | null | undefined) {
  if (!query) return null;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return null;
  }
  return getOperationAST(document, operationName ?? undefined) ?? null;
}

/**
 * Access rules, applied to the request's parameters before yoga parses and validates. Not in a
 * validation hook: yoga caches validation per document, so a verdict reached there for one
 * caller would be replayed for the next. Before validation also means an anonymous client learns
 * nothing about the schema (not even from "did you mean…" suggestions).
 * - open mode (no password, no token; loopback only): every operation, introspection included,
 *   but only for requests addressed to a loopback name — a DNS-rebinding page, whose Host is its
 *   own domain, is refused;
 * - otherwise an unauthenticated request may only run `login`; anything else is UNAUTHENTICATED (401);
 * - a mutation from another origin is FORBIDDEN (403), and one authenticated by cookie must show
 *   its origin (Origin/Referer) or the X-Conviction-CSRF header (see csrf.ts).
 */
export function accessGatePlugin(auth: Auth): Plugin {
  return {
    onRequest({ request, endResponse }) {
      if (auth.required) return;
      const host = request.headers.get("host") ?? new URL(request.url).host;
      if (!isLoopbackHost(hostnameOf(host))) {
        endResponse(forbiddenResponse("This server only answers requests addressed to localhost."));
      }
    },
    onParams({ request, params, setResult }) {
      const viewer = auth.viewerOf(request);
      const origin = originVerdict(request);
      const cookieAuth = viewer.via === "session" && viewer.transport === "cookie";
      const csrfSuspect =
        origin === "cross" || (origin === "absent" && cookieAuth && !hasCsrfHeader(request));
      // The common case (a signed-in dashboard on its own origin) costs no extra parse.
      if (viewer.authenticated && !csrfSuspect) return;
      const op = operationOf(params.query, params.operationName);
      if (!viewer.authenticated && (!op || !isLoginOnly(op))) {
        setResult({
          errors: [apiError("UNAUTHENTICATED", "Log in first: send a session cookie or a bearer token.")],
        });
        return;
      }
      if (csrfSuspect && op?.operation === "mutation") {
        setResult({
          errors: [
            apiError(
              "FORBIDDEN",
              "Mutations must come from this dashboard's own origin (or carry the X-Conviction-CSRF header).",
            ),
          ],
        });
      }
    },
  };
}
