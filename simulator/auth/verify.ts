/**
 * Kalshi request signing, verified exactly as documented:
 *   text      = KALSHI-ACCESS-TIMESTAMP + METHOD + path   (path from /trade-api/..., no query)
 *   signature = RSA-PSS, SHA-256, MGF1-SHA-256, salt length = digest length, base64
 * The timestamp must be within a few seconds of the real wall clock (not the market clock).
 */
import { constants, verify } from "node:crypto";
import type { Clock } from "../../engine/time/clock.ts";
import type { KeyRegistry, RegisteredKey } from "./keys.ts";

export const AUTH_HEADERS = {
  key: "kalshi-access-key",
  timestamp: "kalshi-access-timestamp",
  signature: "kalshi-access-signature",
} as const;

export type AuthResult =
  | { kind: "none" }
  | { kind: "ok"; key: RegisteredKey }
  | { kind: "invalid"; reason: string };

export interface HeaderSource {
  get(name: string): string | null;
}

export function verifyRequest(
  registry: KeyRegistry,
  headers: HeaderSource,
  method: string,
  path: string,
  wall: Clock,
  windowMs: number,
): AuthResult {
  const keyId = headers.get(AUTH_HEADERS.key);
  const timestamp = headers.get(AUTH_HEADERS.timestamp);
  const signature = headers.get(AUTH_HEADERS.signature);
  if (keyId === null && timestamp === null && signature === null) return { kind: "none" };
  if (!keyId || !timestamp || !signature)
    return { kind: "invalid", reason: "missing authentication headers" };
  const key = registry.get(keyId);
  if (!key) return { kind: "invalid", reason: "unknown API key" };
  if (!/^\d{10,16}$/.test(timestamp))
    return { kind: "invalid", reason: "KALSHI-ACCESS-TIMESTAMP must be milliseconds since epoch" };
  const skew = Math.abs(wall.now() - Number(timestamp));
  if (skew > windowMs)
    return { kind: "invalid", reason: "request timestamp is too far from the server time" };
  let ok = false;
  try {
    ok = verify(
      "sha256",
      Buffer.from(`${timestamp}${method.toUpperCase()}${path}`),
      {
        key: key.publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
      },
      Buffer.from(signature, "base64"),
    );
  } catch {
    ok = false;
  }
  return ok ? { kind: "ok", key } : { kind: "invalid", reason: "invalid signature" };
}
