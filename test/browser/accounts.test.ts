/**
 * The account switcher in real Chromium (Debian's, driven by playwright-core): the engine's API over
 * a database holding this engine's seeded account, then a second engine's account, with the built
 * dashboard mounted in one process as the engine does. Screenshots land in test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { testConfig } from "../../engine/api/testing/config.ts";
import { type ApiFixture, apiFixture } from "../../engine/api/testing/fixture.ts";
import { OTHER, OTHER_TRADE, seedOtherAccount } from "../../engine/api/testing/other-account.ts";
import { ACCOUNT, IDS } from "../../engine/api/testing/seed.ts";
import { type RunningHttpServer, startHttpServer } from "../../engine/http/server.ts";
import { createWebHandler } from "../../web/handler.ts";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = "test-artifacts/screenshots";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!hasChromium)("the account switcher in Chromium", () => {
  let f: ApiFixture;
  let server: RunningHttpServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const config = testConfig({ PORT: "0" });
    f = await apiFixture({ config });
    const web = await createWebHandler({ graphqlFetch: (request) => f.api.fetch(request) });
    server = await startHttpServer({ config, graphql: f.api, web, host: "127.0.0.1", port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await f?.close();
  });

  const shownTradeIds = async (p: Page) =>
    (await p.getByTestId("trade-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trade-id"))))
      .filter((id): id is string => id !== null)
      .sort();

  test("with one account there is no switcher", async () => {
    await page.goto(`${server.url}/trades`);
    await page.getByTestId("trades-table").waitFor();
    expect(await page.getByTestId("account-switcher").count()).toBe(0);
    expect(await shownTradeIds(page)).toContain(IDS.openTrade);
  }, 30_000);

  test("the switcher changes the trades shown, in the URL, and every link keeps it", async () => {
    await seedOtherAccount(f);
    await page.goto(`${server.url}/trades`);
    const select = page.getByLabel("Account");
    await select.waitFor();
    // This engine's account is the default: its trades, none of the other's.
    expect(await select.inputValue()).toBe(ACCOUNT);
    const mine = await shownTradeIds(page);
    expect(mine).toContain(IDS.openTrade);
    expect(mine).not.toContain(OTHER_TRADE);

    await select.selectOption(OTHER);
    await page.waitForURL((url) => url.searchParams.get("account") === OTHER);
    await page.locator(`[data-testid="trade-row"][data-trade-id="${OTHER_TRADE}"]`).waitFor();
    expect(await shownTradeIds(page)).toEqual([OTHER_TRADE]);
    await page.getByTestId("account-readonly").waitFor();
    await page.screenshot({ path: `${SHOTS}/accounts-other-trades.png`, fullPage: true });

    // The trade's own page and the navigation keep the account.
    await page.locator(`[data-testid="trade-row"][data-trade-id="${OTHER_TRADE}"] a`).first().click();
    await page.waitForURL((url) => url.pathname === `/trades/${OTHER_TRADE}`);
    expect(new URL(page.url()).searchParams.get("account")).toBe(OTHER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trades" }).click();
    await page.waitForURL((url) => url.pathname === "/trades" && url.searchParams.get("account") === OTHER);
    await page.locator(`[data-testid="trade-row"][data-trade-id="${OTHER_TRADE}"]`).waitFor();

    // Back to this engine's account: the parameter goes, its trades come back.
    await page.getByLabel("Account").selectOption(ACCOUNT);
    await page.waitForURL((url) => url.pathname === "/trades" && !url.searchParams.has("account"));
    await page.locator(`[data-testid="trade-row"][data-trade-id="${IDS.openTrade}"]`).waitFor();
    expect(await shownTradeIds(page)).toEqual(mine);
    expect(await page.getByTestId("account-readonly").count()).toBe(0);
  }, 60_000);

  test("a shared link opens on its account, on a phone too", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(`${server.url}/trades?account=${OTHER}`);
      await phone.locator(`[data-testid="trade-row"][data-trade-id="${OTHER_TRADE}"]`).waitFor();
      expect(await shownTradeIds(phone)).toEqual([OTHER_TRADE]);
      const select = phone.getByLabel("Account");
      expect(await select.inputValue()).toBe(OTHER);
      expect(await select.isVisible()).toBe(true);
      await phone.screenshot({ path: `${SHOTS}/accounts-phone.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  }, 30_000);

  test("an unknown account in the URL says so, and the switcher is still there to leave it", async () => {
    await page.goto(`${server.url}/trades?account=nobody`);
    await page.getByTestId("error-boundary").waitFor();
    expect(await page.getByTestId("error-boundary").textContent()).toContain('Unknown account "nobody"');
    await page.getByLabel("Account").selectOption(ACCOUNT);
    await page.waitForURL((url) => url.pathname === "/trades" && !url.searchParams.has("account"));
    await page.getByTestId("trades-table").waitFor();
  }, 30_000);
});
