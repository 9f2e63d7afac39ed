"""Settings for the API benchmark: the production code paths, with the data generator's shortcuts."""

from config.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
WEBHOOK_DELIVERY = "off"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
