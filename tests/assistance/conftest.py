import pytest


@pytest.fixture(autouse=True)
def policy_defaults(request):
    """Every database test here runs on the legal parameters (`policy` in tests/conftest.py)."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("policy")
