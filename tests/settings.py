"""Settings for the test suite: the production settings module, fed test defaults through the environment.

DATABASE_URL and REDIS_URL pass through untouched, so CI runs the same suite on PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_TRANSPORT", "false")
os.environ.setdefault("STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
os.environ.setdefault("EMAIL_URL", "memorymail://")

from mecc.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; the real hasher is tested by Django
CELERY_TASK_ALWAYS_EAGER = True  # the worker test switches this off for itself
WHITENOISE_USE_FINDERS = True  # serve static files straight from their sources to the browser tests' live server
WHITENOISE_AUTOREFRESH = True
# Each test process gets its own cache so allauth's rate-limit counters never leak between runs through Redis;
# tests/mecc/test_settings.py checks that REDIS_URL does switch the cache in the real settings.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="mecc-test-media-")  # uploads in tests never land in the work tree
# Most tests sign privileged members in without an authenticator; tests/organisations/test_mfa.py turns the
# requirement on, and tests/mecc/test_settings.py checks it is on in production.
MFA_REQUIRED_FOR_PRIVILEGED_ROLES = False
