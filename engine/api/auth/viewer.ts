/** Who is asking. Decided once per request from its headers (auth/service.ts). */
export type Viewer =
  /** No password or token is configured: the server is loopback-only and open to local clients. */
  | { authenticated: true; via: "open" }
  | { authenticated: true; via: "api-token" }
  | {
      authenticated: true;
      via: "session";
      transport: "cookie" | "bearer";
      token: string;
      expiresAt: number;
    }
  | { authenticated: false; via: null };

export const ANONYMOUS: Viewer = { authenticated: false, via: null };
