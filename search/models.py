"""The database search index: one row per searchable thing, with folded terms for full-text matching.

On SQLite two FTS5 tables linked to it mirror the term columns (kept in step by triggers); on PostgreSQL
generated ``tsvector`` columns with GIN indexes do. Migration 0003 creates them (see search.database).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.analysis import terms


class SearchEntry(models.Model):
    key = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20)
    root = models.CharField(max_length=255)
    path = models.CharField(max_length=255, db_index=True)  # tree path of the page (or owning section)
    section_key = models.CharField(max_length=30, blank=True)
    section_title = models.CharField(max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    date = models.DateField(null=True)
    expires_at = models.DateTimeField(null=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    number = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500, blank=True)
    source_id = models.CharField(max_length=100, blank=True)
    areas = models.JSONField(default=list)  # [{"code", "name", "level"}]
    province_wide = models.BooleanField(default=True)
    # Space-separated folded terms (search.analysis); what the full-text index reads.
    title_terms = models.TextField(blank=True)
    code_terms = models.TextField(blank=True)
    place_terms = models.TextField(blank=True)  # address and area names
    toned_terms = models.TextField(blank=True)
    text_terms = models.TextField(blank=True)
    # Tokens the filters match inside the full-text index ("zzknews zzy2025 zza30280 …", search.database).
    filter_terms = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        indexes = [models.Index(fields=["root", "kind"], name="search_entry_root_kind"),
                   models.Index(fields=["expires_at"], name="search_entry_expires_at")]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"


class SearchEntryArea(models.Model):
    """The area codes of an entry, for the area filter and facet (current communes and legacy districts)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="area_links")
    code = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "code"], name="search_entry_area_unique")]
        indexes = [models.Index(fields=["code", "entry"], name="search_area_code_entry")]

    def __str__(self) -> str:
        return self.code


class SearchTerm(models.Model):
    """Every folded term ever indexed: the vocabulary that typo correction chooses from."""

    term = models.CharField(max_length=60, primary_key=True)

    def __str__(self) -> str:
        return self.term


class SearchSpelling(models.Model):
    """Every word ever indexed as spelt with its diacritics (``analysis.toned_term``: "hoo1" for "hồ"), from
    titles, summaries and bodies: tells a word typed with its diacritics ("hồ sơ") from a typo ("nguyện vộng")."""

    term = models.CharField(max_length=60, primary_key=True)

    def __str__(self) -> str:
        return self.term


class IndexChange(models.Model):
    """Journal of changed keys for Elasticsearch: what is still to be sent (the retry backlog) and what
    changed while a rebuild was running (re-applied to the new index before and after the alias swap)."""

    key = models.CharField(max_length=40, unique=True)
    changed_at = models.DateTimeField(db_index=True)
    pending = models.BooleanField(default=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["pending", "next_attempt_at"], name="index_change_pending")]

    def __str__(self) -> str:
        return self.key


class SearchSynonym(models.Model):
    """Expressions the public search takes for one another, both ways ("THPT | trung học phổ thông"): what is
    typed is also looked for in each of the others' words (``search.synonyms``)."""

    expressions = models.TextField(
        _("các cách viết"),
        help_text=_("Các cách viết cùng nghĩa, cách nhau bằng dấu |. Ví dụ: THPT | trung học phổ thông."))
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("từ đồng nghĩa khi tìm kiếm")
        verbose_name_plural = _("từ đồng nghĩa khi tìm kiếm")
        ordering = ["expressions"]

    def __str__(self) -> str:
        return self.expressions

    def expression_list(self) -> list[str]:
        """The expressions as written, those with at least one letter or digit."""
        return [e.strip() for e in self.expressions.split("|") if terms(e)]

    def clean(self) -> None:
        if len(self.expression_list()) < 2:
            raise ValidationError({"expressions": _(
                "Cần ít nhất hai cách viết có chữ hoặc số, cách nhau bằng dấu | (ví dụ: THPT | trung học phổ thông).")})
