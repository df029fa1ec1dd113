"""docker-compose.yml describes the production topology; there is no Docker engine here, so check its shape."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_topology_has_web_worker_beat_postgres_and_redis_with_health_checks():
    services = compose()["services"]
    assert set(services) == {"proxy", "web", "worker", "reports", "beat", "db", "redis"}
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
    assert "gunicorn" in services["web"]["command"]
    assert "celery -A mecc worker" in services["worker"]["command"]
    assert "celery -A mecc beat" in services["beat"]["command"]
    assert services["db"]["image"].startswith("postgres:") and services["redis"]["image"].startswith("redis:")
    for app in ("web", "worker", "reports", "beat"):
        env = services[app]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith("redis://")
        assert services[app]["depends_on"]["db"]["condition"] == "service_healthy"


def test_only_the_proxy_is_published_and_the_app_trusts_exactly_it():
    services = compose()["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["proxy"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_pass http://web:8000;" in nginx and "client_max_body_size 25m;" in nginx
    assert "X-Forwarded-For $remote_addr;" in nginx and "server_tokens off;" in nginx


def test_reports_have_a_queue_and_a_worker_of_their_own():
    services = compose()["services"]
    assert "--queues mecc-reports" in services["reports"]["command"]
    assert "--queues mecc " in services["worker"]["command"]
    from mecc.celery import route_task  # noqa: PLC0415 - this module's other tests need no Django

    assert route_task("evaluation.tasks.build_evaluation_report", (), {}, {}) == {"queue": "mecc-reports"}
    assert route_task("contacts.tasks.run_conversation_import", (), {}, {}) is None


def test_beat_keeps_its_schedule_on_a_volume():
    beat = compose()["services"]["beat"]
    assert "--schedule /var/lib/celery/beat-schedule" in beat["command"]
    assert "beat:/var/lib/celery" in beat["volumes"]


def test_the_image_is_built_in_two_stages_from_the_locked_hashed_requirements_and_without_secrets():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.count("\nFROM ") + dockerfile.startswith("FROM ") >= 2 and "AS build" in dockerfile
    assert "--require-hashes -r requirements.lock" in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".git" in ignored
    lock = (ROOT / "requirements.lock").read_text()
    pinned = [line for line in lock.splitlines() if "==" in line and not line.startswith("#")]
    assert pinned and all(line.endswith("\\") for line in pinned)  # every pin is followed by its hashes
    assert "\ndjango==5.2." in lock.lower()


def test_no_password_is_written_in_the_file_and_the_cache_has_a_redis_database_of_its_own():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "mecc:mecc@" not in text and "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?" in text
    env = compose()["services"]["web"]["environment"]
    assert env["REDIS_URL"].endswith("/0") and env["REDIS_CACHE_URL"].endswith("/1")


def test_data_lives_in_named_volumes():
    document = compose()
    assert {"pgdata", "redisdata", "media", "beat"} <= set(document["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in document["services"]["db"]["volumes"]


def test_health_endpoint_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200 and response.text == "ok"


def test_docker_compose_config_validates_when_the_cli_is_present():
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("docker compose CLI not installed; the structural tests above still check the file")
    result = subprocess.run(
        [docker, "compose", "config", "--quiet"],
        cwd=ROOT,
        env={
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "example.org",
            "POSTGRES_PASSWORD": "p" * 20,
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
