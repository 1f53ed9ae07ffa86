/**
 * Clicks through the dashboard against the fixture API (web/dev/serve.ts): kill switch, live
 * updates, filters and paging, dry scan, and (with HARNESS_PASSWORD) sign-in and sign-out.
 *   HARNESS_TICK_MS=1500 bun web/dev/serve.ts &   bun web/dev/smoke.ts [baseUrl]
 *   HARNESS_PASSWORD=… bun web/dev/serve.ts &     HARNESS_PASSWORD=… bun web/dev/smoke.ts
 * A dev check of the web app, not the lead's end-to-end suite against the engine.
 */
import { chromium, type Page } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:3005";
const password = process.env.HARNESS_PASSWORD;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
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
const page = await browser.newPage();
const errors: string[] = [];
page.on("pageerror", (e) => errors.push(e.message));

async function step(name: string, fn: (page: Page) => Promise<void>) {
  try {
    await fn(page);
    console.log(`✓ ${name}`);
  } catch (error) {
    console.log(`✗ ${name}: ${(error as Error).message.split("\n")[0]}`);
    process.exitCode = 1;
  }
}

if (password) {
  await step("signed out: / redirects to the login form", async (p) => {
    await p.goto(`${base}/trades?status=won`);
    await p.waitForURL(/\/login\?redirectTo=/);
    await p.getByTestId("login-form").waitFor();
  });
  await step("a wrong password is refused with a message", async (p) => {
    await p.getByTestId("login-password").fill("not-it");
    await p.getByTestId("login-submit").click();
    await p.getByTestId("login-error").waitFor();
  });
  await step("the right password sets an httpOnly session cookie and goes back", async (p) => {
    await p.getByTestId("login-password").fill(password);
    await p.getByTestId("login-submit").click();
    await p.waitForURL(/\/trades\?status=won$/);
    const cookie = (await p.context().cookies()).find((c) => c.name === "conviction_session");
    if (!cookie?.httpOnly || cookie.sameSite !== "Lax")
      throw new Error(`bad cookie ${JSON.stringify(cookie)}`);
  });
}

await step("overview: KPI cards and an equity chart with path data", async (p) => {
  await p.goto(base);
  for (const id of [
    "balance",
    "bankroll",
    "total-pnl",
    "realized-pnl",
    "unrealized-pnl",
    "win-rate",
    "roi",
    "open-positions",
  ]) {
    await p.getByTestId(`kpi-${id}`).waitFor();
  }
  await p.waitForFunction(
    () =>
      (document.querySelector("[data-testid=equity-chart] svg path[d]")?.getAttribute("d") ?? "").length > 20,
  );
  await p.waitForFunction(
    () => document.querySelectorAll("[data-testid=daily-pnl-chart] .recharts-bar-rectangle").length > 0,
  );
});

await step("kill switch pauses with a reason and resumes", async (p) => {
  if ((await p.getByTestId("trading-state").getAttribute("data-status")) !== "RUNNING") {
    await p.getByTestId("kill-switch").click();
    await p.waitForSelector('[data-testid=trading-state][data-status="RUNNING"]');
  }
  await p.getByTestId("pause-reason").fill("smoke test: checking the kill switch");
  await p.getByTestId("kill-switch").click();
  await p.waitForSelector('[data-testid=trading-state][data-status="PAUSED"]');
  await p.getByTestId("trading-state-reason").getByText("smoke test").waitFor();
  await p.getByTestId("kill-switch").click();
  await p.waitForSelector('[data-testid=trading-state][data-status="RUNNING"]');
});

// SMOKE_LIVE=0 when the API behind the page never changes on its own (the engine's test fixture).
if (process.env.SMOKE_LIVE !== "0")
  await step("live: unrealized P&L changes without a reload", async (p) => {
    await p.waitForSelector('[data-testid=live-status][data-status="live"]');
    const before = await p.getByTestId("kpi-unrealized-pnl-value").textContent();
    const marker = await p.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
      return true;
    });
    await p.waitForFunction(
      (prev) => document.querySelector("[data-testid=kpi-unrealized-pnl-value]")?.textContent !== prev,
      before,
      { timeout: 15_000 },
    );
    const same = await p.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);
    if (!marker || !same) throw new Error("the page reloaded");
  });

await step("trades: filter, page and open a trade's story", async (p) => {
  await p.goto(`${base}/trades`);
  await p.getByTestId("trade-row").first().waitFor();
  await p.getByTestId("trades-status-filter").selectOption("won");
  await p.waitForURL(/status=won/);
  // The URL changes a moment before React renders the new rows.
  await p.waitForFunction(() =>
    [...document.querySelectorAll("[data-testid=trade-row]")].every(
      (r) => r.getAttribute("data-status") === "WON",
    ),
  );
  const statuses = await p.$$eval("[data-testid=trade-row]", (rows) =>
    rows.map((r) => r.getAttribute("data-status")),
  );
  if (statuses.length === 0 || statuses.some((s) => s !== "WON"))
    throw new Error(`statuses ${statuses.join(",")}`);
  await p.getByTestId("pager-next").click();
  await p.waitForURL(/c=/);
  await p.getByTestId("trade-link").first().click();
  await p.getByTestId("story-timeline").waitFor();
  const kinds = await p.$$eval("[data-testid=story-step]", (steps) =>
    steps.map((s) => s.getAttribute("data-kind")),
  );
  if (kinds[0] !== "MARKET_OBSERVED" || kinds[kinds.length - 1] !== "RESOLVED")
    throw new Error(`kinds ${kinds.join(",")}`);
});

await step("scanner: funnel chart and a dry scan", async (p) => {
  await p.goto(`${base}/scanner`);
  await p.waitForSelector("[data-testid=funnel-chart] svg");
  await p.getByTestId("run-dry-scan").click();
  await p.getByTestId("dry-run-result").waitFor();
});

await step("decisions: calibration chart", async (p) => {
  await p.goto(`${base}/decisions`);
  await p.waitForSelector("[data-testid=calibration-chart] svg");
  await p.getByTestId("decision").first().click();
});

if (password) {
  await step("sign out clears the session", async (p) => {
    await p.goto(base);
    await p.getByTestId("logout").first().click();
    await p.waitForURL(/\/login$/);
    await p.goto(`${base}/settings`);
    await p.waitForURL(/\/login\?redirectTo=%2Fsettings/);
  });
}

if (errors.length > 0) {
  console.log(`✗ page errors: ${errors.join(" | ")}`);
  process.exitCode = 1;
}
await browser.close();
