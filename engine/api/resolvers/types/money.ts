import { moneyResolvers } from "../../money.ts";

/** Every money field resolves to integer micros; this formats them. */
export const Money = moneyResolvers;
