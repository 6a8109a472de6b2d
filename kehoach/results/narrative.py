"""The narrative parts a compilation proposes, written from the compiled data (pure).

Each part is plain text, one paragraph per line; lines starting with ``-`` are list items as
officials write them. Nothing is invented: every sentence states a figure or a name from the data.
"""

from __future__ import annotations

from typing import Any

from kehoach.results.formatting import figure_text, met_text, target_text, vn_date

MISSING_NAMES_LIMIT = 30


def plan_reference(plan: Any) -> str:
    """``Kế hoạch số 12-KH/ĐU ngày 05/3/2026 về ...`` (what is known of it)."""
    parts = ["Kế hoạch"]
    if plan.code:
        parts.append(f"số {plan.code}")
    if plan.issued_on:
        parts.append(f"ngày {plan.issued_on:%d/%m/%Y}")
    return " ".join(parts)


def report_title(plan: Any, period_label: str) -> str:
    """The trích yếu: ``Kết quả thực hiện Kế hoạch số 12-KH/ĐU ...`` + the period on its own line."""
    about = plan.title.strip().rstrip(".")
    head = f"Kết quả thực hiện {plan_reference(plan)}"
    if about:
        head = f"{head} về {about[0].lower()}{about[1:]}" if plan.code else f"{head} {about}"
    return f"{head}\n(kỳ báo cáo: {period_label})"


def generated_sections(*, plan: Any, unit_name: str, data: dict[str, Any]) -> dict[str, str]:
    """Proposed text of each part: opening, results, limitations, directions, closing."""
    period = data["period"]
    names = data["units"]
    tasks = data["tasks"]["total"]
    rep = data["reporting"]
    ref = plan_reference(plan)
    about = plan.title.strip().rstrip(".")
    about = f" về {about[0].lower()}{about[1:]}" if about else ""
    issuer = "" if plan.unit.name == unit_name else f" của {plan.unit.name}"
    opening = (
        f"Thực hiện {ref}{issuer}{about}, "
        f"{unit_name} báo cáo kết quả thực hiện kỳ {period['label']} "
        f"(số liệu từ ngày {vn_date(period['start'])} đến ngày {vn_date(period['end'])}) như sau:"
    )
    results = [
        f"Kế hoạch có {tasks['total']} nhiệm vụ được theo dõi: {tasks['done']} nhiệm vụ đã hoàn "
        f"thành, {tasks['in_progress']} nhiệm vụ đang thực hiện, {tasks['not_started']} nhiệm vụ "
        f"chưa triển khai, {tasks['overdue']} nhiệm vụ quá hạn hoặc chậm tiến độ "
        f"(tính đến ngày {vn_date(data['as_of'])})."
    ]
    if rep["owing_units"]:
        results.append(
            f"Có {rep['complete_units']}/{rep['owing_units']} đơn vị đã gửi đủ báo cáo kỳ này."
        )
    for ind in data["indicators"]:
        value = figure_text(ind["aggregation"], ind["total"], ind["measure_unit"])
        target = target_text(
            ind["comparator"], ind["target"], ind["aggregation"], ind["measure_unit"]
        )
        line = f"- {ind['name']}: {value or 'chưa có số liệu đã duyệt'}"
        if target and value:
            verdict = met_text((ind["total"] or {}).get("met"))
            line += f" (chỉ tiêu {target}{': ' + verdict.lower() if verdict else ''})"
        results.append(line + ".")
    limitations = []
    if tasks["overdue"]:
        limitations.append(f"- Còn {tasks['overdue']} nhiệm vụ quá hạn hoặc chậm tiến độ.")
    missed = [ind["name"] for ind in data["indicators"] if (ind["total"] or {}).get("met") is False]
    if missed:
        limitations.append(f"- Chỉ tiêu chưa đạt: {'; '.join(missed)}.")
    if rep["missing"]:
        listed = [names.get(str(m["unit"]), "") for m in rep["missing"][:MISSING_NAMES_LIMIT]]
        more = len(rep["missing"]) - len(listed)
        tail = f" và {more} đơn vị khác" if more > 0 else ""
        limitations.append(
            f"- {len(rep['missing'])} đơn vị chưa gửi đủ báo cáo: {', '.join(listed)}{tail}."
        )
    if rep["pending_review"]:
        limitations.append(
            f"- {rep['pending_review']} báo cáo đã gửi đang chờ duyệt, chưa tính vào số liệu chỉ tiêu."
        )
    directions = []
    if tasks["overdue"]:
        directions.append(
            f"- Tập trung hoàn thành {tasks['overdue']} nhiệm vụ quá hạn, chậm tiến độ."
        )
    for item in data["upcoming"]:
        who = names.get(str(item["unit"]), "") if item["unit"] else ""
        directions.append(
            f"- {item['task']}{f' ({who})' if who else ''}: hạn {vn_date(item['due'])}."
        )
    closing = f"Trên đây là báo cáo kết quả thực hiện {ref} kỳ {period['label']} của {unit_name}."
    return {
        "opening": opening,
        "results": "\n".join(results),
        "limitations": "\n".join(limitations),
        "directions": "\n".join(directions),
        "closing": closing,
    }
