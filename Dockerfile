FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    KARIERBOT_DATA_DIR=/data
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install .

COPY knowledge ./knowledge
# Broken content fails the build, not the first user's question.
RUN KARIERBOT_KNOWLEDGE_DIR=/app/knowledge karierbot check

RUN useradd --system --uid 10001 --home-dir /app karierbot \
    && mkdir -p /data && chown karierbot /data
USER karierbot
ENV KARIERBOT_KNOWLEDGE_DIR=/app/knowledge
VOLUME ["/data"]
CMD ["karierbot", "run"]
