/**
 * Quiet hours: a local [start, end) window in the configured TZ, "HH:MM" each; start after end
 * wraps past midnight (22:00–07:00). Computed with Intl only, like engine/risk/local-day.ts.
 */
export interface QuietHours {
  start: string;
  end: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes since local midnight (0..1439) of an instant in the zone. */
export function localMinuteOfDay(epochMs: number, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === "hour") hour = Number(part.value) % 24;
    else if (part.type === "minute") minute = Number(part.value);
  }
  return hour * 60 + minute;
}

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`${JSON.stringify(hhmm)} is not a HH:MM time`);
  return Number(m[1]) * 60 + Number(m[2]);
};

export function inQuietHours(epochMs: number, timeZone: string, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const now = localMinuteOfDay(epochMs, timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

const MINUTE = 60_000;

/**
 * When the quiet window containing `epochMs` ends: the first whole minute outside it. Jumps to the
 * expected end, steps a quarter hour at a time while a DST change still keeps it inside, then back
 * minute by minute while the minute before is already outside.
 */
export function quietHoursEnd(epochMs: number, timeZone: string, quiet: QuietHours): number {
  if (!inQuietHours(epochMs, timeZone, quiet)) return epochMs;
  const now = localMinuteOfDay(epochMs, timeZone);
  const until = (minutesOf(quiet.end) - now + 1440) % 1440;
  let t = Math.floor(epochMs / MINUTE) * MINUTE + until * MINUTE;
  for (let i = 0; i < 16 && inQuietHours(t, timeZone, quiet); i++) t += 15 * MINUTE;
  // A spring-forward can skip the end itself (02:30 on a day that jumps from 02:00 to 03:00): step
  // back to the first minute that is outside. On ordinary days this is one check.
  while (t - MINUTE > epochMs && !inQuietHours(t - MINUTE, timeZone, quiet)) t -= MINUTE;
  return t;
}
