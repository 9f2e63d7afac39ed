from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    """The synonyms and abbreviations the public search takes for one another (``search.synonyms``)."""

    model = SearchSynonym
    icon = "search"
    menu_label = _("Từ đồng nghĩa khi tìm")
    add_to_admin_menu = True
    menu_order = 950
    list_display = ["expressions", "note", "active"]
    search_fields = ["expressions", "note"]


register_snippet(SearchSynonymViewSet)
