"""The process's circuit breaker for public reads from the search engine, sized from settings."""

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.breaker import CircuitBreaker

_breaker_lock = threading.Lock()
_breaker: CircuitBreaker | None = None


def get_breaker() -> CircuitBreaker:
    global _breaker
    with _breaker_lock:
        if _breaker is None:
            _breaker = CircuitBreaker(settings.ELASTICSEARCH_BREAKER_FAILURES, settings.ELASTICSEARCH_BREAKER_COOLDOWN)
        return _breaker


def reset_breaker() -> None:
    global _breaker
    with _breaker_lock:
        _breaker = None


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith(("ELASTICSEARCH_", "SEARCH_")):
        reset_breaker()
