/**
 * The outcome of checking one value. Parsers return a rule instead of throwing so that loading can
 * collect every problem in the environment and report them together.
 */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rule: string };

export const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
export const invalid = <T = never>(rule: string): Checked<T> => ({ ok: false, rule });
