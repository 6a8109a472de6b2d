"""Plan pages: list, detail (tasks with RAG, indicators, implementing plans), build from a
document, assign, issue, compliance matrix. Thin adapters over services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core.exceptions import DomainError
from kehoach.core.http import page_number
from kehoach.core.idempotency import once_per_token, submitted
from kehoach.documents.selectors import document_scope
from kehoach.execution.choices import PlanStatus
from kehoach.execution.forms.plans import (
    AssignForm,
    DraftFromDocumentForm,
    IndicatorAddForm,
    IssueForm,
    RequirementForm,
    TaskAddForm,
    TemplateAddForm,
)
from kehoach.execution.models.plans import Plan
from kehoach.execution.selectors import plans as selectors
from kehoach.execution.selectors.reports import indicator_results
from kehoach.execution.selectors.tasks import plan_task_rows, task_get
from kehoach.execution.services.drafting import plan_draft_from_document
from kehoach.execution.services.issuing import plan_issue
from kehoach.execution.services.plans import requirements_set
from kehoach.execution.services.tasks import task_assign
from kehoach.organizations.models import Unit
from kehoach.organizations.permissions import Action, can, scope_q
from kehoach.organizations.selectors import audit_list_for

PAGE_SIZE = 25


def editable_units(user: Any) -> Any:
    return Unit.objects.visible_to(user, Action.EDIT).active()


def warn_units_without_accounts(request: HttpRequest, units: list[Any]) -> None:
    """A task given to a unit nobody can log in for reaches no one: say so, with the way to
    invite its officers (the unit's members page)."""
    from django.urls import reverse
    from django.utils.html import format_html

    from kehoach.organizations.models import Membership
    from kehoach.organizations.permissions import ROLE_RANK

    wanted = [u for u in units if u is not None]
    if not wanted:
        return
    roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK["reporter"]]
    reached = set(
        Membership.objects.filter(
            unit__in=wanted, role__in=roles, user__is_active=True
        ).values_list("unit_id", flat=True)
    )
    for unit in wanted:
        if unit.pk not in reached:
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    gettext("%(unit)s chưa có tài khoản nào: sẽ không ai nhận được thông báo.")
                    % {"unit": unit.name},
                    reverse("organizations:unit_members", args=[unit.pk]),
                    gettext("Mời cán bộ của đơn vị"),
                ),
            )


def tree_rows(tasks: list[Any]) -> list[tuple[Any, int]]:
    """Tasks in outline order with their depth (parents before children)."""
    children: dict[int | None, list[Any]] = {}
    ids = {t.pk for t in tasks}
    for t in tasks:
        children.setdefault(t.parent_id if t.parent_id in ids else None, []).append(t)
    out: list[tuple[Any, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for t in children.get(parent, []):
            out.append((t, depth))
            walk(t.pk, depth + 1)

    walk(None, 0)
    return out


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET.get(k, "") for k in ("status", "q")}
    page = Paginator(selectors.plan_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        page_number(request)
    )
    counts = selectors.plan_task_counts([p.pk for p in page])
    for p in page:
        setattr(p, "task_count", counts.get(p.pk, 0))  # noqa: B010  (a display attribute)
    context = {
        "page": page,
        "filters": filters,
        "statuses": PlanStatus.choices,
        "can_draft": editable_units(request.user).exists(),
    }
    return render(request, "plans/plan_list.html", context)


def _with_unit_names(results: list[Any]) -> list[Any]:
    """Attach ``unit_rows`` (name, aggregate, target, verdict) to each result (one query)."""
    ids = {u for r in results for u, *_rest in r.units}
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for r in results:
        r.unit_rows = [(names.get(u, "?"), agg, target, met) for u, agg, target, met in r.units]
    return results


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id, concerning=True)
    can_edit = can(request.user, Action.EDIT, plan.unit)
    # A unit given work by a plan outside its subtree reads the plan and its tasks; the
    # figures of the other units and the plan's history stay with the plan's own subtree.
    in_scope = can(request.user, Action.VIEW, plan.unit)
    rows = plan_task_rows(plan=plan)
    draft = plan.status == PlanStatus.DRAFT and can_edit
    editable = can_edit and plan.status in (PlanStatus.DRAFT, PlanStatus.ISSUED)
    subtree = Unit.objects.subtree_of(plan.unit).active()
    templates = list(plan.report_templates.prefetch_related("periods").order_by("id"))
    context = {
        "plan": plan,
        "rows": rows,
        "can_edit": can_edit,
        "draft": draft,
        "in_scope": in_scope,
        "can_implement": not in_scope and editable_units(request.user).exists(),
        "indicators": _with_unit_names(indicator_results(plan=plan)) if in_scope else [],
        "children": list(
            Plan.objects.filter(parent=plan)
            .filter(scope_q(request.user, field="unit"))
            .select_related("unit")
            .order_by("unit__path")
        ),
        "issue_form": IssueForm() if draft else None,
        "editable": editable,
        "task_form": TaskAddForm(units=subtree, templates=templates, within=plan.unit_id)
        if editable
        else None,
        "template_form": TemplateAddForm() if editable else None,
        "indicator_form": IndicatorAddForm(units=[]) if editable else None,
        "templates": templates,
        "audit_entries": audit_list_for(plan, user=request.user, limit=20) if in_scope else [],
    }
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token
def plan_new(request: HttpRequest) -> HttpResponse:
    form = DraftFromDocumentForm(
        request.POST or None,
        initial={"document": request.GET.get("document"), "unit": request.GET.get("unit")},
        documents=document_scope(user=request.user).order_by("-sort_date", "-id"),
        units=editable_units(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = plan_draft_from_document(
                actor=request.user,
                document=form.cleaned_data["document"],
                unit=form.cleaned_data["unit"],
                title=form.cleaned_data["title"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            unmatched = draft.unmatched
            messages.success(
                request,
                gettext(
                    "Đã lập dự thảo với %(tasks)s nhiệm vụ; "
                    "%(unmatched)s nhiệm vụ chưa xác định được đơn vị chủ trì."
                )
                % {"tasks": len(draft.tasks), "unmatched": unmatched}
                if unmatched
                else gettext("Đã lập dự thảo với %(tasks)s nhiệm vụ.")
                % {"tasks": len(draft.tasks)},
            )
            return submitted(request, redirect("plans:detail", plan_id=draft.plan.pk))
    return render(request, "plans/plan_new.html", {"form": form})


@login_required
@require_POST
def task_assign_view(request: HttpRequest, plan_id: int, task_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    task = task_get(user=request.user, task_id=task_id)
    form = AssignForm(
        request.POST, units=Unit.objects.subtree_of(plan.unit).active(), within=plan.unit_id
    )
    if task.plan_id != plan.pk or not form.is_valid():
        messages.error(request, gettext("Đơn vị không hợp lệ."))
    else:
        try:
            task_assign(
                actor=request.user,
                task=task,
                lead_unit=form.cleaned_data["lead_unit"],
                supporting_units=form.cleaned_data["supporting_units"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("Đã giao nhiệm vụ."))
            warn_units_without_accounts(
                request,
                [form.cleaned_data["lead_unit"], *form.cleaned_data["supporting_units"]],
            )
    if request.POST.get("next") == f"/tasks/{task.pk}/":
        return redirect(request.POST["next"])
    return redirect(f"/plans/{plan.pk}/#task-{task.pk}")


@login_required
@require_POST
def plan_issue_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Cần có số, ngày ban hành hợp lệ và người ký."))
        return redirect("plans:detail", plan_id=plan.pk)
    try:
        plan_issue(actor=request.user, plan=plan, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Đã ban hành kế hoạch và lưu vào sổ văn bản."))
    return redirect("plans:detail", plan_id=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
@once_per_token
def compliance(request: HttpRequest) -> HttpResponse:
    picked = [int(i) for i in request.GET.getlist("show") if i.isdigit()]
    matrix = selectors.compliance_matrix(user=request.user, directive_ids=picked)
    unit_page = Paginator(matrix.units, 50).get_page(page_number(request))
    form = None
    units = editable_units(request.user)
    document_id = request.GET.get("document") or request.POST.get("document")
    directive = None
    if document_id and str(document_id).isdigit():
        directive = document_scope(user=request.user).filter(pk=document_id).first()
    by = None
    if directive is not None and units.exists():
        by_choices = list(units.order_by("depth", "path").only("id", "name", "depth", "path"))
        wanted = str(request.POST.get("by") or request.GET.get("by") or "")
        by = next((u for u in by_choices if str(u.pk) == wanted), by_choices[0])
        below = Unit.objects.filter(parent=by).active().order_by("name")
        form = RequirementForm(request.POST or None, units=below)
        form.by_choices = by_choices  # type: ignore[attr-defined]
        if request.method == "POST" and form.is_valid():
            try:
                reqs = requirements_set(
                    actor=request.user,
                    directive=directive,
                    required_by=by,
                    units=form.cleaned_data["chosen"],
                    due_date=form.cleaned_data["due_date"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    gettext(
                        "Đã giao %(n)s đơn vị ban hành kế hoạch thực hiện trước ngày %(due)s; "
                        "các đơn vị đã được thông báo."
                    )
                    % {"n": len(reqs), "due": form.cleaned_data["due_date"].strftime("%d/%m/%Y")},
                )
                return submitted(request, redirect(f"/plans/compliance/?document={directive.pk}"))
    choices = []
    if units.exists():
        choices = list(
            document_scope(user=request.user)
            .order_by("-sort_date", "-id")
            .only("id", "doc_type", "doc_type_name", "code", "number", "symbol", "title")[:200]
        )
    context = {
        "matrix": matrix,
        # Each cell with its column's directive: on a phone the matrix is one card per unit.
        "rows": [
            (
                unit,
                [(d, req, state) for d, (req, state) in zip(matrix.directives, cells, strict=True)],
            )
            for unit, cells in matrix.rows(list(unit_page.object_list))
        ],
        "page": unit_page,
        "form": form,
        "directive": directive,
        "by": by,
        "choices": choices,
    }
    return render(request, "plans/compliance.html", context)
