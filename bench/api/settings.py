"""Settings for the API benchmark: the production code paths, with the data generator's shortcuts."""

import os

# DEBUG is off here, so the settings need a key; this one signs nothing that outlives the benchmark.
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x7Qp2Lm9Rt4Wz8Kc3Vb6Nh1Jd5Gf0Sy")

from config.settings import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
WEBHOOK_DELIVERY = "off"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
