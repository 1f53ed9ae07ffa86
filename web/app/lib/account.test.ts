import { describe, expect, test } from "bun:test";
import { accountOf, withAccount } from "./account";

describe("the account in the URL", () => {
  test("accountOf reads ?account=, empty or absent meaning the engine's own", () => {
    expect(accountOf("http://h/trades?account=b&status=won")).toBe("b");
    expect(accountOf("http://h/trades?account=")).toBeNull();
    expect(accountOf("http://h/trades")).toBeNull();
  });

  test("withAccount carries it into paths, searches, index actions and hashes", () => {
    expect(withAccount("/trades", "b")).toBe("/trades?account=b");
    expect(withAccount("/trades/7", null)).toBe("/trades/7");
    expect(withAccount("?month=2026-11", "b")).toBe("?month=2026-11&account=b");
    expect(withAccount("/?index", "b")).toBe("/?index&account=b");
    expect(withAccount("/logs#top", "b")).toBe("/logs?account=b#top");
    expect(withAccount("/trades?account=c", "b")).toBe("/trades?account=c");
  });
});
