import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSchema } from "graphql-yoga";
import type { ApiContext } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

/** The SDL is the contract (the dashboard is built against the file itself). */
export const SDL_PATH = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
export const typeDefs = readFileSync(SDL_PATH, "utf8");

export function buildSchema() {
  return createSchema<ApiContext>({
    typeDefs,
    // graphql-tools checks every resolver against the SDL at start-up: a typo fails loudly here.
    resolvers: resolvers as never,
    resolverValidationOptions: { requireResolversToMatchSchema: "error" },
  });
}
