import { afterEach, describe, expect, test } from "bun:test";
import { CLIENT_IP_HEADER, type GraphQLServerContext, gql, mutate, setGraphQLFetch } from "./graphql.server";

const page = (cookie?: string) =>
  new Request("http://dash.local/trades?status=open", cookie ? { headers: { Cookie: cookie } } : {});

const respond = (body: unknown) => () =>
  Promise.resolve(new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } }));

/** What Remix's `data(body, { status })` throws: the boundary sees it as a route error response. */
type ThrownData = { data: unknown; init: { status: number } };

afterEach(() => setGraphQLFetch(null));

describe("gql", () => {
  test("turns the session cookie into a bearer token for the in-process executor", async () => {
    let seen: Request | null = null;
    setGraphQLFetch(async (request) => {
      seen = request;
      return respond({ data: { ok: 1 } })();
    });
    expect(await gql(page("conviction_session=tok123"), "{ ok }")).toEqual({ ok: 1 });
    const sent = seen as unknown as Request;
    expect(sent.headers.get("Authorization")).toBe("Bearer tok123");
    expect(sent.headers.get("Cookie")).toBeNull();
    expect(await sent.json()).toEqual({ query: "{ ok }", variables: {} });
  });

  test("hands the browser's address (stamped by the web handler) to the executor", async () => {
    let context: GraphQLServerContext | undefined;
    setGraphQLFetch(async (_request, ctx) => {
      context = ctx;
      return respond({ data: { ok: 1 } })();
    });
    await gql(
      new Request("http://dash.local/", { headers: { [CLIENT_IP_HEADER]: "203.0.113.9" } }),
      "{ ok }",
    );
    expect(context).toEqual({ clientIp: "203.0.113.9" });
    await gql(page(), "{ ok }");
    expect(context).toBeUndefined();
  });

  test("UNAUTHENTICATED redirects to /login and back, dropping the stale cookie", async () => {
    setGraphQLFetch(
      respond({ data: null, errors: [{ message: "no", extensions: { code: "UNAUTHENTICATED" } }] }),
    );
    const thrown = await gql(page("conviction_session=old"), "{ ok }").catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Ftrades%3Fstatus%3Dopen");
    expect(response.headers.get("Set-Cookie")).toContain("Max-Age=0");
  });

  test("other codes become route error responses with the right status", async () => {
    setGraphQLFetch(respond({ errors: [{ message: "gone", extensions: { code: "NOT_FOUND" } }] }));
    const thrown = (await gql(page(), "{ ok }").catch((e: unknown) => e)) as ThrownData;
    expect(thrown.init.status).toBe(404);
    expect(thrown.data).toEqual({ code: "NOT_FOUND", message: "gone" });
  });

  test("an unknown code is INTERNAL; an unreachable engine is UNAVAILABLE (503)", async () => {
    setGraphQLFetch(respond({ errors: [{ message: "Unexpected error." }] }));
    expect(((await gql(page(), "{ ok }").catch((e: unknown) => e)) as ThrownData).init.status).toBe(500);
    setGraphQLFetch(() => Promise.reject(new TypeError("connection refused")));
    const thrown = (await gql(page(), "{ ok }").catch((e: unknown) => e)) as ThrownData;
    expect(thrown.init.status).toBe(503);
    expect((thrown.data as { code: string }).code).toBe("UNAVAILABLE");
  });
});

describe("mutate", () => {
  test("expected failures come back as values", async () => {
    setGraphQLFetch(
      respond({ errors: [{ message: "reason too long", extensions: { code: "BAD_USER_INPUT" } }] }),
    );
    expect(await mutate(page(), "mutation { x }")).toEqual({
      ok: false,
      error: { code: "BAD_USER_INPUT", message: "reason too long" },
    });
  });

  test("anonymous login sends no session and returns UNAUTHENTICATED as a value", async () => {
    let auth: string | null = "unset";
    setGraphQLFetch(async (request) => {
      auth = request.headers.get("Authorization");
      return respond({ errors: [{ message: "wrong", extensions: { code: "UNAUTHENTICATED" } }] })();
    });
    const result = await mutate(page("conviction_session=stale"), "mutation { login }", undefined, {
      anonymous: true,
      allowUnauthenticated: true,
    });
    expect(auth).toBeNull();
    expect(result.ok).toBe(false);
  });
});
