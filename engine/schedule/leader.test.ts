import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestDatabase, onPostgres, type TestDatabase } from "../../test/db.ts";
import { Leadership } from "./leader.ts";

describe.skipIf(!onPostgres)("leadership on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  test("one leader per account; a standby takes over when the leader's connection dies", async () => {
    const aErrors: unknown[] = [];
    const a = new Leadership(t.connect({ max: 2 }), { accountId: "acct", onError: (e) => aErrors.push(e) });
    const bDb = t.connect({ max: 2 });
    const b = new Leadership(bDb, { accountId: "acct" });
    const other = new Leadership(t.connect({ max: 2 }), { accountId: "another-account" });
    expect(await a.check()).toBe(true);
    expect(await b.check()).toBe(false);
    expect(await other.check()).toBe(true); // accounts lead independently
    // Kill the leader's session from outside, as a crash or a cut network would. The timeout makes
    // pg_terminate_backend wait until the backend has exited: a client sees the FATAL message a moment
    // before the dying backend releases its locks, so without it the standby could try too early.
    const [killed] = await bDb.query<{ gone: boolean }>(
      `SELECT bool_and(pg_terminate_backend(pid, 10000)) AS gone FROM pg_locks
        WHERE locktype = 'advisory' AND objid = $1::bigint::oid AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [a.key],
    );
    expect(killed?.gone).toBe(true);
    expect(await a.check()).toBe(false); // the old leader notices and steps down
    expect(String(aErrors[0])).toContain("leader lock lost");
    expect(await b.check()).toBe(true);
    expect(await a.check()).toBe(false);
    await Promise.all([a.stop(), b.stop(), other.stop()]);
  });
});

describe("leadership on the embedded database", () => {
  test("the only process is the leader", async () => {
    const t = await createTestDatabase();
    try {
      const l = new Leadership(t.db, { accountId: "acct" });
      expect(await l.check()).toBe(true);
      expect(await l.check()).toBe(true);
      await l.stop();
    } finally {
      await t.drop();
    }
  });
});
