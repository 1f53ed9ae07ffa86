import { Link, useSearchParams } from "@remix-run/react";
import { nextPageSearch, pageNumber, previousPageSearch } from "../lib/pagination";
import type { PageInfo } from "../lib/types";

/** Previous / next links for a cursor-paged list (cursor stack in the URL, see lib/pagination). */
export function Pager({
  pageInfo,
  totalCount,
  shown,
}: {
  pageInfo: PageInfo;
  totalCount?: number;
  shown: number;
}) {
  const [params] = useSearchParams();
  const previous = previousPageSearch(params);
  const page = pageNumber(params);
  const link =
    "rounded-md border border-zinc-700 px-3 py-1.5 text-sm text-zinc-200 hover:border-zinc-500 hover:bg-zinc-800";
  const disabled = "rounded-md border border-zinc-800 px-3 py-1.5 text-sm text-zinc-600";
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-2" data-testid="pager">
      <p className="text-xs text-zinc-400">
        Page {page}
        {totalCount !== undefined ? ` · ${shown} shown of ${totalCount}` : null}
      </p>
      <div className="flex gap-2">
        {previous ? (
          <Link to={previous} className={link} rel="prev" preventScrollReset>
            Previous
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Previous
          </span>
        )}
        {pageInfo.hasNextPage && pageInfo.endCursor ? (
          <Link
            to={nextPageSearch(params, pageInfo.endCursor)}
            className={link}
            rel="next"
            preventScrollReset
            data-testid="pager-next"
          >
            Next
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
