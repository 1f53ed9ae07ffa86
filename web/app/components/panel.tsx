import type { ReactNode } from "react";

/** A titled card: every section of every page sits in one. */
export function Panel({
  title,
  description,
  actions,
  children,
  className = "",
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      data-testid={testId}
      className={`rounded-xl border border-zinc-800 bg-zinc-900/60 p-4 sm:p-5 ${className}`}
    >
      <header className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={id} className="text-sm font-semibold text-zinc-100">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-zinc-400">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
