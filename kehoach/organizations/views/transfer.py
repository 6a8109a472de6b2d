"""Import and export of the unit tree (XLSX, CSV)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kehoach.core.exceptions import PermissionDenied
from kehoach.organizations import forms, selectors, tree_io
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.permissions import is_system_admin


@login_required
def unit_export(request: HttpRequest) -> HttpResponse:
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content, content_type, filename = tree_io.units_export(user=request.user, fmt=fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    if (
        not is_system_admin(request.user)
        and not selectors.unit_choices_for_admin(user=request.user).exists()
    ):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới nhập được danh sách đơn vị."))
    form = forms.UnitImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": tree_io.COLUMNS, "kinds": UnitKind.choices}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > tree_io.MAX_IMPORT_BYTES:
            context["errors"] = [_("Tệp quá lớn (tối đa 5 MB).")]
            status = 400
        else:
            try:
                result = tree_io.units_import(
                    actor=request.user,
                    data=upload.read(),
                    filename=upload.name,
                    on=form.cleaned_data["on"],
                )
            except tree_io.TreeImportError as exc:
                context["errors"] = exc.errors
                status = 400
            else:
                messages.success(
                    request,
                    _("Đã nhập: %(c)s đơn vị mới, %(u)s đơn vị cập nhật, %(n)s không đổi.")
                    % {"c": len(result.created), "u": len(result.updated), "n": result.unchanged},
                )
                return redirect("organizations:unit_tree")
    elif request.method == "POST":
        status = 400
    return render(request, "organizations/unit_import.html", context, status=status)
