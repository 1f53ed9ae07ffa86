import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * A chart's box: fixed height (no layout jump while it measures), a test id, and a text
 * description for screen readers, which cannot read an SVG plot.
 */
export function ChartFrame({
  testId,
  description,
  height = 240,
  children,
}: {
  testId: string;
  description: string;
  height?: number;
  children: ReactElement;
}) {
  return (
    <figure data-testid={testId} className="m-0 w-full min-w-0 overflow-hidden" style={{ height }}>
      <figcaption className="sr-only">{description}</figcaption>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}
