/**
 * Kalshi signs every request with an RSA private key. We check the key at start-up so a bad key
 * stops the engine with a clear message instead of a 401 on the first order. Nothing here ever puts
 * any part of the key into a message: the details name what is wrong, never what was given.
 */
import { createPrivateKey } from "node:crypto";
import { type Checked, invalid, valid } from "./result.ts";

/** Env files and secret stores often hold the PEM on one line with literal "\n" escapes. */
export function normalizePem(raw: string): string {
  return raw.replace(/\\r\\n|\\n/g, "\n").trim();
}

/** null when `pem` is an unencrypted RSA private key, otherwise what is wrong with it. */
export function checkPrivateKeyPem(pem: string): string | null {
  if (/-----BEGIN [A-Z ]*PUBLIC KEY-----/.test(pem)) return "got a public key";
  if (/ENCRYPTED/.test(pem)) return "it is encrypted; store it unencrypted";
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return "no -----BEGIN PRIVATE KEY----- header";
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: "pem" }).asymmetricKeyType;
  } catch {
    return "the key data is malformed";
  }
  // Kalshi signs with RSA-PSS, which a plain RSA key or a PSS-restricted one can both do.
  return type === "rsa" || type === "rsa-pss" ? null : `key type is ${type ?? "unknown"}, not RSA`;
}

/** Reads the file at KALSHI_PRIVATE_KEY_PATH; a read error is reported by code, never by content. */
export function readPrivateKeyFile(path: string, readFile: (path: string) => string): Checked<string> {
  let contents: string;
  try {
    contents = readFile(path);
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    return invalid(`cannot read the file${/^[A-Z0-9_]+$/.test(code) ? ` (${code})` : ""}`);
  }
  if (typeof contents !== "string") return invalid("cannot read the file");
  const pem = normalizePem(contents);
  const problem = checkPrivateKeyPem(pem);
  return problem === null ? valid(pem) : invalid(`must point to a PEM-encoded RSA private key (${problem})`);
}
