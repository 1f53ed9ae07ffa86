/** `npm start`: the engine, the API and the dashboard — paper trading by default, embedded database in ./data. */
import { configFromProcess, secretValues } from "./config/index.ts";
import { createLogger } from "./log.ts";
import { startApp } from "./serve.ts";

const config = configFromProcess();
const log = createLogger({
  level: config.logLevel,
  secrets: secretValues(config),
  base: { account: config.accountId },
});
log.info("conviction starting", { mode: config.trading.mode, database: config.database.kind });

const app = await startApp(config, log, { secrets: secretValues(config) });
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    app.stop().then(
      () => process.exit(0),
      (error) => {
        log.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  });
}
