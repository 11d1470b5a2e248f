"""Read the figures back from what a person gets: the dashboard's HTML, the DOCX and the XLSX.

Each reader returns what the output shows, by the words it shows them under, so a test can compare
the three outputs with each other and with a count of its own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import docx
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from phoihop.reports.selectors import COLUMNS


def number(text: Any) -> Any:
    """ "1.234" → 1234, "12,5" → 12.5, "50%" → 50, "—" or "" → None; numbers pass through, and text
    that is no number (a unit's name) is returned as it is."""
    if text is None or isinstance(text, int | float):
        return text
    cleaned = str(text).strip().replace("\xa0", "").replace(".", "").replace(",", ".").rstrip("%")
    if cleaned in {"", "—"}:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return str(text).strip()
    return int(value) if value.is_integer() else value


@dataclass
class Shown:
    """What one output shows: the key figures by label, and the tables' rows by their first cell."""

    figures: dict[str, Any] = field(default_factory=dict)
    themes: dict[str, Any] = field(default_factory=dict)  # theme (and total rows) → articles published
    submissions: dict[str, dict[str, Any]] = field(default_factory=dict)  # unit / "Tổng cộng" → column → n
    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    verdicts: dict[str, Any] = field(default_factory=dict)  # label / "Tổng cộng" → claims concluded


def _columns(*keys: str) -> list[str]:
    return [str(COLUMNS[key]) for key in keys]


# --- the dashboard ----------------------------------------------------------------------------


def _html_table(soup: Any, table_id: str) -> tuple[list[str], list[list[str]]]:
    table = soup.find(id=table_id)
    headers = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = []
    for tr in table.find_all("tr"):
        if tr.parent.name == "thead":
            continue
        rows.append([cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])])
    return headers, rows


def _by_header(headers: list[str], rows: list[list[str]], key_column: int) -> dict[str, dict[str, Any]]:
    return {
        row[key_column]: {header: number(value) for header, value in zip(headers, row, strict=False)}
        for row in rows
        if len(row) == len(headers)
    }


def dashboard(html: str | bytes) -> Shown:
    soup = BeautifulSoup(html, "html.parser")
    shown = Shown()
    _headers, rows = _html_table(soup, "bang-so-lieu-chinh")
    shown.figures = {row[0]: number(row[1]) for row in rows}
    tiles = {
        li.find(class_="kpi-label").get_text(strip=True): number(li.find(class_="kpi-value").get_text())
        for li in soup.find(id="so-lieu-chinh").find_all("li")
    }
    for label, value in tiles.items():
        if shown.figures.get(label) != value:
            raise AssertionError(f"the tile {label!r} shows {value}, the table {shown.figures.get(label)}")
    headers, rows = _html_table(soup, "bang-noi-dung")
    published = headers.index(str(COLUMNS["published"]))
    shown.themes = {row[0]: number(row[published]) for row in rows if len(row) == len(headers)}
    shown.submissions = _by_header(*_html_table(soup, "bang-cung-cap"), key_column=0)
    shown.requests = _by_header(*_html_table(soup, "bang-de-nghi"), key_column=0)
    _headers, rows = _html_table(soup, "bang-kiem-chung")
    shown.verdicts = {row[0]: number(row[1]) for row in rows if len(row) == 2}
    return shown


# --- the DOCX ---------------------------------------------------------------------------------


def _docx_tables(document: Any) -> list[tuple[list[str], list[list[str]]]]:
    tables = []
    for table in document.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if cells:
            tables.append((cells[0], cells[1:]))
    return tables


def docx_report(content: bytes) -> Shown:
    tables = _docx_tables(docx.Document(io.BytesIO(content)))
    shown = Shown()

    def find(*header_keys: str) -> tuple[list[str], list[list[str]]] | None:
        wanted = _columns(*header_keys)
        return next((t for t in tables if all(h in t[0] for h in wanted)), None)

    key_table = next(t for t in tables if t[0][1:3] == ["Số liệu", "Giá trị"])
    shown.figures = {row[1]: number(row[2]) for row in key_table[1]}
    headers, rows = find("theme", "published") or ([], [])
    published = headers.index(str(COLUMNS["published"]))
    shown.themes = {row[1]: number(row[published]) for row in rows}
    headers, rows = find("unit", "used") or ([], [])
    shown.submissions = _by_header(headers, rows, key_column=1)
    headers, rows = find("unit", "on_time") or ([], [])
    shown.requests = _by_header(headers, rows, key_column=1)
    found = find("label", "concluded")
    if found is not None:
        shown.verdicts = {row[1]: number(row[2]) for row in found[1]}
    return shown


# --- the XLSX ---------------------------------------------------------------------------------


def _sheet(book: Any, title: str, key_column: int) -> dict[str, dict[str, Any]]:
    rows = list(book[title].iter_rows(values_only=True))
    headers = [str(h) for h in rows[0]]
    return {str(row[key_column]): dict(zip(headers, row, strict=True)) for row in rows[1:]}


def xlsx(content: bytes) -> Shown:
    book = load_workbook(io.BytesIO(content))
    shown = Shown()
    shown.figures = {str(row[0]): row[1] for row in book["Thông tin chung"].iter_rows(min_row=2, values_only=True)}
    published = str(COLUMNS["published"])
    shown.themes = {key: row[published] for key, row in _sheet(book, "Nội dung tuyên truyền", 1).items()}
    shown.submissions = _sheet(book, "Cung cấp thông tin", 1)
    shown.requests = _sheet(book, "Đề nghị cung cấp thông tin", 1)
    concluded = str(COLUMNS["concluded"])
    shown.verdicts = {key: row[concluded] for key, row in _sheet(book, "Kiểm chứng thông tin", 1).items()}
    return shown
