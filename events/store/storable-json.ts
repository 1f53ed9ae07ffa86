/**
 * JSON for the event log. PostgreSQL's text and jsonb cannot hold U+0000, so one NUL anywhere in a
 * batch (a market title from the exchange, an error message) would make the whole append fail and
 * lose every event in it. We store U+FFFD (the replacement character) instead: the event keeps
 * everything else, and the substitution is visible to anyone reading it.
 */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  // The cheap check first: the escape almost never occurs, and appends are the hot path.
  if (!json.includes("\\u0000")) return json;
  // Only a real escape: an even run of backslashes before it means "\\u0000" was literal text.
  return json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1\\ufffd");
}
