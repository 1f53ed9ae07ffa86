import type { GraphQLHandle } from "../graphql.ts";

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null;
  errors: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
  text: string;
}

export interface GqlOptions {
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  clientIp?: string;
  url?: string;
}

/** One GraphQL POST through yoga.fetch: no network, the whole pipeline (plugins included). */
export async function gql<T = Record<string, unknown>>(
  api: GraphQLHandle,
  query: string,
  options: GqlOptions = {},
): Promise<GqlResult<T>> {
  const response = await api.fetch(
    new Request(options.url ?? "http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
    }),
    { clientIp: options.clientIp ?? "127.0.0.1" },
  );
  const text = await response.text();
  let body: { data?: T | null; errors?: GqlResult["errors"] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: leave data/errors empty, the test reads `text`
  }
  return {
    status: response.status,
    headers: response.headers,
    data: body.data ?? null,
    errors: body.errors ?? [],
    text,
  };
}

export const codes = (r: GqlResult) => r.errors.map((e) => e.extensions?.code);
