"""One FilterSet per list, shared by the HTML pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kehoach.core.filters import IdFilter
from kehoach.core.text import fold
from kehoach.organizations.choices import Role, UnitKind
from kehoach.organizations.models import Membership, Unit


class UnitFilterSet(django_filters.FilterSet):
    """Filters for the unit list: words (without diacritics too), kind, status, parent."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên, ký hiệu, mã"))
    kind = django_filters.ChoiceFilter(
        choices=UnitKind.choices, label=_("Loại đơn vị"), empty_label=_("Tất cả")
    )
    status = django_filters.ChoiceFilter(
        choices=[("open", _("Đang hoạt động")), ("closed", _("Đã kết thúc"))],
        method="filter_status",
        label=_("Tình trạng"),
        empty_label=_("Tất cả"),
    )
    parent = IdFilter(field_name="parent_id", label=_("Đơn vị cấp trên (mã số)"))

    class Meta:
        model = Unit
        fields = ["q", "kind", "status", "parent"]

    def filter_q(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        q = Q()
        for word in fold(value).split():
            q &= Q(search_text__contains=word)
        return queryset.filter(q)

    def filter_status(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        if value == "open":
            return queryset.filter(valid_to__isnull=True)
        if value == "closed":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class MembershipFilterSet(django_filters.FilterSet):
    """Filters for member lists: role and words in the user's names."""

    q = django_filters.CharFilter(method="filter_q", label=_("Tìm theo tên, tên đăng nhập"))
    role = django_filters.ChoiceFilter(
        choices=Role.choices, label=_("Vai trò"), empty_label=_("Tất cả")
    )

    class Meta:
        model = Membership
        fields = ["q", "role"]

    def filter_q(
        self, queryset: QuerySet[Membership], name: str, value: str
    ) -> QuerySet[Membership]:
        q = Q()
        for word in value.split():
            q &= (
                Q(user__username__icontains=word)
                | Q(user__full_name__icontains=word)
                | Q(user__email__icontains=word)
            )
        return queryset.filter(q)
