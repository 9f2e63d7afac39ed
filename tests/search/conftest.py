import pytest
from django.core.cache import cache

from search import spelling


@pytest.fixture(autouse=True)
def fresh_caches():
    cache.clear()
    spelling.reset()
    yield
    cache.clear()
    spelling.reset()


@pytest.fixture
def synced(django_capture_on_commit_callbacks):
    """Run the index updates that publishing schedules for after the commit (tests run inside a transaction)."""
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run
