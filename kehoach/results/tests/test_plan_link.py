"""The plan page leads to the plan's results reports."""

import pytest
from django.urls import reverse

from kehoach.execution.models.plans import Plan


@pytest.mark.django_db
def test_the_plan_page_links_to_its_results_reports(client):
    from django.core.management import call_command

    # Given the demo world with its issued implementing plan
    call_command("seed_demo", stdout=None)
    plan = Plan.objects.exclude(document=None).first()
    from kehoach.accounts.models import User

    client.force_login(User.objects.get(username="bientap.thanhuy"))
    # When its editor opens the plan page
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    # Then the results reports are one click away
    assert reverse("results:plan", args=[plan.pk]) in page
