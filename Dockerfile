# Conviction on the official Bun image, in stages: the dashboard is built with every dependency,
# the runtime carries production dependencies, the sources and the built dashboard only.
#   docker build -t conviction .
ARG BUN_IMAGE=oven/bun:1

# Every dependency, pinned by package-lock.json (Bun migrates it to its own lockfile as it installs).
FROM ${BUN_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN bun install

# The dashboard: web/build/{client,server}.
FROM deps AS build
COPY . .
RUN bunx remix vite:build --config web/vite.config.ts

# Production dependencies only: no Vite, Remix dev tools, Biome or test tooling in the image.
FROM ${BUN_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN bun install --production

FROM ${BUN_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY engine ./engine
COPY events ./events
COPY schema ./schema
COPY simulator ./simulator
COPY --from=build /app/web ./web
# The embedded database's default home, owned by the unprivileged user (unused with DATABASE_URL).
RUN mkdir -p /app/data && chown bun:bun /app/data
USER bun
EXPOSE 3000
# Liveness; compose and orchestrators may also ask /readyz (database, exchange, leadership).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["bun", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["bun", "engine/main.ts"]
