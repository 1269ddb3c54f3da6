# The main environment (Python 3.11): api, action server, index build job, officer tools.
FROM python:3.11-slim
WORKDIR /app
ENV HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONUNBUFFERED=1
# Every pin and its SHA-256 from the lock (`make lock`), before the code so a code change
# reuses this layer. torch is the CPU wheel, from PyTorch's own index: pip takes only the file
# whose hash the lock holds, so no CUDA build and nothing else from that index comes in.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock \
        --extra-index-url https://download.pytorch.org/whl/cpu
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
# The project itself, with nothing more: its dependencies and setuptools all came from the lock.
# The folders named volumes mount on belong to the user the containers run as: a fresh named
# volume takes the owner of the folder it is mounted on, so without them it would be root's
# and the index, outbox, safeguarding and endpoints jobs could not write.
RUN pip install --no-cache-dir --no-deps --no-build-isolation -e . \
 && useradd --create-home --uid 10001 --user-group localoffer \
 && mkdir -p /index /outbox /safeguarding /config \
 && chown localoffer:localoffer /index /outbox /safeguarding /config
COPY knowledge /app/knowledge
USER localoffer
