/** Human-readable series/event/market wording, so catalog listings look like Kalshi's. */

export interface CategoryTemplate {
  category: string;
  prefix: string;
  frequency: string;
  codes: readonly string[];
  subject: readonly string[];
  seriesTitle: (subject: string) => string;
  eventTitle: (subject: string, date: string) => string;
  marketTitle: (subject: string, strike: number, date: string) => string;
  yes: (strike: number) => string;
  no: (strike: number) => string;
  strikeBase: number;
  strikeStep: number;
  tags: readonly string[];
}

export const CATEGORIES: readonly CategoryTemplate[] = [
  {
    category: "Climate and Weather",
    prefix: "HIGH",
    frequency: "daily",
    codes: ["NY", "CHI", "MIA", "AUS", "DEN", "LAX", "PHIL", "SEA", "BOS", "ATL"],
    subject: [
      "New York",
      "Chicago",
      "Miami",
      "Austin",
      "Denver",
      "Los Angeles",
      "Philadelphia",
      "Seattle",
      "Boston",
      "Atlanta",
    ],
    seriesTitle: (s) => `Highest temperature in ${s}`,
    eventTitle: (s, d) => `Highest temperature in ${s} on ${d}?`,
    marketTitle: (s, k, d) => `Will the high temp in ${s} be above ${k}° on ${d}?`,
    yes: (k) => `${k}° or above`,
    no: (k) => `Below ${k}°`,
    strikeBase: 40,
    strikeStep: 2,
    tags: ["Weather"],
  },
  {
    category: "Economics",
    prefix: "CPI",
    frequency: "monthly",
    codes: ["", "CORE", "YOY", "JOBS", "GDP", "FED"],
    subject: ["CPI", "Core CPI", "CPI year-over-year", "Nonfarm payrolls", "GDP growth", "Fed funds rate"],
    seriesTitle: (s) => `${s} release`,
    eventTitle: (s, d) => `${s} for the release on ${d}`,
    marketTitle: (s, k, d) => `Will ${s} be above ${(k / 10).toFixed(1)} on ${d}?`,
    yes: (k) => `Above ${(k / 10).toFixed(1)}`,
    no: (k) => `${(k / 10).toFixed(1)} or below`,
    strikeBase: 20,
    strikeStep: 1,
    tags: ["Inflation", "Macro"],
  },
  {
    category: "Crypto",
    prefix: "BTC",
    frequency: "daily",
    codes: ["", "D", "ETH", "SOL", "XRP", "DOGE"],
    subject: ["Bitcoin", "Bitcoin daily", "Ethereum", "Solana", "XRP", "Dogecoin"],
    seriesTitle: (s) => `${s} price`,
    eventTitle: (s, d) => `${s} price on ${d}`,
    marketTitle: (s, k, d) =>
      `Will ${s} close above $${k.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")} on ${d}?`,
    yes: (k) => `$${k.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")} or above`,
    no: (k) => `Below $${k.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`,
    strikeBase: 90_000,
    strikeStep: 250,
    tags: ["BTC", "Crypto"],
  },
  {
    category: "Financials",
    prefix: "INX",
    frequency: "daily",
    codes: ["", "U", "NDX", "WTI", "GOLD", "TNOTE"],
    subject: ["S&P 500", "S&P 500 range", "Nasdaq-100", "WTI crude", "Gold", "10Y Treasury yield"],
    seriesTitle: (s) => `${s} daily close`,
    eventTitle: (s, d) => `${s} close on ${d}`,
    marketTitle: (s, k, d) => `Will the ${s} close above ${k} on ${d}?`,
    yes: (k) => `${k} or above`,
    no: (k) => `Below ${k}`,
    strikeBase: 5900,
    strikeStep: 25,
    tags: ["Indices"],
  },
  {
    category: "Sports",
    prefix: "GAME",
    frequency: "custom",
    codes: ["NFL", "NBA", "MLB", "NHL", "EPL", "NCAAF", "ATP", "WNBA"],
    subject: ["NFL", "NBA", "MLB", "NHL", "Premier League", "College Football", "ATP", "WNBA"],
    seriesTitle: (s) => `${s} game winner`,
    eventTitle: (s, d) => `${s} game on ${d}`,
    marketTitle: (s, k, d) => `Will the home side win ${s} game ${k} on ${d}?`,
    yes: (k) => `Home side wins game ${k}`,
    no: (k) => `Home side does not win game ${k}`,
    strikeBase: 1,
    strikeStep: 1,
    tags: ["Sports"],
  },
  {
    category: "Politics",
    prefix: "POL",
    frequency: "weekly",
    codes: ["APPROVE", "BILL", "SENATE", "EO", "POLL", "TARIFF"],
    subject: [
      "Presidential approval",
      "House bill passage",
      "Senate votes",
      "Executive orders",
      "National polls",
      "Tariff rate",
    ],
    seriesTitle: (s) => `${s}`,
    eventTitle: (s, d) => `${s} by ${d}`,
    marketTitle: (s, k, d) => `${s}: above ${k} by ${d}?`,
    yes: (k) => `Above ${k}`,
    no: (k) => `${k} or below`,
    strikeBase: 35,
    strikeStep: 1,
    tags: ["US Politics"],
  },
  {
    category: "Entertainment",
    prefix: "ENT",
    frequency: "weekly",
    codes: ["BOX", "STREAM", "CHART", "RT", "SPOT"],
    subject: [
      "Box office opening",
      "Top streaming show",
      "Billboard Hot 100",
      "Rotten Tomatoes score",
      "Spotify top song",
    ],
    seriesTitle: (s) => `${s}`,
    eventTitle: (s, d) => `${s} for ${d}`,
    marketTitle: (s, k, d) => `${s} above ${k} for ${d}?`,
    yes: (k) => `Above ${k}`,
    no: (k) => `${k} or below`,
    strikeBase: 50,
    strikeStep: 5,
    tags: ["Culture"],
  },
];

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** Kalshi's date code, e.g. 26JAN07. */
export function dateCode(ms: number): string {
  const d = new Date(ms);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, "0");
  return `${yy}${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(2, "0")}`;
}

export function humanDate(ms: number): string {
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()] ?? "";
  return `${month.charAt(0)}${month.slice(1).toLowerCase()} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}
