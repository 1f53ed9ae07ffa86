/**
 * `--sweep NAME=start:end:step,…` → every combination of values, as exact decimal strings (the
 * config reads them as exact decimals too): 0.85:0.95:0.01 is eleven values, never 0.8500000001.
 */
export type Cell = Record<string, string>;

function scaleOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

function toUnits(text: string, scale: number, what: string): bigint {
  if (!/^-?\d+(\.\d+)?$/.test(text))
    throw new RangeError(`${what}: ${JSON.stringify(text)} is not a decimal`);
  const [whole = "0", frac = ""] = text.split(".");
  return BigInt(whole + frac.padEnd(scale, "0"));
}

function fromUnits(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export function parseAxis(spec: string): { name: string; values: string[] } {
  const m = /^([A-Z][A-Z0-9_]*)=([^:]+):([^:]+):([^:]+)$/.exec(spec.trim());
  if (!m) throw new RangeError(`--sweep ${JSON.stringify(spec)}: expected NAME=start:end:step`);
  const [, name = "", start = "", end = "", step = ""] = m;
  const scale = Math.max(scaleOf(start), scaleOf(end), scaleOf(step));
  const a = toUnits(start, scale, name);
  const b = toUnits(end, scale, name);
  const s = toUnits(step, scale, name);
  if (s <= 0n) throw new RangeError(`--sweep ${name}: step must be positive`);
  if (b < a) throw new RangeError(`--sweep ${name}: end is below start`);
  const values: string[] = [];
  for (let v = a; v <= b; v += s) values.push(fromUnits(v, scale));
  if (values.length > 1000) throw new RangeError(`--sweep ${name}: ${values.length} values is too many`);
  return { name, values };
}

export function parseGrid(spec: string): Cell[] {
  const axes = spec.split(",").filter(Boolean).map(parseAxis);
  const names = axes.map((a) => a.name);
  if (new Set(names).size !== names.length) throw new RangeError("--sweep names a parameter twice");
  let cells: Cell[] = [{}];
  for (const axis of axes) cells = cells.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.name]: v })));
  return cells;
}

/** Parses `--set A=1,B=2`. */
export function parseSet(spec: string | undefined): Cell {
  const out: Cell = {};
  for (const part of (spec ?? "").split(",").filter(Boolean)) {
    const i = part.indexOf("=");
    if (i <= 0) throw new RangeError(`--set ${JSON.stringify(part)}: expected NAME=value`);
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
