/**
 * docker-compose.yml read the way Compose reads it, so a test can run a service's exact command
 * with its exact environment on this machine (Docker cannot run here): the env_file first, then
 * `environment` on top, with ${VAR}, ${VAR:-default} and ${VAR:?error} interpolated from the env file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** KEY=value lines; # comments and blank lines skipped; surrounding quotes removed. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`env file line without KEY=value: ${JSON.stringify(line)}`);
    const value = line.slice(eq + 1).trim();
    env[line.slice(0, eq).trim()] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return env;
}

export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const value = vars[name];
      const missing = value === undefined || (op?.startsWith(":") && value === "");
      if (op?.endsWith("?") && missing) throw new Error(`compose would refuse to start: ${name}: ${arg}`);
      if (op?.endsWith("-") && missing) return arg ?? "";
      return value ?? "";
    },
  );
}

export interface ComposeService {
  command: string[];
  env_file?: string | string[];
  environment?: Record<string, string | number>;
  healthcheck: { test: string[] };
}

/** What Compose gives the service's process: its env_file, then `environment` interpolated. */
export function serviceEnvironment(
  service: ComposeService,
  envFile: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = service.env_file ? { ...envFile } : {};
  for (const [k, v] of Object.entries(service.environment ?? {})) env[k] = interpolate(String(v), envFile);
  return env;
}

/** `bun` in a compose command is the image's Bun; here, the Bun running this test. */
const resolveBun = (argv: readonly string[]) =>
  argv.map((a, i) => (i === 0 && a === "bun" ? process.execPath : a));

export function spawnCommand(
  argv: readonly string[],
  env: Record<string, string>,
): ChildProcess & { output: string[] } {
  const [cmd, ...args] = resolveBun(argv);
  const child = spawn(cmd as string, args, {
    cwd: ROOT,
    // Only what the container would have: the image's ENV (NODE_ENV, PATH) and compose's environment.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return Object.assign(child, { output });
}

/** Runs a healthcheck's CMD form once; true when it exits 0. */
export async function healthy(test: readonly string[]): Promise<boolean> {
  if (test[0] !== "CMD") throw new Error(`only the CMD form can run here, got ${test[0]}`);
  const proc = Bun.spawn(resolveBun(test.slice(1)), { cwd: ROOT, stdout: "ignore", stderr: "ignore" });
  return (await proc.exited) === 0;
}

/** Polls until `ok` or the deadline: generous, because it waits on real processes starting. */
export async function waitUntil(what: string, ok: () => Promise<boolean>, ms = 60_000, log?: () => string[]) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${(log?.() ?? []).slice(-20).join("\n")}`);
    await Bun.sleep(200);
  }
}

export async function freePort(): Promise<number> {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port as number;
  await probe.stop(true);
  return port;
}

export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}
