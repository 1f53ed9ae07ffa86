/**
 * How values may be shown. Configuration problems end up in terminals, logs and CI output, so a
 * secret is replaced before it ever reaches a message; for DATABASE_URL only the password is.
 */
import { misplacedSecret } from "./misplaced-secret.ts";
import { printable } from "./printable.ts";
import { spec, type VariableName } from "./variables.ts";

export const REDACTED = "<redacted>";

/**
 * `raw` with any URL password (user:password@ or ?password=) replaced, or null when `raw` is not
 * a URL we can take apart with confidence; callers must then redact the whole value.
 */
export function maskUrlPassword(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  let masked = false;
  // A placeholder that survives URL encoding, swapped for the visible marker afterwards.
  const placeholder = "REDACTEDx9f3";
  if (url.password !== "") {
    url.password = placeholder;
    masked = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (/pass/i.test(key)) {
      url.searchParams.set(key, placeholder);
      masked = true;
    }
  }
  return masked ? url.toString().replaceAll(placeholder, REDACTED) : raw;
}

/**
 * A database URL fit to show, or null. Only a postgres URL is shown at all: anything else may be
 * the password itself pasted into the wrong place. It is also refused when an "@" landed after the
 * host, which happens when a password holds an unencoded "/" and the parser took part of it for the
 * path, where masking would not reach it.
 */
export function showableDatabaseUrl(raw: string): string | null {
  const masked = maskUrlPassword(raw);
  if (masked === null) return null;
  const url = new URL(raw);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") return null;
  return `${url.pathname}${url.search}${url.hash}`.includes("@") ? null : masked;
}

/** The password parts of a URL, encoded and decoded, for secretValues. */
export function urlPasswords(raw: string): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const found = [url.password, ...[...url.searchParams].filter(([k]) => /pass/i.test(k)).map(([, v]) => v)];
  const out: string[] = [];
  for (const value of found) {
    if (value === "") continue;
    out.push(value);
    try {
      out.push(decodeURIComponent(value));
    } catch {
      // Malformed escapes: the encoded form is all there is.
    }
  }
  return out;
}

/** The value of `name` as it may appear in a message, a log or the public config. */
export function shownValue(name: VariableName, raw: string): string {
  const secret = spec(name).secret;
  if (secret === "value" || misplacedSecret(raw) !== null) return REDACTED;
  if (secret === "url-password") return printable(showableDatabaseUrl(raw) ?? REDACTED);
  // Non-secret URLs can still carry credentials someone pasted in; mask those too.
  return printable(maskUrlPassword(raw) ?? raw);
}
