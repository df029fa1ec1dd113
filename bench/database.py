"""The benchmark's own PostgreSQL database: created next to DATABASE_URL's, dropped afterwards."""

from urllib.parse import urlparse, urlunparse

import psycopg2


def url_for(base: str, name: str) -> str:
    return urlunparse(urlparse(base)._replace(path=f"/{name}"))


def _admin(base_url: str, statement: str) -> None:
    connection = psycopg2.connect(base_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def create(base_url: str, name: str) -> str:
    _admin(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(base_url, f'CREATE DATABASE "{name}"')
    return url_for(base_url, name)


def drop(base_url: str, name: str) -> None:
    _admin(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def connect(url: str):
    """A plain psycopg2 connection, for set-based loading on several connections at once."""
    connection = psycopg2.connect(url)
    connection.autocommit = True
    return connection
