/**
 * Reads Prometheus text exposition back into samples, checking the format as it goes: what a
 * scraper would reject (a sample with no TYPE for its family, a malformed line or value) throws.
 * Tests use it to prove /metrics is well-formed and to read figures from it.
 */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** The value exactly as written (money is compared as text, never as a float). */
  text: string;
}

export interface ParsedExposition {
  types: Map<string, string>;
  samples: ParsedSample[];
  /** Samples of one name whose labels include `labels`. */
  find(name: string, labels?: Record<string, string>): ParsedSample[];
  /** The one sample of a name with exactly these label values (among those given); throws if none. */
  value(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?)|\+Inf|-Inf|NaN)$/i;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) throw new Error(`malformed labels in ${JSON.stringify(line)}`);
    labels[m[1] as string] = (m[2] as string).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
  }
  return labels;
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : null;
    if (base && types.get(base) === "histogram") return base;
  }
  return undefined;
}

export function parseExposition(text: string): ParsedExposition {
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  for (const line of text.slice(0, -1).split("\n")) {
    if (line.startsWith("# HELP ")) continue;
    if (line.startsWith("# TYPE ")) {
      const [, , name, type] = line.split(" ");
      if (!name || !type || !["counter", "gauge", "histogram", "summary", "untyped"].includes(type))
        throw new Error(`malformed TYPE line ${JSON.stringify(line)}`);
      if (types.has(name)) throw new Error(`${name} has two TYPE lines`);
      types.set(name, type);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`malformed sample line ${JSON.stringify(line)}`);
    const [, name, labelText, text] = m as unknown as [string, string, string | undefined, string];
    if (!familyOf(name, types)) throw new Error(`sample ${name} has no TYPE line before it`);
    if (!VALUE.test(text)) throw new Error(`sample ${name} has a malformed value ${JSON.stringify(text)}`);
    samples.push({ name, labels: labelText ? parseLabels(labelText, line) : {}, value: Number(text), text });
  }
  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    types,
    samples,
    find,
    value(name, labels = {}) {
      const found = find(name, labels);
      if (found.length !== 1)
        throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
      return (found[0] as ParsedSample).value;
    },
  };
}
