"""Benchmarks: `make bench` runs bench.run against PostgreSQL and Redis. What each figure means: docs/performance.md."""
