"""Secrets in content backups: what a plain backup leaves out, and what a restore puts in their place.

A plain (unencrypted) backup carries no secret:

* password hashes (``auth.user.password``): after a restore each account gets a random password that nobody
  knows — it cannot be used to sign in, and the account can still be reset by e-mail ("Quên mật khẩu", which
  Django refuses for *unusable* passwords) or by an administrator (``manage.py changepassword``);
* webhook signing keys (``cms.webhooksubscription.secret``): a restore generates a new key for each subscription
  and **pauses** it (``active`` off), so nothing is sent signed with a key the receiver does not have; the
  operator gives each receiver its new key, then switches the subscription on again;
* one-time-password keys (django-otp's TOTP devices): not written; approvers run ``totp_setup`` again.

``backup_content --encrypt`` keeps all three, in a file sealed with the operator's passphrase (``cms.backup_crypto``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password

# Whole apps whose rows are secrets (left out of a plain backup, kept in an encrypted one).
SECRET_APPS = ["otp_totp"]
# Secret fields of kept models: model label → field names.
SECRET_FIELDS = {"auth.user": ("password",), "cms.webhooksubscription": ("secret",)}


@dataclass
class Replaced:
    """What a restore had to make up because the backup carried no secret."""

    users: list[str] = field(default_factory=list)
    paused_subscriptions: list[str] = field(default_factory=list)


def without_secrets(objects: list[dict]) -> list[dict]:
    """The serialised rows with the secret fields removed (in place, and returned)."""
    for obj in objects:
        for name in SECRET_FIELDS.get(obj["model"], ()):
            obj["fields"].pop(name, None)
    return objects


def fill_missing_secrets(objects: list[dict]) -> Replaced:
    """Stand-ins for the secrets a plain backup left out (in place): see the module's note."""
    replaced = Replaced()
    for obj in objects:
        fields = obj["fields"]
        if obj["model"] == "auth.user" and not fields.get("password"):
            fields["password"] = make_password(secrets.token_urlsafe(32))
            replaced.users.append(fields.get("username", str(obj.get("pk"))))
        elif obj["model"] == "cms.webhooksubscription" and not fields.get("secret"):
            fields["secret"] = apps.get_model("cms", "WebhookSubscription")._meta.get_field("secret").get_default()
            fields["active"] = False
            replaced.paused_subscriptions.append(fields.get("name", str(obj.get("pk"))))
    return replaced
