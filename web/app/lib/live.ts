/**
 * Live updates without reloads: the browser subscribes to the API's SSE stream on the same origin
 * (the session cookie goes along) and, when the engine reports new projected events, asks Remix
 * to re-run the page's loaders. Data still only ever arrives through loaders; the stream is a
 * doorbell, not a data source.
 */
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ACCOUNT_PARAM } from "./account";
import { LIVE_SUBSCRIPTION } from "./queries";

export type LiveStatus = "connecting" | "live" | "offline";

/** Bursts of events (a scan places several orders) become one refetch. */
const DEBOUNCE_MS = 600;
const MAX_RETRY_MS = 30_000;

/**
 * The stream's URL. EventSource cannot send headers, so the account the page shows goes in the URL
 * (the API reads `account` there too): the doorbell rings for that account's changes.
 */
export function liveUrl(account: string | null = null): string {
  const params = new URLSearchParams({ query: LIVE_SUBSCRIPTION });
  if (account) params.set(ACCOUNT_PARAM, account);
  return `/graphql?${params}`;
}

export function useLiveUpdates(enabled: boolean, account: string | null = null): LiveStatus {
  const revalidator = useRevalidator();
  // The revalidator object changes every render; the stream must not reconnect because of it.
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [status, setStatus] = useState<LiveStatus>("connecting");

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") {
      setStatus("offline");
      return;
    }
    let source: EventSource | null = null;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let retryMs = 1_000;
    let stale = false;
    let stopped = false;

    const refresh = () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        // A hidden tab catches up once when it is shown again instead of refetching in the dark.
        if (document.visibilityState === "hidden") stale = true;
        else revalidate.current();
      }, DEBOUNCE_MS);
    };

    const connect = () => {
      if (stopped) return;
      setStatus("connecting");
      source = new EventSource(liveUrl(account), { withCredentials: true });
      let opened = false;
      source.onopen = () => {
        // Anything may have happened while disconnected: refetch once on every reconnect.
        if (opened || retryMs > 1_000) refresh();
        opened = true;
        retryMs = 1_000;
        setStatus("live");
      };
      source.addEventListener("next", refresh);
      // The server ended the stream (restart, deploy): reconnect on our own schedule.
      source.addEventListener("complete", () => reconnect());
      source.onerror = () => {
        // EventSource retries by itself while CONNECTING; a CLOSED source (4xx/5xx) needs us.
        if (source?.readyState === EventSource.CLOSED) reconnect();
        else setStatus("connecting");
      };
    };

    const reconnect = () => {
      source?.close();
      source = null;
      setStatus("offline");
      clearTimeout(retry);
      retry = setTimeout(connect, retryMs);
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    };

    const onVisible = () => {
      if (document.visibilityState === "visible" && stale) {
        stale = false;
        revalidate.current();
      }
    };

    connect();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(debounce);
      clearTimeout(retry);
      source?.close();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [enabled, account]);

  return status;
}
