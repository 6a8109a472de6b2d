import pytest
from django.core.cache import cache

from kehoach.qa.tests.factories import make_qa_world


@pytest.fixture(autouse=True)
def _fresh_public_statistics():
    """The public statistics are cached for five minutes: every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def qa(two_branches):
    return make_qa_world(two_branches)
