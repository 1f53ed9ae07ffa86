/**
 * .env.example and docs/configuration.md, rendered from the variable table. A test compares the
 * committed files with these renderings, and write-docs.ts rewrites them, so they cannot drift.
 */
import { GROUPS, type GroupId } from "./groups.ts";
import { spec, VARIABLE_NAMES, type VariableName } from "./variables.ts";

export const ENV_EXAMPLE_PATH = ".env.example";
export const DOCS_PATH = "docs/configuration.md";

const GENERATOR = "engine/config/write-docs.ts";

function grouped(): [GroupId, VariableName[]][] {
  return (Object.keys(GROUPS) as GroupId[]).map((g) => [
    g,
    VARIABLE_NAMES.filter((n) => spec(n).group === g),
  ]);
}

/** Greedy word wrap for comment lines; a single overlong word stays whole. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** dotenv and docker compose both read double quotes; values with spaces (cron) need them. */
const envValue = (value: string): string => (/[\s#"'$]/.test(value) ? `"${value}"` : value);

export function renderEnvExample(): string {
  const out = [
    "# Conviction configuration: every variable, its default and what it means.",
    `# Generated from engine/config/variables.ts by \`bun ${GENERATOR}\`; edit the table, not this file.`,
    "#",
    "# Copy to .env and uncomment what you change. A commented line shows the default (or nothing,",
    "# when unset is the default). Empty values count as unset. [secret] values are never printed.",
  ];
  for (const [group, names] of grouped()) {
    const { title, intro } = GROUPS[group];
    out.push(
      "",
      `# ${"=".repeat(98)}`,
      `# ${title}`,
      ...wrap(intro, 98).map((l) => `# ${l}`),
      `# ${"=".repeat(98)}`,
    );
    for (const name of names) {
      const s = spec(name);
      const marker = s.secret === "url-password" ? "[password is secret] " : s.secret ? "[secret] " : "";
      const meaning = `${marker}${s.meaning}`;
      out.push("", ...wrap(meaning, 98).map((l) => `# ${l}`), `# ${name}=${envValue(s.default ?? "")}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Pipes would end the cell and angle brackets would be read as HTML. */
const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("<", "&lt;");

export function renderConfigurationDoc(): string {
  const out = [
    "# Configuration",
    "",
    `<!-- Generated from engine/config/variables.ts by \`bun ${GENERATOR}\`; edit the table, not this file. -->`,
    "",
    "Conviction reads its whole configuration from environment variables once, at start-up, and refuses to",
    "start if anything is wrong, listing every problem as `NAME=value: rule` and exiting with code 78",
    "(EX_CONFIG). Empty values count as unset, and surrounding whitespace is ignored. Bun also reads a",
    "`.env` file; `.env.example` lists every variable.",
    "",
    "Dollar amounts and prices are exact decimals with at most 6 places. **Secret** values never appear in",
    "messages, logs or the `config` API: they are shown as `<redacted>` (for DATABASE_URL, only the password is).",
  ];
  for (const [group, names] of grouped()) {
    const { title, intro } = GROUPS[group];
    out.push("", `## ${title}`, "", intro, "", "| Variable | Default | Meaning |", "| --- | --- | --- |");
    for (const name of names) {
      const s = spec(name);
      const fallback = s.default === undefined ? "unset" : `\`${s.default}\``;
      const marker = s.secret === "url-password" ? "**Secret (password).** " : s.secret ? "**Secret.** " : "";
      const meaning = `${marker}${s.meaning}`;
      out.push(`| \`${name}\` | ${fallback} | ${cell(meaning)} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

export const README_PATH = "README.md";
const README_START = "<!-- config-table:start -->";
const README_END = "<!-- config-table:end -->";

/** The README carries the same tables, one heading level down, between two markers. */
export function renderReadmeConfigSection(): string {
  const doc = renderConfigurationDoc();
  const tables = doc.slice(doc.indexOf("\n## ") + 1).replaceAll(/^## /gm, "### ");
  return `${README_START}\n${tables}${README_END}`;
}

/** README.md with its configuration section regenerated (the rest untouched). */
export function spliceReadme(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1)
    throw new Error(`README.md lacks the ${README_START} … ${README_END} markers`);
  return readme.slice(0, start) + renderReadmeConfigSection() + readme.slice(end + README_END.length);
}
