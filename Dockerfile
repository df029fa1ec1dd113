# The production image used by docker-compose.yml: gunicorn, the Celery workers and beat all run from it.
# Two stages: the first builds the Python wheels and the NHS.UK frontend's node_modules with their toolchains; the
# second holds only what runs (no compilers, no npm), installed from the locked, hashed requirements.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY requirements.lock package.json package-lock.json ./
RUN pip wheel --require-hashes --wheel-dir /wheels -r requirements.lock \
 && npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /wheels /wheels
COPY requirements.lock ./
RUN pip install --no-index --find-links /wheels --require-hashes -r requirements.lock && rm -rf /wheels
COPY --from=build /build/node_modules ./node_modules
COPY . .
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --no-input

RUN useradd --create-home mecc && mkdir -p /app/media /var/lib/celery && chown mecc /app/media /var/lib/celery
USER mecc
EXPOSE 8000
CMD ["gunicorn", "mecc.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
