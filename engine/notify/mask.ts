/**
 * A destination as it may be shown (dashboard, logs): the service's host and the last four
 * characters, enough to tell two webhooks apart, never enough to post to one. A webhook URL is a
 * bearer credential: whoever has it can post to the channel.
 */
export function maskUrl(url: string): string {
  let host = "…";
  try {
    host = new URL(url).host;
  } catch {
    // Config parsing accepted it as a URL; if this still fails, show nothing of it.
  }
  const tail = url.length > 24 ? url.slice(-4) : "";
  return `${host}/…${tail}`;
}

/** A Telegram destination: the API host and the chat's last digits; the bot token never. */
export function maskTelegram(apiUrl: string, chatId: string): string {
  const tail = chatId.length > 4 ? chatId.slice(-4) : "";
  return `${maskUrl(apiUrl).replace(/\/….*$/, "")} · chat …${tail}`;
}
