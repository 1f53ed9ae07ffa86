# Build stage: every dependency (the dashboard build needs Vite and Remix's dev tools).
FROM oven/bun:1 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN bun install --frozen-lockfile
COPY . .
RUN bunx remix vite:build --config web/vite.config.ts

# Runtime stage: production dependencies, the sources and the built dashboard.
FROM oven/bun:1 AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN bun install --frozen-lockfile --production
COPY engine ./engine
COPY events ./events
COPY schema ./schema
COPY simulator ./simulator
COPY --from=build /app/web ./web
USER bun
EXPOSE 3000
CMD ["bun", "engine/main.ts"]
