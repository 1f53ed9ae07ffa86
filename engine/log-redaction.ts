/**
 * What the logger hides, decided here once rather than by every caller remembering to. Two layers:
 * - by key: pino's redact paths censor any field named like a credential (the secret environment
 *   variables, the config fields that hold them, HTTP auth headers), at the top level and two
 *   levels down, whatever its value;
 * - by value: every secret the configuration holds (engine/config secretValues) is replaced
 *   wherever it appears in the finished line: in a message, an error's stack, a URL.
 */
import { SECRET_VARIABLES } from "./config/variables.ts";

export const REDACTED = "[redacted]";

/** Field names that only ever hold credentials. Matched exactly (pino redact paths are exact). */
export const SECRET_LOG_KEYS: readonly string[] = [
  ...SECRET_VARIABLES,
  // engine/config's fields that carry the values above
  "privateKeyPem",
  "privateKey",
  "apiKey",
  "apiToken",
  "dashboardPassword",
  "password",
  "botToken",
  "slackWebhookUrl",
  "discordWebhookUrl",
  "webhookUrl",
  "databaseUrl",
  // HTTP
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "KALSHI-ACCESS-SIGNATURE",
  "x-api-key",
];

/** How deep under the line's top level a secret key is still found (pino wildcards are one level each). */
const DEPTH = 2;

/** pino redact paths: each key at the top level, under any one key, and under any two. */
export function secretKeyPaths(keys: readonly string[] = SECRET_LOG_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let depth = 0; depth <= DEPTH; depth++) {
      const prefix = "*.".repeat(depth);
      paths.push(leaf.startsWith("[") ? `${prefix.slice(0, -1)}${leaf}` : `${prefix}${leaf}`);
    }
  }
  return paths.filter((p) => !p.startsWith("["));
}

/** Secrets shorter than this are not scanned for: "abc" would redact half of every line. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form a secret could take inside a JSON line: as is, JSON-escaped (a PEM's newlines become
 * \n), and, for a multi-line secret, each long line on its own (a PEM body line is still the key).
 */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    if (secret.includes("\n")) {
      for (const line of secret.split(/\r?\n/)) {
        const l = line.trim();
        if (l.length >= 16 && !l.startsWith("-----")) forms.add(l);
      }
    }
  }
  // Longest first, so a secret is replaced whole before any of its parts.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replaces every secret value in a finished line. */
export function valueRedactor(secrets: readonly string[]): (line: string) => string {
  const forms = secretForms(secrets);
  if (forms.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}
