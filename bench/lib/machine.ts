import { readFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { openPostgres } from "../../engine/db/postgres.ts";

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  /** 1/5/15-minute load averages at the start: figures taken on a busy machine say so. */
  loadAverage: string;
  bun: string;
  pglite: string;
  emmett: string;
  /** null when the server could not be reached (PostgreSQL figures are then skipped). */
  postgres: string | null;
  /** The settings that decide commit latency, so figures from two machines can be compared. */
  postgresSettings: string | null;
}

/** Versions from node_modules: a package's exports map may hide its package.json from import. */
function installedVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

const SETTINGS = ["fsync", "synchronous_commit", "shared_buffers", "max_wal_size"];

export async function machineFacts(pgUrl: string): Promise<MachineFacts> {
  const list = cpus();
  let postgres: string | null = null;
  let postgresSettings: string | null = null;
  const db = openPostgres(pgUrl, { max: 1 });
  try {
    const [v] = await db.query<{ version: string }>("SELECT version()");
    postgres = v?.version.replace(/ on .*$/, "") ?? null;
    // current_setting gives the human form ("128MB"), not pg_settings' raw count of 8 kB pages.
    const rows = await db.query<{ name: string; setting: string }>(
      // A JSON parameter, per the Database conventions (the drivers disagree on arrays).
      "SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN (SELECT jsonb_array_elements_text($1::text::jsonb)) ORDER BY name",
      [JSON.stringify(SETTINGS)],
    );
    postgresSettings = rows.map((r) => `${r.name}=${r.setting}`).join(", ");
  } catch {
    // Unreachable server: reported as such, and the PostgreSQL parts say they were skipped.
  } finally {
    await db.close();
  }
  return {
    cores: navigator.hardwareConcurrency || list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()} ${arch()}`,
    loadAverage: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
    bun: Bun.version,
    pglite: installedVersion("@electric-sql/pglite"),
    emmett: installedVersion("@event-driven-io/emmett-postgresql"),
    postgres,
    postgresSettings,
  };
}
