import { describe, expect, test } from "bun:test";
import { constants, verify } from "node:crypto";
import { inspect } from "node:util";
import { ManualClock } from "../time/clock.ts";
import {
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  pathOnly,
  RequestSigner,
  signerFrom,
  signingText,
} from "./signer.ts";
import { testKey } from "./testing.ts";

const verifies = (text: string, signatureB64: string) =>
  verify(
    "sha256",
    Buffer.from(text),
    {
      key: testKey().publicKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    },
    Buffer.from(signatureB64, "base64"),
  );

describe("signing", () => {
  test("signed text is timestamp + METHOD + path, without query or host", () => {
    expect(signingText(1703123456789, "get", "/trade-api/v2/portfolio/balance")).toBe(
      "1703123456789GET/trade-api/v2/portfolio/balance",
    );
    expect(pathOnly("https://external-api.kalshi.com/trade-api/v2/markets?limit=1000&cursor=abc")).toBe(
      "/trade-api/v2/markets",
    );
    expect(pathOnly("/trade-api/v2/markets?x=1")).toBe("/trade-api/v2/markets");
  });

  test("headers carry key id, the injected clock's ms timestamp and a verifiable RSA-PSS signature", () => {
    const clock = new ManualClock(1703123456789);
    const signer = new RequestSigner("key-123", testKey().privateKeyPem, clock);
    const h = signer.headers("GET", "http://127.0.0.1:9999/trade-api/v2/markets?limit=5");
    expect(h[HEADER_KEY]).toBe("key-123");
    expect(h[HEADER_TIMESTAMP]).toBe("1703123456789");
    const sig = h[HEADER_SIGNATURE] as string;
    expect(verifies("1703123456789GET/trade-api/v2/markets", sig)).toBe(true);
    // The query is not signed, and a different method or time does not verify.
    expect(verifies("1703123456789GET/trade-api/v2/markets?limit=5", sig)).toBe(false);
    expect(verifies("1703123456789POST/trade-api/v2/markets", sig)).toBe(false);
    clock.advance(1);
    expect(signer.headers("GET", "/trade-api/v2/markets")[HEADER_TIMESTAMP]).toBe("1703123456790");
  });

  test("the WebSocket upgrade signs GET /trade-api/ws/v2", () => {
    const signer = new RequestSigner("k", testKey().privateKeyPem, new ManualClock(5));
    const h = signer.headers("GET", pathOnly("wss://external-api-ws.kalshi.com/trade-api/ws/v2"));
    expect(verifies("5GET/trade-api/ws/v2", h[HEADER_SIGNATURE] as string)).toBe(true);
  });

  test("the signer never shows its key", () => {
    const pem = testKey().privateKeyPem;
    const body = (pem.split("\n")[5] ?? "").slice(0, 40);
    const signer = new RequestSigner("k", pem);
    for (const shown of [
      JSON.stringify(signer),
      inspect(signer, { showHidden: true, depth: 5 }),
      Bun.inspect(signer),
      String(signer),
    ]) {
      expect(shown).not.toContain(body);
      expect(shown).not.toContain("PRIVATE KEY");
    }
  });

  test("an unreadable key fails without echoing it", () => {
    const junk = "-----BEGIN PRIVATE KEY-----\nTOPSECRETTOPSECRET\n-----END PRIVATE KEY-----";
    try {
      new RequestSigner("k", junk);
      throw new Error("should have thrown");
    } catch (e) {
      expect(String(e)).not.toContain("TOPSECRET");
      expect(inspect(e)).not.toContain("TOPSECRET");
    }
  });
});

describe("signerFrom", () => {
  test("both credentials or neither", () => {
    expect(signerFrom(undefined, undefined)).toBeNull();
    expect(signerFrom("k", testKey().privateKeyPem)).toBeInstanceOf(RequestSigner);
    expect(() => signerFrom("k", undefined)).toThrow("must be given together");
    expect(() => signerFrom(undefined, testKey().privateKeyPem)).toThrow("must be given together");
  });
});
