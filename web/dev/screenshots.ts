/**
 * Screenshots of every page at desktop and phone width, for eyeballing the layout:
 *   bun web/dev/serve.ts &   then   bun web/dev/screenshots.ts [baseUrl]
 * Writes test-artifacts/screenshots/<prefix><page>-<viewport>.png and reports console errors
 * (hydration mismatches show up there). SHOT_PREFIX names a variant (e.g. "empty-" against
 * HARNESS_EMPTY=1); SHOT_PAGES=overview,trades limits the pages.
 */
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:3005";
const out = new URL("../../test-artifacts/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const PAGES: [string, string][] = [
  ["overview", "/"],
  ["trades", "/trades"],
  ["trade", process.env.TRADE ?? "/trades/t-1003"],
  ["trade-stopped", process.env.STOPPED_TRADE ?? "/trades/t-1010"],
  ["decisions", "/decisions"],
  ["scanner", "/scanner"],
  ["monthly", "/monthly"],
  ["logs", "/logs"],
  ["settings", "/settings"],
  ["backtests", "/backtests"],
  ["login", "/login"],
  ["not-found", "/trades/does-not-exist"],
];
const prefix = process.env.SHOT_PREFIX ?? "";
const only = process.env.SHOT_PAGES?.split(",");
const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

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
let problems = 0;
for (const viewport of VIEWPORTS) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
    isMobile: viewport.name === "phone",
    hasTouch: viewport.name === "phone",
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      problems++;
      console.log(`  console error (${viewport.name}): ${msg.text().slice(0, 300)}`);
    }
  });
  page.on("pageerror", (err) => {
    problems++;
    console.log(`  page error (${viewport.name}): ${err.message}`);
  });
  for (const [name, path] of PAGES.filter(([n]) => !only || only.includes(n))) {
    await page.goto(base + path, { waitUntil: "load" });
    // Hydrated and the charts measured: the live indicator only leaves "connecting" in the browser.
    await page
      .waitForFunction(
        () => document.querySelector("[data-testid=live-status]")?.getAttribute("data-status") === "live",
        null,
        {
          timeout: 3000,
        },
      )
      .catch(() => {});
    await page.waitForTimeout(400);
    const file = `${out}${prefix}${name}-${viewport.name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${file}`);
  }
  await context.close();
}
await browser.close();
console.log(problems === 0 ? "no console errors" : `${problems} console problems`);
