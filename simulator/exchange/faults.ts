/**
 * Injected failures, so the engine's retry, back-off and validation paths can be exercised:
 * 429 storms, 5xx on a path, malformed responses on a path, dropped WebSockets (the last is an
 * exchange event). Storm durations are real seconds: rate limiting is about the real request rate.
 */
import type { Clock } from "../../engine/time/clock.ts";

export interface PathMatcher {
  /** Path below /trade-api/v2, e.g. "/portfolio/balance"; a trailing "*" matches a prefix. */
  path: string;
  method?: string;
}

export interface ServerErrorFault extends PathMatcher {
  remaining: number;
  status: number;
}

export type MalformedKind = "invalid_json" | "broken_fixed_point";

export interface MalformedFault extends PathMatcher {
  remaining: number;
  kind: MalformedKind;
  /** For broken_fixed_point: which field to corrupt (default: the first *_dollars / *_fp field). */
  field?: string;
}

export function pathMatches(m: PathMatcher, method: string, path: string): boolean {
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  return m.path.endsWith("*") ? path.startsWith(m.path.slice(0, -1)) : path === m.path;
}

export class Faults {
  #stormUntil = 0;
  readonly serverErrors: ServerErrorFault[] = [];
  readonly malformed: MalformedFault[] = [];

  constructor(private readonly wall: Clock) {}

  storm(seconds: number): void {
    this.#stormUntil = Math.max(this.#stormUntil, this.wall.now() + seconds * 1000);
  }

  get storming(): boolean {
    return this.wall.now() < this.#stormUntil;
  }

  /** Consumes one injected 5xx for this request, if any. */
  takeServerError(method: string, path: string): number | undefined {
    const f = this.serverErrors.find((e) => e.remaining > 0 && pathMatches(e, method, path));
    if (!f) return undefined;
    f.remaining--;
    return f.status;
  }

  takeMalformed(method: string, path: string): MalformedFault | undefined {
    const f = this.malformed.find((e) => e.remaining > 0 && pathMatches(e, method, path));
    if (!f) return undefined;
    f.remaining--;
    return f;
  }

  clear(): void {
    this.#stormUntil = 0;
    this.serverErrors.length = 0;
    this.malformed.length = 0;
  }
}
