import { parseArgs } from "node:util";

/** Parts of a bench that can be left out with --skip (comma-separated). */
export const SKIPPABLE = ["pglite", "postgres", "emmett", "rebuild"] as const;
export type Skippable = (typeof SKIPPABLE)[number];

/** PGlite in memory (emscripten MEMFS, what the tests use) or in a folder (what the engine uses). */
export const PGLITE_MODES = ["memory", "dir"] as const;
export type PgliteMode = (typeof PGLITE_MODES)[number];

export interface BenchOptions {
  /** Bench names to run; empty = all. */
  only: string[];
  skip: Set<Skippable>;
  /** PGlite flavours for the append/read workloads (the rebuild runs on a folder). */
  pglite: PgliteMode[];
  json: boolean;
  /** Events generated and rebuilt on PostgreSQL. */
  events: number;
  /** Events generated and rebuilt on PGlite (WASM, single connection: a smaller, labelled N). */
  pgliteEvents: number;
  /** Multiplies the append/read workload sizes: 0.1 for a smoke run, 1 for the published figures. */
  scale: number;
  /** Server URL (any database on it): scratch databases are created next to it. */
  pgUrl: string;
  /** Concurrent writers while loading the rebuild log on PostgreSQL. */
  writers: number;
  /** Passed to rebuildAll when given; otherwise its own default applies. */
  rebuildBatchSize: number | undefined;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: bun bench/run.ts [options]

  --only <names>        run only these benches (comma-separated, repeatable), e.g. --only event-store
  --list                list the benches and exit
  --json                print one JSON document (machine facts + figures) on stdout; progress goes to stderr
  --events <n>          events to generate and rebuild on PostgreSQL (default 1,000,000)
  --pglite-events <n>   events to generate and rebuild on PGlite (default 100,000)
  --scale <x>           multiply append/read workload sizes (default 1; 0.1 for a smoke run)
  --writers <n>         concurrent writers while loading the rebuild log on PostgreSQL (default 4)
  --batch-size <n>      batchSize passed to rebuildAll (default: its own)
  --pglite <modes>      PGlite flavours for appends/reads: dir, memory or memory,dir (default dir)
  --skip <parts>        leave out parts: ${SKIPPABLE.join(", ")}
  --pg-url <url>        PostgreSQL server (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --help                this text

Figures are measurements, never assertions: nothing here fails because a number is low.`;

/** Accepts 1000000, 1_000_000, 1,000,000, 1e6, 100k and 1m: the counts are typed by hand. */
export function parseCount(text: string, flag: string): number {
  const m = /^([\d_,.]+(?:e\d+)?)([km]?)$/i.exec(text.trim());
  const base = m?.[1] ? Number(m[1].replaceAll(/[_,]/g, "")) : Number.NaN;
  const unit = m?.[2]?.toLowerCase();
  const n = base * (unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1);
  if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
    throw new RangeError(`${flag}: ${JSON.stringify(text)} is not a whole number`);
  }
  return n;
}

function parsePositive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${flag}: ${JSON.stringify(text)} must be > 0`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: "string", multiple: true },
      skip: { type: "string", multiple: true },
      pglite: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      events: { type: "string" },
      "pglite-events": { type: "string" },
      scale: { type: "string" },
      writers: { type: "string" },
      "batch-size": { type: "string" },
      "pg-url": { type: "string" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const list = (v: string[] | undefined) =>
    (v ?? [])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
  const skip = new Set<Skippable>();
  for (const part of list(values.skip)) {
    if (!(SKIPPABLE as readonly string[]).includes(part)) {
      throw new RangeError(`--skip: unknown part ${JSON.stringify(part)} (known: ${SKIPPABLE.join(", ")})`);
    }
    skip.add(part as Skippable);
  }
  const pglite = list(values.pglite);
  for (const mode of pglite) {
    if (!(PGLITE_MODES as readonly string[]).includes(mode)) {
      throw new RangeError(
        `--pglite: unknown mode ${JSON.stringify(mode)} (known: ${PGLITE_MODES.join(", ")})`,
      );
    }
  }
  return {
    only: list(values.only),
    skip,
    pglite: pglite.length ? [...new Set(pglite as PgliteMode[])] : ["dir"],
    json: values.json ?? false,
    events: values.events ? parseCount(values.events, "--events") : 1_000_000,
    pgliteEvents: values["pglite-events"] ? parseCount(values["pglite-events"], "--pglite-events") : 100_000,
    scale: values.scale ? parsePositive(values.scale, "--scale") : 1,
    writers: values.writers ? Math.ceil(parsePositive(values.writers, "--writers")) : 4,
    rebuildBatchSize: values["batch-size"] ? parseCount(values["batch-size"], "--batch-size") : undefined,
    pgUrl:
      values["pg-url"] ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    list: values.list ?? false,
    help: values.help ?? false,
  };
}
