import pytest

from kehoach.qa.tests.factories import make_qa_world


@pytest.fixture
def qa(two_branches):
    return make_qa_world(two_branches)
