/**
 * API keys: RSA key pairs whose public halves are registered with the simulator, mapped to the
 * account they trade for. A key written to a directory is reused on the next start, so a client
 * configured once (KALSHI_API_ID + KALSHI_PRIVATE_KEY_PATH) keeps working across restarts.
 */
import { createPublicKey, generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface RegisteredKey {
  keyId: string;
  userId: string;
  publicKey: KeyObject;
}

export class KeyRegistry {
  readonly #keys = new Map<string, RegisteredKey>();

  register(keyId: string, publicKeyPem: string | KeyObject, userId: string): RegisteredKey {
    const publicKey = typeof publicKeyPem === "string" ? createPublicKey(publicKeyPem) : publicKeyPem;
    if (publicKey.asymmetricKeyType !== "rsa") throw new Error("API keys must be RSA keys");
    const key = { keyId, userId, publicKey };
    this.#keys.set(keyId, key);
    return key;
  }

  get(keyId: string): RegisteredKey | undefined {
    return this.#keys.get(keyId);
  }

  revoke(keyId: string): boolean {
    return this.#keys.delete(keyId);
  }
}

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateRsaKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

export interface KeyFiles {
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** JSON file with key id, PEM path and connection hints. */
  keyFile: string;
  pemFile: string;
}

const KEY_JSON = "api-key.json";
const KEY_PEM = "api-key.pem";

/** Loads the key in `dir`, or creates one there. */
export function loadOrCreateKeyFiles(dir: string): KeyFiles {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const keyFile = join(root, KEY_JSON);
  const pemFile = join(root, KEY_PEM);
  if (existsSync(keyFile) && existsSync(pemFile)) {
    const meta = JSON.parse(readFileSync(keyFile, "utf8")) as { key_id?: unknown };
    const privateKeyPem = readFileSync(pemFile, "utf8");
    if (typeof meta.key_id === "string" && meta.key_id) {
      const publicKeyPem = createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
      return { keyId: meta.key_id, privateKeyPem, publicKeyPem, keyFile, pemFile };
    }
  }
  const pair = generateRsaKeyPair();
  const keyId = randomUUID();
  writeFileSync(pemFile, pair.privateKeyPem, { mode: 0o600 });
  writeKeyJson(keyFile, { key_id: keyId, private_key_path: pemFile });
  return { keyId, ...pair, keyFile, pemFile };
}

/** Rewrites the key JSON with connection details once the server's URLs are known. */
export function writeKeyJson(keyFile: string, fields: Record<string, string>): void {
  let current: Record<string, unknown> = {};
  if (existsSync(keyFile)) current = JSON.parse(readFileSync(keyFile, "utf8")) as Record<string, unknown>;
  writeFileSync(keyFile, `${JSON.stringify({ ...current, ...fields }, null, 2)}\n`, { mode: 0o600 });
}
