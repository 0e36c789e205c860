# Pitchwise service image: CPU-only PyTorch, the packaged MiniLM model, non-root, `pitchwise serve`.
# Build:  docker build -t pitchwise .
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# CPU wheels first: a plain `torch` from PyPI is a multi-GB CUDA build.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY pyproject.toml README.md ./
COPY service ./service
COPY indexing ./indexing
COPY content_store ./content_store
COPY personas ./personas
RUN pip install .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    PITCHWISE_DATA_DIR=/data
COPY --from=build /opt/venv /opt/venv
RUN useradd --system --uid 10001 --home-dir /data --create-home pitchwise
USER 10001
WORKDIR /data
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz').status != 200)"]
CMD ["pitchwise", "serve", "--host", "0.0.0.0", "--port", "8000"]
