import { type DocumentNode, Kind, visit } from "graphql";
import type { Plugin } from "graphql-yoga";
import { badInput } from "./errors.ts";

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a NUL in any string argument would fail deep
 * in a query or an event append and reach the client as "Unexpected error." (found by the chaos
 * suite's fuzzing: `pauseTrading(reason: "\u0000")` — the kill switch — failed that way). Refuse it
 * up front, as bad input naming the argument, whether it came as a variable or a literal.
 */
const NUL = "\u0000";

function variableWithNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = variableWithNul(v, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = variableWithNul(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/** The first literal argument holding a NUL, or null. */
function literalWithNul(document: DocumentNode): string | null {
  let where: string | null = null;
  visit(document, {
    [Kind.ARGUMENT](node) {
      if (where) return;
      visit(node.value, {
        [Kind.STRING](s) {
          if (!where && s.value.includes(NUL)) where = `argument ${node.name.value}`;
        },
      });
    },
  });
  return where;
}

export const noNulCharactersPlugin = (): Plugin => {
  // yoga's parser cache hands the same DocumentNode to every request with the same text: walk
  // each document once, not on every request (the dashboard sends the same few all day).
  const literals = new WeakMap<DocumentNode, string | null>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let where = variableWithNul(args.variableValues ?? {}, "variables");
      if (!where) {
        let known = literals.get(args.document);
        if (known === undefined) {
          known = literalWithNul(args.document);
          literals.set(args.document, known);
        }
        where = known;
      }
      if (where)
        setResultAndStopExecution({
          errors: [badInput(`${where} contains a NUL (\\u0000) character, which cannot be stored.`)],
        });
    },
  };
};
