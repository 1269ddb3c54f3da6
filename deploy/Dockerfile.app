# The main environment (Python 3.11): api, action server, index build job, officer tools.
FROM python:3.11-slim
WORKDIR /app
ENV HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY core core
COPY indexer indexer
COPY assistant assistant
COPY storage storage
COPY officers officers
COPY review review
COPY api api
COPY bot bot
COPY bench bench
COPY safeguarding safeguarding
# torch first, CPU build: anything else pulls several GB of CUDA through sentence-transformers.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu \
 && pip install --no-cache-dir -e . \
 && useradd --create-home --uid 10001 localoffer
COPY knowledge /app/knowledge
USER localoffer
