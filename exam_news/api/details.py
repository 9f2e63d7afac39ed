"""The detail representation of one published item, with its kind-specific fields and JSON-LD."""

import mimetypes

from django.http import HttpRequest

from exam_news import models as m
from exam_news.api import json_ld
from exam_news.api.images import absolute, local_iso
from exam_news.api.items import body_html, item_summary
from exam_news.public.body import plain_text
from exam_news.public.site import SiteContext
from exam_news.public.visibility import public


def detail(request: HttpRequest, page: m.ExamContentPage, context: SiteContext) -> dict:
    item = item_summary(request, page, context)
    specific = page.specific
    html = body_html(request, specific, context)
    item.update(body_html=html, body_text=plain_text(html), json_ld=json_ld.article_json_ld(item, context))
    if isinstance(specific, m.StoryPage):
        item["story_kind"] = specific.story_kind
    elif isinstance(specific, m.QuestionPage):
        item["question_topic"] = specific.question_topic
    elif isinstance(specific, m.DirectivePage):
        item["directive"] = directive_fields(request, specific, context)
    elif isinstance(specific, m.NoticePage):
        item["notice"] = notice_fields(specific, context)
    elif isinstance(specific, m.RebuttalPage):
        item["rebuttal"] = rebuttal_fields(specific)
        item["json_ld"] = json_ld.claim_review_json_ld(specific, item, context)
    elif isinstance(specific, m.ResultsPage):
        item["results"] = results_fields(specific)
    return item


def document(request: HttpRequest, doc) -> dict | None:
    if doc is None:
        return None
    try:
        size = doc.file.size
    except (OSError, ValueError):
        size = None
    return {"title": doc.title, "url": absolute(request, doc.url), "size": size,
            "mime_type": mimetypes.guess_type(doc.file.name)[0] or "application/octet-stream"}


def directive_fields(request: HttpRequest, page: m.DirectivePage, context: SiteContext) -> dict:
    references = [{"id": ref.pk, "number": ref.number, "title": ref.title, "url": context.public_url(ref)}
                  for ref in public(page.references.all(), context)]
    return {
        "number": page.number, "doc_type": page.doc_type, "doc_type_label": page.get_doc_type_display(),
        "issued_on": page.issued_on, "issued_place": page.issued_place, "issuer": page.issuer,
        "subject": page.subject, "recipients": page.recipient_list, "signer_name": page.signer_name,
        "signer_title": page.signer_title, "document": document(request, page.document),
        "references": references,
        "external_references": [line.strip() for line in page.external_references.splitlines() if line.strip()],
    }


def notice_fields(page: m.NoticePage, context: SiteContext) -> dict:
    active = page.in_force_at(context.now)
    return {
        "notice_kind": page.notice_kind, "disaster_risk_level": page.disaster_risk_level, "urgency": page.urgency,
        "valid_from": local_iso(page.valid_from), "valid_until": local_iso(page.valid_until),
        "active": active, "venue_codes": list(page.venues.values_list("code", flat=True)),
    }


def rebuttal_fields(page: m.RebuttalPage) -> dict:
    return {
        "claim": page.claim, "circulated_on": page.circulated_on, "circulated_at": page.circulated_at,
        "verdict": page.verdict, "verdict_label": page.get_verdict_display(),
        "official_source_title": page.official_source_title, "official_source_url": page.official_source_url,
    }


def results_fields(page: m.ResultsPage) -> dict:
    rate = page.effective_graduation_rate
    return {
        "candidates_registered": page.candidates_registered, "candidates_sat": page.candidates_sat,
        "graduates": page.graduates, "graduation_rate": float(rate) if rate is not None else None,
        "subject_averages": [{"subject": s.subject, "average": float(s.average), "candidates": s.candidates}
                             for s in page.subject_averages.all()],
        "score_distribution": [{"subject": b.subject, "score_from": float(b.score_from),
                                "score_to": float(b.score_to), "count": b.count} for b in page.score_bands.all()],
        "top_scorers": [{"name": t.name, "school": t.school, "combination": t.combination, "total": float(t.total)}
                        for t in page.top_scorers.all()],
    }
