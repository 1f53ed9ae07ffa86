import { describe, expect, test } from "bun:test";
import { renderExposition } from "./exposition.ts";
import { parseExposition } from "./parse.ts";
import { MetricsRegistry, renderNumber } from "./registry.ts";

describe("the exposition format", () => {
  test("counters, gauges and histograms render with HELP, TYPE, labels and cumulative buckets", async () => {
    const r = new MetricsRegistry();
    const c = r.counter({ name: "x_total", help: "things\nsecond line", labelNames: ["job"] });
    const g = r.gauge({ name: "y", help: "a gauge" });
    const h = r.histogram({ name: "z_seconds", help: "times", labelNames: ["job"], buckets: [0.1, 1] });
    c.inc({ job: 'a"b\\c' }, 2);
    g.set({}, -3);
    h.observe({ job: "j" }, 0.05);
    h.observe({ job: "j" }, 0.5);
    h.observe({ job: "j" }, 5);
    const text = renderExposition(await r.collect());
    expect(text).toContain("# HELP x_total things\\nsecond line\n# TYPE x_total counter\n");
    expect(text).toContain('x_total{job="a\\"b\\\\c"} 2\n');
    const m = parseExposition(text);
    expect(m.find("x_total")[0]?.labels.job).toBe('a"b\\c');
    expect(m.value("y")).toBe(-3);
    expect(m.value("z_seconds_bucket", { le: "0.1" })).toBe(1);
    expect(m.value("z_seconds_bucket", { le: "1" })).toBe(2);
    expect(m.value("z_seconds_bucket", { le: "+Inf" })).toBe(3);
    expect(m.value("z_seconds_count")).toBe(3);
    expect(m.value("z_seconds_sum")).toBeCloseTo(5.55, 10);
  });

  test("money renders exactly from integer micros, never through a float", () => {
    expect(renderNumber(12_340_000, true)).toBe("12.340000");
    expect(renderNumber(-1, true)).toBe("-0.000001");
    expect(renderNumber(9_007_199_254_740_991, true)).toBe("9007199254.740991");
    expect(renderNumber(Number.POSITIVE_INFINITY)).toBe("+Inf");
  });

  test("mistakes are refused, naming the metric", async () => {
    const r = new MetricsRegistry();
    const c = r.counter({ name: "a_total", help: "a", labelNames: ["job"] });
    expect(() => c.inc({ job: "x" }, -1)).toThrow(/a_total: a counter only goes up/);
    expect(() => c.inc({})).toThrow(/a_total takes labels \[job\]/);
    expect(() => r.counter({ name: "a_total", help: "again" })).toThrow(/registered twice/);
    expect(() => r.gauge({ name: "bad-name", help: "" })).toThrow(/invalid/);
  });

  test("a failing collector is reported and the rest of the scrape still answers", async () => {
    const r = new MetricsRegistry();
    const g = r.gauge({ name: "ok_gauge", help: "ok" });
    r.onScrape(() => g.set({}, 1));
    r.onScrape(() => {
      throw new Error("database down");
    });
    const errors: unknown[] = [];
    const m = parseExposition(renderExposition(await r.collect((e) => errors.push(e))));
    expect(m.value("ok_gauge")).toBe(1);
    expect(String(errors[0])).toContain("database down");
  });

  test("the parser rejects what a scraper would", () => {
    expect(() => parseExposition("orphan 1\n")).toThrow(/no TYPE line/);
    expect(() => parseExposition("# TYPE a counter\na one\n")).toThrow(/malformed/);
    expect(() => parseExposition("# TYPE a counter\na 1")).toThrow(/newline/);
  });
});
