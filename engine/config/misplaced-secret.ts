/**
 * Secrets pasted into the wrong variable. KALSHI_PRIVATE_KEY_PATH set to the key itself is an easy
 * mistake, and an ordinary variable's value is printed in its problem line (a schedule's rule even
 * quotes it). So a value shaped like a known secret is never shown and is refused with a pointer
 * to where it belongs.
 */

const SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*KEY-----|PRIVATE KEY/, "holds a private key, which belongs in KALSHI_PRIVATE_KEY"],
  [/\bsk-ant-/, "holds an Anthropic API key, which belongs in ANTHROPIC_API_KEY"],
];

/** The rule to report when `raw` looks like a secret, otherwise null. */
export function misplacedSecret(raw: string): string | null {
  for (const [shape, rule] of SHAPES) if (shape.test(raw)) return rule;
  return null;
}
