import datetime

import pytest

from exam_news import models as m
from exam_news.models.publishing_rules import PublishBlocked
from tests.exam_news.admin_forms import edit_form, post_edit
from tests.exam_news.factories import add_page, story


@pytest.mark.django_db
def test_a_story_naming_a_minor_cannot_be_published_without_consent(section, approver):
    page = add_page(section, story(names_minor=True), publish=False)
    revision = page.save_revision(user=approver)
    with pytest.raises(PublishBlocked, match="chưa ghi nhận sự đồng ý"):
        revision.publish(user=approver)
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_recorded_consent_allows_publishing(section, approver):
    page = add_page(section, story(names_minor=True, consent_given_by="Bà Trần Thị Lan (mẹ của em)",
                                   consent_given_on=datetime.date(2025, 6, 20)), publish=False)
    page.save_revision(user=approver).publish(user=approver)
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_a_story_about_adults_needs_no_consent(section, approver):
    page = add_page(section, story(story_kind="teacher"), user=approver)
    assert page.live


@pytest.mark.django_db
def test_results_naming_a_top_scorer_without_consent_are_blocked(section, approver):
    page = m.ResultsPage(title="Kết quả thi", candidates_sat=10, graduates=9)
    page.top_scorers = [m.TopScorer(name="Nguyễn Minh Khoa", total=29)]
    page = add_page(section, page, publish=False)
    with pytest.raises(PublishBlocked, match="Nguyễn Minh Khoa"):
        page.get_latest_revision().publish(user=approver)


@pytest.mark.django_db
def test_admin_says_why_publishing_is_blocked(section, approver, client):
    page = add_page(section, story(names_minor=True), publish=False)
    client.force_login(approver)
    response = post_edit(client, page.pk, edit_form(client, page.pk), "action-publish")
    assert response.status_code == 200
    assert "chưa ghi nhận sự đồng ý (người đồng ý và ngày đồng ý)" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_submitting_for_review_also_requires_consent(section, provincial_editor, client):
    page = add_page(section, story(names_minor=True), publish=False)
    client.force_login(provincial_editor)
    response = post_edit(client, page.pk, edit_form(client, page.pk), "action-submit")
    assert "chưa ghi nhận sự đồng ý" in response.content.decode()
    assert page.current_workflow_state is None


@pytest.mark.django_db
def test_admin_publishes_once_consent_is_filled_in(section, approver, client):
    page = add_page(section, story(names_minor=True), publish=False)
    client.force_login(approver)
    data = edit_form(client, page.pk)
    data.update({"consent_given_by": "Ông Lê Văn Hai (bố của em)", "consent_given_on": "20/06/2025"})
    response = post_edit(client, page.pk, data, "action-publish")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.consent_given_on == datetime.date(2025, 6, 20)
