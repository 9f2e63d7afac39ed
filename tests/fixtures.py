"""Shared test data helpers (plain functions and constants); the pytest fixtures built on them are in conftest."""

from django.contrib.auth.models import Group

from cms.models import AdministrativeUnit, EditorScope

AN_GIANG = "91"
LANG_SON = "20"
LONG_XUYEN = "30307"  # Phường Long Xuyên (An Giang)
CHAU_DOC = "30316"  # Phường Châu Đốc (An Giang)


def unit(code: str, level: str = "commune") -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(level=level, code=code)


def make_user(django_user_model, username: str, group: str | None = None, areas=()):
    user = django_user_model.objects.create_user(username=username, password="mat-khau-Dai-123")
    if group:
        user.groups.add(Group.objects.get(name=group))
    if areas:
        scope = EditorScope.objects.create(user=user)
        scope.areas.set(areas)
    return user
