"""Django's Redis cache, made to degrade instead of fail: with Redis unreachable a read is a miss and a write is
dropped, so pages still render (charts are drawn again, coverage is counted again) and logging a conversation
never depends on the cache. allauth's rate limits are counted in the cache too: they do not apply while Redis is
down, which is logged."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def _degrade(fallback):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE:
                logger.warning("Cache unavailable for %s; carrying on without it", method.__name__, exc_info=True)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorator


class ResilientRedisCache(RedisCache):
    get = _degrade(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _degrade({})(RedisCache.get_many)
    has_key = _degrade(False)(RedisCache.has_key)
    add = _degrade(False)(RedisCache.add)
    set = _degrade(None)(RedisCache.set)
    set_many = _degrade([])(RedisCache.set_many)
    touch = _degrade(False)(RedisCache.touch)
    delete = _degrade(False)(RedisCache.delete)
    delete_many = _degrade(None)(RedisCache.delete_many)
    incr = _degrade(lambda key, delta=1, version=None: delta)(RedisCache.incr)
    clear = _degrade(False)(RedisCache.clear)
