"""Reading the spreadsheets education departments send (.xlsx or .csv) into checked rows."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from cms.text import fold_key
from exam_news.importers.plan import Action, ImportPlan

MAX_ROWS = 20_000


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, missing columns, empty)."""


@dataclass(frozen=True)
class Column:
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def header_keys(self) -> set[str]:
        return {fold_key(self.header), *(fold_key(a) for a in self.aliases)}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportReport:
    dry_run: bool
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    plan: ImportPlan | None = None
    stale: bool = False  # the plan differs from the previewed one, so nothing was written

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, plan: ImportPlan) -> None:
        """Take the plan and the counts it gives."""
        self.plan = plan
        self.created, self.updated = plan.count(Action.NEW), plan.count(Action.UPDATED)
        self.unchanged, self.removed = plan.count(Action.UNCHANGED), plan.count(Action.REMOVED)


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, Any]


def read_rows(file: BinaryIO, filename: str, columns: dict[str, Column]) -> tuple[list[Row], list[str]]:
    """Rows keyed by column name, numbered as the spreadsheet shows them, plus warnings."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        table = _read_xlsx(file)
    elif suffix == ".csv":
        table = _read_csv(file)
    else:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: %(name)s).") % {"name": filename})
    header_index = next((i for i, (_n, cells) in enumerate(table) if any(_filled(c) for c in cells)), None)
    if header_index is None:
        raise ImportFileError(_("Tệp không có dữ liệu."))
    header_number, headers = table[header_index]
    mapping, warnings = _map_headers(headers, columns)
    rows = []
    for number, cells in table[header_index + 1:]:
        if not any(_filled(c) for c in cells):
            continue
        values = {name: cells[i] if i < len(cells) else None for name, i in mapping.items()}
        rows.append(Row(number, values))
    if not rows:
        raise ImportFileError(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("Tệp có quá %(max)s dòng.") % {"max": MAX_ROWS})
    return rows, warnings


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def _map_headers(headers: list[Any], columns: dict[str, Column]) -> tuple[dict[str, int], list[str]]:
    mapping: dict[str, int] = {}
    warnings = []
    for index, header in enumerate(headers):
        if not _filled(header):
            continue
        key = fold_key(str(header))
        name = next((n for n, c in columns.items() if key in c.header_keys()), None)
        if name is None:
            warnings.append(_("Bỏ qua cột không dùng: “%(h)s”.") % {"h": str(header).strip()})
        elif name in mapping:
            raise ImportFileError(_("Cột “%(h)s” xuất hiện hai lần.") % {"h": columns[name].header})
        else:
            mapping[name] = index
    missing = [c.header for n, c in columns.items() if c.required and n not in mapping]
    if missing:
        raise ImportFileError(_("Thiếu cột bắt buộc: %(cols)s.") % {"cols": ", ".join(missing)})
    return mapping, warnings


def _read_xlsx(file: BinaryIO) -> list[tuple[int, list[Any]]]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.")) from exc
    sheet = workbook.worksheets[0]
    table = [(i, list(row)) for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    workbook.close()
    return table


def _read_csv(file: BinaryIO) -> list[tuple[int, list[Any]]]:
    raw = file.read()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly any byte string
        raise ImportFileError(_("Không nhận ra bảng mã của tệp CSV; hãy lưu dạng UTF-8."))
    if "\x00" in text:
        raise ImportFileError(_("Tệp CSV chứa ký tự không hợp lệ (có thể là tệp nhị phân)."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return [(i, row) for i, row in enumerate(reader, start=1)]


def parse_row(row: Row, parsers: dict, columns: dict[str, Column], report: ImportReport) -> dict:
    """Each cell through its parser; a bad cell becomes a RowError naming its column."""
    from exam_news.importers.cells import CellError

    values = {}
    for name, parse in parsers.items():
        try:
            values[name] = parse(row.values.get(name))
        except CellError as exc:
            report.errors.append(RowError(row.number, columns[name].header, str(exc)))
    return values


def validated(instance, row: Row, columns: dict[str, Column], report: ImportReport, **clean_options) -> bool:
    """Run the model's own validation and report each message against the column it concerns."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(**clean_options)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            column = columns[field].header if field in columns else field
            report.errors.extend(RowError(row.number, column, m) for m in messages)
        return False
    return True
