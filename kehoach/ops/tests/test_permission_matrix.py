"""The permanent permission matrix (NetBox's pattern): every URL pattern and every API operation
× every role of both branches and anonymous.

- **Reads**: a GET never shows the other branch's objects: with the path filled with the other
  branch's objects it answers 403/404 (or a login redirect) or a body without that branch's
  marker (planted in every title and unit name, checked inside XLSX/DOCX too); list pages and
  exports, also with the other branch's ids in ``?unit=`` ``?parent=`` …, never carry it.
- **Writes**: POST/PUT/PATCH/DELETE on the other branch's objects, with the data of the form a
  superuser sees there, never change the database (row counts and ``updated_at`` of every
  table); a viewer changes nothing in their own branch either, beyond their own session-like
  rows (``SELF_SERVICE``).
- **No 500** for any of these requests.

New URLs join by themselves; a URL with a parameter no filler knows fails with a message saying
where to add one (``kehoach/ops/tests/matrix.py``).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from kehoach.ops.tests.matrix import MissingFiller, Objects, fill
from kehoach.organizations.choices import Role
from kehoach.organizations.testing import ROLES

pytestmark = pytest.mark.django_db

OPENAPI = Path(__file__).resolve().parents[3] / "openapi.yaml"
SKIPPED_PREFIXES = ("admin/",)  # Django's admin: staff only, its own permission system
SKIPPED_NAMES = {"api:schema", "api:docs"}  # the published contract, the same for everyone
# Requests that change only the caller's own rows (their session, token, inbox, imports).
SELF_SERVICE = {
    "accounts:login",
    "accounts:logout",
    "accounts:profile",  # a new API token for oneself
    "accounts:password_change",
    "accounts:login_verify",
    "accounts:otp_setup",  # one's own second factor
    "notifications:mark_read",
    "set_language",
    "api:auth_token",
}
# The public forms of the Q&A desk: anyone, with or without an account, may ask a question,
# look one up by its code and give feedback (qa/tests/test_public.py checks them: CSRF,
# honeypot, rate limits, no enumeration, no contact details).
PUBLIC_WRITES = {"qa_public:ask", "qa_public:lookup", "qa_public:feedback"}
# Creating a draft of one's own (an import under review) is in no branch: editors and admins
# may, whichever branch the payload names; viewers and anonymous callers may not.
OWN_DRAFTS = {"documents:import", "/api/documents/imports/"}
# An export starts a job of one's own (the page's download does the same for a viewer, who
# may read the document): in their own branch viewers may start one, and nothing else.
OWN_JOBS = {
    "api:plan_export",
    "api:results_report_export",
    "/api/plans/{id}/export/",
    "/api/results-reports/{id}/export/",
}
OWN_JOB_TABLES = {"jobs_job", "audit_auditentry"}
# Tables that every request may touch: sessions and the login throttle's records.
VOLATILE_TABLES = {"django_session", "qa_clientattempt"}  # + the public forms' rate limit
VOLATILE_PREFIXES = ("axes_",)
DENIED = {302, 403, 404, 405}


def url_patterns() -> list[tuple[str, list[str]]]:
    """(name, parameter names) of every named URL pattern outside the skipped ones."""
    found: list[tuple[str, list[str]]] = []

    def walk(resolver: URLResolver, prefix: str, ns: str, params: list[str]) -> None:
        for p in resolver.url_patterns:
            route = prefix + str(p.pattern)
            names = params + list(getattr(p.pattern, "converters", {}).keys())
            if isinstance(p, URLResolver):
                sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                walk(p, route, sub or "", names)
            elif isinstance(p, URLPattern) and p.name and not route.startswith(SKIPPED_PREFIXES):
                name = f"{ns}:{p.name}" if ns else p.name
                if name not in SKIPPED_NAMES:
                    found.append((name, names))

    walk(get_resolver(), "", "", [])
    return found


def api_operations() -> list[tuple[str, str]]:
    """(method, path template) of every operation in openapi.yaml."""
    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    return [
        (method.upper(), path)
        for path, ops in spec["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def api_url(path: str, objects: Objects) -> str:
    if "{" not in path:
        return path
    try:
        match = resolve(path.replace("{id}", "1"))
    except Resolver404:
        match = resolve(path.replace("{id}", "00000000-0000-4000-8000-000000000000"))
    name = "api:" + str(match.url_name)
    kwargs = fill(name, ["pk"], objects)
    return path.replace("{id}", str(kwargs["pk"]))


def snapshot() -> dict[str, tuple[Any, ...]]:
    """Row count and latest ``updated_at`` of every table, in one query."""
    parts = []
    for model in apps.get_models():
        table = model._meta.db_table
        if table in VOLATILE_TABLES or table.startswith(VOLATILE_PREFIXES):
            continue
        fields = {f.column for f in model._meta.concrete_fields}
        latest = "CAST(MAX(updated_at) AS TEXT)" if "updated_at" in fields else "CAST(NULL AS TEXT)"
        parts.append(f"SELECT '{table}', COUNT(*), {latest} FROM \"{table}\"")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {t: (before[t], after[t]) for t in before if before[t] != after[t]}


def body_text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":  # XLSX, DOCX: the marker sits in the XML inside
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8", "replace")


def form_data(html: str, marker: str) -> dict[str, Any]:
    """The fields of the page's POST forms as a superuser sees them; in a choice, the option
    naming the other branch (its marker) when there is one."""
    soup = BeautifulSoup(html, "html.parser")
    data: dict[str, Any] = {}
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        for field in form.find_all(["input", "textarea", "select"]):
            name = field.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            if field.name == "select":
                options = field.find_all("option")
                pick = next((o for o in options if marker in o.get_text()), None)
                pick = pick or next((o for o in options if o.has_attr("selected")), None)
                pick = pick or next((o for o in options if o.get("value")), None)
                if pick is not None:
                    data[name] = pick.get("value", pick.get_text())
            elif field.name == "textarea":
                data[name] = field.get_text() or f"Nội dung {marker}"
            elif field.get("type") in ("checkbox", "radio"):
                if field.has_attr("checked") or name not in data:
                    data[name] = field.get("value", "on")
            elif field.get("type") == "file":
                continue
            else:
                data[name] = field.get("value") or f"Giá trị {marker}"
    return data


def readers(world_: Any) -> list[tuple[str, str, Any]]:
    """(branch, role, user) for every role at both heads and the child reporters."""
    people = list(world_.role_users())
    for b in (world_.a, world_.b):
        people.append((b.name, "child_reporter", b.child_reporter))
    return people


def _filled(name: str, params: list[str], objects: Objects, failures: list[str]) -> str | None:
    try:
        return reverse(name, kwargs=fill(name, params, objects))
    except MissingFiller as exc:
        failures.append(str(exc))
        return None


def test_every_url_and_api_operation_knows_how_to_fill_its_parameters(world):
    _world, objects = world
    failures: list[str] = []
    for name, params in url_patterns():
        _filled(name, params, objects["a"], failures)
    for _method, path in api_operations():
        try:
            api_url(path, objects["a"])
        except MissingFiller as exc:
            failures.append(str(exc))
    assert not failures, "\n".join(sorted(set(failures)))


@pytest.mark.parametrize("acting_branch", ["a", "b"])  # two tests: xdist runs them side by side
def test_no_role_reads_the_other_branchs_objects_anywhere(world, acting_branch):
    world_, objects = world
    patterns = url_patterns()
    leaks: list[str] = []
    people: list[tuple[str, str, Any]] = [
        *(p for p in readers(world_) if p[0] == acting_branch),
        (acting_branch, "anonymous", None),
    ]
    for branch, role, user in people:
        other = objects["b" if branch == "a" else "a"]
        client = Client()
        if user is not None:
            client.force_login(user)
        urls: list[str] = []
        for name, params in patterns:
            if name in ("accounts:logout",):
                continue
            url = _filled(name, params, other, leaks)
            if url is None:
                continue
            urls.append(url)
            if not params:  # lists and exports, asked about the other branch's ids
                ids = {
                    "unit": other.unit.pk,
                    "parent": other.unit.pk,
                    "issuer": other.unit.pk,
                    "document": other.document.pk,
                    "plan": other.plan.pk,
                }
                urls.append(url + "?" + "&".join(f"{k}={v}" for k, v in ids.items()))
        urls += [api_url(path, other) for method, path in api_operations() if method == "GET"]
        for url in urls:
            response = client.get(url)
            who = f"{role} of {branch}"
            if response.status_code >= 500:
                leaks.append(f"{who}: GET {url} → {response.status_code}")
            elif response.status_code not in DENIED and other.marker in body_text(response):
                leaks.append(f"{who}: GET {url} → {response.status_code} shows the other branch")
    assert not leaks, "\n".join(leaks)


def test_the_marker_check_sees_what_a_branchs_own_admin_may_read(world):
    """The control: the marker is rendered where the objects are shown, so its absence from
    another branch's pages means something."""
    world_, objects = world
    o = objects["a"]
    client = Client()
    client.force_login(world_.user("a", Role.ADMIN))
    for url in [
        reverse("organizations:unit_tree"),
        reverse("organizations:unit_detail", args=[o.unit.pk]),
        reverse("documents:list"),
        reverse("documents:detail", args=[o.document.pk]),
        reverse("plans:list"),
        reverse("plans:detail", args=[o.plan.pk]),
        reverse("plans:tasks_export", args=[o.plan.pk]),
        reverse("tasks:detail", args=[o.task.pk]),
        reverse("reports:detail", args=[o.report.pk]),
        reverse("results:detail", args=[o.results.pk]),
        reverse("qa:detail", args=[o.extra["qa_question"].pk]),
        reverse("qa:session_detail", args=[o.extra["qa_session"].pk]),
        f"/api/documents/{o.document.pk}/",
        f"/api/qa/questions/{o.extra['qa_question'].pk}/",
        "/api/units/",
        "/api/plans/",
        f"/api/plans/{o.plan.pk}/",
        f"/api/tasks/{o.task.pk}/",
        f"/api/reports/{o.report.pk}/",
        f"/api/indicators/?plan={o.plan.pk}",
        f"/api/results-reports/{o.results.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert o.marker in body_text(response), url


def _write_cases(world_: Any, objects: dict[str, Objects]) -> list[tuple[str, str, str, Any]]:
    """(name, method, url, payload) of every write, filled with each branch's objects, the
    payload taken from the page a superuser sees."""
    admin = Client()
    admin.force_login(world_.superuser)
    cases = []
    failures: list[str] = []
    for branch in "ab":
        o = objects[branch]
        for name, params in url_patterns():
            if name == "accounts:logout":
                continue
            url = _filled(name, params, o, failures)
            if url is None:
                continue
            page = admin.get(url)
            html = (
                body_text(page)
                if page.status_code == 200 and "html" in page.get("Content-Type", "")
                else ""
            )
            payload = form_data(html, o.marker) or {"comment": o.marker, "name": o.marker}
            cases.append((branch, name, "POST", url, payload))
        for method, path in api_operations():
            if method == "GET":
                continue
            url = api_url(path, o)
            payload = {
                "name": f"Tên {o.marker}",
                "kind": "office",
                "parent_id": o.unit.pk,
                "text": f"Văn bản {o.marker}",
                "title": f"Tiêu đề {o.marker}",
            }
            cases.append((branch, path, method, url, payload))
    assert not failures, "\n".join(sorted(set(failures)))
    return cases


@pytest.mark.parametrize("acting_branch", ["a", "b"])
def test_no_role_changes_the_other_branch_and_viewers_change_nothing(world, acting_branch):
    world_, objects = world
    cases = _write_cases(world_, objects)
    other_branch = "b" if acting_branch == "a" else "a"
    people: list[tuple[str, Any]] = [(role, world_.user(acting_branch, role)) for role in ROLES] + [
        ("child_reporter", world_.branch(acting_branch).child_reporter),
        ("anonymous", None),
    ]
    problems: list[str] = []
    for role, user in people:
        client = Client()
        if user is not None:
            client.force_login(user)
        for branch, name, method, url, payload in cases:
            own = branch == acting_branch
            if own and role not in (Role.VIEWER, "anonymous"):
                continue  # what each role may do in its own branch is the domains' tests
            if name in SELF_SERVICE and user is not None:
                continue
            if name in PUBLIC_WRITES:
                continue
            if name in OWN_DRAFTS and role in (Role.ADMIN, Role.EDITOR):
                continue
            before = snapshot()
            if url.startswith("/api/"):
                response = client.generic(
                    method, url, json.dumps(payload), content_type="application/json"
                )
            else:
                response = client.post(url, payload)
            after = snapshot()
            who = f"{role} of {acting_branch} on {'own' if own else other_branch} objects"
            if response.status_code >= 500:
                problems.append(f"{who}: {method} {url} → {response.status_code}")
            diff = changed(before, after)
            if name in OWN_JOBS and own and role == Role.VIEWER:
                diff = {t: d for t, d in diff.items() if t not in OWN_JOB_TABLES}
            if diff:
                problems.append(
                    f"{who}: {method} {url} → {response.status_code} changed {sorted(diff)}"
                )
    assert not problems, "\n".join(problems)
