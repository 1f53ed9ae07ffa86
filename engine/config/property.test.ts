import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { ConfigError } from "./errors.ts";
import { loadConfig } from "./load.ts";
import { publicConfig } from "./public.ts";
import { pemBodyLines, rsaKeyPair } from "./testing.ts";
import { SECRET_VARIABLES, spec, VARIABLE_NAMES, VARIABLES } from "./variables.ts";

const { privatePem } = rsaKeyPair();

/** Values that reach interesting branches more often than uniform random strings would. */
const interesting = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "0.5",
  "0.99",
  "1",
  ".85",
  "1e3",
  "NaN",
  "99999999999999999999",
  "0.0000001",
  "live",
  "custom",
  "demo",
  "http://127.0.0.1:3100/trade-api/v2",
  "wss://x/y",
  "postgres://u:p@h/db",
  "postgres://u:1/x@h/db",
  "*/5 * * * *",
  "0 0 31 2 *",
  "@daily",
  "America/New_York",
  "\\n",
  "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----",
  "-----BEGIN PUBLIC KEY-----",
  privatePem,
  privatePem.replaceAll("\n", "\\n"),
);
const anyValue = fc.oneof(interesting, fc.string(), fc.string({ unit: "binary" }), fc.webUrl());
const defaultLike = fc
  .constantFrom(...VARIABLE_NAMES)
  .chain((name) => fc.tuple(fc.constant(name), fc.oneof(fc.constant(spec(name).default ?? ""), anyValue)));
const envMap = fc
  .array(fc.oneof(defaultLike, fc.tuple(fc.string(), anyValue)), { maxLength: 25 })
  .map((entries): Record<string, string | undefined> => Object.fromEntries(entries));

/** A file reader that returns odd contents or throws odd things, Error or not. */
const readFile = fc.oneof(
  anyValue.map((contents) => () => contents),
  fc.anything().map((thrown) => () => {
    throw thrown;
  }),
);

describe("loading never fails any other way", () => {
  test("random environments yield a frozen Config or a ConfigError with one line per problem", () => {
    fc.assert(
      fc.property(envMap, readFile, (env, read) => {
        try {
          const config = loadConfig(env, { readFile: read });
          expect(Object.isFrozen(config.trading)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          const problems = (err as ConfigError).problems;
          expect(problems.length).toBeGreaterThan(0);
          expect((err as ConfigError).message.split("\n")).toHaveLength(problems.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("secrets never leak, whatever their shape", () => {
  // The marker is letters only, so it cannot be split by escaping or URL encoding.
  const MARK = "QZXJVWKQ";
  const around = fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}${MARK}${b}`);
  const secretValue = (name: string) =>
    name === "DATABASE_URL"
      ? fc.oneof(
          around,
          around.map((pw) => `postgres://user:${pw}@db.example:5432/app`),
          around.map((pw) => `postgresql://h/app?password=${pw}`),
        )
      : around;
  const secrets = fc.record(
    Object.fromEntries(SECRET_VARIABLES.map((name) => [name, secretValue(name)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
    { requiredKeys: [] },
  );

  test("no error message and no public config contains a secret", () => {
    fc.assert(
      fc.property(secrets, envMap, (secretEnv, otherEnv) => {
        const plain = Object.fromEntries(
          Object.entries(otherEnv).filter(
            ([k, v]) => !(k in VARIABLES && spec(k as never).secret) && !v?.includes(MARK),
          ),
        );
        try {
          const config = loadConfig({ ...plain, ...secretEnv }, { readFile: () => "" });
          expect(JSON.stringify(publicConfig(config))).not.toContain(MARK);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          expect(err.message).not.toContain(MARK);
          expect(JSON.stringify(err.problems)).not.toContain(MARK);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("key material never leaks, whichever variable it lands in", () => {
  const bodyLines = pemBodyLines(privatePem);
  const keyForms = fc.constantFrom(
    privatePem,
    privatePem.replaceAll("\n", "\\n"),
    privatePem.replaceAll("\n", " "),
  );

  test("an RSA key in any variable never shows up in the error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...VARIABLE_NAMES), keyForms, envMap, (name, key, others) => {
        const env = { ...others, [name]: key };
        try {
          loadConfig(env, { readFile: () => privatePem });
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          for (const line of bodyLines) expect(err.message).not.toContain(line.slice(0, 24));
        }
      }),
      { numRuns: 300 },
    );
  });
});
