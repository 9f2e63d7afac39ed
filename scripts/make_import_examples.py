"""Writes the example import files shipped in exam_news/importers/examples/ (run from the repo root)."""

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "exam_news" / "importers" / "examples"

VENUES = [
    ["Mã điểm thi", "Tên điểm thi", "Địa chỉ", "Xã/Phường", "Huyện cũ", "Vĩ độ", "Kinh độ",
     "Số phòng thi", "Số thí sinh", "Điện thoại", "Ghi chú"],
    ["001", "Trường THPT Long Xuyên", "Số 02 Tôn Đức Thắng", "Phường Long Xuyên", "Thành phố Long Xuyên",
     "10,3712", "105,4321", 24, 576, "0296 3841 000", "Cổng chính đường Tôn Đức Thắng"],
    ["002", "Trường THPT Thoại Ngọc Hầu", "Số 10 Lê Lợi", "Mỹ Thới", "Long Xuyên", "10,3352", "105,4493",
     22, 528, "0296 3841 001", ""],
    ["003", "Trường THPT Châu Phú", "Quốc lộ 91, ấp Vĩnh Thạnh", "30463", "Huyện Châu Phú", "10,5652",
     "105,2231", 18, 432, "0296 3688 002", "Đường ven sông dễ ngập khi mưa lớn"],
]
SCHEDULE = [
    ["Ngày thi", "Buổi", "Môn thi", "Giờ có mặt", "Giờ phát đề", "Giờ bắt đầu", "Thời gian làm bài (phút)",
     "Ghi chú"],
    ["26/6/2025", "Sáng", "Ngữ văn", "6h30", "7h30", "7h35", 120, "Bài thi tự luận"],
    ["26/6/2025", "Chiều", "Toán", "13h30", "14h15", "14h20", 90, "Trắc nghiệm"],
    ["27/6/2025", "Sáng", "Môn tự chọn thứ nhất", "6h30", "7h30", "7h35", 50, ""],
    ["27/6/2025", "Sáng", "Môn tự chọn thứ hai", "", "9h15", "9h20", 50, ""],
]


def write(name: str, rows: list[list]) -> None:
    with (OUT / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    workbook.save(OUT / f"{name}.xlsx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write("diem-thi-mau", VENUES)
    write("lich-thi-mau", SCHEDULE)
