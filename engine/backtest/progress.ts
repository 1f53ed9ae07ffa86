/**
 * A progress bar with ETA on stderr, for long runs in a terminal. Wall time is read here only to
 * estimate what is left; nothing of it reaches the backtest.
 */
export interface ProgressBar {
  update(fraction: number, detail: string): void;
  done(): void;
}

const WIDTH = 28;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

export function renderBar(fraction: number, elapsedSeconds: number, detail: string): string {
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * WIDTH);
  const eta = f > 0 ? (elapsedSeconds * (1 - f)) / f : Number.NaN;
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${detail} · ETA ${duration(eta)}`;
}

/** A bar on `stream` when it is a terminal; otherwise nothing at all. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = performance.now();
  let last = 0;
  return {
    update(fraction, detail) {
      const now = performance.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      stream.write(`\r${renderBar(fraction, (now - started) / 1000, detail)}\u001b[K`);
    },
    done() {
      stream.write("\n");
    },
  };
}
