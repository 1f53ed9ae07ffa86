import { parseArgs } from "node:util";
import { migrate, migrationStatus } from "../../db/migrate.ts";
import { openDatabase } from "../../db/open.ts";
import { type Command, EXIT } from "../command.ts";
import { dim, green, table, yellow } from "../output.ts";

/** `migrate`: apply pending migrations; `migrate --status`: show applied and pending ones. */
export const migrateCommand: Command = {
  name: "migrate",
  summary: "apply pending schema migrations, or show their status",
  usage: "migrate [--status] [--json]",
  async run(ctx) {
    const { values } = parseArgs({ args: ctx.args, options: { status: { type: "boolean" } }, strict: true });
    const db = await openDatabase(ctx.config().database, { migrate: false });
    try {
      const ran = values.status ? [] : await migrate(db);
      const status = await migrationStatus(db);
      if (ctx.json) {
        ctx.out.json({ ran, ...status });
        return EXIT.ok;
      }
      const rows = [
        ...status.applied.map((m) => [
          String(m.version).padStart(3, "0"),
          m.name,
          green("applied"),
          dim(m.appliedAt),
        ]),
        ...status.pending.map((m) => [String(m.version).padStart(3, "0"), m.name, yellow("pending"), ""]),
      ];
      ctx.out.line(table(["version", "name", "state", "applied at"], rows));
      ctx.out.line(
        `\n${status.applied.length} applied, ${status.pending.length} pending${ran.length ? `; applied now: ${ran.join(", ")}` : ""}`,
      );
      return EXIT.ok;
    } finally {
      await db.close();
    }
  },
};
