import { randomBytes } from "node:crypto";
import { comparePositions, formatPosition, type LogPosition } from "../../events/store/types.ts";
import type { Database } from "../db/database.ts";
import { qualified } from "./apply.ts";
import { allProjections } from "./index.ts";
import type { TableProjection } from "./projection.ts";
import { Projector } from "./projector.ts";

export interface TableDifference {
  table: string;
  /** Rows in the live table that the rebuild does not produce. */
  onlyLive: number;
  /** Rows the rebuild produces that the live table lacks. */
  onlyRebuilt: number;
  samples: { side: "live" | "rebuilt"; row: unknown }[];
}

export interface VerifyReport {
  position: string;
  differences: TableDifference[];
  totalDifferences: number;
}

async function livePosition(
  db: Database,
  projections: readonly TableProjection[],
): Promise<LogPosition | null> {
  const rows = await db.query<{ txid: string; p: number }>(
    "SELECT transaction_id::text AS txid, global_position AS p FROM projection_checkpoints WHERE projection IN (SELECT jsonb_array_elements_text($1::text::jsonb))",
    [JSON.stringify(projections.map((p) => p.name))],
  );
  return rows
    .map((r) => ({ transactionId: r.txid, globalPosition: r.p }))
    .reduce<LogPosition | null>((a, b) => (a && comparePositions(a, b) >= 0 ? a : b), null);
}

async function diffTable(
  db: Database,
  live: string,
  rebuilt: string,
  table: string,
): Promise<TableDifference> {
  const query = (a: string, b: string) =>
    db.query<{ r: unknown }>(`SELECT to_jsonb(t) AS r FROM ${a} t EXCEPT ALL SELECT to_jsonb(s) FROM ${b} s`);
  const onlyLive = await query(live, rebuilt);
  const onlyRebuilt = await query(rebuilt, live);
  return {
    table,
    onlyLive: onlyLive.length,
    onlyRebuilt: onlyRebuilt.length,
    samples: [
      ...onlyLive.slice(0, 3).map((x) => ({ side: "live" as const, row: x.r })),
      ...onlyRebuilt.slice(0, 3).map((x) => ({ side: "rebuilt" as const, row: x.r })),
    ],
  };
}

/**
 * `replay --verify`: rebuilds every projection into a scratch schema, up to exactly where the live
 * tables stand, and compares them row by row. "0 differences" means the live tables are what the
 * log says they should be. The scratch schema is always dropped.
 */
export async function verifyProjections(
  db: Database,
  projections: readonly TableProjection[] = allProjections,
): Promise<VerifyReport> {
  const live = new Projector(db, projections);
  await live.catchUp();
  const scratch = `replay_verify_${randomBytes(5).toString("hex")}`;
  await db.exec(`CREATE SCHEMA ${scratch}`);
  try {
    for (const table of ["projection_checkpoints", ...projections.map((p) => p.table)]) {
      await db.exec(
        `CREATE TABLE ${qualified(scratch, table)} (LIKE ${qualified("public", table)} INCLUDING ALL)`,
      );
    }
    // The engine may keep projecting while we work: chase the live position until it holds still.
    let position = await livePosition(db, projections);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (position)
        await new Projector(db, projections, { schema: scratch, until: position, batchSize: 5000 }).catchUp();
      const now = await livePosition(db, projections);
      if (!now || (position && comparePositions(now, position) === 0)) break;
      position = now;
    }
    const differences: TableDifference[] = [];
    for (const p of projections) {
      differences.push(
        await diffTable(db, qualified("public", p.table), qualified(scratch, p.table), p.table),
      );
    }
    return {
      position: position ? formatPosition(position) : "start of log",
      differences,
      totalDifferences: differences.reduce((n, d) => n + d.onlyLive + d.onlyRebuilt, 0),
    };
  } finally {
    await db.exec(`DROP SCHEMA ${scratch} CASCADE`);
  }
}
