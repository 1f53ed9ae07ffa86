/**
 * The safe state every chaos trial must end in, checked against the exchange's own ledger (the
 * simulator) and the event log: no order twice at the exchange, every exchange fill recorded as
 * OrderFilled (none lost, none invented), no proposal left hanging, projections equal a rebuild.
 */
import type { Database } from "../../engine/db/database.ts";
import { verifyProjections } from "../../engine/projections/verify.ts";
import type { RunningSimulator } from "../../simulator/index.ts";

export interface SafeState {
  duplicateOrders: number;
  fillsLost: number;
  fillsInvented: number;
  hangingProposals: number;
  projectionDifferences: number;
}

export const SAFE: SafeState = {
  duplicateOrders: 0,
  fillsLost: 0,
  fillsInvented: 0,
  hangingProposals: 0,
  projectionDifferences: 0,
};

export async function safeState(sim: RunningSimulator, db: Database): Promise<SafeState> {
  const ledger = sim.exchange.ledger();
  const ids = ledger.orders.map((o) => o.clientOrderId);
  const fills = await db.query<{ fill_id: string }>(
    "SELECT data ->> 'fillId' AS fill_id FROM events WHERE event_type = 'OrderFilled'",
  );
  const recorded = new Set(fills.map((f) => f.fill_id));
  const atExchange = new Set(ledger.fills.map((f) => f.fillId));
  const hanging = await db.query<{ id: string }>(
    "SELECT id FROM trades WHERE status IN ('proposed', 'pending')",
  );
  return {
    duplicateOrders: ids.length - new Set(ids).size,
    fillsLost: ledger.fills.filter((f) => !recorded.has(f.fillId)).length,
    fillsInvented: [...recorded].filter((id) => !atExchange.has(id)).length,
    hangingProposals: hanging.length,
    projectionDifferences: (await verifyProjections(db)).totalDifferences,
  };
}
