/** Chart colours, matched to the Tailwind palette the pages use. */
export const COLORS = {
  gain: "#34d399", // emerald-400
  loss: "#fb7185", // rose-400
  equity: "#38bdf8", // sky-400
  neutral: "#a1a1aa", // zinc-400
  grid: "#27272a", // zinc-800
  axis: "#71717a", // zinc-500
};

export const TOOLTIP_STYLE = {
  contentStyle: {
    background: "#18181b",
    border: "1px solid #3f3f46",
    borderRadius: 8,
    fontSize: 12,
    color: "#e4e4e7",
  },
  labelStyle: { color: "#a1a1aa" },
  itemStyle: { color: "#e4e4e7" },
} as const;

export const AXIS_PROPS = {
  stroke: COLORS.axis,
  tick: { fill: COLORS.axis, fontSize: 11 },
  tickLine: false,
  axisLine: { stroke: COLORS.grid },
} as const;

/** Dollars for axis ticks only ("$1,050", "$12.5k"); tooltips show the exact server display. */
export function axisDollars(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  if (abs >= 1_000_000) return `${sign}$${(abs / 1_000_000).toFixed(2)}M`;
  if (abs >= 100_000) return `${sign}$${Math.round(abs / 1_000)}k`;
  if (abs >= 10_000) return `${sign}$${(abs / 1_000).toFixed(1)}k`;
  if (abs >= 10 || abs === 0) return `${sign}$${Math.round(abs).toLocaleString("en-US")}`;
  return `${sign}$${abs.toFixed(2)}`;
}
