"""The production URLs, plus the benchmark's ceiling view (never part of mecc.urls)."""

from django.urls import path

from bench.stack import insert_one_row
from mecc.urls import handler403, handler404, handler429, urlpatterns  # noqa: F401 - the error handlers too

urlpatterns = [path("bench/insert-one-row/", insert_one_row, name="bench_insert_one_row"), *urlpatterns]
