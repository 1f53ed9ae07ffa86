import { expect, test } from "bun:test";
import { EXIT } from "./command.ts";
import { commands } from "./main.ts";
import { cli } from "./testing.ts";

// No configuration at all: --help must not need one.
const env = { ANTHROPIC_API_KEY: undefined };

test.each(commands.map((c) => [c.name]))("%s --help answers with its usage, exit 0", async (name) => {
  const r = await cli([name, "--help"], env);
  expect(r.code).toBe(EXIT.ok);
  expect(r.stdout).toContain(`usage: npm run cli -- ${name}`);
});

test("the overview lists every command; no command and an unknown one are usage errors", async () => {
  const help = await cli(["--help"], env);
  expect(help.code).toBe(EXIT.ok);
  for (const c of commands) expect(help.stdout).toContain(c.name);
  expect((await cli([], env)).code).toBe(EXIT.usage);
  const unknown = await cli(["frobnicate"], env);
  expect(unknown.code).toBe(EXIT.usage);
  expect(unknown.stderr).toContain('unknown command "frobnicate"');
});

test("an invalid configuration is exit 78 with the problem named", async () => {
  const r = await cli(["status"], { MIN_ODDS: "1.4" });
  expect(r.code).toBe(EXIT.config);
  expect(r.stderr).toContain("MIN_ODDS=1.4");
});

test("the commands of issue 7 are all registered", () => {
  const names = commands.map((c) => c.name);
  for (const n of [
    "status",
    "check",
    "scan",
    "analyze",
    "run",
    "pause",
    "resume",
    "close",
    "replay",
    "audit",
    "import-history",
    "migrate",
    "events",
  ])
    expect(names).toContain(n);
});
