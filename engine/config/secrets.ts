/**
 * The secret strings in a Config, for a log redactor and for tests that scan output. Each secret
 * is listed in the forms it could leak in: a PEM also with its newlines JSON-escaped (how a
 * structured logger would write it), a URL password both percent-encoded and decoded.
 */
import type { Config } from "./config.ts";
import { showableDatabaseUrl, urlPasswords } from "./redact.ts";

export function secretValues(config: Config): string[] {
  const { server, kalshi, ai, notify, database } = config;
  const pem = kalshi.credentials?.privateKeyPem ?? null;
  const found: (string | null)[] = [
    pem,
    pem === null ? null : JSON.stringify(pem).slice(1, -1),
    ai.apiKey,
    server.dashboardPassword,
    server.apiToken,
    server.sessionSecret,
    notify.slackWebhookUrl,
    notify.discordWebhookUrl,
    notify.webhookUrl,
    notify.telegram?.botToken ?? null,
    notify.telegram?.chatId ?? null,
  ];
  // Any URL may carry a password, not only DATABASE_URL.
  for (const url of [kalshi.restUrl, kalshi.wsUrl, ai.baseUrl, notify.telegramApiUrl]) {
    if (url !== null) found.push(...urlPasswords(url));
  }
  if (database.kind === "postgres") {
    const passwords = urlPasswords(database.url);
    found.push(...passwords);
    // The whole URL is secret only when it holds a password (or one we could not isolate): without
    // one it is shown as is, and scanning output for it would cry wolf.
    if (passwords.length > 0 || showableDatabaseUrl(database.url) === null) found.push(database.url);
  }
  return [...new Set(found.filter((s): s is string => s !== null && s !== ""))];
}
