import type { ServerConfig } from "../../config/index.ts";

/**
 * Who may reach the API at all. Without DASHBOARD_PASSWORD the only protection is the network, so
 * the server may then listen on loopback only; with it, every request but `login` needs a session
 * or a bearer token. API_TOKEN alone also switches authentication on (the config's promise:
 * "Bearer token the API requires"), but does not permit a non-loopback address: a browser user
 * could not log in.
 */
export const authRequired = (server: Pick<ServerConfig, "dashboardPassword" | "apiToken">): boolean =>
  server.dashboardPassword !== null || server.apiToken !== null;

/** Hostnames and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The hostname part of a Host header ("[::1]:3000" → "::1", "localhost:80" → "localhost"). */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") === -1 ? undefined : h.indexOf("]"));
  const colon = h.lastIndexOf(":");
  return colon === -1 || h.indexOf(":") !== colon ? h : h.slice(0, colon);
}

export class ListenRefusedError extends Error {
  override readonly name = "ListenRefusedError";
}

/**
 * Why the server must not listen on `host` with this configuration, or null when it may.
 * The message names both variables, so the operator knows the two ways out.
 */
export function listenRefusal(host: string, server: Pick<ServerConfig, "dashboardPassword">): string | null {
  if (isLoopbackHost(host) || server.dashboardPassword !== null) return null;
  return (
    `Refusing to listen on HOST=${host} without DASHBOARD_PASSWORD: anyone who can reach that address ` +
    "could see the account and trade with it. Set DASHBOARD_PASSWORD (and API_TOKEN for scripts), " +
    "or use HOST=127.0.0.1 to keep the dashboard on this machine."
  );
}
