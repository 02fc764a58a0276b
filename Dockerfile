# The Kennisbank image: gunicorn serves the site (gunicorn.conf.py), the same image runs the
# worker and the one-shot migrations (docker-compose.yml). Static files are collected here, at
# build time, so every container of one image serves the same files.
# Debian 12 (bookworm), not the moving `python:3.11-slim` (Debian 13 since August 2025): its
# postgresql-client is 15, the compose `db`'s major version. A newer pg_dump writes backups that
# PostgreSQL 15 cannot restore, and `manage.py backup` refuses it (README, "Backups").
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 PORT=8000 \
    MEDIA_ROOT=/data/media STATIC_ROOT=/app/staticfiles
WORKDIR /app
# pg_dump and pg_restore for `manage.py backup` and `restore` (README, "Backups"), of the
# server's major version: the build fails rather than ship another one.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && pg_dump --version | grep -q "(PostgreSQL) 15\."
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
RUN DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0
# Not root: the processes own only the uploads (a volume at /data/media) and /backups.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home kennisbank \
    && mkdir -p /data/media /backups && chown kennisbank:kennisbank /data/media /backups
USER kennisbank
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
