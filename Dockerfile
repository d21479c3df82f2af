# The MIROCALS decision aid, production image: `python serve.py` (warm-up, then readiness).
#   docker build -t mirocals-aid .
#   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET="$(openssl rand -hex 32)" mirocals-aid
# See README.md, "Deploying". Nothing here contacts any host at run time.
#
# BASE_IMAGE: the official Python image by default. Any Debian bookworm image with Python 3.11 as
# `python` and `pip` works too; tests/test_deploy_docker.py builds one from Debian's packages
# (debootstrap, then `docker import`) where no container registry can be reached.
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLCONFIGDIR=/tmp/matplotlib

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes. pip reads these
# build arguments as its own settings, so a build can use a mirror (PIP_INDEX_URL) or no index at
# all: wheels made beforehand with `pip wheel -r requirements.txt -w wheels/`, served on the build
# host's loopback (`python -m http.server -d wheels -b 127.0.0.1 8000`) and built with
# `docker build --network host --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS=http://127.0.0.1:8000/ .`
# (a wheels folder inside the build context would be copied into the image by `COPY . .` below).
ARG PIP_INDEX_URL
ARG PIP_FIND_LINKS
ARG PIP_NO_INDEX
COPY requirements.txt ./
RUN pip install --no-compile -r requirements.txt

# The app (tests, benchmarks, docs and git history are left out by .dockerignore).
COPY . .
RUN python -m compileall -q -j 0 /app \
    && groupadd --system --gid 10001 mirocals \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/mirocals --shell /usr/sbin/nologin mirocals

# Production configuration (on top of .streamlit/config.toml, which is copied too). The cookie
# secret is NOT baked in: give every replica the same STREAMLIT_SERVER_COOKIE_SECRET at run time
# (MIROCALS_ENV=production makes serve.py refuse to start without one).
ENV MIROCALS_ENV=production \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_CLIENT_TOOLBAR_MODE=minimal \
    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true \
    STREAMLIT_SERVER_ENABLE_CORS=true

USER mirocals
EXPOSE 8501

# 503 while the model warms up (see serve.py): "starting", then "healthy" once it can serve.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

CMD ["python", "serve.py"]
