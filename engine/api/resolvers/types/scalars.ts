import { GraphQLError, GraphQLScalarType, Kind, type ValueNode, valueFromASTUntyped } from "graphql";

/**
 * Times leave as ISO 8601 UTC whatever the driver handed us (a Date, or to_jsonb's
 * "2026-11-25T08:00:00+00:00"), so the dashboard parses one format.
 */
function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number") {
    const ms = typeof value === "number" ? value : Date.parse(value);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
}

function parseIso(value: unknown): string {
  if (typeof value !== "string" || !Number.isFinite(Date.parse(value)))
    throw new GraphQLError("DateTime must be an ISO 8601 string");
  return new Date(value).toISOString();
}

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize: isoOf,
  parseValue: parseIso,
  parseLiteral: (ast) => parseIso(ast.kind === Kind.STRING ? ast.value : null),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && DAY.test(value.slice(0, 10))) return value.slice(0, 10);
  throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
}

const parseDay = (value: unknown): string => {
  if (typeof value !== "string" || !DAY.test(value)) throw new GraphQLError("Date must be YYYY-MM-DD");
  return value;
};

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  serialize: dayOf,
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : null),
});

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast: ValueNode, variables) => valueFromASTUntyped(ast, variables),
});
