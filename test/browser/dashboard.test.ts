/**
 * The dashboard in real Chromium (Debian's, driven by playwright-core) against the whole system:
 * the simulator, the engine trading it, GraphQL and the Remix app in one process. Screenshots of
 * every page land in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { createGraphQL } from "../../engine/api/graphql.ts";
import { buildReport, loadKalshiHistory, recordBacktest } from "../../engine/backtest/report/index.ts";
import { fixedInput } from "../../engine/backtest/report/testing.ts";
import { settleLog } from "../../engine/cli/testing.ts";
import type { Config } from "../../engine/config/index.ts";
import { startHttpServer } from "../../engine/http/server.ts";
import { type App, startApp } from "../../engine/serve.ts";
import { systemClock } from "../../engine/time/clock.ts";
import { seededIds } from "../../engine/time/random.ts";
import { executeProposal } from "../../engine/trading/execute-proposal.ts";
import { allTrades } from "../../engine/trading/read-model.ts";
import { scanOnly } from "../../engine/trading/run-scan.ts";
import { EventStore } from "../../events/event-store.ts";
import { type RunningSimulator, startSimulator } from "../../simulator/index.ts";
import { createWebHandler } from "../../web/handler.ts";
import { createTestDatabase, type TestDatabase } from "../db.ts";
import { memoryLogger, simulatorConfig } from "../support/engine.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = "test-artifacts/screenshots";
const HOUR = 3_600_000;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!hasChromium)("the dashboard in Chromium", () => {
  let sim: RunningSimulator;
  let t: TestDatabase;
  let app: App;
  let config: Config;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    sim = await startSimulator({
      port: 0,
      seed: 2026,
      markets: 600,
      quiet: true,
      clock: { mode: "manual", start: Date.parse("2026-01-27T06:00:00Z") },
    });
    t = await createTestDatabase();
    config = simulatorConfig(sim, {
      PORT: "0",
      MIN_LIQUIDITY: "500",
      SCHEDULE_REFRESH_MARKETS: "0 * * * *",
      // Room for a second scan to want trades, so the kill switch has something to refuse.
      MAX_TRADES_PER_DAY: "6",
      DAILY_BUDGET: "300",
    });
    app = await startApp(config, memoryLogger(), {
      db: t.db,
      clock: sim.clock,
      schedule: "manual",
      realtime: false,
      ids: seededIds(5),
    });
    // A stretch of trading: buy on day one, then let a position settle so the equity curve has points.
    const engine = app.engine;
    for (let h = 0; h < 4; h++) {
      sim.exchange.advance(HOUR);
      await engine.scheduler.runDue();
    }
    // Two settlements: a curve needs at least two points to draw a line.
    const held = (await allTrades(engine.db, config.accountId))
      .filter((r) => r.status === "open")
      .slice(0, 2);
    for (const h of held) sim.exchange.settle(h.contract_id, h.side === "yes" ? "yes" : "no", 0);
    await engine.control.runJob("check-resolutions");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sim?.stop();
    await t?.drop();
  });

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  test("the overview shows the trades and a chart with data", async () => {
    await page.goto(app.server.url);
    await page.getByTestId("positions-table").or(page.getByTestId("positions-empty")).first().waitFor();
    const closed = (await allTrades(app.engine.db, config.accountId)).filter((r) => r.pnl !== null);
    expect(closed.length).toBeGreaterThan(0);
    // Charts render in the browser (recharts), after hydration: wait for the drawn marks.
    await page
      .getByTestId("equity-chart")
      .locator("svg circle, svg .recharts-line-curve")
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByTestId("daily-pnl-chart").locator("svg .recharts-bar-rectangle path").first().waitFor();
    expect(await page.getByTestId("equity-empty").count()).toBe(0);
    expect(await page.getByTestId("position-row").count()).toBeGreaterThan(0);
    await shot("overview");
  }, 30_000);

  test("a trade's story opens as a timeline from the event log", async () => {
    await page.goto(`${app.server.url}/trades`);
    await page.getByTestId("trade-row").first().waitFor();
    await shot("trades");
    await page.getByTestId("trade-link").first().click();
    await page.getByTestId("story-timeline").waitFor();
    expect(await page.getByTestId("story-step").count()).toBeGreaterThanOrEqual(3);
    await shot("trade-story");
  }, 30_000);

  test("the Backtests page draws a recorded run's equity curve and calibration", async () => {
    const store = new EventStore(app.engine.db, {
      clock: sim.clock,
      ids: seededIds(77),
      accountId: config.accountId,
      actor: "backtest",
    });
    const input = fixedInput();
    await recordBacktest(store, input, buildReport(input, loadKalshiHistory()));
    await settleLog(app.engine.db);
    await page.goto(`${app.server.url}/backtests`);
    await page
      .getByTestId("equity-chart")
      .locator("svg .recharts-line-curve")
      .first()
      .waitFor({ timeout: 15_000 });
    await page
      .getByTestId("price-calibration-chart")
      .locator("svg .recharts-bar-rectangle path")
      .first()
      .waitFor();
    await page.getByTestId("calibration-chart").locator("svg .recharts-scatter-symbol").first().waitFor();
    expect(await page.getByTestId("stop-row").count()).toBe(2);
    expect(await page.getByTestId("kpi-backtest-pnl-value").textContent()).toBe("-$64.91");
    await shot("backtests");
  }, 30_000);

  test("every page renders, on a desktop and on a phone", async () => {
    for (const path of ["/decisions", "/scanner", "/monthly", "/logs", "/settings", "/backtests"]) {
      await page.goto(`${app.server.url}${path}`);
      await page.locator("main").first().waitFor();
      expect(await page.getByTestId("error-boundary").count()).toBe(0);
      await shot(path.slice(1));
    }
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(app.server.url);
    await phone.locator("main").first().waitFor();
    await phone.screenshot({ path: `${SHOTS}/overview-phone.png`, fullPage: true });
    await phone.close();
  }, 60_000);

  test("the kill switch pauses trading, and the engine then refuses to trade", async () => {
    await page.goto(app.server.url);
    await page.locator('input[name="reason"]').fill("browser test: kill switch");
    await page.getByTestId("kill-switch").click();
    await page.getByTestId("kill-switch").and(page.locator('[data-action="resume"]')).waitFor();
    const [state] = await app.engine.db.query<{ state: string; reason: string }>(
      "SELECT state, reason FROM trading_state WHERE account_id = $1",
      [config.accountId],
    );
    expect(state).toEqual({ state: "paused", reason: "browser test: kill switch" });
    await shot("paused");
    // The engine now refuses any new trade, whatever the selector wants.
    const { scan } = await scanOnly(app.engine.deps, { record: false });
    const candidate = scan.event.candidates[0];
    if (!candidate) throw new Error("no candidate to propose");
    const outcome = await executeProposal(app.engine.deps, {
      selection: {
        ticker: candidate.ticker,
        side: candidate.side,
        allocation: 20_000_000,
        confidence: 0.9,
        reasoning: "test",
        riskFactors: [],
      },
      candidate,
      analysisId: null,
      scanId: null,
      correlationId: "kill-switch-test",
    });
    expect(outcome.status).toBe("rejected");
    expect(outcome.reasons?.map((r) => r.check)).toContain("trading_state");
  }, 60_000);

  test("with DASHBOARD_PASSWORD set, the dashboard asks for a login", async () => {
    const guarded = {
      ...config,
      server: { ...config.server, dashboardPassword: "correct horse battery" },
    } as Config;
    const graphql = createGraphQL({
      db: app.engine.db,
      control: app.engine.control,
      config: guarded,
      clock: sim.clock,
      sessionClock: systemClock,
    });
    const web = await createWebHandler({ graphqlFetch: (request) => graphql.fetch(request) });
    const server = await startHttpServer({ config: guarded, graphql, web, port: 0 });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(server.url);
      await fresh.getByTestId("login-form").waitFor();
      expect(fresh.url()).toContain("/login");
      await fresh.getByTestId("login-password").fill("wrong password");
      await fresh.getByTestId("login-submit").click();
      await fresh.getByTestId("login-error").waitFor();
      await fresh.getByTestId("login-password").fill("correct horse battery");
      await fresh.getByTestId("login-submit").click();
      await fresh
        .getByTestId("trading-state")
        .waitFor({ timeout: 15_000 })
        .catch(async (error) => {
          await fresh.screenshot({ path: `${SHOTS}/login-failed.png` });
          throw error;
        });
      await fresh.screenshot({ path: `${SHOTS}/after-login.png` });
      const html = await fresh.content();
      expect(html).not.toContain("correct horse battery");
      expect(html).not.toContain(sim.privateKeyPem.split("\n")[2] ?? "PRIVATE KEY");
      await fresh.close();
    } finally {
      await server.stop();
      await graphql.close();
    }
  }, 60_000);
});
