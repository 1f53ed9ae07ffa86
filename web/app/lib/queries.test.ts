import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { ALL_DOCUMENTS } from "./queries";

// The SDL is the contract with the engine: every document the dashboard sends must validate.
const schema = buildSchema(readFileSync(new URL("../../../schema/schema.graphql", import.meta.url), "utf8"));

for (const [name, document] of Object.entries(ALL_DOCUMENTS)) {
  test(`${name} validates against schema/schema.graphql`, () => {
    const errors = validate(schema, parse(document)).map((e) => e.message);
    expect(errors).toEqual([]);
  });
}
