import { Form, useLocation, useNavigate } from "@remix-run/react";
import { ACCOUNT_PARAM, useAccount, withAccount } from "../lib/account";

export interface AccountOption {
  id: string;
  servedHere: boolean;
  tradeCount: number;
}

/**
 * Picks the account every page shows (`?account=`). Switching keeps the section (Trades stays
 * Trades) but drops its filters and page cursors, which belong to the old account; a trade's page
 * goes back to the list, since the trade is not the other account's. Absent with a single account.
 * Works without JavaScript too: the form is a plain GET.
 */
export function AccountSwitcher({ accounts }: { accounts: readonly AccountOption[] }) {
  const { account } = useAccount();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  if (accounts.length < 2) return null;
  const served = accounts.find((a) => a.servedHere)?.id ?? accounts[0]?.id ?? "";
  const current = account ?? served;
  const section = `/${pathname.split("/")[1] ?? ""}`;
  return (
    <Form
      method="get"
      action={section}
      className="flex min-w-0 items-center gap-2 lg:w-full lg:flex-col lg:items-stretch lg:gap-1"
      data-testid="account-switcher"
    >
      <label htmlFor="account-select" className="text-xs font-medium text-zinc-400">
        Account
      </label>
      <select
        id="account-select"
        key={current}
        name={ACCOUNT_PARAM}
        defaultValue={current}
        data-testid="account-select"
        onChange={(event) => {
          const id = event.currentTarget.value;
          navigate(withAccount(section, id === served ? null : id));
        }}
        className="min-h-9 max-w-40 min-w-0 truncate rounded-md lg:max-w-none border border-zinc-700 bg-zinc-950 px-2 text-sm text-zinc-100"
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.servedHere ? `${a.id} (this engine)` : a.id}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-200">
          Show
        </button>
      </noscript>
    </Form>
  );
}

/** Another engine's account is read-only here: say so before any button is pressed. */
export function ForeignAccountNotice({ accounts }: { accounts: readonly AccountOption[] }) {
  const { account } = useAccount();
  const served = accounts.find((a) => a.servedHere)?.id;
  if (!account || !served || account === served) return null;
  return (
    <p
      role="status"
      data-testid="account-readonly"
      className="mb-4 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-200"
    >
      Viewing account <strong>{account}</strong>. This engine trades <strong>{served}</strong>: pausing,
      selling and scans for {account} are refused here and must go to its own engine.
    </p>
  );
}
