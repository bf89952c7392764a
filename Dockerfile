# skyledger service image. It cannot be built on the development machines (no Docker engine there),
# so its install steps mirror .ci/run's: keep the two in step.
FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends rtl-sdr librtlsdr-dev python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY native ./native
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .

RUN useradd --system --create-home --home-dir /home/skyledger skyledger \
 && mkdir -p /data && chown skyledger /data
USER skyledger
VOLUME ["/data"]
ENV SKYLEDGER_DB=/data/skyledger.db
EXPOSE 8080
CMD ["node", "bin/skyledger.js", "serve", "--db", "/data/skyledger.db", "--host", "0.0.0.0"]
