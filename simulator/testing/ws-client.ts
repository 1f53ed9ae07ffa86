/** A small WebSocket test client: authenticated connect, JSON messages collected, awaitable. */
import WebSocket from "ws";
import type { RunningSimulator } from "../index.ts";
import { authHeaders } from "./harness.ts";

export interface WsMessage {
  id?: number;
  type: string;
  sid?: number;
  seq?: number;
  msg?: Record<string, unknown> & Record<string, unknown>[];
}

export class WsClient {
  readonly messages: WsMessage[] = [];
  readonly pings: string[] = [];
  #waiters: { pred: (m: WsMessage) => boolean; resolve: (m: WsMessage) => void }[] = [];
  readonly #consumed = new Set<WsMessage>();
  #id = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as WsMessage;
      this.messages.push(m);
      for (const w of [...this.#waiters]) {
        if (!this.#consumed.has(m) && w.pred(m)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          this.#consumed.add(m);
          w.resolve(m);
        }
      }
    });
    ws.on("ping", (data) => this.pings.push(data.toString()));
  }

  static async connect(sim: RunningSimulator): Promise<WsClient> {
    const ws = new WebSocket(sim.wsUrl, { headers: authHeaders(sim, "GET", "/trade-api/ws/v2") });
    await new Promise<void>((resolve, reject) => {
      ws.on("open", () => resolve());
      ws.on("error", reject);
    });
    return new WsClient(ws);
  }

  /** Sends a command with the next id; returns the id. */
  send(cmd: string, params?: Record<string, unknown>): number {
    const id = ++this.#id;
    this.ws.send(JSON.stringify(params === undefined ? { id, cmd } : { id, cmd, params }));
    return id;
  }

  raw(text: string): void {
    this.ws.send(text);
  }

  /** The earliest message not yet returned by `next` that matches `pred` (waits if none yet). */
  next(pred: (m: WsMessage) => boolean = () => true, timeoutMs = 2000): Promise<WsMessage> {
    const found = this.messages.find((m) => !this.#consumed.has(m) && pred(m));
    if (found) {
      this.#consumed.add(found);
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching WebSocket message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Waits until the server has processed everything sent so far (a round trip). */
  async settle(): Promise<void> {
    const id = this.send("list_subscriptions");
    await this.next((m) => m.id === id);
  }

  close(): void {
    this.ws.close();
  }
}
