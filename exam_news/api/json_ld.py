"""schema.org JSON-LD for portals to embed: NewsArticle, ClaimReview, Event and Place."""

from exam_news import models as m
from exam_news.public.site import SiteContext


def publisher(context: SiteContext) -> dict:
    return {"@type": "GovernmentOrganization", "name": context.site.site_name or context.site.hostname,
            "url": context.portal_base_url}


def article_json_ld(item: dict, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": item["title"][:110],
        "description": item["summary"], "url": item["url"], "mainEntityOfPage": item["url"],
        "datePublished": item["first_published_at"], "dateModified": item["last_published_at"],
        "inLanguage": "vi", "publisher": publisher(context),
        "image": [r["url"] for r in item["image"]["renditions"] if r["format"] == "jpeg"] if item["image"] else [],
        "contentLocation": [{"@type": "AdministrativeArea", "name": a["name"]} for a in item["areas"]],
    }


VERDICT_RATING = {"false": 1, "misleading": 2, "unverified": 3, "true": 5}


def claim_review_json_ld(page: m.RebuttalPage, item: dict, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": item["url"],
        "claimReviewed": page.claim, "datePublished": item["first_published_at"], "inLanguage": "vi",
        "author": publisher(context),
        "itemReviewed": {"@type": "Claim", "appearance": page.circulated_on,
                         "datePublished": page.circulated_at.isoformat() if page.circulated_at else None},
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATING[page.verdict], "bestRating": 5,
                         "worstRating": 1, "alternateName": page.get_verdict_display()},
    }


def event_json_ld(session: dict, section: m.ExamSectionPage, context: SiteContext) -> dict:
    return {
        "@context": "https://schema.org", "@type": "Event",
        "name": f"{section.title}: {session['subject']}", "startDate": session["starts_at"],
        "endDate": session["ends_at"], "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode", "inLanguage": "vi",
        "organizer": publisher(context),
        "location": {"@type": "AdministrativeArea", "name": context.site.site_name},
    }


def place_json_ld(venue: dict, province_name: str) -> dict:
    data = {
        "@context": "https://schema.org", "@type": "Place", "name": venue["name"],
        "address": {"@type": "PostalAddress", "streetAddress": venue["address"],
                    "addressLocality": venue["commune"]["name"], "addressRegion": province_name,
                    "addressCountry": "VN"},
    }
    if venue["location"]:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": venue["location"]["lat"],
                       "longitude": venue["location"]["lon"]}
    if venue["phone"]:
        data["telephone"] = venue["phone"]
    return data
