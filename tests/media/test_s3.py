"""Media on an S3-compatible bucket, over real HTTP against moto's standalone server."""

import io
import socket

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.media.helpers import GPS_IFD, jpeg_with_gps, pdf_bytes

BUCKET = "mua-thi-media"
KEYS = {"access_key": "testing", "secret_key": "testing"}
CACHE_CONTROL = "public, max-age=31536000, immutable"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_endpoint):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def use_s3(settings, endpoint: str, **extra) -> None:
    """The same S3Storage options as config/settings.py builds from the S3_* variables."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET, "region_name": "us-east-1", "endpoint_url": endpoint, **KEYS,
                "custom_domain": None, "addressing_style": "path", "default_acl": None,
                "querystring_auth": False, "file_overwrite": False,
                "object_parameters": {"CacheControl": CACHE_CONTROL},
                **extra,
            },
        },
    }


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def upload_image(client, name="Ảnh điểm thi.jpg", data=None):
    return client.post("/admin/images/add/", {
        "title": "Ảnh điểm thi", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, data or jpeg_with_gps()),
    })


def keys(s3) -> set[str]:
    return {obj["Key"] for obj in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_image_round_trip(settings, s3, s3_endpoint, admin_client, django_capture_on_commit_callbacks):
    use_s3(settings, s3_endpoint)
    response = upload_image(admin_client)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get()
    key = "original_images/anh-diem-thi.jpg"
    assert image.file.name == key
    assert key in keys(s3)

    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["CacheControl"] == CACHE_CONTROL
    assert head["ContentType"] == "image/jpeg"
    stored = Image.open(io.BytesIO(s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()))
    assert not stored.getexif().get_ifd(GPS_IFD)
    assert image.file.url == f"{s3_endpoint}/{BUCKET}/{key}"

    rendition = image.get_rendition("fill-32x32|format-webp")
    assert rendition.file.name in keys(s3)
    assert rendition.url == f"{s3_endpoint}/{BUCKET}/{rendition.file.name}"
    assert s3.head_object(Bucket=BUCKET, Key=rendition.file.name)["CacheControl"] == CACHE_CONTROL

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/images/{image.pk}/delete/")
    assert response.status_code == 302
    assert not get_image_model().objects.exists()
    assert keys(s3) == set()


def test_custom_domain_url_shape(settings, s3, s3_endpoint, admin_client):
    use_s3(settings, s3_endpoint, custom_domain="media.angiang.gov.vn")
    assert upload_image(admin_client).status_code == 302
    image = get_image_model().objects.get()
    assert image.file.url == "https://media.angiang.gov.vn/original_images/anh-diem-thi.jpg"


def test_document_round_trip(settings, s3, s3_endpoint, admin_client):
    use_s3(settings, s3_endpoint)
    response = admin_client.post("/admin/documents/add/", {
        "title": "Quyết định", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile("Quyết định.pdf", pdf_bytes()),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get()
    assert document.file.name == "documents/quyet-dinh.pdf"
    assert s3.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read() == pdf_bytes()


def test_unreachable_bucket_is_a_form_error(settings, admin_client, monkeypatch):
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")  # keep the retries with back-off short
    use_s3(settings, f"http://127.0.0.1:{free_port()}")  # nothing listens there
    response = upload_image(admin_client)
    assert response.status_code == 200
    assert "Không lưu được tệp vào kho lưu trữ" in response.content.decode()
    assert not get_image_model().objects.exists()

    response = admin_client.post("/admin/documents/add/", {
        "title": "Quyết định", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile("qd.pdf", pdf_bytes()),
    })
    assert response.status_code == 200
    assert "Không lưu được tệp vào kho lưu trữ" in response.content.decode()
    assert not get_document_model().objects.exists()
