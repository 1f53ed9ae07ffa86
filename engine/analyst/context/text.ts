/** Caps on free text going into the prompt: long market rules or old reasoning must not crowd out the rest. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
