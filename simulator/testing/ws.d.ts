// Minimal typing for Bun's built-in `ws` client shim, used by tests to observe ping frames and to
// send auth headers on the upgrade request.
declare module "ws" {
  export default class WebSocket {
    constructor(url: string, options?: { headers?: Record<string, string> });
    readonly readyState: number;
    on(event: "open", listener: () => void): this;
    on(event: "message", listener: (data: Buffer | string) => void): this;
    on(event: "ping", listener: (data: Buffer) => void): this;
    on(event: "close", listener: (code: number, reason: Buffer) => void): this;
    on(event: "error", listener: (err: Error) => void): this;
    on(event: "unexpected-response", listener: (req: unknown, res: { statusCode: number }) => void): this;
    send(data: string): void;
    close(): void;
    terminate(): void;
  }
}
