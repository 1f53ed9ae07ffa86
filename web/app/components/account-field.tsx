import { ACCOUNT_PARAM, useAccount } from "../lib/account";

/** For GET forms (filters): their submission replaces the search, so the account rides along here. */
export function AccountField() {
  const { account } = useAccount();
  return account ? <input type="hidden" name={ACCOUNT_PARAM} value={account} /> : null;
}
