/**
 * The little of a WebSocket the feed uses, so tests can hand it a fake and production gets
 * Bun's global WebSocket. Bun's client takes `headers` in its constructor options (used for the
 * signed upgrade), answers protocol Ping frames with Pong by itself, and fires a `ping` event we
 * use as a liveness signal.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Immediate teardown (no close handshake); optional. */
  terminate?(): void;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener?(type: "ping", listener: (ev: Event) => void): void;
}

export type SocketFactory = (url: string, headers: Record<string, string>) => SocketLike;

export const OPEN = 1;

export const bunSocketFactory: SocketFactory = (url, headers) =>
  // Bun's constructor accepts { headers }; the DOM typing in lib.dom does not know it.
  new WebSocket(url, { headers } as unknown as string[]) as unknown as SocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};
