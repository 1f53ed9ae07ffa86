/**
 * The dashboard's build, run from the repository root (Remix reads the root package.json for its
 * dependencies, so the Vite root is the repository; everything else stays under web/):
 *   npx remix vite:build --config web/vite.config.ts   →  web/build/{client,server}
 */
import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));

// `remix vite:dev` only: the browser's live-update stream goes to /graphql on the dev server's
// origin, so pass it through to the engine (GRAPHQL_URL). The built app never uses this.
const graphqlUrl = process.env.GRAPHQL_URL;
const proxy = graphqlUrl
  ? { "/graphql": { target: new URL(graphqlUrl).origin, changeOrigin: true } }
  : undefined;

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  root,
  publicDir: "web/public",
  server: { proxy },
  plugins: [
    tailwindcss(),
    remix({
      appDirectory: "web/app",
      buildDirectory: "web/build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
});
