# Pitchwise service image: CPU-only PyTorch, the packaged MiniLM model, non-root, `pitchwise serve`.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
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
USER pitchwise
WORKDIR /data
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz').status == 200 else 1)"
CMD ["pitchwise", "serve", "--host", "0.0.0.0", "--port", "8000"]
