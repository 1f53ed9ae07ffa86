import type { ReactNode } from "react";

/** One headline figure. `id` names it for tests: data-testid="kpi-<id>". */
export function KpiCard({
  id,
  label,
  value,
  hint,
  tone = "text-zinc-50",
}: {
  id: string;
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: string;
}) {
  return (
    <div data-testid={`kpi-${id}`} className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-3 sm:p-4">
      <dt className="text-xs font-medium text-zinc-400">{label}</dt>
      <dd
        className={`mt-1 truncate text-lg font-semibold sm:text-xl ${tone}`}
        data-testid={`kpi-${id}-value`}
      >
        {value}
      </dd>
      {hint ? <dd className="mt-0.5 truncate text-xs text-zinc-500">{hint}</dd> : null}
    </div>
  );
}
