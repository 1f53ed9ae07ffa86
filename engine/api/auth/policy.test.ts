import { describe, expect, test } from "bun:test";
import { authRequired, hostnameOf, isLoopbackHost, listenRefusal } from "./policy.ts";

describe("loopback", () => {
  test("names and addresses only this machine can reach", () => {
    for (const h of [
      "127.0.0.1",
      "127.1.2.3",
      "localhost",
      "LOCALHOST",
      "app.localhost",
      "::1",
      "[::1]",
      "::ffff:127.0.0.1",
    ])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of [
      "0.0.0.0",
      "::",
      "192.168.1.10",
      "10.0.0.1",
      "example.com",
      "localhost.example.com",
      "128.0.0.1",
      "",
    ])
      expect(isLoopbackHost(h)).toBe(false);
  });

  test("the hostname of a Host header", () => {
    expect(hostnameOf("localhost:3000")).toBe("localhost");
    expect(hostnameOf("[::1]:3000")).toBe("::1");
    expect(hostnameOf("[::1]")).toBe("::1");
    expect(hostnameOf("example.com")).toBe("example.com");
  });
});

describe("listening", () => {
  test("a non-loopback host without DASHBOARD_PASSWORD is refused, naming both variables", () => {
    const why = listenRefusal("0.0.0.0", { dashboardPassword: null });
    expect(why).toContain("HOST=0.0.0.0");
    expect(why).toContain("DASHBOARD_PASSWORD");
    expect(listenRefusal("0.0.0.0", { dashboardPassword: "a password" })).toBeNull();
    expect(listenRefusal("127.0.0.1", { dashboardPassword: null })).toBeNull();
  });

  test("authentication is on with a password or an API token", () => {
    expect(authRequired({ dashboardPassword: null, apiToken: null })).toBe(false);
    expect(authRequired({ dashboardPassword: "p", apiToken: null })).toBe(true);
    expect(authRequired({ dashboardPassword: null, apiToken: "t" })).toBe(true);
  });
});
