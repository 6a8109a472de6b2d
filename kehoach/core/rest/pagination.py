"""One pagination for every list endpoint, and its schema for views that paginate by hand."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="A page number (from 1)."),
    OpenApiParameter(
        "page_size", OpenApiTypes.INT, description="Rows per page (50 by default, at most 200)."
    ),
]
_PAGINATED: dict[type, type] = {}


def paginated(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The schema of one page of ``serializer_class`` rows, as ``core.rest.Pagination`` answers
    (the list views here paginate by hand, which the schema generator cannot see)."""
    if serializer_class not in _PAGINATED:
        _PAGINATED[serializer_class] = type(
            f"Paginated{serializer_class.__name__}List",
            (serializers.Serializer,),
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": serializer_class(many=True),
                "__module__": serializer_class.__module__,
            },
        )
    return _PAGINATED[serializer_class]
