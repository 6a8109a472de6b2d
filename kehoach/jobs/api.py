"""``GET /api/jobs/<id>/``: a job's status and progress (scoped like its page)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.jobs.models import Job
from kehoach.jobs.selectors import job_get


class JobOut(serializers.ModelSerializer[Job]):
    result_download = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "step",
            "error",
            "attempts",
            "result_url",
            "result_api_url",
            "result_download",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_result_download(self, job: Job) -> str:
        return reverse("jobs:download", args=[job.pk]) if job.result_file else ""


class JobDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=JobOut, summary="A background job's status and progress")
    def get(self, request: Request, pk: Any) -> Response:
        return Response(JobOut(job_get(user=request.user, job_id=pk)).data)
