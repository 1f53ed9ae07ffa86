import type { ReactNode } from "react";

/** What a section shows when there is nothing yet: never a blank box. */
export function EmptyState({
  title,
  children,
  testId,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      data-testid={testId ?? "empty-state"}
      className="flex flex-col items-center justify-center gap-1 rounded-lg border border-dashed border-zinc-700 px-4 py-8 text-center"
    >
      <p className="text-sm font-medium text-zinc-300">{title}</p>
      {children ? <div className="max-w-md text-xs text-zinc-400">{children}</div> : null}
    </div>
  );
}
