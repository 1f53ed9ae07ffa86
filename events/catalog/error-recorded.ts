import { z } from "zod";
import { defineEvent } from "../define.ts";

/** Something went wrong and the cycle went on safely. Never carries a secret. */
export const ErrorRecorded = defineEvent({
  type: "ErrorRecorded",
  version: 1,
  schema: z.object({
    errorId: z.string(),
    /** Where: a job name, an exchange endpoint, "ai", … */
    source: z.string(),
    message: z.string(),
    stack: z.string().nullable(),
    context: z.record(z.string(), z.unknown()),
  }),
});
