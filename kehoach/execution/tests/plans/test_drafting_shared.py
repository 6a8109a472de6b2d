"""Drafting from a directive that two branches share (a share request the owner accepted)."""

import pytest

from kehoach.documents.selectors import document_get
from kehoach.documents.services import share_request_accept
from kehoach.documents.tests.conftest import directive_text  # noqa: F401  (fixture)
from kehoach.documents.tests.test_sharing import _request, directive_a  # noqa: F401
from kehoach.execution.services.drafting import plan_draft_from_document
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_after_sharing_b_can_draft_its_implementing_plan_from_it(
    two_branches,
    directive_a,  # noqa: F811  (the imported fixture)
    directive_text,  # noqa: F811  (the imported fixture)
    role,
):
    w = two_branches
    _imp, sent = _request(w.user("b", Role.EDITOR), directive_text)
    share_request_accept(actor=w.user("a", Role.EDITOR), share_request=sent.share_request)
    doc = document_get(user=w.user("b", role), document_id=directive_a.pk)
    if role in (Role.ADMIN, Role.EDITOR):
        draft = plan_draft_from_document(actor=w.user("b", role), document=doc, unit=w.b.unit)
        assert draft.plan.parent_document == doc and "27-CT/TW" in draft.plan.preamble
