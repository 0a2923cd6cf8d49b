import pytest


@pytest.fixture(autouse=True)
def policy_defaults(request):
    """The parameters the data migration loads, again: a transactional test elsewhere may have flushed them."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        from ansinh.assistance.models import PolicyParameter
        from ansinh.assistance.policy import load_defaults

        request.getfixturevalue("db")
        load_defaults(PolicyParameter)
