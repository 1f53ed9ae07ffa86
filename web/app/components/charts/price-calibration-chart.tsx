import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { PriceCalibrationBucket } from "../../lib/backtests";
import { formatFraction } from "../../lib/format";
import { ChartFrame } from "./chart-frame";
import { AXIS_PROPS, COLORS, TOOLTIP_STYLE } from "./theme";

interface Row {
  bucket: string;
  backtest: number;
  kalshi: number | null;
  price: number;
  trades: number;
}

const centsLabel = (p: number): string => `${Math.round(p * 100)}¢`;

/**
 * Win rate by entry price: the backtest's (bars) next to real Kalshi history at the same prices
 * (line) and the price itself (dashed: what the market implied). Bars under the dashed line lost
 * money on average before fees.
 */
export function PriceCalibrationChart({ buckets }: { buckets: PriceCalibrationBucket[] }) {
  const rows: Row[] = buckets.map((b) => ({
    bucket: b.upper - b.lower > 0.011 ? `${centsLabel(b.lower)}–${centsLabel(b.upper)}` : centsLabel(b.lower),
    backtest: b.winRate,
    kalshi: b.kalshiWinRate,
    price: b.meanPrice,
    trades: b.trades,
  }));
  const lowest = Math.min(...rows.flatMap((r) => [r.backtest, r.kalshi ?? 1, r.price]), 1);
  const yMin = Math.max(0, Math.floor(lowest * 10) / 10);
  const description = rows
    .map(
      (r) =>
        `${r.bucket}: won ${formatFraction(r.backtest)} of ${r.trades}, Kalshi history ${formatFraction(r.kalshi)}`,
    )
    .join("; ");
  return (
    <ChartFrame
      testId="price-calibration-chart"
      description={`Win rate by entry price. ${description}.`}
      height={260}
    >
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis dataKey="bucket" {...AXIS_PROPS} minTickGap={8} />
        <YAxis
          {...AXIS_PROPS}
          width={44}
          domain={[yMin, 1]}
          tickFormatter={(v: number) => formatFraction(v, 0)}
          allowDataOverflow
        />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(value, name, item) => {
            const row = item.payload as Row;
            const text = formatFraction(typeof value === "number" ? value : null);
            return name === "Backtest" ? `${text} of ${row.trades}` : text;
          }}
        />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="backtest" name="Backtest" fill={COLORS.equity} isAnimationActive={false} />
        <Line
          type="monotone"
          dataKey="kalshi"
          name="Kalshi history"
          stroke={COLORS.gain}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="price"
          name="Price paid"
          stroke={COLORS.neutral}
          strokeDasharray="4 4"
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}
