import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import type { AccountOption } from "./components/account-switcher";
import { AppShell } from "./components/app-shell";
import { useAccount, withAccount } from "./lib/account";
import { readSessionToken } from "./lib/cookie";
import { gqlOptional } from "./lib/graphql.server";
import { useLiveUpdates } from "./lib/live";
import { ACCOUNTS_QUERY } from "./lib/queries";
import styles from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Conviction" },
  { name: "description", content: "Conviction: automated trading of Kalshi's near-certain contracts." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // Only whether a session cookie exists (to offer "Sign out"); the API decides if it is valid.
  const signedIn = readSessionToken(request) !== null;
  // The account switcher's list; the login page asks nothing of the API (it would need a session).
  const listed =
    new URL(request.url).pathname === "/login"
      ? null
      : await gqlOptional<{ accounts: AccountOption[] }>(request, ACCOUNTS_QUERY);
  return { signedIn, accounts: listed?.accounts ?? [] };
}

/** The document and the frame; rendered around the pages and around the error boundary alike. */
export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const bare = pathname === "/login";
  return (
    <html lang="en" className="bg-zinc-950 text-zinc-200">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#09090b" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh antialiased">
        {bare ? (
          children
        ) : (
          <Frame signedIn={root?.signedIn ?? false} accounts={root?.accounts ?? []}>
            {children}
          </Frame>
        )}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Frame({
  children,
  signedIn,
  accounts,
}: {
  children: ReactNode;
  signedIn: boolean;
  accounts: readonly AccountOption[];
}) {
  const { account } = useAccount();
  const live = useLiveUpdates(true, account);
  return (
    <AppShell live={live} signedIn={signedIn} accounts={accounts}>
      {children}
    </AppShell>
  );
}

export default function App() {
  return <Outlet />;
}

/**
 * The one error boundary. Expected failures arrive as route error responses with {code, message}
 * (see lib/graphql.server.ts); anything else is a bug, shown without internals.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { pathname, search } = useLocation();
  const { account } = useAccount();
  let status = 500;
  let title = "Something went wrong";
  let message = "The dashboard hit an unexpected error. It has been logged; reloading may help.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = error.data as { message?: string } | string | null;
    const text = typeof body === "string" ? body : body?.message;
    if (status === 404) {
      title = "Not found";
      message = text || "There is nothing at this address.";
    } else if (status === 503) {
      title = "The engine is unavailable";
      message = text || "The engine's API cannot be reached right now.";
    } else {
      title = status === 403 ? "Not allowed" : "The request failed";
      if (text) message = text;
    }
  } else if (error instanceof Error && import.meta.env.DEV) {
    message = error.message;
  }
  return (
    <div
      role="alert"
      data-testid="error-boundary"
      data-status={status}
      className="mx-auto max-w-xl py-16 text-center"
    >
      <p className="text-sm font-semibold text-rose-300">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold text-zinc-50">{title}</h1>
      <p className="mt-3 text-sm text-zinc-400">{message}</p>
      <div className="mt-6 flex justify-center gap-3">
        <a
          href={`${pathname}${search}`}
          className="rounded-md bg-zinc-800 px-4 py-2 text-sm text-zinc-100 hover:bg-zinc-700"
        >
          Try again
        </a>
        <Link
          to={withAccount("/", account)}
          className="rounded-md border border-zinc-700 px-4 py-2 text-sm text-zinc-200 hover:bg-zinc-900"
        >
          Overview
        </Link>
      </div>
    </div>
  );
}
