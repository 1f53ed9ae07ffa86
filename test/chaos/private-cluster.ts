/**
 * A throwaway PostgreSQL cluster of our own (initdb in a temp dir, trust auth, a free port, its
 * unix socket in the temp dir), so a test may really stop and restart the server without touching
 * the shared one. PostgreSQL refuses to run as root: as root, every server command runs as the
 * `postgres` OS user through `runuser` (or `su` where runuser is missing), on a dir it owns.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The bin dir holding initdb: PG_BIN, else /usr/lib/postgresql/15/bin, else the newest installed. */
export function findPostgresBin(): string | null {
  const candidates = [process.env.PG_BIN, "/usr/lib/postgresql/15/bin"];
  if (existsSync("/usr/lib/postgresql"))
    for (const v of readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  return candidates.find((d) => d && existsSync(join(d, "initdb"))) ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function osUser(name: string): { uid: number; gid: number } | null {
  const r = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export interface PrivateCluster {
  url: string;
  port: number;
  dir: string;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash (no checkpoint, no goodbye). */
  crash(): void;
  start(): void;
  /** Stops the server (if up) and deletes the cluster. Safe to call twice. */
  destroy(): void;
}

export async function createPrivateCluster(bin: string): Promise<PrivateCluster> {
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? osUser("postgres") : null;
  if (asRoot && !owner) throw new Error("running as root and there is no postgres OS user to run the server");
  const hasRunuser = spawnSync("sh", ["-c", "command -v runuser"]).status === 0;
  const dir = mkdtempSync(join(tmpdir(), "conviction-pg-"));
  const data = join(dir, "data");
  if (owner) chownSync(dir, owner.uid, owner.gid);
  chmodSync(dir, 0o700);
  const port = await freePort();

  const run = (args: string[], allowFail = false) => {
    const command = asRoot
      ? hasRunuser
        ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" })
        : spawnSync("su", ["postgres", "-c", args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ")], {
            encoding: "utf8",
          })
      : spawnSync(args[0] ?? "", args.slice(1), { encoding: "utf8" });
    if (command.status !== 0 && !allowFail) {
      const log = existsSync(join(dir, "log")) ? readFileSync(join(dir, "log"), "utf8").slice(-2000) : "";
      throw new Error(
        `${args.join(" ")} exited ${command.status}: ${command.stderr}${command.stdout}\n${log}`,
      );
    }
    return command.status;
  };
  const pgCtl = join(bin, "pg_ctl");
  let destroyed = false;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    crash() {
      run([pgCtl, "-D", data, "-m", "immediate", "-w", "stop"]);
    },
    start() {
      run([
        pgCtl,
        "-D",
        data,
        "-l",
        join(dir, "log"),
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
        "-w",
        "-t",
        "60",
        "start",
      ]);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (existsSync(join(data, "postmaster.pid")))
        run([pgCtl, "-D", data, "-m", "immediate", "-w", "stop"], true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    run([join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    cluster.start();
  } catch (error) {
    cluster.destroy();
    throw error;
  }
  return cluster;
}
