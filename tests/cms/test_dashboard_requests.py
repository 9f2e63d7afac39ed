import re

import pytest


@pytest.mark.django_db
def test_the_dashboard_does_not_ask_wagtail_org_for_updates(client, superuser):
    """The editor's browser would fetch releases.wagtail.org, which the admin's CSP refuses (console error)."""
    client.force_login(superuser)
    page = client.get("/admin/").content.decode()
    assert "w-upgrade" not in page and "releases.wagtail.org" not in page


@pytest.mark.django_db
def test_the_account_page_offers_time_zones_a_browser_knows(client, superuser):
    """Every name of the system's zoneinfo included "localtime", which the browser refuses (RangeError)."""
    client.force_login(superuser)
    page = client.get("/admin/account/").content.decode()
    select = page.split('name="locale-current_time_zone"')[1].split("</select>")[0]
    zones = re.findall(r'<option value="([A-Za-z_/]+)"', select)
    assert "Asia/Ho_Chi_Minh" in zones and "localtime" not in zones
