/** Test helpers: throwaway keys generated per run (no key material in the repo) and problem capture. */
import { generateKeyPairSync } from "node:crypto";
import { ConfigError } from "./errors.ts";
import { type LoadConfigOptions, loadConfig } from "./load.ts";

export function rsaKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function ecPrivatePem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The body lines of a PEM (no BEGIN/END armour): a leak of any of them is a leak of the key. */
export const pemBodyLines = (pem: string): string[] =>
  pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));

/** The ConfigError thrown by `load`, or a failure when it loads (or throws anything else). */
export function configErrorFrom(load: () => unknown): ConfigError {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError, but the configuration loaded");
}

/** The problem lines of loading `env`, e.g. ["MIN_ODDS=1.4: must be between 0.5 and 0.99"]. */
export function problemLines(env: Record<string, string | undefined>, options?: LoadConfigOptions): string[] {
  return configErrorFrom(() => loadConfig(env, options)).message.split("\n");
}
