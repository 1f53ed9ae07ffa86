import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** Columns a phone can do without: the row still links to the full details. */
export const WIDE_ONLY = "hidden md:table-cell";

/** A table that scrolls sideways on a phone instead of squeezing its columns. */
export function Table({ children, label, testId }: { children: ReactNode; label: string; testId?: string }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0">
      <table
        aria-label={label}
        data-testid={testId}
        className="w-full min-w-max border-collapse text-left text-sm"
      >
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = "", ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`border-b border-zinc-800 px-2.5 py-2 text-xs font-medium uppercase tracking-wide text-zinc-400 first:pl-4 sm:first:pl-3 ${className}`}
      {...rest}
    >
      {children}
    </th>
  );
}

export function Td({ children, className = "", ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={`border-b border-zinc-800/70 px-2.5 py-2 align-top first:pl-4 sm:first:pl-3 ${className}`}
      {...rest}
    >
      {children}
    </td>
  );
}
