FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    KARIERBOT_DATA_DIR=/data \
    KARIERBOT_KNOWLEDGE_DIR=/app/knowledge KARIERBOT_RULES_DIR=/app/rules \
    KARIERBOT_WEBHOOK_LISTEN=0.0.0.0
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install .

COPY knowledge ./knowledge
COPY rules ./rules
# Broken content fails the build, not the first user's question.
RUN karierbot check

RUN useradd --system --uid 10001 --home-dir /app karierbot \
    && mkdir -p /data && chown karierbot /data
USER karierbot
VOLUME ["/data"]
# Long polling by default; `karierbot run --webhook` serves on 8443 behind a TLS proxy.
EXPOSE 8443
CMD ["karierbot", "run"]
