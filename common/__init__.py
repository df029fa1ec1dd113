"""Shared code with no domain: form fields, uploads, the cache, queueing, suppression, periods, exports, charts and
the NHS.UK template tags. It imports nothing of the project, so every app may stand on it."""
