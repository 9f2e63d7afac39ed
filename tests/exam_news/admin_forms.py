"""Drive the Wagtail page editor the way a browser does: read the form, change fields, post it.

StreamFields are rendered by JavaScript, so their (empty) form data is added here; test pages built
with these helpers have no body blocks.
"""

from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html


def _form(html: str):
    data = querydict_from_html(html, form_id="page-edit-form")
    data.setdefault("body-count", "0")
    # Checked boxes without a value attribute are sent as "on" by browsers.
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": "page-edit-form"})
    for box in form.select("input[type=checkbox][checked]"):
        if not box.get("value"):
            data[box["name"]] = "on"
    return data


def edit_form(client, page_id: int):
    response = client.get(f"/admin/pages/{page_id}/edit/")
    assert response.status_code == 200, response.status_code
    return _form(response.content.decode())


def create_form(client, app_model: str, parent_id: int):
    response = client.get(f"/admin/pages/add/{app_model}/{parent_id}/")
    assert response.status_code == 200, response.status_code
    return _form(response.content.decode())


def post_edit(client, page_id: int, data, action: str | None = None):
    if action:
        data[action] = "1"
    return client.post(f"/admin/pages/{page_id}/edit/", data)


def post_create(client, app_model: str, parent_id: int, data, action: str | None = None):
    if action:
        data[action] = "1"
    return client.post(f"/admin/pages/add/{app_model}/{parent_id}/", data)
