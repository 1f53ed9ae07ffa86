import {
  brierByModel,
  brierScore,
  calibrationPoints,
  reliabilityBuckets,
} from "../../../analyst/calibration.ts";
import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { decisionProbabilities, settledResults } from "../../read/decisions.ts";

export async function calibration(
  _: unknown,
  args: { buckets?: number | null; from?: number | null },
  ctx: ApiContext,
) {
  const buckets = args.buckets ?? 10;
  const from = args.from ?? 0.8;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 100) throw badInput("`buckets` must be 1..100.");
  if (!(from >= 0 && from < 1)) throw badInput("`from` must be in [0, 1).");
  const [decisions, results] = await Promise.all([
    decisionProbabilities(ctx.db, ctx.accountId),
    settledResults(ctx.db, ctx.accountId),
  ]);
  const points = calibrationPoints(
    decisions.map((d) => ({
      selector: d.selector,
      model: d.model,
      promptVersion: d.prompt_version,
      probabilities: d.probabilities,
    })),
    results,
  );
  return {
    points: points.length,
    brier: brierScore(points),
    buckets: reliabilityBuckets(points, { buckets, from }),
    byModel: brierByModel(points),
  };
}
