// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are read field by field; their shape is what the test asserts.
import { expect, test } from "bun:test";
import fc from "fast-check";
import { EventStore } from "../../events/event-store.ts";
import { createTestDatabase } from "../../test/db.ts";
import { scenarioArbitrary } from "../../test/support/scenario.ts";
import { allProjections } from "../projections/index.ts";
import { Projector } from "../projections/projector.ts";
import { ManualClock } from "../time/clock.ts";
import { randomIds } from "../time/random.ts";
import { createGraphQL } from "./graphql.ts";
import { gql } from "./testing/client.ts";
import { testConfig } from "./testing/config.ts";
import { FakeControl } from "./testing/fake-control.ts";
import { ACCOUNT } from "./testing/seed.ts";

/**
 * Over random coherent histories (test/support/scenario.ts): paging through trades, stop-losses
 * and errors meets every row exactly once, and the overview's realized P&L is the trades' sum.
 */
test("pagination and totals hold over random histories", async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, fc.integer({ min: 1, max: 4 }), async (script, pageSize) => {
      const t = await createTestDatabase();
      try {
        const start = Date.parse("2026-11-24T08:00:00.000Z");
        const clock = new ManualClock(start);
        const store = new EventStore(t.db, { clock, ids: randomIds, accountId: ACCOUNT, actor: "engine" });
        for (const step of script) {
          clock.set(start + step.at * 60_000);
          await store.append(step.stream, step.events);
        }
        await new Projector(t.db, allProjections).catchUp();
        const api = createGraphQL({ db: t.db, control: new FakeControl(), config: testConfig(), clock });
        for (const [field, table, id] of [
          ["trades", "trades", "id"],
          ["stopLossEvents", "stop_loss_events", "id: tradeId"],
          ["errors", "error_logs", "id"],
        ] as const) {
          const seen: string[] = [];
          let after: string | null = null;
          for (;;) {
            const r: any = await gql(
              api,
              `query($after: String) { ${field}(first: ${pageSize}, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { node { ${id} } } } }`,
              {
                variables: { after },
              },
            );
            expect(r.errors).toEqual([]);
            const page = r.data[field];
            seen.push(...page.edges.map((e: any) => e.node.id));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          const [row] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
          expect(seen.length).toBe(row?.n ?? -1);
          expect(new Set(seen).size).toBe(seen.length);
        }
        const [sum] = await t.db.query<{ realized: number }>(
          "SELECT coalesce(sum(pnl), 0)::bigint AS realized FROM trades",
        );
        const o: any = await gql(api, "{ overview { realizedPnl { micros } } }");
        expect(o.data.overview.realizedPnl.micros).toBe(String(sum?.realized));
        await api.close();
      } finally {
        await t.drop();
      }
    }),
    { numRuns: 4 },
  );
}, 120_000);
