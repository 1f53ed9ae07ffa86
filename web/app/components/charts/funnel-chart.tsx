import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { formatInt } from "../../lib/format";
import type { ScanStage } from "../../lib/types";
import { ChartFrame } from "./chart-frame";
import { AXIS_PROPS, COLORS, TOOLTIP_STYLE } from "./theme";

/** How many markets survived each stage of a scan, widest first: the qualifying-contracts funnel. */
export function FunnelChart({ stages }: { stages: ScanStage[] }) {
  const description = stages.map((s) => `${s.name}: ${s.count}`).join(", ");
  return (
    <ChartFrame
      testId="funnel-chart"
      description={`Scan funnel. ${description}.`}
      height={Math.max(180, stages.length * 36 + 30)}
    >
      <BarChart data={stages} layout="vertical" margin={{ top: 4, right: 48, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={COLORS.grid} horizontal={false} />
        <XAxis type="number" {...AXIS_PROPS} allowDecimals={false} />
        <YAxis type="category" dataKey="name" {...AXIS_PROPS} width={140} interval={0} />
        <Tooltip
          {...TOOLTIP_STYLE}
          cursor={{ fill: "rgba(255,255,255,0.04)" }}
          formatter={(value, _name, item) => {
            const stage = item.payload as ScanStage;
            return [`${value} (−${stage.dropped})`, "Markets"];
          }}
        />
        <Bar
          dataKey="count"
          name="Markets"
          fill={COLORS.equity}
          isAnimationActive={false}
          minPointSize={2}
          radius={[0, 3, 3, 0]}
        >
          <LabelList
            dataKey="count"
            position="right"
            fill="#e4e4e7"
            fontSize={11}
            formatter={(value: unknown) => formatInt(Number(value))}
          />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
