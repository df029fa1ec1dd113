"""Load generator: virtual users against a running server, in a process of its own.

Run by the harness (bench/run.py) as `python -m bench.load < spec.json`; prints one JSON object of results.
Each virtual user holds its own session cookie and CSRF token and loops with no think time (a closed loop): open a
connection, send the request, read the whole response, record the latency and the server's own time from the
`Server-Timing: app;dur=…` header that bench/stack.py adds. Requests that start during the warm-up are not counted.
A run goes on past its duration until it has counted `min_counted` requests (3 unless told): on a busy 2-core machine
a slow first request can span the whole of a short run, and a run with no samples measures nothing.

Spec:
    {"host": "127.0.0.1", "port": 8000, "duration": 20, "warmup": 3, "max_requests": null, "min_counted": 3,
     "users": [{"cookie": "sessionid=…; csrftoken=…", "csrf": "…"}],
     "request": {"method": "POST", "path": "/o/x/conversations/new/", "body": "csrfmiddlewaretoken={csrf}&…",
                 "expect": [302]},
     "flush_redis_before_each": "redis://127.0.0.1:6379/13"}   (optional: an empty cache before every request)

`{key}` in the body becomes a fresh UUID per request, and `{name}` in the path and body the user's own value of
that name (`{csrf}`, `{team}`, `{slug}`). It is deliberately small: a Python client
costs a few hundred microseconds of CPU per request, which the results report (`client_cpu_seconds`) because on
a 2-core machine the generator's CPU is taken from the server.
"""

import asyncio
import json
import re
import resource
import sys
import time
import uuid
from collections import Counter

SERVER_TIMING = re.compile(rb"server-timing:\s*app;dur=([0-9.]+)", re.IGNORECASE)


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))], 2)


def summary(values: list[float]) -> dict:
    return {
        "p50": percentile(values, 0.50),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": round(max(values), 2) if values else None,
    }


class Run:
    def __init__(self, spec: dict):
        self.spec = spec
        self.request = spec["request"]
        self.expect = set(self.request.get("expect", [200]))
        self.latencies: list[float] = []
        self.server_times: list[float] = []
        self.statuses: Counter = Counter()
        self.failures: Counter = Counter()
        self.sent = 0
        self.counted = 0  # requests sent after the warm-up, whatever their outcome
        self.accepted_in_all = 0  # warm-up included: what the server should have stored
        self.redis = None
        if spec.get("flush_redis_before_each"):
            import redis

            self.redis = redis.Redis.from_url(spec["flush_redis_before_each"])

    def encode(self, user: dict) -> bytes:
        method, path, body = self.request["method"], self.request["path"], self.request.get("body", "")
        for name, value in user.items():
            path = path.replace("{" + name + "}", str(value))
            body = body.replace("{" + name + "}", str(value))
        body = body.replace("{key}", str(uuid.uuid4())).encode()
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.spec['host']}",
            f"Cookie: {user.get('cookie', '')}",
            "Connection: close",
            "User-Agent: mecc-bench",
        ]
        if method == "POST":
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def one(self, user: dict, counted: bool) -> None:
        if self.redis is not None:
            self.redis.flushdb()
        payload = self.encode(user)
        start = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(self.spec["host"], self.spec["port"])
            writer.write(payload)
            await writer.drain()
            response = await reader.read()
            writer.close()
        except OSError as error:
            if counted:
                self.failures[type(error).__name__] += 1
            return
        elapsed = (time.perf_counter() - start) * 1000
        head = response.split(b"\r\n\r\n", 1)[0]
        try:
            status = int(head.split(b" ", 2)[1])
        except (IndexError, ValueError):
            status = None
        if status in self.expect:
            self.accepted_in_all += 1
        if not counted:
            return
        if status is None:
            self.failures["unreadable response"] += 1
            return
        self.statuses[status] += 1
        if status not in self.expect:
            self.failures[f"HTTP {status}"] += 1
            return
        self.latencies.append(elapsed)
        match = SERVER_TIMING.search(head)
        if match:
            self.server_times.append(float(match.group(1)))

    async def user_loop(self, user: dict, counting_from: float, stop_at: float) -> None:
        limit = self.spec.get("max_requests")
        enough = self.spec.get("min_counted", 3)
        while (time.perf_counter() < stop_at or self.counted < enough) and (limit is None or self.sent < limit):
            self.sent += 1
            counted = time.perf_counter() >= counting_from
            self.counted += counted
            await self.one(user, counted=counted)

    async def main(self) -> dict:
        users = self.spec["users"]
        began = time.perf_counter()
        counting_from = began + self.spec.get("warmup", 0)
        stop_at = counting_from + self.spec["duration"]
        await asyncio.gather(*(self.user_loop(user, counting_from, stop_at) for user in users))
        seconds = time.perf_counter() - counting_from
        usage = resource.getrusage(resource.RUSAGE_SELF)
        ok = len(self.latencies)
        return {
            "users": len(users),
            "seconds": round(seconds, 2),
            "ok": ok,
            "failed": sum(self.failures.values()),
            "accepted_with_warmup": self.accepted_in_all,
            "failures": dict(self.failures),
            "statuses": {str(k): v for k, v in self.statuses.items()},
            "per_second": round(ok / seconds, 1) if seconds else 0,
            "latency_ms": summary(self.latencies),
            "server_ms": summary(self.server_times),
            "client_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        }


def main() -> None:
    spec = json.load(sys.stdin)
    print(json.dumps(asyncio.run(Run(spec).main())))


if __name__ == "__main__":
    main()
