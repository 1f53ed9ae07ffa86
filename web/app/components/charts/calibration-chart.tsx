import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import { formatFraction } from "../../lib/format";
import type { ReliabilityBucket } from "../../lib/types";
import { ChartFrame } from "./chart-frame";
import { AXIS_PROPS, COLORS, TOOLTIP_STYLE } from "./theme";

interface Point {
  stated: number;
  observed: number;
  count: number;
  range: string;
}

/**
 * Stated probability against how often those picks actually won. On the diagonal is calibrated;
 * below it is overconfident. Dot size is the number of settled predictions in the bucket.
 */
export function CalibrationChart({ buckets, from }: { buckets: ReliabilityBucket[]; from: number }) {
  const points: Point[] = buckets.flatMap((b) =>
    b.count > 0 && b.meanProbability !== null && b.observedFrequency !== null
      ? [
          {
            stated: b.meanProbability,
            observed: b.observedFrequency,
            count: b.count,
            range: `${formatFraction(b.lower, 0)}–${formatFraction(b.upper, 0)}`,
          },
        ]
      : [],
  );
  const lowest = Math.min(from, ...points.map((p) => p.observed));
  const yMin = Math.max(0, Math.floor(lowest * 10) / 10);
  const description = points
    .map((p) => `stated ${formatFraction(p.stated)} won ${formatFraction(p.observed)} of ${p.count}`)
    .join("; ");
  return (
    <ChartFrame
      testId="calibration-chart"
      description={`Calibration: ${description || "no settled predictions"}.`}
      height={260}
    >
      <ScatterChart margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid stroke={COLORS.grid} />
        <XAxis
          type="number"
          dataKey="stated"
          name="Stated"
          domain={[from, 1]}
          {...AXIS_PROPS}
          tickFormatter={(v: number) => formatFraction(v, 0)}
        />
        <YAxis
          type="number"
          dataKey="observed"
          name="Observed"
          domain={[yMin, 1]}
          {...AXIS_PROPS}
          width={44}
          tickFormatter={(v: number) => formatFraction(v, 0)}
        />
        <ZAxis type="number" dataKey="count" range={[40, 400]} name="Predictions" />
        <ReferenceLine
          segment={[
            { x: from, y: from },
            { x: 1, y: 1 },
          ]}
          stroke={COLORS.axis}
          strokeDasharray="4 4"
          ifOverflow="extendDomain"
        />
        <Tooltip
          {...TOOLTIP_STYLE}
          cursor={{ strokeDasharray: "3 3" }}
          formatter={(value, name) => (name === "Predictions" ? value : formatFraction(Number(value)))}
        />
        <Scatter data={points} fill={COLORS.equity} isAnimationActive={false} />
      </ScatterChart>
    </ChartFrame>
  );
}
