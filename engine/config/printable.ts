/**
 * Text made safe for a one-line problem report: control characters escaped (a value holding a
 * newline must not forge a second problem line or garble a terminal) and long text shortened.
 * Idempotent, so applying it twice changes nothing.
 */

/** A pasted blob helps nobody; a problem line stays readable. */
const MAX_SHOWN = 120;

export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return out.length > MAX_SHOWN ? `${out.slice(0, MAX_SHOWN - 1)}…` : out;
}
