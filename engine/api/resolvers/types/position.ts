import { formatContracts } from "../../money.ts";
import type { PositionView } from "../../positions.ts";

export const Position = {
  contracts: (p: PositionView) => formatContracts(p.contracts),
};
