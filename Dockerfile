# The assistant in one image: `docker build -t karierbot .`, then see docker-compose.yml.
# PYTHON_IMAGE: any image with Python >= 3.11 and its venv module (the default, or a local one
# where Docker Hub cannot be reached; .ci/docker-test builds one from Debian).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore \
    PATH=/opt/venv/bin:$PATH \
    HOME=/home/karierbot MPLCONFIGDIR=/home/karierbot/.cache/matplotlib \
    KARIERBOT_DATA_DIR=/data \
    KARIERBOT_KNOWLEDGE_DIR=/app/knowledge KARIERBOT_RULES_DIR=/app/rules \
    KARIERBOT_WEBHOOK_LISTEN=0.0.0.0
WORKDIR /app

# The app user owns its home (matplotlib's cache) and /data, nothing else.
RUN useradd --uid 10001 --create-home --shell /usr/sbin/nologin --home-dir /home/karierbot karierbot \
    && mkdir -p /data && chown karierbot /data \
    && python3 -m venv /opt/venv

# Dependencies first, from pyproject.toml and an empty package: a code change reuses this layer.
COPY pyproject.toml ./
RUN mkdir bot && touch bot/__init__.py README.md \
    && pip install --quiet . && pip uninstall --quiet --yes karierbot \
    && rm -rf bot README.md build karierbot.egg-info

COPY README.md ./
COPY bot ./bot
RUN pip install --quiet --no-deps . && rm -rf build karierbot.egg-info

COPY knowledge ./knowledge
COPY rules ./rules
# Broken content fails the build, not the first user's question.
RUN karierbot check

USER karierbot
VOLUME ["/data"]
# Long polling by default; `karierbot run --webhook` serves on 8443 behind a TLS proxy.
EXPOSE 8443
# Content and environment still load (the process itself is PID 1: when it dies, so does the
# container).
HEALTHCHECK --interval=5m --timeout=30s --start-period=30s --retries=2 CMD ["karierbot", "check"]
CMD ["karierbot", "run"]
