import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "./handler.ts";

const dir = mkdtempSync(join(tmpdir(), "conviction-web-"));
mkdirSync(join(dir, "assets"));
mkdirSync(join(dir, ".vite"));
writeFileSync(join(dir, "assets", "app-abc123.js"), "console.log(1)");
writeFileSync(join(dir, "favicon.svg"), "<svg/>");
writeFileSync(join(dir, ".vite", "manifest.json"), "{}");
// A file beside the build directory: what a "../" path would reach.
const outside = join(dir, "..", `${dir.split("/").pop()}-outside.txt`);
writeFileSync(outside, "secret");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { force: true });
});

test("fingerprinted assets are cached for a year, other files for an hour", async () => {
  const asset = serveStatic(dir, "/assets/app-abc123.js");
  expect(asset?.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  expect(asset?.headers.get("Content-Type")).toContain("javascript");
  expect(await asset?.text()).toBe("console.log(1)");
  expect(serveStatic(dir, "/favicon.svg")?.headers.get("Cache-Control")).toBe("public, max-age=3600");
});

test("HEAD gets the headers without the body", async () => {
  const head = serveStatic(dir, "/favicon.svg", true);
  expect(head?.headers.get("Content-Length")).toBe("6");
  expect(await head?.text()).toBe("");
});

test("pages, missing files, Vite's manifest and anything outside the build fall through to Remix", () => {
  expect(serveStatic(dir, "/")).toBeNull();
  expect(serveStatic(dir, "/trades")).toBeNull();
  expect(serveStatic(dir, "/assets")).toBeNull();
  expect(serveStatic(dir, "/.vite/manifest.json")).toBeNull();
  const name = outside.split("/").pop();
  expect(serveStatic(dir, `/../${name}`)).toBeNull();
  expect(serveStatic(dir, `/%2e%2e/${name}`)).toBeNull();
  expect(serveStatic(dir, "/%E0%A4%A")).toBeNull();
});
