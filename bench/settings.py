"""Production settings (mecc.settings, DEBUG off) plus what the benchmark needs to see inside the server.

Two additions only: a Server-Timing header on every response, so the load generator reads the server's own time,
and the ceiling view (bench/stack.py). Nothing else differs from what gunicorn serves in production.
"""

from mecc.settings import *  # noqa: F403 - the whole production configuration, unchanged
from mecc.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.stack.ServerTimingMiddleware", *MIDDLEWARE]
