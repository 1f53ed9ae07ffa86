import { describe, expect, test } from "bun:test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configFromProcess, EX_CONFIG } from "./process.ts";

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function run(env: Record<string, string>) {
  let stderr = "";
  try {
    const config = configFromProcess({
      env,
      writeStderr: (text) => {
        stderr += text;
      },
      exit: (code) => {
        throw new Exited(code);
      },
    });
    return { config, stderr, code: null };
  } catch (err) {
    if (err instanceof Exited) return { config: null, stderr, code: err.code };
    throw err;
  }
}

describe("configFromProcess", () => {
  test("returns the config when the environment is valid", () => {
    const { config, stderr, code } = run({ MAX_TRADES_PER_DAY: "5" });
    expect(config?.trading.maxTradesPerDay).toBe(5);
    expect(stderr).toBe("");
    expect(code).toBeNull();
  });

  test("prints every problem and exits with EX_CONFIG (78)", () => {
    const { stderr, code } = run({ MIN_ODDS: "1.4", API_TOKEN: "short-secret" });
    expect(code).toBe(EX_CONFIG);
    expect(EX_CONFIG).toBe(78);
    expect(stderr).toBe(
      [
        "Conviction cannot start: 2 configuration problems.",
        "  MIN_ODDS=1.4: must be between 0.5 and 0.99",
        "  API_TOKEN=<redacted>: must be at least 16 characters",
        "Every variable is described in .env.example and docs/configuration.md.",
        "",
      ].join("\n"),
    );
    expect(stderr).not.toContain("short-secret");
  });

  test("a real process exits 78 with the problems on stderr", () => {
    const entry = join(import.meta.dir, "process.ts");
    const proc = Bun.spawnSync({
      cmd: [
        process.execPath,
        "-e",
        `import { configFromProcess } from ${JSON.stringify(entry)}; configFromProcess();`,
      ],
      // A clean directory, so no stray .env is read, and a minimal environment.
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? "", MAX_ODDS: "0.999" },
    });
    expect(proc.exitCode).toBe(78);
    expect(proc.stderr.toString()).toContain("  MAX_ODDS=0.999: must be between 0.5 and 0.99\n");
  });
});
