# Một Cửa Thân Thiện — one application instance. Run-time data in /srv/motcua (DATA_DIR);
# a province runs several behind a reverse proxy on PostgreSQL: see compose.yaml and docs/operations.md.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN node scripts/build.mjs && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/srv/motcua \
    HOST=0.0.0.0 \
    PORT=3000 \
    DEMO=off
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /srv/motcua && chown node:node /srv/motcua
USER node
VOLUME ["/srv/motcua"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=4", "bin/serve.mjs"]
