"""Handing work to Celery without letting a broker outage become a server error.

With Redis stopped, `.delay()` fails after kombu's short publish retries. Callers then keep the request in the
database and tell the person what happens next (a report waits for the stalled-report sweep, an import is refused
with a message, an invitation can be resent), instead of answering with a 500.
"""

import logging

from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
BROKER_ERRORS = (BrokerError, RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def send(task, *args) -> bool:
    """task.delay(*args); False (and a warning in the log) when the broker cannot be reached."""
    try:
        task.delay(*args)
    except BROKER_ERRORS:
        logger.warning("Could not queue %s%r: the broker is unavailable", task.name, args, exc_info=True)
        return False
    return True
