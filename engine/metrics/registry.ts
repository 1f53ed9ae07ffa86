/**
 * A tiny Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format (version 0.0.4) by exposition.ts. No dependency: the format is a few lines.
 *
 * Money is never a float here: a metric declared with `micros: true` holds integer micros and is
 * rendered as an exact decimal number of dollars ("12.340000").
 */
export type Labels = Readonly<Record<string, string>>;
export type MetricType = "counter" | "gauge" | "histogram";

export interface Sample {
  /** Appended to the metric's name: "", "_bucket", "_sum", "_count". */
  suffix: string;
  labels: Labels;
  /** Already rendered: an integer, a decimal, or +Inf/-Inf/NaN. */
  value: string;
}

export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  samples(): Sample[];
}

export interface MetricSpec {
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** Values are integer micros, shown as dollars with six exact decimals. */
  micros?: boolean;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function renderNumber(value: number, micros = false): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  if (!micros) return String(value);
  // Integer arithmetic on the micros: sign, whole dollars, six digits of fraction.
  const n = BigInt(Math.trunc(value));
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? "-" : ""}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")}`;
}

/** Values per label combination, keyed by the labels in declared order. */
abstract class Labelled<V> implements Metric {
  abstract readonly type: MetricType;
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly micros: boolean;
  protected readonly values = new Map<string, { labels: Labels; value: V }>();

  constructor(spec: MetricSpec) {
    if (!NAME.test(spec.name)) throw new RangeError(`metric name ${JSON.stringify(spec.name)} is invalid`);
    for (const l of spec.labelNames ?? [])
      if (!LABEL.test(l) || l === "le") throw new RangeError(`label name ${JSON.stringify(l)} is invalid`);
    this.name = spec.name;
    this.help = spec.help;
    this.labelNames = spec.labelNames ?? [];
    this.micros = spec.micros ?? false;
  }

  protected entry(labels: Labels, initial: () => V): { labels: Labels; value: V } {
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || this.labelNames.some((l) => !(l in labels)))
      throw new RangeError(
        `${this.name} takes labels [${this.labelNames.join(", ")}], got [${given.join(", ")}]`,
      );
    const key = this.labelNames.map((l) => labels[l]).join("\u0000");
    let e = this.values.get(key);
    if (!e) {
      const ordered = Object.fromEntries(this.labelNames.map((l) => [l, labels[l] as string]));
      e = { labels: ordered, value: initial() };
      this.values.set(key, e);
    }
    return e;
  }

  abstract samples(): Sample[];
}

export class Counter extends Labelled<number> {
  readonly type = "counter";

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new RangeError(`${this.name}: a counter only goes up (got ${by})`);
    this.entry(labels, () => 0).value += by;
  }

  get(labels: Labels = {}): number {
    return this.entry(labels, () => 0).value;
  }

  samples(): Sample[] {
    return [...this.values.values()].map((e) => ({
      suffix: "",
      labels: e.labels,
      value: renderNumber(e.value, this.micros),
    }));
  }
}

export class Gauge extends Labelled<number> {
  readonly type = "gauge";

  set(labels: Labels, value: number): void {
    this.entry(labels, () => 0).value = value;
  }

  /** Forgets every label combination, before a scrape-time collector sets the current ones. */
  reset(): void {
    this.values.clear();
  }

  samples(): Sample[] {
    return [...this.values.values()].map((e) => ({
      suffix: "",
      labels: e.labels,
      value: renderNumber(e.value, this.micros),
    }));
  }
}

/** Upper bounds in seconds: from a fast HTTP call to a long job. */
export const DEFAULT_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
];

export class Histogram extends Labelled<{ counts: number[]; sum: number; count: number }> {
  readonly type = "histogram";
  readonly buckets: readonly number[];

  constructor(spec: MetricSpec & { buckets?: readonly number[] }) {
    super(spec);
    const buckets = [...(spec.buckets ?? DEFAULT_BUCKETS)];
    if (buckets.some((b, i) => i > 0 && b <= (buckets[i - 1] as number)))
      throw new RangeError(`${this.name}: buckets must increase`);
    this.buckets = buckets;
  }

  observe(labels: Labels, value: number): void {
    const e = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 })).value;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) e.counts[i] = (e.counts[i] as number) + 1;
    });
    e.sum += value;
    e.count += 1;
  }

  samples(): Sample[] {
    const out: Sample[] = [];
    for (const { labels, value } of this.values.values()) {
      this.buckets.forEach((bound, i) => {
        out.push({
          suffix: "_bucket",
          labels: { ...labels, le: String(bound) },
          value: String(value.counts[i]),
        });
      });
      out.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: String(value.count) });
      out.push({ suffix: "_sum", labels, value: renderNumber(value.sum) });
      out.push({ suffix: "_count", labels, value: String(value.count) });
    }
    return out;
  }
}

/** Fills gauges from their source of truth at scrape time (the read model, the database). */
export type Collector = () => Promise<void> | void;

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();
  readonly #collectors: Collector[] = [];

  #add<M extends Metric>(metric: M): M {
    if (this.#metrics.has(metric.name)) throw new RangeError(`metric ${metric.name} is registered twice`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  counter(spec: MetricSpec): Counter {
    return this.#add(new Counter(spec));
  }

  gauge(spec: MetricSpec): Gauge {
    return this.#add(new Gauge(spec));
  }

  histogram(spec: MetricSpec & { buckets?: readonly number[] }): Histogram {
    return this.#add(new Histogram(spec));
  }

  onScrape(collector: Collector): void {
    this.#collectors.push(collector);
  }

  /**
   * Runs every collector, then lists the metrics. A collector that fails leaves its gauges as they
   * were and is reported through `onError`; the rest of the scrape still answers.
   */
  async collect(onError: (error: unknown) => void = () => {}): Promise<Metric[]> {
    await Promise.all(
      this.#collectors.map(async (c) => {
        try {
          await c();
        } catch (error) {
          onError(error);
        }
      }),
    );
    return [...this.#metrics.values()];
  }
}
