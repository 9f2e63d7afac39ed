"""Demo content for An Giang (after the 2025 merger): a 2025 graduation-exam section with full
content, a 2026 section in preparation, and a 2024 section filled by importing articles from the old
provincial portal (``import_articles``). Idempotent: existing items (by slug, code or legacy id) are kept."""

import datetime
import json
from decimal import Decimal
from html import escape
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms.models import AdministrativeUnit, ProvinceHomePage, ProvinceSettings, RadioStation
from cms.slugs import vietnamese_slug
from exam_news import models as m
from exam_news.demo.images import demo_image
from exam_news.importers.articles import import_articles
from exam_news.portal_setup import setup_portal
from exam_news.radio.demo import ensure_demo_bulletin
from exam_news.sections import create_exam_section

DATA = Path(__file__).parent / "data"
Level = AdministrativeUnit.Level


def _load(name: str):
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _slug(title: str) -> str:
    return vietnamese_slug(title, 70)


def _body(paragraphs: list[str]) -> list[tuple[str, RichText]]:
    return [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs]


def _dt(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _d(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _dec(value: float | int) -> Decimal:
    return Decimal(str(value))


def _t(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


class DemoLoader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created = 0

    def say(self, text: str) -> None:
        if self.stdout:
            self.stdout.write(text)

    @transaction.atomic
    def run(self) -> ProvinceHomePage:
        info = _load("section")
        portal = setup_portal(info["province_code"], f"Cổng thông tin kỳ thi tỉnh {info['province_name']}",
                              None, info["portal_base_url"])  # keeps the site's host name; localhost if new
        self.created += portal.home_created
        self.province = portal.province
        self.units = {u.code: u for u in AdministrativeUnit.objects.filter(parent=self.province)}
        self.units.update({u.code: u for u in AdministrativeUnit.objects.filter(
            level=Level.LEGACY_DISTRICT, parent__successors=self.province)})
        home = portal.home
        self._contacts(portal.site, info)
        self.topics = self._topics()
        self.images = [demo_image(i, f"Ảnh minh hoạ mùa thi {i + 1}", alt)
                       for i, alt in enumerate(IMAGE_ALTS)]
        sections = {}
        for spec in info["sections"]:
            sections[spec["year"]] = self._section(home, spec)
        schedule = _load("schedule")
        for year, section in sections.items():
            self._schedule(section, schedule[str(year)])
        self._venues(sections[2025])
        self._content(sections)
        ensure_demo_bulletin(sections[2025])
        self._legacy_articles(home, info["legacy_section"])
        self.say(f"Đã nạp nội dung mẫu: {self.created} mục mới.")
        return home

    def _contacts(self, site: Site, info: dict) -> None:
        """The demo's hotlines and radio stations (the portal itself is ``setup_portal``'s)."""
        settings = ProvinceSettings.for_site(site)
        settings.hotlines = [("hotline", {"label": h["label"], "phone": h["phone"]}) for h in info["hotlines"]]
        settings.save()
        for station in info["radio_stations"]:
            RadioStation.objects.update_or_create(
                site=site, name=station["name"],
                defaults={"level": station["level"], "area": self.units.get(station["area_code"] or "")},
            )

    def _topics(self) -> dict[str, m.Topic]:
        names = {tag for item in _load("news") for tag in item.get("tags", [])}
        return {name: m.Topic.objects.get_or_create(slug=_slug(name), defaults={"name": name})[0]
                for name in sorted(names)}

    def _section(self, home: ProvinceHomePage, spec: dict) -> m.ExamSectionPage:
        existing = m.ExamSectionPage.objects.child_of(home).filter(kind=spec["kind"], year=spec["year"]).first()
        if existing:
            return existing
        self.created += 1
        return create_exam_section(
            home, spec["kind"], spec["year"], publish=True, title=spec["title"], intro=spec["intro"],
            exam_start=_d(spec["exam_start"]), exam_end=_d(spec["exam_end"]), results_at=_dt(spec["results_at"]),
        )

    def _legacy_articles(self, home: ProvinceHomePage, spec: dict) -> None:
        """The 2024 section, filled from the old portal's export the way an operator would."""
        section = self._section(home, spec)
        with (DATA / spec["articles"]).open(encoding="utf-8") as lines:
            report = import_articles(section, lines, filename=spec["articles"])
        if not report.ok:
            raise ValueError("\n".join(str(e) for e in report.errors))
        self.created += report.created

    def _schedule(self, section: m.ExamSectionPage, data: dict) -> None:
        page = m.ScheduleIndexPage.objects.child_of(section).get()
        if page.sessions.exists():
            return
        page.sessions = [m.ExamSession(
            date=_d(s["date"]), slot=s["slot"], subject=s["subject"], arrival_time=_t(s["arrival"]),
            paper_handout_time=_t(s["paper_handout"]), start_time=_t(s["start"]),
            end_time=(datetime.datetime.combine(_d(s["date"]), _t(s["start"]))
                      + datetime.timedelta(minutes=s["duration_minutes"])).time(),
            notes=s["notes"],
        ) for s in data["sessions"]]
        page.milestones = [m.Milestone(
            kind=x["kind"], title=x["title"], starts_at=_dt(x["starts_at"]), ends_at=_dt(x["ends_at"]),
            description=x["description"],
        ) for x in data["milestones"]]
        page.save_revision().publish()
        self.created += len(data["sessions"]) + len(data["milestones"])

    def _venues(self, section: m.ExamSectionPage) -> None:
        for v in _load("venues"):
            _venue, created = m.ExamVenue.objects.update_or_create(section=section, code=v["code"], defaults={
                "name": v["name"], "address": v["address"], "commune": self.units[v["commune_code"]],
                "legacy_district": self.units.get(v["legacy_district_code"] or ""),
                "latitude": v["latitude"], "longitude": v["longitude"], "rooms": v["rooms"],
                "candidates": v["candidates"], "phone": v["phone"], "access_notes": v["access_notes"],
            })
            self.created += created

    def _add(self, section: m.ExamSectionPage, index_class: type[Page], page: Page, areas=(), topics=(),
             after_create=None) -> Page:
        parent = index_class.objects.child_of(section).get()
        page.slug = _slug(page.title)
        existing = Page.objects.child_of(parent).filter(slug=page.slug).first()
        if existing:
            return existing.specific
        if page.image_id is None and hasattr(page, "image"):
            page.image = self.images[self.created % len(self.images)]
        parent.add_child(instance=page)
        page.areas.set([self.units[c] for c in areas])
        page.topics.set(topics)
        if after_create:
            after_create(page)
        page.save_revision().publish()
        self.created += 1
        return page

    def _content(self, sections: dict[int, m.ExamSectionPage]) -> None:
        for item in _load("news"):
            self._add(sections[item["year"]], m.NewsIndexPage, m.NewsPage(
                title=item["title"], summary=item["summary"], body=_body(item["body"]), date=_d(item["date"]),
            ), item["area_codes"], [self.topics[t] for t in item.get("tags", [])])
        for item in _load("stories"):
            consent = item["consent"] or {}
            self._add(sections[2025], m.StoryIndexPage, m.StoryPage(
                title=item["title"], summary=item["summary"], body=_body(item["body"]), date=_d(item["date"]),
                story_kind=item["story_kind"], names_minor=item["names_minor"],
                consent_given_by=consent.get("given_by", ""), consent_given_on=_d(consent.get("given_on")),
                consent_note=consent.get("note", ""),
            ), item["area_codes"])
        self._results(sections[2025], _load("results"))
        self._directives(sections)
        self._notices(sections)
        for item in _load("rebuttals"):
            self._add(sections[item["year"]], m.RebuttalIndexPage, m.RebuttalPage(
                title=item["title"], claim=item["claim"], circulated_on=item["circulated_on"],
                circulated_at=_d(item["circulated_at"]), verdict=item["verdict"],
                body=_body(item["explanation"]), official_source_title=item["official_source_title"],
                official_source_url=item["official_source_url"], date=_d(item["date"]),
                summary=item["claim"][:600],
            ))
        for item in _load("faq"):
            self._add(sections[item["year"]], m.FAQIndexPage, m.QuestionPage(
                title=item["question"], body=_body(item["answer"]), question_topic=item["topic"],
                date=sections[item["year"]].exam_start or timezone.localdate(),
            ))

    def _results(self, section: m.ExamSectionPage, item: dict) -> None:
        stats = item["statistics"]
        consent = item["consent"] or {}
        page = m.ResultsPage(
            title=item["title"], summary=item["summary"], body=_body(item["body"]), date=_d(item["date"]),
            names_minor=item["names_minor"], consent_given_by=consent.get("given_by", ""),
            consent_given_on=_d(consent.get("given_on")),
            candidates_registered=stats["candidates_registered"], candidates_sat=stats["candidates_sat"],
            graduates=stats["graduates"], graduation_rate=_dec(stats["graduation_rate"]),
        )
        page.subject_averages = [m.SubjectAverage(subject=s["subject"], average=_dec(s["average"]),
                                                  candidates=s["candidates"]) for s in stats["subject_averages"]]
        page.score_bands = [m.ScoreBand(subject=d["subject"], score_from=_dec(b["from"]), score_to=_dec(b["to"]),
                                        count=b["count"])
                            for d in stats["score_distribution"] for b in d["bands"]]
        page.top_scorers = [m.TopScorer(
            name=t["name"], school=t["school"], combination=t["combination"], total=_dec(t["total"]),
            consent_given_by=t["consent"]["given_by"], consent_given_on=_d(t["consent"]["given_on"]),
        ) for t in stats["top_scorers"]]
        self._add(section, m.ResultsIndexPage, page)

    def _directives(self, sections: dict[int, m.ExamSectionPage]) -> None:
        items = _load("directives")
        pages = {}
        for item in items:
            pages[item["number"]] = self._add(sections[item["year"]], m.DirectiveIndexPage, m.DirectivePage(
                title=f"{m.DocumentType(item['doc_type']).label} số {item['number']}: {item['subject']}"[:255],
                number=item["number"], doc_type=item["doc_type"], issued_on=_d(item["issued_on"]),
                date=_d(item["issued_on"]), issued_place=item["issued_place"], issuer=item["issuer"],
                subject=item["subject"], recipients="\n".join(item["recipients"]),
                signer_name=item["signer_name"], signer_title=item["signer_title"], body=_body(item["body"]),
                summary=item["subject"],
            ), item["area_codes"])
        for item in items:
            page = pages[item["number"]]
            wanted = {pages[n].pk for n in item["references"] if n in pages}
            if wanted and set(page.references.values_list("pk", flat=True)) != wanted:
                page.references.set(wanted)
                page.save_revision().publish()

    def _notices(self, sections: dict[int, m.ExamSectionPage]) -> None:
        now = timezone.now().replace(microsecond=0)
        for item in _load("notices"):
            section = sections[item["year"]]
            valid_from, valid_until = _dt(item["valid_from"]), _dt(item["valid_until"])
            if item["active_on_load"]:
                valid_from, valid_until = now - datetime.timedelta(hours=1), now + datetime.timedelta(days=3)
            venues = list(m.ExamVenue.objects.filter(section=section, code__in=item["venue_codes"]))
            self._add(section, m.NoticeIndexPage, m.NoticePage(
                title=item["title"], body=_body(item["body"]), notice_kind=item["notice_kind"],
                disaster_risk_level=item["disaster_risk_level"], urgency=item["urgency"],
                valid_from=valid_from, valid_until=valid_until, date=timezone.localdate(valid_from),
                summary=item["body"][0][:600],
            ), item["area_codes"], after_create=lambda page, venues=venues: page.venues.set(venues))


IMAGE_ALTS = [
    "Thí sinh xem sơ đồ phòng thi trước cổng trường",
    "Tình nguyện viên hướng dẫn thí sinh vào điểm thi",
    "Phụ huynh chờ con trước điểm thi",
    "Cán bộ coi thi kiểm tra thẻ dự thi",
    "Thí sinh trao đổi sau buổi thi",
    "Xuồng đưa thí sinh vùng sông nước đến điểm thi",
]
