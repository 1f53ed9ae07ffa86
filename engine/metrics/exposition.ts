/**
 * The Prometheus text exposition format, version 0.0.4: for each metric a HELP and a TYPE line,
 * then one `name{label="value"} value` line per sample.
 * https://prometheus.io/docs/instrumenting/exposition_formats/
 */
import type { Labels, Metric } from "./registry.ts";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeHelp = (s: string) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const escapeLabel = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

export function renderExposition(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    lines.push(`# HELP ${m.name} ${escapeHelp(m.help)}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples()) lines.push(`${m.name}${s.suffix}${labelText(s.labels)} ${s.value}`);
  }
  return `${lines.join("\n")}\n`;
}
