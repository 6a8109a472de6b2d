"""API views for units and the caller: adapters over the same selectors, FilterSet and services."""

from __future__ import annotations

from typing import Any, cast

from axes.handlers.proxy import AxesProxyHandler
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.accounts.models import User
from kehoach.accounts.services import otp_check, otp_device
from kehoach.accounts.throttle import address_locked
from kehoach.core.exceptions import DomainError, PermissionDenied
from kehoach.organizations import selectors, services
from kehoach.organizations.choices import UnitKind
from kehoach.organizations.filters import UnitFilterSet
from kehoach.organizations.models import Membership, Unit
from kehoach.organizations.permissions import Action, can


class UnitOut(serializers.ModelSerializer):
    parent_id = serializers.IntegerField(allow_null=True, read_only=True)
    successor_id = serializers.IntegerField(allow_null=True, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "kind",
            "kind_label",
            "name",
            "short_name",
            "abbreviation",
            "parent_id",
            "depth",
            "valid_from",
            "valid_to",
            "successor_id",
            "is_open",
        ]
        read_only_fields = fields


class UnitCreateIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    name = serializers.CharField(max_length=300)
    short_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    abbreviation = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )
    code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    parent_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)


class UnitUpdateIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=UnitKind.choices, required=False)
    name = serializers.CharField(max_length=300, required=False)
    short_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    abbreviation = serializers.CharField(max_length=40, required=False, allow_blank=True)
    code = serializers.CharField(max_length=40, required=False)
    on = serializers.DateField(
        required=False, help_text="Ngày đổi tên có hiệu lực (mặc định hôm nay)."
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class MembershipOut(serializers.ModelSerializer):
    unit = UnitOut(read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "role", "role_label", "unit"]
        read_only_fields = fields


class MeOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.CharField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipOut(many=True)


def _parent_for(user: Any, parent_id: int | None) -> Unit | None:
    if parent_id is None:
        return None
    return selectors.unit_get(user=user, unit_id=parent_id)


class UnitListCreate(generics.ListCreateAPIView):
    """Units in the caller's subtrees (filters: q, kind, status, parent); admins create."""

    serializer_class = UnitOut
    filterset_class = UnitFilterSet

    def get_queryset(self) -> Any:
        return selectors.unit_list(user=self.request.user)

    @extend_schema(request=UnitCreateIn, responses={201: UnitOut})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = UnitCreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parent = _parent_for(request.user, values.pop("parent_id"))
        unit = services.unit_create(actor=request.user, parent=parent, **values)
        return Response(UnitOut(unit).data, status=status.HTTP_201_CREATED)


class UnitDetail(generics.RetrieveUpdateAPIView):
    """One unit in the caller's scope (404 outside it); admins of the unit update it."""

    serializer_class = UnitOut
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Unit:
        return selectors.unit_get(user=self.request.user, unit_id=self.kwargs["pk"])

    @extend_schema(request=UnitUpdateIn, responses={200: UnitOut})
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit = self.get_object()
        if not can(request.user, Action.ADMIN, unit):
            raise PermissionDenied(_("Bạn không có quyền sửa đơn vị này."))
        data = UnitUpdateIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        on, note = values.pop("on", None), values.pop("note", "")
        unit = services.unit_update(actor=request.user, unit=unit, on=on, note=note, **values)
        return Response(UnitOut(unit).data)


class Me(APIView):
    """The caller: account and memberships (units and roles)."""

    @extend_schema(responses=MeOut)
    def get(self, request: Request) -> Response:
        user = cast(User, request.user)  # IsAuthenticated
        memberships = selectors.my_memberships(user=user)
        body = {
            "id": user.pk,
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "is_superuser": user.is_superuser,
            "memberships": memberships,
        }
        return Response(MeOut(body).data)


class TokenIn(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    otp = serializers.CharField(
        required=False,
        help_text="Mã 6 chữ số của ứng dụng xác thực, khi tài khoản bật xác thực hai lớp.",
    )


class TokenOut(serializers.Serializer):
    token = serializers.CharField()


class TokenObtain(ObtainAuthToken):
    """Exchange a username and password (and the second factor's code, when it is on) for the
    caller's API token; throttled like the login (429)."""

    @extend_schema(request=TokenIn, responses={200: TokenOut})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.data, dict):
            return Response(
                {"detail": _("Hãy gửi tên đăng nhập và mật khẩu (username, password).")},
                status=400,
            )
        credentials = {"username": request.data.get("username", "")}
        if AxesProxyHandler.is_locked(request._request, credentials) or address_locked(
            request._request
        ):
            return Response(
                {"detail": _("Đăng nhập sai quá nhiều lần: tạm khóa 15 phút. Hãy thử lại sau.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        device = otp_device(user)
        if device is not None:  # the second factor is on: the token needs the code too
            try:
                otp_check(device, str(request.data.get("otp", "")))
            except DomainError as exc:
                return Response({"detail": exc.message, "field": "otp"}, status=400)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
