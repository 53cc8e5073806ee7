# One image for the API and the worker; docker-compose.yml picks the entry point.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Development packages (the compiler, the embedded PostgreSQL, the benchmark's clients) stay out:
# the npm scripts below run dist/ as built here (scripts/ensure-built.js) and never build at run time.
RUN npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/scripts/paths.js /app/scripts/ensure-built.js ./scripts/
COPY --from=build /app/tsconfig.json /app/package.json ./
USER node
CMD ["node", "-r", "./scripts/paths.js", "dist/apps/api/src/main.js"]
