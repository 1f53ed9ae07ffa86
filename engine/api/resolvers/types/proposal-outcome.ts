import type { ProposalOutcome as Outcome } from "../../../trading/execute-proposal.ts";
import type { ApiContext } from "../../context.ts";
import { formatContracts } from "../../money.ts";

export const ProposalOutcome = {
  reasons: (o: Outcome) => o.reasons ?? [],
  contracts: (o: Outcome) => (o.contracts === undefined ? null : formatContracts(o.contracts)),
  trade: (o: Outcome, _: unknown, ctx: ApiContext) => ctx.loaders.trade(o.tradeId),
};
