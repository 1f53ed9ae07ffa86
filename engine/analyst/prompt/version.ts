/**
 * Bump on ANY change to the system prompt, the user-message layout or the tool schema: the
 * calibration ledger compares prompt versions, so two different prompts must never share one.
 */
export const PROMPT_VERSION = "selector-2026-01.1";
