/**
 * Kalshi request signing: RSA-PSS / SHA-256 (MGF1 SHA-256, salt = digest length) over
 * `timestamp + METHOD + path`, where path starts at /trade-api/... and carries no query string.
 *
 * We sign ourselves instead of handing the key to the SDK's Configuration: the SDK keeps the PEM
 * as a plain string on every API object and reads Date.now(). Here the PEM is turned into an
 * opaque KeyObject at once and the string is not kept; the clock is injected (the simulator's
 * manual clock checks our timestamps against its own time).
 */
import { constants, createPrivateKey, type KeyObject, sign } from "node:crypto";
import { type Clock, systemClock } from "../time/clock.ts";

export const HEADER_KEY = "KALSHI-ACCESS-KEY";
export const HEADER_TIMESTAMP = "KALSHI-ACCESS-TIMESTAMP";
export const HEADER_SIGNATURE = "KALSHI-ACCESS-SIGNATURE";

/** The exact text Kalshi verifies. The query string and the host are not part of it. */
export function signingText(timestampMs: number, method: string, pathOrUrl: string): string {
  return `${timestampMs}${method.toUpperCase()}${pathOnly(pathOrUrl)}`;
}

/** "/trade-api/v2/markets?limit=5" or a full URL → "/trade-api/v2/markets". */
export function pathOnly(pathOrUrl: string): string {
  const path = /^[a-z]+:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl).pathname : pathOrUrl;
  const q = path.search(/[?#]/);
  return q === -1 ? path : path.slice(0, q);
}

export class RequestSigner {
  readonly apiKeyId: string;
  readonly #key: KeyObject;
  readonly #clock: Clock;

  constructor(apiKeyId: string, privateKeyPem: string, clock: Clock = systemClock) {
    if (!apiKeyId) throw new Error("Kalshi API key id is empty");
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: privateKeyPem, format: "pem" });
    } catch {
      // Deliberately no detail: crypto errors can echo fragments of the input.
      throw new Error("Kalshi private key is not a readable PEM private key");
    }
    if (key.asymmetricKeyType !== "rsa") throw new Error("Kalshi private key must be an RSA key");
    this.apiKeyId = apiKeyId;
    this.#key = key;
    this.#clock = clock;
  }

  /** Headers for one request. `pathOrUrl` may be a full URL or a path; any query is dropped. */
  headers(method: string, pathOrUrl: string): Record<string, string> {
    const ts = this.#clock.now();
    const signature = sign("sha256", Buffer.from(signingText(ts, method, pathOrUrl)), {
      key: this.#key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    }).toString("base64");
    return { [HEADER_KEY]: this.apiKeyId, [HEADER_TIMESTAMP]: String(ts), [HEADER_SIGNATURE]: signature };
  }

  toJSON(): Record<string, string> {
    return { apiKeyId: this.apiKeyId, privateKey: "<redacted>" };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `RequestSigner(${this.apiKeyId}, <redacted>)`;
  }
}

/** A signer from optional credentials: both or neither (one without the other is a misconfiguration). */
export function signerFrom(
  apiKeyId: string | undefined,
  privateKeyPem: string | undefined,
  clock: Clock = systemClock,
): RequestSigner | null {
  if (!apiKeyId && !privateKeyPem) return null;
  if (!apiKeyId || !privateKeyPem)
    throw new Error("Kalshi apiKeyId and privateKeyPem must be given together");
  return new RequestSigner(apiKeyId, privateKeyPem, clock);
}
