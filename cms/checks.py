"""Deployment checks of our own (`manage.py check --deploy`): the secret key and the API rate limit's setup."""

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'
MIN_KEY_LENGTH = 50
MIN_KEY_DISTINCT_CHARACTERS = 5
PROCESS_LOCAL_CACHES = ("django.core.cache.backends.locmem.", "django.core.cache.backends.dummy.")


def secret_key_problem(key: str) -> str | None:
    """Why ``key`` is not fit for production, or None."""
    if key.startswith(settings.DEVELOPMENT_SECRET_KEY_PREFIX):
        return ("SECRET_KEY is not set: each process makes up its own key (sessions, CSRF and preview tokens "
                "then break between workers and at every restart)")
    if key.startswith("django-insecure-"):
        return "SECRET_KEY is Django's generated development key"
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_DISTINCT_CHARACTERS:
        return (f"SECRET_KEY is weak: {len(key)} characters, {len(set(key))} distinct "
                f"(at least {MIN_KEY_LENGTH} random characters are needed)")
    return None


@register(Tags.security, deploy=True)
def check_secret_key(app_configs=None, **kwargs) -> list[CheckMessage]:
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    return [Warning(problem, hint=f"Set SECRET_KEY in the environment, the same in every process: {MAKE_A_KEY}",
                    id="cms.W001")]


@register(Tags.security, deploy=True)
def check_rate_limit_setup(app_configs=None, **kwargs) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    if settings.API_RATE_LIMIT <= 0:
        return found
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.startswith(PROCESS_LOCAL_CACHES):
        found.append(Warning(
            "The API rate limit is counted in each process's own cache: N workers allow N times API_RATE_LIMIT.",
            hint="Set REDIS_URL so that every worker counts in the same place.", id="cms.W002"))
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_COUNT <= 0:
        found.append(Warning(
            "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_COUNT is 0: every client behind the proxy is counted as "
            "the proxy's address, so the API rate limit treats them all as one client.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (1 behind one "
                 "nginx).", id="cms.W003"))
    return found
