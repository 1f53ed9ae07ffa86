import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import type { Config } from "../../config/index.ts";
import { createGraphQL, type GraphQLHandle, type GraphQLOptions } from "../graphql.ts";
import { testConfig } from "./config.ts";
import { FakeControl } from "./fake-control.ts";
import { type SeededHistory, seedHistory } from "./seed.ts";

export interface ApiFixture {
  t: TestDatabase;
  history: SeededHistory;
  control: FakeControl;
  api: GraphQLHandle;
  close(): Promise<void>;
}

/** A fresh database with the seeded history, the fake engine and the GraphQL handler over them. */
export async function apiFixture(
  options: { config?: Config; bulk?: number } & Partial<
    Omit<GraphQLOptions, "db" | "control" | "config">
  > = {},
): Promise<ApiFixture> {
  const { config, bulk, ...rest } = options;
  const t = await createTestDatabase();
  const history = await seedHistory(t.db, { bulk: bulk ?? 0 });
  const control = new FakeControl(history);
  const api = createGraphQL({
    db: t.db,
    control,
    config: config ?? testConfig(),
    clock: history.clock,
    ...rest,
  });
  return {
    t,
    history,
    control,
    api,
    async close() {
      await api.close();
      await t.drop();
    },
  };
}
