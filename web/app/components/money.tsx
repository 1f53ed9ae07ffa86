import { moneyText, pnlText, pnlTone } from "../lib/format";
import type { Money } from "../lib/types";

/** An amount as the server formatted it; a dash when there is none. */
export function MoneyText({
  money,
  className = "",
}: {
  money: Money | null | undefined;
  className?: string;
}) {
  return (
    <span className={className} data-micros={money?.micros}>
      {moneyText(money)}
    </span>
  );
}

/** A profit or loss: signed and coloured. */
export function PnlText({ money, className = "" }: { money: Money | null | undefined; className?: string }) {
  return (
    <span className={`${pnlTone(money)} ${className}`} data-micros={money?.micros}>
      {pnlText(money)}
    </span>
  );
}
