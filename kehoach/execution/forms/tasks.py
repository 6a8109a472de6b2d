"""Form of the task page: status and progress (and the due date for editors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.execution.choices import TaskStatus


class TaskUpdateForm(forms.Form):
    """What a unit updates on its task; progress is hidden for a task with sub-tasks."""

    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskStatus.choices)
    progress = forms.DecimalField(
        label=_("Tiến độ (%)"), min_value=0, max_value=100, decimal_places=2, required=False
    )
    due_date = forms.DateField(
        label=_("Hạn hoàn thành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editor: bool, has_children: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editor:
            del self.fields["due_date"]
        if has_children:
            del self.fields["progress"]
