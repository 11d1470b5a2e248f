"""Charts as inline SVG, drawn on the server: no script, no library, nothing from a CDN.

Each chart is an `<svg role="img">` labelled by its own `<title>` and `<desc>`; every bar carries its
number as text, and the page puts the table of the same numbers right under it, so a screen reader
and a printout lose nothing. Labels sit above their bar so long theme names stay readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from phoihop.reports.selectors import COLUMNS, ProgramFigures

WIDTH = 720
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_GAP = 14
VALUE_WIDTH = 120
LEFT = 4


@dataclass(frozen=True)
class Series:
    key: str
    label: str | Promise  # lazy at module level: translated when drawn
    colour: str


@dataclass(frozen=True)
class Bar:
    label: str
    values: dict[str, float]
    target: float | None = None
    note: str = ""
    colour: str = ""  # overrides the series colour of a single-series chart (verdict labels)


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(round(value, 1), decimal_pos=1, force_grouping=True)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    series: Sequence[Series],
    bars: Sequence[Bar],
    target_label: str = "",
    empty_text: str = "",
) -> SafeString:
    """Horizontal bars, stacked when there are several series, with an optional target mark."""
    uid = f"bieu-do-{key}"
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    legend_height = 28 if len(series) > 1 or target_label else 0
    rows = max(len(bars), 1)
    height = legend_height + rows * row_height + 8
    scale_max = max(
        [sum(bar.values.get(s.key, 0) for s in series) for bar in bars] + [bar.target or 0 for bar in bars] + [1]
    )
    plot = WIDTH - LEFT - VALUE_WIDTH
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{uid}-t {uid}-d" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(description)}</desc>',
    ]
    if legend_height:
        x = float(LEFT)
        for s in series if len(series) > 1 else []:
            parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{escape(s.colour)}"/>')
            parts.append(f'<text x="{x + 16}" y="16" class="chart-legend">{escape(str(s.label))}</text>')
            x += 24 + 7 * len(str(s.label))
        if target_label:
            parts.append(f'<line x1="{x + 6}" y1="4" x2="{x + 6}" y2="20" class="chart-target"/>')
            parts.append(f'<text x="{x + 14}" y="16" class="chart-legend">{escape(target_label)}</text>')
    if not bars:
        parts.append(f'<text x="{LEFT}" y="{legend_height + 24}" class="chart-empty">{escape(empty_text)}</text>')
    for index, bar in enumerate(bars):
        top = legend_height + index * row_height
        parts.append(f'<text x="{LEFT}" y="{top + 13}" class="chart-label">{escape(_short(bar.label))}</text>')
        y = top + LABEL_HEIGHT
        x_bar = float(LEFT)
        total = 0.0
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{plot}" height="{BAR_HEIGHT}" class="chart-track"/>')
        for s in series:
            value = bar.values.get(s.key, 0)
            if value <= 0:
                continue
            width = plot * value / scale_max
            fill = bar.colour if bar.colour and len(series) == 1 else s.colour
            parts.append(
                f'<rect x="{x_bar:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{escape(fill)}">'
                f"<title>{escape(str(s.label))}: {_fmt(value)}</title></rect>"
            )
            x_bar += width
            total += value
        if bar.target:
            tx = LEFT + plot * bar.target / scale_max
            parts.append(
                f'<line x1="{tx:.1f}" y1="{y - 3}" x2="{tx:.1f}" y2="{y + BAR_HEIGHT + 3}" class="chart-target"/>'
            )
        value_text = bar.note or _fmt(total)
        parts.append(
            f'<text x="{WIDTH - VALUE_WIDTH + 8}" y="{y + 14}" class="chart-value">{escape(value_text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


# --- the dashboard's charts -------------------------------------------------------------------

SUBMISSION_SERIES = (
    Series("published", COLUMNS["used"], "#2e7d32"),
    Series("open", COLUMNS["open"], "#3b6fb6"),
    Series("not_used", COLUMNS["not_used"], "#9a6700"),
)
REQUEST_SERIES = (
    Series("on_time", COLUMNS["on_time"], "#2e7d32"),
    Series("late", COLUMNS["late"], "#c25e00"),
    Series("overdue", COLUMNS["overdue"], "#b3121b"),
    Series("pending", COLUMNS["pending"], "#8a94a6"),
)


def dashboard_charts(figures: ProgramFigures) -> dict[str, SafeString]:
    """One chart per table of the dashboard, drawn from the same rows as the tables."""
    period = figures.period.label
    themes = bar_chart(
        key="noi-dung",
        title=_("Tin, bài đã đăng theo nội dung tuyên truyền — %(period)s") % {"period": period},
        description=_("Mỗi thanh là số tin, bài đã đăng của một nội dung; vạch đứng là chỉ tiêu trong kỳ."),
        series=[Series("published", COLUMNS["published"], "#1d5fd1")],
        bars=[
            Bar(
                label=row.title,
                values={"published": row.published},
                target=row.target,
                note=(f"{_fmt(row.published)} / {_fmt(row.target)}" if row.target else _fmt(row.published)),
            )
            for row in figures.themes
        ],
        target_label=str(COLUMNS["period_target"]),
        empty_text=_("Chương trình chưa có nội dung tuyên truyền."),
    )
    submissions = bar_chart(
        key="cung-cap",
        title=_("Thông tin các đơn vị cung cấp — %(period)s") % {"period": period},
        description=_("Mỗi thanh là một đơn vị: phần đã được sử dụng (đăng), chưa xử lý xong và không sử dụng."),
        series=SUBMISSION_SERIES,
        bars=[
            Bar(
                label=row.unit,
                values={
                    "published": row.published,
                    "open": row.open,
                    "not_used": row.not_used,
                },
            )
            for row in figures.submissions
        ],
        empty_text=_("Chưa có đơn vị phối hợp."),
    )
    requests = bar_chart(
        key="de-nghi",
        title=_("Đề nghị cung cấp thông tin — %(period)s") % {"period": period},
        description=_("Mỗi thanh là một đơn vị được đề nghị: trả lời đúng hạn, trễ hạn, chưa trả lời."),
        series=REQUEST_SERIES,
        bars=[
            Bar(
                label=row.unit,
                values={"on_time": row.on_time, "late": row.late, "overdue": row.overdue, "pending": row.pending},
            )
            for row in figures.requests
        ],
        empty_text=_("Chưa có đơn vị phối hợp."),
    )
    verdicts = bar_chart(
        key="kiem-chung",
        title=_("Kết luận kiểm chứng theo nhãn — %(period)s") % {"period": period},
        description=_("Số hồ sơ lập trong kỳ đã có kết luận được duyệt, theo nhãn kết luận."),
        series=[Series("n", COLUMNS["concluded"], "#555555")],
        bars=[Bar(label=row.label, values={"n": row.count}, colour=row.colour) for row in figures.claims.verdicts],
        empty_text=_("Chưa có kết luận trong kỳ."),
    )
    most_read = bar_chart(
        key="doc-nhieu",
        title=_("Tin, bài được đọc nhiều — %(period)s") % {"period": period},
        description=_("Lượt đọc trong kỳ của các tin, bài thuộc chương trình."),
        series=[Series("views", COLUMNS["views"], "#6a3fb3")],
        bars=[Bar(label=f"{row.rank}. {row.title}", values={"views": row.views}) for row in figures.most_read],
        empty_text=_("Chưa có số liệu lượt đọc trong kỳ."),
    )
    return {
        "themes": themes,
        "submissions": submissions,
        "requests": requests,
        "verdicts": verdicts,
        "most_read": most_read,
    }
