import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, microsToChartNumber } from "../../lib/format";
import type { EquityPoint } from "../../lib/types";
import { ChartFrame } from "./chart-frame";
import { AXIS_PROPS, axisDollars, COLORS, TOOLTIP_STYLE } from "./theme";

interface Row {
  day: string;
  equity: number | null;
  pnl: number;
  equityText: string;
  pnlText: string;
}

/**
 * Equity (paper: starting balance + realized P&L) and cumulative realized P&L per day. Live mode
 * has no equity series (the exchange holds the ledger), so only the P&L line is drawn.
 */
export function EquityChart({ points }: { points: EquityPoint[] }) {
  const rows: Row[] = points.map((p) => ({
    day: formatDay(p.date),
    equity: p.equity ? microsToChartNumber(p.equity.micros) : null,
    pnl: microsToChartNumber(p.cumulativePnl.micros),
    equityText: p.equity?.display ?? "—",
    pnlText: p.cumulativePnl.display,
  }));
  const hasEquity = rows.some((r) => r.equity !== null);
  const { pnlDomain, pnlTicks, equityDomain, equityTicks } = sharedDomains(rows);
  const last = points[points.length - 1];
  const description = last
    ? `Equity and cumulative P&L over ${points.length} days, ending ${last.date} at ${last.equity?.display ?? last.cumulativePnl.display}.`
    : "No closed trades yet.";
  return (
    <ChartFrame testId="equity-chart" description={description} height={260}>
      <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="day" {...AXIS_PROPS} minTickGap={24} />
        {hasEquity ? (
          <YAxis
            yAxisId="equity"
            {...AXIS_PROPS}
            width={56}
            tickFormatter={axisDollars}
            domain={equityDomain}
            ticks={equityTicks}
            allowDataOverflow
          />
        ) : null}
        <YAxis
          yAxisId="pnl"
          orientation={hasEquity ? "right" : "left"}
          {...AXIS_PROPS}
          width={56}
          tickFormatter={axisDollars}
          domain={pnlDomain}
          ticks={pnlTicks}
          allowDataOverflow
        />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(_value, name, item) => {
            const row = item.payload as Row;
            return String(name).startsWith("Equity") ? row.equityText : row.pnlText;
          }}
        />
        {hasEquity ? (
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 11 }} />
        ) : null}
        {hasEquity ? (
          <Area
            yAxisId="equity"
            type="monotone"
            dataKey="equity"
            name="Equity (left)"
            stroke={COLORS.equity}
            fill={COLORS.equity}
            fillOpacity={0.12}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ) : null}
        <Line
          yAxisId="pnl"
          type="monotone"
          dataKey="pnl"
          name={hasEquity ? "Cumulative P&L (right)" : "Cumulative P&L"}
          stroke={COLORS.gain}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}

/**
 * Equity is the starting balance plus cumulative P&L, so the two axes share one span, shifted by
 * that balance: the curves lie on top of each other and either axis reads against them. The span
 * is widened to round steps so both axes get round ticks.
 */
export function sharedDomains(rows: Pick<Row, "equity" | "pnl">[]): {
  pnlDomain: [number, number];
  pnlTicks: number[];
  equityDomain: [number, number];
  equityTicks: number[];
} {
  const values = [0, ...rows.map((r) => r.pnl)];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const step = niceStep((max - min || 1) / 4);
  const low = Math.floor(min / step) * step;
  const high = Math.ceil(max / step) * step;
  const pnlTicks: number[] = [];
  for (let t = low; t <= high + step / 2; t += step) pnlTicks.push(Math.round(t * 100) / 100);
  const anchor = rows.find((r) => r.equity !== null);
  const offset = anchor && anchor.equity !== null ? anchor.equity - anchor.pnl : 0;
  return {
    pnlDomain: [low, high],
    pnlTicks,
    equityDomain: [low + offset, high + offset],
    equityTicks: pnlTicks.map((t) => Math.round((t + offset) * 100) / 100),
  };
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}
