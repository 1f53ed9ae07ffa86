import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { AXIS_PROPS, axisDollars, COLORS, TOOLTIP_STYLE } from "./theme";

export interface SignedBar {
  label: string;
  /** Dollars, for the bar's length only. */
  value: number;
  /** The exact amount, shown in the tooltip. */
  display: string;
  detail?: string;
}

/**
 * Gains green, losses red, around a zero line: daily P&L, P&L per month, per category, per series.
 * `vertical` lays the bars out horizontally with the labels down the side (long category names).
 */
export function SignedBarChart({
  testId,
  description,
  bars,
  vertical = false,
  height,
}: {
  testId: string;
  description: string;
  bars: SignedBar[];
  vertical?: boolean;
  height?: number;
}) {
  const h = height ?? (vertical ? Math.max(160, bars.length * 30 + 40) : 220);
  const tooltip = (
    <Tooltip
      {...TOOLTIP_STYLE}
      cursor={{ fill: "rgba(255,255,255,0.04)" }}
      formatter={(_value, _name, item) => {
        const bar = item.payload as SignedBar;
        return [bar.detail ? `${bar.display} · ${bar.detail}` : bar.display, "P&L"];
      }}
    />
  );
  const cells = bars.map((b) => (
    <Cell key={b.label} fill={b.value < 0 ? COLORS.loss : b.value > 0 ? COLORS.gain : COLORS.neutral} />
  ));
  return (
    <ChartFrame testId={testId} description={description} height={h}>
      {vertical ? (
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke={COLORS.grid} horizontal={false} />
          <XAxis type="number" {...AXIS_PROPS} tickFormatter={axisDollars} />
          <YAxis type="category" dataKey="label" {...AXIS_PROPS} width={110} interval={0} />
          <ReferenceLine x={0} stroke={COLORS.axis} />
          {tooltip}
          <Bar
            dataKey="value"
            name="P&L"
            isAnimationActive={false}
            minPointSize={2}
            maxBarSize={28}
            radius={[0, 3, 3, 0]}
          >
            {cells}
          </Bar>
        </BarChart>
      ) : (
        <BarChart data={bars} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={16} />
          <YAxis {...AXIS_PROPS} width={56} tickFormatter={axisDollars} />
          <ReferenceLine y={0} stroke={COLORS.axis} />
          {tooltip}
          <Bar
            dataKey="value"
            name="P&L"
            isAnimationActive={false}
            minPointSize={2}
            maxBarSize={48}
            radius={[3, 3, 0, 0]}
          >
            {cells}
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
}
