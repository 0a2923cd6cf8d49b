import pytest
from django.urls import reverse

from ansinh.accounts import services
from ansinh.accounts.models import User
from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_province_admin_creates_users_only_inside_province(users, ca_mau, communes):
    admin = make_user("qtcm", "administrator", ca_mau)
    created = services.user_create(actor=admin, username="xa3", password="Mat-Khau-Dai-2025", role="commune_officer",
                                   jurisdiction=communes["c2"])
    assert created.check_password("Mat-Khau-Dai-2025")
    assert AuditEvent.objects.filter(object_type="accounts.user", object_id=str(created.pk), action="create").exists()
    with pytest.raises(DomainError) as err:
        services.user_create(actor=admin, username="hn1", password="Mat-Khau-Dai-2025", role="commune_officer",
                             jurisdiction=communes["other_province"])
    assert err.value.field == "jurisdiction"
    with pytest.raises(DomainError):
        services.user_create(actor=admin, username="tw", password="Mat-Khau-Dai-2025", role="province_officer", jurisdiction=None)


def test_commune_roles_need_a_commune_and_names_are_unique(users, ca_mau):
    with pytest.raises(DomainError) as err:
        services.user_create(actor=users["admin"], username="x", password="Mat-Khau-Dai-2025", role="commune_officer", jurisdiction=ca_mau)
    assert err.value.field == "jurisdiction"
    with pytest.raises(DomainError) as err:
        services.user_create(actor=users["admin"], username="XA1", password="Mat-Khau-Dai-2025", role="auditor", jurisdiction=ca_mau)
    assert err.value.field == "username"


def test_weak_password_refused_in_vietnamese(users, ca_mau):
    with pytest.raises(DomainError) as err:
        services.user_create(actor=users["admin"], username="yeu", password="123", role="auditor", jurisdiction=ca_mau)
    assert err.value.field == "password" and "mật khẩu" in err.value.message.lower()


def test_only_administrators_manage_users(users, ca_mau):
    with pytest.raises(PermissionDeniedError):
        services.user_create(actor=users["tinh"], username="z", password="Mat-Khau-Dai-2025", role="auditor", jurisdiction=ca_mau)


def test_argon2_is_the_production_hasher(settings):
    from ansinh.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_login_page_and_lockout_after_repeated_failures(client, users, settings):
    url = reverse("accounts:login")
    assert "Đăng nhập" in client.get(url).content.decode()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "xa1", "password": "sai"})
    locked = client.post(url, {"username": "xa1", "password": PASSWORD})
    assert locked.status_code in (403, 429)
    assert "tạm thời bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_success_redirects_home(client, users):
    response = client.post(reverse("accounts:login"), {"username": "xa1", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert "xa1" in client.get("/").content.decode()


def test_user_pages_for_admin_only(client, users, communes):
    client.force_login(users["xa1"])
    assert client.get(reverse("accounts:user_list")).status_code == 404
    client.force_login(User.objects.get(username="admin"))
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert "xa2" in page
    response = client.post(reverse("accounts:user_create"), {
        "username": "moi", "role": "commune_officer", "jurisdiction": communes["c1"].pk, "password": "Mat-Khau-Dai-2025"})
    assert response.status_code == 302
    assert User.objects.get(username="moi").jurisdiction == communes["c1"]


def test_sessions_expire():
    from ansinh.settings import base

    assert base.SESSION_COOKIE_AGE <= 8 * 3600 and base.SESSION_EXPIRE_AT_BROWSER_CLOSE
