# CrampWatch's image for docker-compose.yml: the sources run through tsx (no compile step), the
# dashboard built by `npm ci` (its `prepare` script). The full node:20 image has the compilers
# better-sqlite3 falls back on when no prebuilt binary fits.
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm cache clean --force
RUN mkdir -p /data && chown node:node /data
USER node
ENV CRAMPWATCH_DATA_DIR=/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:8080/health || exit 1
CMD ["npx", "crampwatch", "serve"]
