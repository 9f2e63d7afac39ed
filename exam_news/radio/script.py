"""The announcer's script of a bulletin version: spoken text, reading times and approval, ready to render.

``build_script`` is pure (no queries): it takes a bulletin version (normally the live revision's object),
the station and section rows, the abbreviation dictionary and the approval record. ``live_scripts`` loads
everything for many live bulletins with a constant number of queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import ModelLogEntry

from cms.models import RadioStation
from exam_news.models import ExamSectionPage
from exam_news.models.radio import Abbreviation, BroadcastSlot, Bulletin, BulletinItem, ItemKind, Priority
from exam_news.radio.check import Problem, Reading, check_reading
from exam_news.radio.reading import estimate_seconds

DIALECT = "north"


@dataclass(frozen=True)
class Approval:
    approver: str
    approved_at: datetime.datetime


@dataclass(frozen=True)
class ScriptItem:
    position: int
    kind: str
    heading: str
    display_text: str
    spoken_heading: str
    spoken_text: str
    overridden: bool
    priority: int
    area_codes: tuple[str, ...]
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None
    seconds: int
    heading_problems: tuple[Problem, ...] = ()
    text_problems: tuple[Problem, ...] = ()  # none when the spoken text is overridden (it is not read by machine)

    @property
    def problems(self) -> tuple[tuple[str, Problem], ...]:
        """What the reader could not handle, as (field, problem): field is "heading" or "display_text"."""
        return (*(("heading", p) for p in self.heading_problems), *(("display_text", p) for p in self.text_problems))

    @property
    def kind_label(self) -> str:
        return str(ItemKind(self.kind).label)

    @property
    def priority_label(self) -> str:
        return str(Priority(self.priority).label)


@dataclass(frozen=True)
class Script:
    bulletin_id: int
    revision_id: int | None
    title: str
    station_name: str
    station_level: str
    station_area_code: str | None
    section_id: int
    section_title: str
    broadcast_date: datetime.date
    slot: str
    syllables_per_minute: int
    items: tuple[ScriptItem, ...]
    approval: Approval | None

    @property
    def slot_label(self) -> str:
        return str(BroadcastSlot(self.slot).label)

    @property
    def total_seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    @property
    def problem_count(self) -> int:
        return sum(len(item.problems) for item in self.items)

    @property
    def spoken_text(self) -> str:
        """Everything the announcer says, item by item (for audio)."""
        return "\n\n".join(f"{_sentence(i.spoken_heading)} {i.spoken_text}" for i in self.items)


def abbreviation_map() -> dict[str, str]:
    """The editors' dictionary (one query), passed to read_aloud as ``extra_abbreviations``."""
    return dict(Abbreviation.objects.values_list("written", "spoken"))


def speak(text: str, abbreviations: Mapping[str, str]) -> str:
    return check(text, abbreviations).spoken


def check(text: str, abbreviations: Mapping[str, str]) -> Reading:
    """``text`` read aloud with the editors' dictionary, and what the reader could not handle."""
    return check_reading(text, DIALECT, extra_abbreviations=abbreviations or None)


def script_item(item: BulletinItem, position: int, abbreviations: Mapping[str, str],
                syllables_per_minute: int) -> ScriptItem:
    heading = check(item.heading, abbreviations)
    spoken_heading = heading.spoken
    override = item.spoken_override.strip()
    text = None if override else check(item.display_text, abbreviations)
    spoken_text = " ".join(override.split()) if text is None else text.spoken
    return ScriptItem(
        position=position, kind=item.kind, heading=item.heading, display_text=item.display_text,
        spoken_heading=spoken_heading, spoken_text=spoken_text, overridden=bool(override),
        priority=item.priority, area_codes=tuple(item.area_code_list), valid_from=item.valid_from,
        valid_until=item.valid_until,
        seconds=estimate_seconds(f"{spoken_heading} {spoken_text}", syllables_per_minute),
        heading_problems=heading.problems, text_problems=text.problems if text else (),
    )


def build_script(version: Bulletin, *, station: RadioStation, section: ExamSectionPage,
                 abbreviations: Mapping[str, str], approval: Approval | None = None,
                 revision_id: int | None = None) -> Script:
    items = sorted(version.items.all(), key=lambda i: (i.sort_order is None, i.sort_order or 0))
    return Script(
        bulletin_id=version.pk, revision_id=revision_id, title=version.title, station_name=station.name,
        station_level=station.level, station_area_code=station.area.code if station.area_id else None,
        section_id=section.pk, section_title=section.title, broadcast_date=version.broadcast_date,
        slot=version.slot, syllables_per_minute=version.syllables_per_minute,
        items=tuple(script_item(item, n, abbreviations, version.syllables_per_minute)
                    for n, item in enumerate(items, start=1)),
        approval=approval,
    )


def approvals_for(bulletin_ids: Iterable[int]) -> dict[int, Approval]:
    """Who published (approved) each bulletin last, from Wagtail's audit log (one query)."""
    ids = [str(pk) for pk in bulletin_ids]
    if not ids:
        return {}
    entries = (ModelLogEntry.objects
               .filter(content_type=ContentType.objects.get_for_model(Bulletin), object_id__in=ids,
                       action="wagtail.publish")
               .select_related("user").order_by("timestamp", "pk"))
    approvals: dict[int, Approval] = {}
    for entry in entries:
        user = entry.user
        name = (user.get_full_name() or user.get_username()) if user else (entry.user_display_name or "")
        approvals[int(entry.object_id)] = Approval(approver=name, approved_at=entry.timestamp)
    return approvals


def live_bulletins() -> QuerySet[Bulletin]:
    return Bulletin.objects.filter(live=True, live_revision__isnull=False)


def live_scripts(queryset: QuerySet[Bulletin] | None = None, *, with_approval: bool = True) -> list[Script]:
    """Scripts of the live versions of the bulletins in ``queryset`` (drafts are never included)."""
    rows = list((queryset if queryset is not None else Bulletin.objects.all())
                .filter(live=True, live_revision__isnull=False)
                .select_related("live_revision", "station__area", "section"))
    abbreviations = abbreviation_map()
    approvals = approvals_for(row.pk for row in rows) if with_approval else {}
    return [build_script(live_version(row), station=row.station, section=row.section,
                         abbreviations=abbreviations, approval=approvals.get(row.pk),
                         revision_id=row.live_revision_id)
            for row in rows]


def live_version(row: Bulletin) -> Bulletin:
    """The bulletin as in its live revision, items included, without the per-object queries of
    ``Revision.as_object()`` (foreign keys are not re-checked; the script needs their ids only)."""
    version = Bulletin.from_serializable_data(row.live_revision.content, check_fks=False)
    version.pk = row.pk
    return version


def live_script(bulletin_id: int) -> Script | None:
    scripts = live_scripts(Bulletin.objects.filter(pk=bulletin_id))
    return scripts[0] if scripts else None


def draft_script(bulletin: Bulletin) -> Script:
    """The latest draft's script, for the editor's reading-time panel (never exported)."""
    version = bulletin.get_latest_revision_as_object() if bulletin.latest_revision_id else bulletin
    return build_script(version, station=version.station, section=version.section,
                        abbreviations=abbreviation_map())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?…:" else text + "."
