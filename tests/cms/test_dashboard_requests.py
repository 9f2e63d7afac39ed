import pytest


@pytest.mark.django_db
def test_the_dashboard_does_not_ask_wagtail_org_for_updates(client, superuser):
    """The editor's browser would fetch releases.wagtail.org, which the admin's CSP refuses (console error)."""
    client.force_login(superuser)
    page = client.get("/admin/").content.decode()
    assert "w-upgrade" not in page and "releases.wagtail.org" not in page
