/**
 * Cross-site request forgery. A browser attaches the session cookie to requests other sites make,
 * so a mutation authenticated by cookie must prove it came from our own pages. Choice: the
 * same-origin check — Origin (or, lacking it, Referer) must name the host the request was sent to.
 * Browsers send Origin on every POST, and scripts cannot forge it. Non-browser clients that send
 * neither may instead set `X-Conviction-CSRF: 1`, a header a cross-site page cannot add without a
 * CORS preflight, which this server never grants (CORS is off).
 */
export const CSRF_HEADER = "x-conviction-csrf";

export type OriginVerdict = "same" | "cross" | "absent";

export function originVerdict(request: Request): OriginVerdict {
  const host = request.headers.get("host") ?? new URL(request.url).host;
  const claimed = request.headers.get("origin") ?? request.headers.get("referer");
  if (claimed === null || claimed === "") return "absent";
  let origin: URL;
  try {
    origin = new URL(claimed);
  } catch {
    return "cross"; // "null" (sandboxed frames, file://) and garbage are never same-origin
  }
  // Host normalised like the origin (a default port like :443 is dropped by URL on both sides).
  let target: string;
  try {
    target = new URL(`${origin.protocol}//${host}`).host;
  } catch {
    return "cross";
  }
  return origin.host === target ? "same" : "cross";
}

export const hasCsrfHeader = (request: Request): boolean => request.headers.get(CSRF_HEADER) !== null;
