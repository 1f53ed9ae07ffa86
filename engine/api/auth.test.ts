// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { getIntrospectionQuery } from "graphql";
import { createGraphQL, type GraphQLHandle } from "./graphql.ts";
import { codes, gql } from "./testing/client.ts";
import { API_TOKEN, PASSWORD, testConfig } from "./testing/config.ts";
import { FakeControl } from "./testing/fake-control.ts";
import { type ApiFixture, apiFixture } from "./testing/fixture.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture({ config: testConfig({ DASHBOARD_PASSWORD: PASSWORD, API_TOKEN }) });
});
afterAll(() => f.close());

const LOGIN = "mutation($p: String!) { login(password: $p) { token expiresAt } }";
const QUERY = "{ overview { openPositionCount } }";
const PAUSE = 'mutation { pauseTrading(reason: "test") { status } }';

let ip = 0;
/** A fresh client address per test, so the login limiter of one test never bleeds into another. */
const freshIp = () => `10.0.0.${++ip}`;

async function login(password = PASSWORD, clientIp = freshIp(), headers: Record<string, string> = {}) {
  return gql<{ login: { token: string; expiresAt: string } }>(f.api, LOGIN, {
    variables: { p: password },
    clientIp,
    headers,
  });
}

/** The session a login returned; fails the test when there is none. */
function sessionOf(r: Awaited<ReturnType<typeof login>>): { token: string; expiresAt: string } {
  const session = r.data?.login;
  if (!session) throw new Error(`login failed: ${r.text}`);
  return session;
}

const pausesSoFar = () => f.control.calls.filter((c) => c.method === "pauseTrading").length;

const cookie = (token: string) => ({ cookie: `conviction_session=${token}` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("with DASHBOARD_PASSWORD set", () => {
  test("anonymous queries, mutations and introspection are 401 UNAUTHENTICATED", async () => {
    for (const query of [QUERY, PAUSE, getIntrospectionQuery(), "{ __typename }", "{ nosuchfield }"]) {
      const r = await gql(f.api, query);
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
      expect(r.data).toBeNull();
      // Nothing about the schema leaks: no "did you mean" suggestions.
      expect(r.text).not.toContain("Did you mean");
    }
    expect(f.control.calls.filter((c) => c.method === "pauseTrading")).toEqual([]);
  });

  test("login piggybacking another field is refused", async () => {
    const r = await gql(
      f.api,
      `mutation { login(password: "${PASSWORD}") { token } pauseTrading(reason: "x") { status } }`,
    );
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
  });

  test("login → session token; cookie and bearer both work", async () => {
    const r = await login();
    expect(r.errors).toEqual([]);
    const { token, expiresAt } = sessionOf(r);
    // Signed: version, expiry, 16 random bytes, HMAC-SHA256 (auth/sessions.ts).
    expect(token).toMatch(/^v1\.\d+\.[\w-]{22}\.[\w-]{43}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(f.history.clock.now());
    const setCookie = r.headers.get("set-cookie") ?? "";
    expect(setCookie).toContain(`conviction_session=${token}`);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).not.toContain("Secure");
    expect((await gql(f.api, QUERY, { headers: cookie(token) })).errors).toEqual([]);
    expect((await gql(f.api, QUERY, { headers: bearer(token) })).errors).toEqual([]);
  });

  test("over https the cookie is Secure", async () => {
    const r = await gql(f.api, LOGIN, {
      variables: { p: PASSWORD },
      url: "https://localhost/graphql",
      clientIp: freshIp(),
    });
    expect(r.headers.get("set-cookie")).toContain("Secure");
  });

  test("API_TOKEN as bearer works; a wrong bearer is not rescued by a valid cookie", async () => {
    expect((await gql(f.api, QUERY, { headers: bearer(API_TOKEN) })).errors).toEqual([]);
    const { token } = sessionOf(await login());
    const r = await gql(f.api, QUERY, { headers: { ...bearer("wrong-token"), ...cookie(token) } });
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
  });

  test("a wrong password is UNAUTHENTICATED and issues nothing", async () => {
    const r = await login("wrong password");
    expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
    expect(r.data).toBeNull();
    expect(r.headers.get("set-cookie")).toBeNull();
  });

  test("five failures per address in five minutes, then RATE_LIMITED even for the right password", async () => {
    const addr = freshIp();
    for (let i = 0; i < 5; i++) expect(codes(await login(`guess ${i}`, addr))).toEqual(["UNAUTHENTICATED"]);
    const limited = await login(PASSWORD, addr);
    expect(codes(limited)).toEqual(["RATE_LIMITED"]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.errors[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is unaffected; the window passing lets this one in again.
    expect((await login(PASSWORD, freshIp())).errors).toEqual([]);
    f.history.clock.advance(5 * 60_000 + 1);
    expect((await login(PASSWORD, addr)).errors).toEqual([]);
  });

  test("session fixation: a token presented before login is never promoted, and login rotates", async () => {
    const planted = "attacker-chosen-token-aaaaaaaaaaaaaaaaaaaaaaa";
    const r = await login(PASSWORD, freshIp(), cookie(planted));
    expect(sessionOf(r).token).not.toBe(planted);
    expect((await gql(f.api, QUERY, { headers: cookie(planted) })).status).toBe(401);
    // Logging in again with a live session revokes the old token (a cookie-authenticated
    // mutation, so it shows its origin like the dashboard would).
    const old = sessionOf(r).token;
    const again = await login(PASSWORD, freshIp(), { ...cookie(old), origin: "http://localhost" });
    expect(sessionOf(again).token).not.toBe(old);
    expect((await gql(f.api, QUERY, { headers: cookie(old) })).status).toBe(401);
    expect((await gql(f.api, QUERY, { headers: cookie(sessionOf(again).token) })).errors).toEqual([]);
  });

  test("logout ends the session and clears the cookie", async () => {
    const { token } = sessionOf(await login());
    const out = await gql<{ logout: boolean }>(f.api, "mutation { logout }", {
      headers: { ...cookie(token), origin: "http://localhost" },
    });
    expect(out.data).toEqual({ logout: true });
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await gql(f.api, QUERY, { headers: cookie(token) })).status).toBe(401);
  });

  test("sessions expire", async () => {
    const { token } = sessionOf(await login());
    f.history.clock.advance(12 * 3_600_000 + 1);
    expect((await gql(f.api, QUERY, { headers: cookie(token) })).status).toBe(401);
  });

  test("a session survives a restart (or a second process) with the same secrets, not a password change", async () => {
    const { token } = sessionOf(await login());
    const config = testConfig({ DASHBOARD_PASSWORD: PASSWORD, API_TOKEN });
    const restarted = createGraphQL({ db: f.t.db, control: f.control, config, clock: f.history.clock });
    const changed = createGraphQL({
      db: f.t.db,
      control: f.control,
      config: testConfig({ DASHBOARD_PASSWORD: "a brand new password", API_TOKEN }),
      clock: f.history.clock,
    });
    try {
      expect((await gql(restarted, QUERY, { headers: cookie(token) })).errors).toEqual([]);
      expect((await gql(restarted, QUERY, { headers: bearer(token) })).errors).toEqual([]);
      expect((await gql(changed, QUERY, { headers: cookie(token) })).status).toBe(401);
    } finally {
      await restarted.close();
      await changed.close();
    }
  });

  test("a tampered session token is refused", async () => {
    const { token } = sessionOf(await login());
    const [v, expiry, nonce, mac] = token.split(".");
    const later = [v, Number(expiry) + 86_400_000, nonce, mac].join(".");
    expect((await gql(f.api, QUERY, { headers: cookie(later) })).status).toBe(401);
    // The MAC's last character carries 4 bits and 2 unused ones: i^1..i^3 respell the same bytes,
    // i^32 changes them. Every other spelling is refused.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const i = alphabet.indexOf(token.slice(-1));
    for (const j of [i ^ 1, i ^ 2, i ^ 3, i ^ 32]) {
      const respelt = `${token.slice(0, -1)}${alphabet[j]}`;
      expect((await gql(f.api, QUERY, { headers: cookie(respelt) })).status).toBe(401);
    }
  });

  test("introspection works once authenticated", async () => {
    const r = await gql<any>(f.api, getIntrospectionQuery(), { headers: bearer(API_TOKEN) });
    expect(r.errors).toEqual([]);
    expect(r.data.__schema.queryType.name).toBe("Query");
  });
});

describe("CSRF: cookie-authenticated mutations must be same-origin", () => {
  let token = "";
  beforeAll(async () => {
    token = sessionOf(await login()).token;
  });

  test("cross-origin (Origin or Referer) is FORBIDDEN", async () => {
    const variants: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: "http://localhost:9999" },
      { origin: "null" },
      { referer: "http://evil.example/page" },
    ];
    for (const headers of variants) {
      const r = await gql(f.api, PAUSE, { headers: { ...cookie(token), ...headers } });
      expect(r.status).toBe(403);
      expect(codes(r)).toEqual(["FORBIDDEN"]);
    }
    // Even a bearer mutation is refused when a browser says it came from elsewhere.
    expect(
      codes(await gql(f.api, PAUSE, { headers: { ...bearer(API_TOKEN), origin: "http://evil.example" } })),
    ).toEqual(["FORBIDDEN"]);
    expect(f.control.calls.filter((c) => c.method === "pauseTrading")).toEqual([]);
  });

  test("no Origin and no Referer needs the X-Conviction-CSRF header", async () => {
    expect(codes(await gql(f.api, PAUSE, { headers: cookie(token) }))).toEqual(["FORBIDDEN"]);
    const r = await gql(f.api, PAUSE, { headers: { ...cookie(token), "x-conviction-csrf": "1" } });
    expect(r.errors).toEqual([]);
  });

  test("same origin passes; bearer without Origin passes; queries never need it", async () => {
    expect(
      (await gql(f.api, PAUSE, { headers: { ...cookie(token), origin: "http://localhost" } })).errors,
    ).toEqual([]);
    expect(
      (await gql(f.api, PAUSE, { headers: { ...cookie(token), referer: "http://localhost/trades" } })).errors,
    ).toEqual([]);
    expect((await gql(f.api, PAUSE, { headers: bearer(API_TOKEN) })).errors).toEqual([]);
    expect(
      (await gql(f.api, QUERY, { headers: { ...cookie(token), origin: "http://evil.example" } })).errors,
    ).toEqual([]);
  });

  test("a mutation never runs from a GET (a link or an <img> cannot trade)", async () => {
    const before = pausesSoFar();
    const url = `http://localhost/graphql?query=${encodeURIComponent(PAUSE)}`;
    const r = await f.api.fetch(
      new Request(url, { headers: { ...bearer(API_TOKEN), accept: "application/json" } }),
    );
    expect(r.status).toBe(405);
    expect(pausesSoFar()).toBe(before);
  });

  test("CORS is off: a cross-origin preflight gets no Access-Control-Allow-Origin", async () => {
    const r = await f.api.fetch(
      new Request("http://localhost/graphql", {
        method: "OPTIONS",
        headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
      }),
    );
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    expect(r.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("without a password (loopback-only, open)", () => {
  let open: GraphQLHandle;
  beforeAll(() => {
    open = createGraphQL({
      db: f.t.db,
      control: new FakeControl(),
      config: testConfig(),
      clock: f.history.clock,
    });
  });
  afterAll(() => open.close());

  test("queries, mutations and introspection need no login", async () => {
    expect((await gql(open, QUERY)).errors).toEqual([]);
    expect((await gql(open, getIntrospectionQuery())).errors).toEqual([]);
    expect((await gql(open, PAUSE)).errors).toEqual([]);
  });

  test("a request addressed to a non-loopback name is refused (DNS rebinding)", async () => {
    const r = await gql(open, QUERY, { url: "http://attacker.example/graphql" });
    expect(r.status).toBe(403);
    expect(codes(r)).toEqual(["FORBIDDEN"]);
    expect((await gql(open, QUERY, { url: "http://127.0.0.1:3000/graphql" })).errors).toEqual([]);
    expect((await gql(open, QUERY, { url: "http://[::1]:3000/graphql" })).errors).toEqual([]);
  });

  test("a cross-site page still cannot mutate", async () => {
    expect(codes(await gql(open, PAUSE, { headers: { origin: "http://evil.example" } }))).toEqual([
      "FORBIDDEN",
    ]);
  });

  test("login says there is nothing to log in to", async () => {
    expect(codes(await gql(open, LOGIN, { variables: { p: "x" } }))).toEqual(["BAD_USER_INPUT"]);
  });
});

test("API_TOKEN alone also requires authentication", async () => {
  const api = createGraphQL({
    db: f.t.db,
    control: new FakeControl(),
    config: testConfig({ API_TOKEN }),
    clock: f.history.clock,
  });
  expect((await gql(api, QUERY)).status).toBe(401);
  expect((await gql(api, QUERY, { headers: bearer(API_TOKEN) })).errors).toEqual([]);
  expect(codes(await gql(api, LOGIN, { variables: { p: "x" } }))).toEqual(["BAD_USER_INPUT"]);
  await api.close();
});
