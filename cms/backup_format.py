"""Django's JSON serialization with full-precision times, for ``backup_content``.

``DjangoJSONEncoder`` cuts datetimes and times to milliseconds, so a restored page would show a different
``last_published_at`` through the API than the original. This format is Django's JSON serializer with an
encoder that keeps microseconds; Django's own ``json`` deserializer reads it back (``loaddata``).
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401  (a serializer module needs both)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JSONSerializer

NAME = "muathi_json"


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder
