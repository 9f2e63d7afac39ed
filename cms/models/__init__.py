from cms.models.admin_units import AdministrativeUnit
from cms.models.editors import EditorScope
from cms.models.media import MediaDocument, MediaImage, MediaRendition
from cms.models.sites import ROOT_PATH_LENGTH, ProvinceHomePage, ProvinceSettings, RadioStation
from cms.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "AdministrativeUnit",
    "EditorScope",
    "MediaDocument",
    "MediaImage",
    "MediaRendition",
    "ROOT_PATH_LENGTH",
    "ProvinceHomePage",
    "ProvinceSettings",
    "RadioStation",
    "WebhookDelivery",
    "WebhookSubscription",
]
