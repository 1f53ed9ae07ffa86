import type { Bench } from "./lib/bench.ts";

/** The scan of a 100,000-market cache (engine/strategy/scanner/scan-bench.ts): target under 200 ms. */
export const bench: Bench = {
  name: "scanner",
  description: "tier-1 scan of a 100,000-market cache (target < 200 ms)",
  async run(ctx) {
    const child = Bun.spawn([process.execPath, "engine/strategy/scanner/scan-bench.ts", "100000", "20"], {
      stdout: "pipe",
      stderr: "inherit",
      cwd: `${import.meta.dir}/..`,
    });
    const out = (await new Response(child.stdout).text()).trim();
    await child.exited;
    for (const line of out.split("\n")) ctx.note(`scan: ${line}`);
  },
};
