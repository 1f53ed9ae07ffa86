/** Human output with colour when a person is watching; plain text in pipes, CI and NO_COLOR. */
const useColour = (stream: NodeJS.WriteStream) => Boolean(stream.isTTY) && !process.env.NO_COLOR;

const paint = (code: number) => (text: string) =>
  useColour(process.stdout) ? `\x1b[${code}m${text}\x1b[0m` : text;
export const bold = paint(1);
export const dim = paint(2);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const cyan = paint(36);

export interface Output {
  line(text?: string): void;
  error(text: string): void;
  json(value: unknown): void;
}

export const consoleOutput: Output = {
  line: (text = "") => void process.stdout.write(`${text}\n`),
  error: (text) =>
    void process.stderr.write(`${useColour(process.stderr) ? `\x1b[31m${text}\x1b[0m` : text}\n`),
  json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
};

/** A fixed-width table for terminals. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [bold(fmt(headers)), ...rows.map(fmt)].join("\n");
}
