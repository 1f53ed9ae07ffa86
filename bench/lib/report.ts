import type { MachineFacts } from "./machine.ts";

/** One measured workload. Rates are derived, so the JSON and the table cannot disagree. */
export interface Figure {
  bench: string;
  /** e.g. "append", "read", "rebuild". */
  section: string;
  workload: string;
  /** "conviction" or "emmett". */
  store: string;
  /** "postgres", "pglite memory", "pglite dir". */
  database: string;
  events: number;
  streams: number | null;
  /** Store calls made (appends, pages, stream reads, rebuilds). */
  calls: number;
  seconds: number;
  note?: string;
}

/** Ours against a reference implementation on the same workload, same server. */
export interface Comparison {
  bench: string;
  workload: string;
  database: string;
  oursPerSecond: number;
  theirsPerSecond: number;
  /** ours / theirs in events per second: > 1 means we are faster. */
  ratio: number;
  /** What we aim for, if anything (shown, never asserted). */
  target?: number;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: MachineFacts;
  figures: Figure[];
  comparisons: Comparison[];
  notes: { bench: string; text: string }[];
}

export const perSecond = (n: number, seconds: number): number => (seconds > 0 ? n / seconds : 0);

export function withRates(f: Figure) {
  return {
    ...f,
    eventsPerSecond: Math.round(perSecond(f.events, f.seconds)),
    callsPerSecond: Math.round(perSecond(f.calls, f.seconds)),
    msPerCall: f.calls > 0 ? (f.seconds * 1000) / f.calls : null,
  };
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function table(headers: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return rightAligned.has(i) ? c.padStart(w) : c.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function renderText(report: Report): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(`Conviction benchmarks  ${report.startedAt}  (${report.command})`);
  out.push(
    `machine     ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM, ${m.platform}, load average ${m.loadAverage}`,
    `runtime     Bun ${m.bun}, PGlite ${m.pglite}, Emmett ${m.emmett}`,
    `postgres    ${m.postgres ?? "not reachable"}${m.postgresSettings ? `  [${m.postgresSettings}]` : ""}`,
  );
  const benches = [...new Set([...report.figures.map((f) => f.bench), ...report.notes.map((n) => n.bench)])];
  for (const bench of benches) {
    out.push("", `== ${bench} ==`);
    const figures = report.figures.filter((f) => f.bench === bench).map(withRates);
    if (figures.length) {
      out.push(
        table(
          [
            "section",
            "workload",
            "store",
            "database",
            "events",
            "streams",
            "calls",
            "seconds",
            "events/s",
            "calls/s",
            "ms/call",
            "note",
          ],
          figures.map((f) => [
            f.section,
            f.workload,
            f.store,
            f.database,
            int(f.events),
            f.streams === null ? "" : int(f.streams),
            int(f.calls),
            f.seconds.toFixed(2),
            int(f.eventsPerSecond),
            int(f.callsPerSecond),
            f.msPerCall === null ? "" : ms(f.msPerCall),
            f.note ?? "",
          ]),
          new Set([4, 5, 6, 7, 8, 9, 10]),
        ),
      );
    }
    const comparisons = report.comparisons.filter((c) => c.bench === bench);
    if (comparisons.length) {
      out.push(
        "",
        "ours / Emmett (events per second, same server, same events and streams, warm-up round each)",
      );
      out.push(
        table(
          ["workload", "database", "ours/s", "emmett/s", "ratio", "target"],
          comparisons.map((c) => [
            c.workload,
            c.database,
            int(c.oursPerSecond),
            int(c.theirsPerSecond),
            `${c.ratio.toFixed(2)}x`,
            c.target === undefined ? "" : `>= ${c.target}x ${c.ratio >= c.target ? "(met)" : "(NOT met)"}`,
          ]),
          new Set([2, 3, 4]),
        ),
      );
    }
    for (const n of report.notes.filter((x) => x.bench === bench)) out.push(`note: ${n.text}`);
  }
  return out.join("\n");
}

export function renderJson(report: Report): string {
  return JSON.stringify({ ...report, figures: report.figures.map(withRates) }, null, 2);
}
