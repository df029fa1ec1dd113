"""The benchmark's load generator counts what a server really answered: every user's own values, a fresh key per
request, statuses it expected and those it did not, and the server's own time from its header. It runs as the
harness runs it, in a process of its own (python -m bench.load)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from bench.load import percentile
from bench.serve import load


class Recorder(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - the http.server hook's name
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append((self.path, self.headers["Cookie"], parse_qs(body)))
        status = 500 if self.path.startswith("/o/broken/") else 302
        if self.path.startswith("/o/slow/"):
            time.sleep(0.4)
        self.send_response(status)
        self.send_header("Server-Timing", "app;dur=7.50")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Recorder.received = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


def spec(server, users, **extra):
    return {
        "host": "127.0.0.1",
        "port": server.server_address[1],
        "duration": 0.5,
        "warmup": 0,
        "users": users,
        "request": {"method": "POST", "path": "/o/{slug}/log/", "body": "csrf={csrf}&key={key}", "expect": [302]},
        **extra,
    }


def test_each_user_posts_its_own_values_with_a_fresh_key_every_time(server):
    users = [{"cookie": f"sessionid=s{n}", "csrf": f"token{n}", "slug": f"org{n}"} for n in range(3)]
    result = load(spec(server, users))
    assert result["ok"] == result["accepted_with_warmup"] == len(Recorder.received) > 10
    assert result["failed"] == 0 and result["statuses"] == {"302": result["ok"]}
    keys = [fields["key"][0] for _, _, fields in Recorder.received]
    assert len(set(keys)) == len(keys)
    for path, cookie, fields in Recorder.received:
        n = cookie[-1]
        assert path == f"/o/org{n}/log/" and fields["csrf"] == [f"token{n}"]
    assert result["server_ms"]["p50"] == result["server_ms"]["p99"] == 7.5
    assert result["latency_ms"]["p50"] > 0 and result["client_cpu_seconds"] >= 0


def test_unexpected_statuses_are_failures_not_throughput(server):
    users = [
        {"cookie": "sessionid=a", "csrf": "t", "slug": "broken"},
        {"cookie": "sessionid=b", "csrf": "t", "slug": "ok"},
    ]
    result = load(spec(server, users))
    broken = sum(1 for path, _, _ in Recorder.received if path.startswith("/o/broken/"))
    assert result["failures"] == {"HTTP 500": broken} and result["failed"] == broken > 0
    assert result["ok"] == len(Recorder.received) - broken


def test_nothing_is_counted_during_the_warm_up_but_everything_is_seen(server):
    result = load(spec(server, [{"cookie": "", "csrf": "", "slug": "x"}], warmup=0.3))
    assert result["accepted_with_warmup"] == len(Recorder.received) > result["ok"] > 0


def test_a_run_whose_requests_outlast_it_still_counts_enough_of_them(server):
    """A first request slower than the warm-up and the run together (a cold worker on a busy machine) must not
    leave the run with no samples: it goes on until it has counted its minimum."""
    result = load(spec(server, [{"cookie": "", "csrf": "", "slug": "slow"}], warmup=0.2, duration=0.1))
    assert result["ok"] == 3 and len(Recorder.received) == 4
    assert load(spec(server, [{"cookie": "", "csrf": "", "slug": "slow"}], duration=0.1, min_counted=1))["ok"] == 1


def test_max_requests_bounds_a_run(server):
    result = load(spec(server, [{"cookie": "", "csrf": "", "slug": "x"}], max_requests=5, duration=5))
    assert len(Recorder.received) == 5 and result["ok"] == 5


def test_percentiles():
    assert percentile([], 0.5) is None
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1.0)) == (51.0, 99.0, 100.0)
