"""The "Địa bàn" chooser: the province's units as removable chips and a search box that finds a unit by any
part of its name, with or without tone marks ("tan chau" → "Phường Tân Châu", "Thị xã Tân Châu (trước
01/7/2025)").

It stays a ``<select multiple>`` (the form posts unit ids as before, and it works without JavaScript); the
script hides it and draws the chips and the search over it. The options are one province's units (about 130),
so they travel with the page and are searched in the browser: no request per keystroke.
"""

import datetime

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms.models import AdministrativeUnit
from cms.text import fold


def area_label(unit: AdministrativeUnit) -> str:
    """"Phường Tân Châu"; a unit abolished by the 2025 reform says until when it existed."""
    if unit.is_legacy and unit.valid_until:
        until = unit.valid_until + datetime.timedelta(days=1)
        return f"{unit.name} (trước {until.day:02d}/{until.month}/{until.year})"
    return str(unit)


class AreaChooser(forms.SelectMultiple):
    template_name = "cms/widgets/area_chooser.html"

    class Media:
        js = ["cms/js/area-chooser.js"]
        css = {"all": ["cms/css/area-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["select_html"] = self._select_html(context["widget"])
        return context

    def _select_html(self, widget: dict) -> str:
        """The <select>, written here rather than through a template per option (the template engine was most
        of the edit page's time for the province's ~130 units)."""
        options = []
        for _group, group_options, _index in widget["optgroups"]:
            for option in group_options:
                label = str(option["label"])
                selected = " selected" if option["selected"] else ""
                options.append(f'<option value="{escape(str(option["value"]))}" data-search="{escape(fold(label))}"'
                               f"{selected}>{escape(label)}</option>")
        return mark_safe(  # noqa: S308 — every value above is escaped
            f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>{"".join(options)}</select>')
