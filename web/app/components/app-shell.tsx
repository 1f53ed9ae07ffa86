import { Form, Link, NavLink, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useAccount } from "../lib/account";
import type { LiveStatus } from "../lib/live";
import { type AccountOption, AccountSwitcher, ForeignAccountNotice } from "./account-switcher";
import { LiveIndicator } from "./live-indicator";

const NAV = [
  { to: "/", label: "Overview", end: true },
  { to: "/trades", label: "Trades", end: false },
  { to: "/decisions", label: "AI decisions", end: false },
  { to: "/scanner", label: "Scanner", end: false },
  { to: "/monthly", label: "Monthly", end: false },
  { to: "/logs", label: "Logs", end: false },
  { to: "/backtests", label: "Backtests", end: false },
  { to: "/settings", label: "Settings", end: false },
] as const;

/**
 * The frame around every page: navigation (a sidebar on wide screens, a scrolling tab row on a
 * phone), live status, sign-out, and a progress bar while a page loads.
 */
export function AppShell({
  children,
  live,
  signedIn,
  accounts = [],
}: {
  children: ReactNode;
  live: LiveStatus;
  signedIn: boolean;
  /** Every account the engine's database knows; the switcher shows when there are several. */
  accounts?: readonly AccountOption[];
}) {
  const navigation = useNavigation();
  // Every link keeps the account the page shows (lib/account.ts).
  const { to } = useAccount();
  const loading = navigation.state === "loading" && navigation.formMethod === undefined;
  return (
    <div className="min-h-dvh lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-zinc-800 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <PendingBar active={navigation.state !== "idle"} />
      {/* One status block and one nav, reordered by CSS: brand | status above the tab row on a
          phone; brand, nav, status down the sidebar on a wide screen. */}
      <header className="sticky top-0 z-30 flex flex-wrap items-center justify-between border-b border-zinc-800 bg-zinc-950/95 backdrop-blur lg:static lg:w-56 lg:shrink-0 lg:flex-col lg:flex-nowrap lg:items-stretch lg:justify-start lg:border-r lg:border-b-0 lg:bg-transparent">
        <div className="order-1 px-4 py-3 lg:py-5">
          <Brand />
        </div>
        <div className="order-2 flex items-center gap-3 px-4 lg:order-3 lg:flex-col lg:items-start lg:px-5 lg:pt-6">
          <AccountSwitcher accounts={accounts} />
          <LiveIndicator status={live} />
          {signedIn ? <SignOut /> : null}
        </div>
        <nav aria-label="Main" className="order-3 w-full overflow-x-auto px-2 pb-2 lg:order-2 lg:px-3">
          <ul className="flex gap-1 lg:flex-col">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={to(item.to)}
                  end={item.end}
                  prefetch="intent"
                  className={({ isActive }) =>
                    `block whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
                      isActive
                        ? "bg-zinc-800 font-medium text-zinc-50"
                        : "text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100"
                    }`
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main
        id="main"
        aria-busy={loading}
        className={`mx-auto w-full max-w-7xl min-w-0 flex-1 px-4 py-5 transition-opacity sm:px-6 lg:py-8 ${loading ? "opacity-60" : ""}`}
      >
        <ForeignAccountNotice accounts={accounts} />
        {children}
      </main>
    </div>
  );
}

function Brand() {
  const { to } = useAccount();
  return (
    <Link to={to("/")} className="flex items-center gap-2 text-zinc-50">
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-emerald-500/15 text-emerald-300"
      >
        ◆
      </span>
      <span className="text-base font-semibold tracking-tight">Conviction</span>
    </Link>
  );
}

function SignOut() {
  return (
    <Form method="post" action="/logout">
      <button
        type="submit"
        data-testid="logout"
        className="text-xs text-zinc-400 underline-offset-2 hover:text-zinc-100 hover:underline"
      >
        Sign out
      </button>
    </Form>
  );
}

/** A thin bar at the very top while a loader or action runs: the app never looks frozen. */
function PendingBar({ active }: { active: boolean }) {
  return (
    <div
      aria-hidden="true"
      data-testid="pending-bar"
      className={`pointer-events-none fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden transition-opacity ${active ? "opacity-100" : "opacity-0"}`}
    >
      <div className="h-full w-2/5 animate-progress bg-sky-400" />
    </div>
  );
}
