/**
 * A progress bar with an ETA for long CLI operations (replay, audit's log scan, import-history,
 * backtest). It draws on stderr, and only when stderr is a terminal: stdout stays clean for --json
 * and pipes, and logs in CI never fill with carriage returns.
 *
 * Time comes from an injected `now` (the CLI passes performance.now) so the ETA arithmetic is
 * testable with a hand-moved clock.
 */

export interface ProgressOptions {
  /** What is being counted, e.g. "events", "markets". */
  unit: string;
  /** Total expected, when known; unknown totals show a count and a rate instead of a bar. */
  total?: number;
  label?: string;
  /** Where to draw. Default: process.stderr. */
  stream?: { isTTY?: boolean; write(text: string): unknown; columns?: number };
  /** Milliseconds, monotonic. Default: performance.now. */
  now?: () => number;
  /** Least milliseconds between two redraws (default 100): drawing is not free. */
  redrawMs?: number;
  /** Draw even when the stream is not a TTY (tests). */
  force?: boolean;
}

export interface Progress {
  /** Move forward by `n` (default 1). */
  tick(n?: number): void;
  /** Set the absolute count done. */
  update(done: number): void;
  /** The total may only become known later (the first page tells how many there are). */
  setTotal(total: number): void;
  /** Clear the line and stop drawing; `message`, when given, is written on its own line. */
  done(message?: string): void;
  readonly count: number;
}

const BAR_WIDTH = 24;

/** "1h02m", "3m07s", "12s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** Milliseconds left at the average rate so far; null when it cannot be estimated yet. */
export function estimateRemaining(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0 || total <= done) return done >= total && total > 0 ? 0 : null;
  return ((total - done) * elapsedMs) / done;
}

/** The text of one frame, without the carriage return. */
export function renderProgress(state: {
  label?: string;
  unit: string;
  done: number;
  total?: number;
  elapsedMs: number;
}): string {
  const { done, total, elapsedMs, unit } = state;
  const label = state.label ? `${state.label} ` : "";
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const rateText = `${Math.round(rate).toLocaleString("en-US")} ${unit}/s`;
  if (total === undefined || total <= 0) {
    return `${label}${done.toLocaleString("en-US")} ${unit} · ${rateText} · ${formatDuration(elapsedMs)}`;
  }
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
  const eta = estimateRemaining(done, total, elapsedMs);
  return `${label}${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${unit} · ${rateText} · ETA ${eta === null ? "?" : formatDuration(eta)}`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const enabled = options.force === true || Boolean(stream.isTTY);
  const redrawMs = options.redrawMs ?? 100;
  const started = now();
  let total = options.total;
  let done = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let finished = false;
  let width = 0;

  const draw = (force = false) => {
    if (!enabled || finished) return;
    const t = now();
    if (!force && t - lastDraw < redrawMs) return;
    lastDraw = t;
    let text = renderProgress({
      label: options.label,
      unit: options.unit,
      done,
      total,
      elapsedMs: t - started,
    });
    const columns = stream.columns ?? 0;
    if (columns > 0 && text.length >= columns) text = text.slice(0, columns - 1);
    // Pad over the previous frame so a shorter line leaves no tail behind.
    stream.write(`\r${text.padEnd(width)}`);
    width = text.length;
  };

  return {
    tick(n = 1) {
      done += n;
      draw();
    },
    update(value) {
      done = value;
      draw();
    },
    setTotal(value) {
      total = value;
      draw(true);
    },
    done(message) {
      if (!enabled || finished) return;
      draw(true);
      finished = true;
      stream.write(`\r${" ".repeat(width)}\r`);
      if (message) stream.write(`${message}\n`);
    },
    get count() {
      return done;
    },
  };
}
