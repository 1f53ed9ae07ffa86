import { describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "./load.ts";
import { configErrorFrom, ecPrivatePem, pemBodyLines, problemLines, rsaKeyPair } from "./testing.ts";

const { privatePem, publicPem } = rsaKeyPair();
const ID = "0f1e2d3c-key-id";

/** Asserts that no line of the key's body appears anywhere in the error. */
function expectNoKeyMaterial(text: string, pem: string) {
  for (const line of pemBodyLines(pem)) expect(text).not.toContain(line);
}

describe("KALSHI_PRIVATE_KEY", () => {
  test("a PEM with real newlines loads", () => {
    expect(loadConfig({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: privatePem }).kalshi.credentials).toEqual({
      apiKeyId: ID,
      privateKeyPem: privatePem.trim(),
    });
  });

  test("literal \\n sequences (one-line env files) become newlines", () => {
    const oneLine = privatePem.trim().replaceAll("\n", "\\n");
    expect(oneLine).not.toContain("\n");
    const config = loadConfig({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: oneLine });
    expect(config.kalshi.credentials?.privateKeyPem).toBe(privatePem.trim());
  });

  test("a PKCS#1 (BEGIN RSA PRIVATE KEY) key is accepted too", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    expect(loadConfig({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: pkcs1 }).kalshi.credentials).not.toBeNull();
  });

  test("a malformed key is refused without echoing any of it", () => {
    const lines = privatePem.trim().split("\n");
    // Corrupt the body but keep the armour: the parser must fail, and the message must not show it.
    const corrupted = [
      lines[0],
      ...lines.slice(1, -1).map((l) => l.split("").reverse().join("")),
      lines.at(-1),
    ].join("\n");
    const err = configErrorFrom(() => loadConfig({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: corrupted }));
    expect(err.message).toBe(
      "KALSHI_PRIVATE_KEY=<redacted>: must be a PEM-encoded RSA private key (the key data is malformed)",
    );
    expectNoKeyMaterial(err.message + JSON.stringify(err.problems), corrupted);
  });

  test("each kind of wrong key gets its own explanation", () => {
    const lineFor = (key: string) => problemLines({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: key });
    expect(lineFor(publicPem)).toEqual([
      "KALSHI_PRIVATE_KEY=<redacted>: must be a PEM-encoded RSA private key (got a public key)",
    ]);
    expect(lineFor(ecPrivatePem())).toEqual([
      "KALSHI_PRIVATE_KEY=<redacted>: must be a PEM-encoded RSA private key (key type is ec, not RSA)",
    ]);
    expect(lineFor("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).toEqual([
      "KALSHI_PRIVATE_KEY=<redacted>: must be a PEM-encoded RSA private key (no -----BEGIN PRIVATE KEY----- header)",
    ]);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const encrypted = privateKey
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pass" })
      .toString();
    expect(lineFor(encrypted)).toEqual([
      "KALSHI_PRIVATE_KEY=<redacted>: must be a PEM-encoded RSA private key (it is encrypted; store it unencrypted)",
    ]);
  });
});

describe("KALSHI_PRIVATE_KEY_PATH", () => {
  const files = (contents: Record<string, string>) => (path: string) => {
    const found = contents[path];
    if (found === undefined)
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: "ENOENT" });
    return found;
  };

  test("the key file is read at load time", () => {
    const config = loadConfig(
      { KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY_PATH: "/secrets/kalshi.pem" },
      { readFile: files({ "/secrets/kalshi.pem": `${privatePem}\n\n` }) },
    );
    expect(config.kalshi.credentials?.privateKeyPem).toBe(privatePem.trim());
  });

  test("the real file system is the default reader", () => {
    const dir = mkdtempSync(join(tmpdir(), "conviction-config-"));
    try {
      const path = join(dir, "kalshi.pem");
      writeFileSync(path, privatePem, { mode: 0o600 });
      expect(
        loadConfig({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY_PATH: path }).kalshi.credentials,
      ).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an unreadable file is reported by error code", () => {
    expect(
      problemLines({ KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY_PATH: "/missing.pem" }, { readFile: files({}) }),
    ).toEqual(["KALSHI_PRIVATE_KEY_PATH=/missing.pem: cannot read the file (ENOENT)"]);
  });

  test("a file that is not a key is refused without echoing its contents", () => {
    const err = configErrorFrom(() =>
      loadConfig(
        { KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY_PATH: "/k.pem" },
        { readFile: files({ "/k.pem": publicPem }) },
      ),
    );
    expect(err.message).toBe(
      "KALSHI_PRIVATE_KEY_PATH=/k.pem: must point to a PEM-encoded RSA private key (got a public key)",
    );
    expectNoKeyMaterial(err.message, publicPem);
  });

  test("setting both the key and its path is an error, and the file is not read", () => {
    let reads = 0;
    const readFile = () => {
      reads++;
      return privatePem;
    };
    expect(
      problemLines(
        { KALSHI_API_ID: ID, KALSHI_PRIVATE_KEY: privatePem, KALSHI_PRIVATE_KEY_PATH: "/k.pem" },
        { readFile },
      ),
    ).toEqual([
      "KALSHI_PRIVATE_KEY_PATH=/k.pem: set only one of KALSHI_PRIVATE_KEY or KALSHI_PRIVATE_KEY_PATH",
    ]);
    expect(reads).toBe(0);
  });
});
