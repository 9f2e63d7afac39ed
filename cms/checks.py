"""Deployment checks of our own (`manage.py check --deploy`): the secret key."""

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'
MIN_KEY_LENGTH = 50
MIN_KEY_DISTINCT_CHARACTERS = 5


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
