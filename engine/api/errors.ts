import { GraphQLError } from "graphql";

/**
 * The expected failures a client can act on, as `extensions.code`. Anything else thrown by a
 * resolver is not a GraphQLError and is masked by yoga ("Unexpected error."), so internals never
 * reach the dashboard.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "CONFLICT"
  /** A mutation for an account another engine serves (account/guard.ts). */
  | "ACCOUNT_NOT_SERVED";

/**
 * HTTP status for codes that refuse the whole request; the others are field errors in a 200
 * response (GraphQL's partial results), so one missing trade does not fail a whole page.
 */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
};

export function apiError(
  code: ErrorCode,
  message: string,
  extra: { headers?: Record<string, string>; [key: string]: unknown } = {},
): GraphQLError {
  const { headers, ...rest } = extra;
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: {
      code,
      ...rest,
      // Yoga reads `http` to set the response status and headers, and strips it from the body.
      ...(status ? { http: { status, ...(headers ? { headers } : {}) } } : {}),
    },
  });
}

export const notFound = (what: string) => apiError("NOT_FOUND", `${what} was not found.`);
export const badInput = (message: string, extra?: Record<string, unknown>) =>
  apiError("BAD_USER_INPUT", message, extra);
export const conflict = (message: string) => apiError("CONFLICT", message);
