import { z } from "zod";
import { defineEvent } from "../define.ts";

/** A morning, daily or monthly report. Its id derives from kind + period, so it is written once. */
export const ReportGenerated = defineEvent({
  type: "ReportGenerated",
  version: 1,
  schema: z.object({
    reportId: z.string(),
    kind: z.enum(["morning", "daily", "monthly"]),
    /** YYYY-MM-DD for daily reports, YYYY-MM for monthly ones. */
    period: z.string(),
    summary: z.string(),
    body: z.record(z.string(), z.unknown()),
  }),
});
