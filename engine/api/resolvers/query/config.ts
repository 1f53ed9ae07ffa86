import { publicConfig } from "../../../config/index.ts";
import type { ApiContext } from "../../context.ts";

/**
 * Built from publicConfig only: the raw Config never reaches a resolver's return value, so a secret
 * cannot leak by a field being added to the schema later.
 */
export function config(_: unknown, __: unknown, ctx: ApiContext) {
  const c = publicConfig(ctx.config);
  return {
    accountId: c.accountId,
    timezone: c.timezone,
    logLevel: c.logLevel,
    trading: c.trading,
    database:
      c.database.kind === "pglite"
        ? { kind: "pglite", dataDir: c.database.dataDir, url: null, passwordConfigured: null }
        : {
            kind: "postgres",
            dataDir: null,
            url: c.database.url,
            passwordConfigured: c.database.passwordConfigured,
          },
    server: c.server,
    kalshi: c.kalshi,
    ai: c.ai,
    schedules: c.schedules,
    notify: c.notify,
    variables: Object.entries(c.variables).map(([name, v]) => ({ name, source: v.source, value: v.value })),
  };
}
