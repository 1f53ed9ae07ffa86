import type { ApiContext } from "../../context.ts";
import { notificationSettings as read } from "../../read/notification-settings.ts";

export function notificationSettings(_: unknown, __: unknown, ctx: ApiContext) {
  return read(ctx.db, ctx.config);
}
