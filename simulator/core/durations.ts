/** "90s", "15m", "2h", "3d", "500ms" or a number of milliseconds → milliseconds. */
const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export function parseDuration(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`duration ${value} is not finite`);
    return value;
  }
  const m = /^(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/.exec(value.trim());
  if (!m)
    throw new RangeError(`duration ${JSON.stringify(value)} must look like 500ms, 90s, 15m, 2h, 3d or 1w`);
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? "ms"] ?? 1));
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
