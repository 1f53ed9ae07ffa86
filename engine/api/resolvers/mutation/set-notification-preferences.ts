import type { NotificationChannel, NotificationKind } from "../../../notify/notification.ts";
import { preferenceProblems } from "../../../notify/preferences.ts";
import type { ApiContext } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { notificationSettings } from "../../read/notification-settings.ts";

/** Checked here, word for word as the event would refuse it, so the form can show what is wrong. */
export async function setNotificationPreferences(
  _: unknown,
  args: {
    channel: NotificationChannel;
    enabled: boolean;
    kinds: NotificationKind[];
    quietHours?: { start: string; end: string } | null;
  },
  ctx: ApiContext,
) {
  const prefs = {
    channel: args.channel,
    enabled: args.enabled,
    kinds: args.kinds,
    quietHours: args.quietHours
      ? { start: args.quietHours.start.trim(), end: args.quietHours.end.trim() }
      : null,
  };
  const problems = preferenceProblems(prefs);
  if (problems.length > 0) throw badInput(problems.join("; "));
  await ctx.control.setNotificationPreferences(prefs);
  const all = await notificationSettings(ctx.db, ctx.config);
  return all.find((s) => s.channel === args.channel);
}
