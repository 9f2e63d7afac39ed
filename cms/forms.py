"""Admin forms for images and documents (WAGTAILIMAGES_IMAGE_FORM_BASE / WAGTAILDOCS_DOCUMENT_FORM_BASE).

- The uploaded file is checked by `cms.uploads` (type by content, bytes, pixels) and replaced by a clean,
  safely named copy, so a refusal is a form error on "file" and nothing is written.
- The file is written to the media storage at the end of validation, so an unreachable or failing bucket
  is also a form error (never a 500) and no image/document record is created.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from cms.uploads import clean_document_upload, clean_image_upload

logger = logging.getLogger(__name__)

try:  # boto3 is a dependency, but the local setup must not need it to import this module.
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    STORAGE_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError, Boto3Error, OSError)
except ImportError:  # pragma: no cover
    STORAGE_ERRORS = (OSError,)


class SafeImageField(WagtailImageField):
    """Wagtail's image field, preceded by our checks; the value becomes the cleaned, renamed copy."""

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        cleaned = clean_image_upload(data)
        # Wagtail's own checks (extension matches content, limits) then run on the cleaned copy.
        return super().to_python(cleaned)


class StoreFileFirstMixin:
    """Write the new file to storage during validation and turn storage failures into a form error."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors or "file" not in self.changed_data:
            return
        field_file = self.instance.file
        if not field_file or getattr(field_file, "_committed", True):
            return
        try:
            field_file.save(field_file.name, field_file.file, save=False)
        except STORAGE_ERRORS as exc:
            logger.warning("media storage unavailable while saving an upload: %s", exc.__class__.__name__)
            self.add_error("file", ValidationError(
                _("Không lưu được tệp vào kho lưu trữ (máy chủ lưu trữ không phản hồi hoặc từ chối). "
                  "Chưa có gì được tạo; vui lòng thử lại sau ít phút hoặc báo quản trị viên."),
                code="storage_unavailable",
            ))
        else:
            field_file.file.seek(0)


class SafeImageForm(StoreFileFirstMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and type(field) is WagtailImageField:
            field.__class__ = SafeImageField  # keep label, widget and Wagtail's help text


class SafeDocumentForm(StoreFileFirstMixin, BaseDocumentForm):
    def clean_file(self):
        f = self.cleaned_data.get("file")
        if f and "file" in self.changed_data:
            f = clean_document_upload(f)
        return f
