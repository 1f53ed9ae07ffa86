/** Sections of .env.example and docs/configuration.md, in the order they appear. */
export const GROUPS = {
  general: { title: "General", intro: "Which account and mode this process runs, its clock and its logs." },
  trading: {
    title: "Trading rules",
    intro:
      "What the engine buys and how much it risks. Dollar amounts and prices are read as exact decimals " +
      "(at most 6 places), never floats.",
  },
  storage: { title: "Storage", intro: "Where the event store lives." },
  server: { title: "Dashboard and API", intro: "The HTTP server for the dashboard and the GraphQL API." },
  kalshi: {
    title: "Kalshi",
    intro: "The exchange: which environment, and the API key used to sign requests.",
  },
  ai: {
    title: "AI market selection",
    intro: "Optional. Without a key the rules-based selector picks markets on its own.",
  },
  schedules: {
    title: "Schedules",
    intro:
      "Cron expressions (5 fields, or 6 with seconds first) evaluated in TZ. They are checked with the " +
      "scheduler's own parser at start-up.",
  },
  notifications: { title: "Notifications", intro: "Optional destinations for alerts and reports." },
} as const;

export type GroupId = keyof typeof GROUPS;
