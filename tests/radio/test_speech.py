"""read_aloud: every expected string is what a northern announcer says, written by hand.

Comparison ignores case and punctuation (see ``normalise``) unless a test checks
the exact output.
"""

from __future__ import annotations

import json
import os
import threading
import unicodedata
from pathlib import Path

import pytest

from exam_news.radio import read_aloud
from tests.radio.helpers import normalise

REPO = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("MUA_THI_SHARED_DIR", REPO.parent / "shared"))
SHARED_EXAMPLES = SHARED_DIR / "data" / "radio_read_aloud_examples.jsonl"
# A copy of that file as it was on 2026-11-24, read when the workplace's is not beside the clone.
COPIED_EXAMPLES = Path(__file__).parent / "data" / "radio_read_aloud_examples.jsonl"

Y2024 = "hai nghìn không trăm hai mươi tư"
Y2026 = "hai nghìn không trăm hai mươi sáu"


def _load_shared_examples() -> list[dict[str, object]]:
    path = SHARED_EXAMPLES if SHARED_EXAMPLES.is_file() else COPIED_EXAMPLES
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("example", _load_shared_examples(), ids=lambda e: str(e["in"])[:40])
def test_shared_examples(example: dict[str, object]) -> None:
    spoken = normalise(read_aloud(str(example["in"])))
    accepted = {normalise(str(ok)) for ok in example["ok"]}  # type: ignore[union-attr]
    assert spoken in accepted


def check(text: str, expected: str, **kwargs: object) -> None:
    assert normalise(read_aloud(text, **kwargs)) == normalise(expected)  # type: ignore[arg-type]


INTEGERS = [
    ("có 0 thí sinh", "có không thí sinh"),
    ("có 1 em", "có một em"),
    ("có 5 em", "có năm em"),
    ("có 10 em", "có mười em"),
    ("có 11 em", "có mười một em"),
    ("có 14 em", "có mười bốn em"),
    ("có 15 em", "có mười lăm em"),
    ("có 19 em", "có mười chín em"),
    ("có 20 em", "có hai mươi em"),
    ("có 21 em", "có hai mươi mốt em"),
    ("có 24 em", "có hai mươi tư em"),
    ("có 25 em", "có hai mươi lăm em"),
    ("có 31 em", "có ba mươi mốt em"),
    ("có 41 em", "có bốn mươi mốt em"),
    ("có 44 em", "có bốn mươi tư em"),
    ("có 55 em", "có năm mươi lăm em"),
    ("có 99 em", "có chín mươi chín em"),
    ("có 100 em", "có một trăm em"),
    ("có 101 em", "có một trăm linh một em"),
    ("có 104 em", "có một trăm linh bốn em"),
    ("có 105 em", "có một trăm linh năm em"),
    ("có 110 em", "có một trăm mười em"),
    ("có 111 em", "có một trăm mười một em"),
    ("có 115 em", "có một trăm mười lăm em"),
    ("có 121 em", "có một trăm hai mươi mốt em"),
    ("có 125 em", "có một trăm hai mươi lăm em"),
    ("có 999 em", "có chín trăm chín mươi chín em"),
    ("có 1.000 em", "có một nghìn em"),
    ("có 1000 em", "có một nghìn em"),
    ("có 1005 em", "có một nghìn không trăm linh năm em"),
    ("có 1.010 em", "có một nghìn không trăm mười em"),
    ("có 1.015 em", "có một nghìn không trăm mười lăm em"),
    ("có 1.100 em", "có một nghìn một trăm em"),
    ("năm 2024", "năm " + Y2024),
    ("năm 2026", "năm " + Y2026),
    ("có 2.005 em", "có hai nghìn không trăm linh năm em"),
    ("có 8.250 em", "có tám nghìn hai trăm năm mươi em"),
    ("có 10.000 em", "có mười nghìn em"),
    ("có 21.000 em", "có hai mươi mốt nghìn em"),
    ("có 105.000 em", "có một trăm linh năm nghìn em"),
    ("có 1.000.000 em", "có một triệu em"),
    ("có 1.000.005 em", "có một triệu không trăm linh năm em"),
    ("có 1.005.000 em", "có một triệu không trăm linh năm nghìn em"),
    ("có 1.200.000 em", "có một triệu hai trăm nghìn em"),
    ("có 12.345.678 em", "có mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám em"),
    ("có 1.000.000.000 đồng", "có một tỷ đồng"),
    ("có 2.500.000.000 đồng", "có hai tỷ năm trăm triệu đồng"),
    ("có 1.000.000.005 đồng", "có một tỷ không trăm linh năm đồng"),
    ("có 1.000.000.000.000 đồng", "có một nghìn tỷ đồng"),
    ("có 1,160,000 em", "có một triệu một trăm sáu mươi nghìn em"),
]

DECIMALS = [
    ("đạt 1,5 điểm", "đạt một phẩy năm điểm"),
    ("đạt 9,75 điểm", "đạt chín phẩy bảy mươi lăm điểm"),
    ("đạt 8,25 điểm", "đạt tám phẩy hai mươi lăm điểm"),
    ("đạt 2,05 điểm", "đạt hai phẩy không năm điểm"),
    ("đạt 0,5 điểm", "đạt không phẩy năm điểm"),
    ("đạt 7,0 điểm", "đạt bảy phẩy không điểm"),
    ("đạt 6,10 điểm", "đạt sáu phẩy mười điểm"),
    ("tổng 27,21 điểm", "tổng hai mươi bảy phẩy hai mươi mốt điểm"),
    ("hệ số 3,125", "hệ số ba phẩy một hai năm"),
    ("diện tích 1.234,5 héc ta", "diện tích một nghìn hai trăm ba mươi tư phẩy năm héc ta"),
    ("đạt 98,7%", "đạt chín mươi tám phẩy bảy phần trăm"),
    ("đạt 100%", "đạt một trăm phần trăm"),
    ("giảm 0,5%", "giảm không phẩy năm phần trăm"),
    ("chiếm 45 %", "chiếm bốn mươi lăm phần trăm"),
    ("đạt 98.7%", "đạt chín mươi tám phẩy bảy phần trăm"),
    # documented: a single dot with 1-2 digits and no unit is read "chấm"
    ("mục 1.5", "mục một chấm năm"),
    ("tiểu mục 2.3.1", "tiểu mục hai chấm ba chấm một"),
    # documented: one comma and three digits is a decimal, read digit by digit
    ("hệ số 1,160", "hệ số một phẩy một sáu không"),
]

DATES = [
    ("27/6/2024", "ngày hai mươi bảy tháng sáu năm " + Y2024),
    ("ngày 27/6/2024", "ngày hai mươi bảy tháng sáu năm " + Y2024),
    ("Ngày 05/7/2023", "ngày năm tháng bảy năm hai nghìn không trăm hai mươi ba"),
    ("ngày 09/8", "ngày chín tháng tám"),
    ("mồng 5/9", "mồng năm tháng chín"),
    ("mùng 2/9", "mùng hai tháng chín"),
    ("hạn chót 26/6", "hạn chót ngày hai mươi sáu tháng sáu"),
    ("Sáng 11/6, thí sinh làm thủ tục.", "sáng ngày mười một tháng sáu thí sinh làm thủ tục"),
    ("nghỉ 30/4", "nghỉ ngày ba mươi tháng tư"),
    ("từ 1/1/2026", "từ ngày một tháng một năm " + Y2026),
    ("hạn 10/10", "hạn ngày mười tháng mười"),
    ("hạn 11/11", "hạn ngày mười một tháng mười một"),
    ("đến 31/12/2025", "đến ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
    ("ngày 27.6.2024", "ngày hai mươi bảy tháng sáu năm " + Y2024),
    ("ngày 27-6-2024", "ngày hai mươi bảy tháng sáu năm " + Y2024),
    ("tháng 6/2024", "tháng sáu năm " + Y2024),
    ("trong 6/2024", "trong tháng sáu năm " + Y2024),
    ("tháng 4", "tháng tư"),
    ("tháng 04", "tháng tư"),
    ("tháng 1", "tháng một"),
    ("tháng 10", "tháng mười"),
    ("tháng 12", "tháng mười hai"),
    ("từ ngày 27 đến ngày 28/6/2024", "từ ngày hai mươi bảy đến ngày hai mươi tám tháng sáu năm " + Y2024),
    ("thi 27-28/6/2024", "thi ngày hai mươi bảy đến ngày hai mươi tám tháng sáu năm " + Y2024),
    ("thi 27 - 28/6", "thi ngày hai mươi bảy đến ngày hai mươi tám tháng sáu"),
    ("ngày 27–28/6", "ngày hai mươi bảy đến ngày hai mươi tám tháng sáu"),
    ("từ 16/7 đến 25/7", "từ ngày mười sáu tháng bảy đến ngày hai mươi lăm tháng bảy"),
    ("từ 16/7-25/7", "từ ngày mười sáu tháng bảy đến ngày hai mươi lăm tháng bảy"),
    ("Thứ 4 (26/6)", "thứ tư ngày hai mươi sáu tháng sáu"),
    ("Thứ 7, ngày 28/6", "thứ bảy ngày hai mươi tám tháng sáu"),
    # fractions and values that cannot be dates
    ("3/4 số thí sinh", "ba phần tư số thí sinh"),
    ("2/3 số phòng thi", "hai phần ba số phòng thi"),
    ("đúng 35/40 câu", "đúng ba mươi lăm trên bốn mươi câu"),
    ("tỷ số 32/5", "tỷ số ba mươi hai trên năm"),
    ("lớp 12/1", "lớp mười hai một"),
]

TIMES = [
    ("lúc 7h30", "lúc bảy giờ ba mươi phút"),
    ("lúc 14h", "lúc mười bốn giờ"),
    ("lúc 7h05", "lúc bảy giờ năm phút"),
    ("lúc 07h00", "lúc bảy giờ"),
    ("lúc 9:00", "lúc chín giờ"),
    ("lúc 16:45", "lúc mười sáu giờ bốn mươi lăm phút"),
    ("lúc 7 giờ 30", "lúc bảy giờ ba mươi"),
    ("lúc 13 giờ 45", "lúc mười ba giờ bốn mươi lăm"),
    ("lúc 7 giờ 05", "lúc bảy giờ năm"),
    ("lúc 8g30", "lúc tám giờ ba mươi phút"),
    ("từ 7h30-9h30", "từ bảy giờ ba mươi phút đến chín giờ ba mươi phút"),
    ("từ 14h - 16h30", "từ mười bốn giờ đến mười sáu giờ ba mươi phút"),
    ("từ 7h đến 11h", "từ bảy giờ đến mười một giờ"),
    ("làm bài 90 phút", "làm bài chín mươi phút"),
    ("làm bài 120 phút", "làm bài một trăm hai mươi phút"),
    ("trong 24h", "trong hai mươi tư giờ"),
]

UNITS = [
    ("cách 25 km", "cách hai mươi lăm ki lô mét"),
    ("cách 25km", "cách hai mươi lăm ki lô mét"),
    ("mưa 80mm", "mưa tám mươi mi li mét"),
    ("dài 150 m", "dài một trăm năm mươi mét"),
    ("cao 12 cm", "cao mười hai xen ti mét"),
    ("nặng 5 kg", "nặng năm ki lô gam"),
    ("gói 500g", "gói năm trăm gam"),
    ("rộng 20 ha", "rộng hai mươi héc ta"),
    ("tốc độ 60 km/h", "tốc độ sáu mươi ki lô mét trên giờ"),
    ("phòng 120 m²", "phòng một trăm hai mươi mét vuông"),
    ("phòng 120 m2", "phòng một trăm hai mươi mét vuông"),
    ("sốt 37°C", "sốt ba mươi bảy độ c"),
    ("nắng 30oC", "nắng ba mươi độ c"),
    ("nắng 35 độ C", "nắng ba mươi lăm độ c"),
    ("rét -3°C", "rét âm ba độ c"),
    ("rét -5°C", "rét âm năm độ c"),
    ("nhiệt độ 24-26°C", "nhiệt độ hai mươi tư đến hai mươi sáu độ c"),
    ("giá 50.000đ", "giá năm mươi nghìn đồng"),
    ("thưởng 1.500.000 đồng", "thưởng một triệu năm trăm nghìn đồng"),
    ("phí 200.000 VNĐ", "phí hai trăm nghìn đồng"),
    ("được 8,5đ", "được tám phẩy năm điểm"),
    ("tài trợ 100 USD", "tài trợ một trăm đô la mỹ"),
    ("Tổ 5 mở cửa", "tổ năm mở cửa"),
]

RANGES = [
    ("từ 24-26", "từ hai mươi tư đến hai mươi sáu"),
    ("khoảng 30–40%", "khoảng ba mươi đến bốn mươi phần trăm"),
    ("mất 5 - 7 ngày", "mất năm đến bảy ngày"),
    ("năm học 2025-2026", "năm học hai nghìn không trăm hai mươi lăm hai nghìn không trăm hai mươi sáu"),
    ("giai đoạn 2021-2025", "giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"),
    ("từ -5 đến -2°C", "từ âm năm đến âm hai độ c"),
    ("dịch COVID-19", "dịch covid mười chín"),
    ("~30% thí sinh", "khoảng ba mươi phần trăm thí sinh"),
]

ORDINALS = [
    ("xếp thứ 1", "xếp thứ nhất"),
    ("ngày thứ 2", "ngày thứ hai"),
    ("năm thứ 4", "năm thứ tư"),
    ("thứ 5", "thứ năm"),
    ("lần thứ 10", "lần thứ mười"),
    ("lần thứ 14", "lần thứ mười bốn"),
    ("đạt giải 1", "đạt giải nhất"),
    ("đạt giải 2", "đạt giải nhì"),
    ("đạt giải 3", "đạt giải ba"),
    ("xếp hạng 4", "xếp hạng tư"),
    ("có 24 em", "có hai mươi tư em"),
]

DIGIT_BY_DIGIT = [
    ("Đường dây nóng: 0205.3.812.345", "đường dây nóng không hai không năm ba tám một hai ba bốn năm"),
    ("gọi 0912345678", "gọi không chín một hai ba bốn năm sáu bảy tám"),
    ("gọi 0912 345 678", "gọi không chín một hai ba bốn năm sáu bảy tám"),
    ("gọi 0912.345.678", "gọi không chín một hai ba bốn năm sáu bảy tám"),
    ("gọi 0296 3 957 049", "gọi không hai chín sáu ba chín năm bảy không bốn chín"),
    ("gọi (0296) 3852 224", "gọi không hai chín sáu ba tám năm hai hai hai bốn"),
    ("gọi +84 296 3852 224", "gọi cộng tám bốn hai chín sáu ba tám năm hai hai hai bốn"),
    ("Hotline: 1900 1234", "hotline một chín không không một hai ba bốn"),
    ("gọi tổng đài 1022", "gọi tổng đài một không hai hai"),
    ("ĐT: 0263.3822.102", "điện thoại không hai sáu ba ba tám hai hai một không hai"),
    ("số điện thoại 0901234567", "số điện thoại không chín không một hai ba bốn năm sáu bảy"),
    ("SBD 51000123", "số báo danh năm một không không không một hai ba"),
    ("số báo danh 02000456", "số báo danh không hai không không không bốn năm sáu"),
    ("có số báo danh: 51000123", "có số báo danh năm một không không không một hai ba"),
    ("phòng thi số 012", "phòng thi số không một hai"),
    ("phòng 05", "phòng không năm"),
    ("phòng 105", "phòng một trăm linh năm"),
    ("mã trường 045", "mã trường không bốn năm"),
    ("số CCCD 036205001234", "số căn cước công dân không ba sáu hai không năm không không một hai ba bốn"),
    ("mã hồ sơ 51000123", "mã hồ sơ năm một không không không một hai ba"),
]

ABBREVIATIONS = [
    ("tốt nghiệp THPT", "tốt nghiệp trung học phổ thông"),
    ("trường THCS", "trường trung học cơ sở"),
    ("Chủ tịch UBND tỉnh", "chủ tịch ủy ban nhân dân tỉnh"),
    ("kỳ họp HĐND", "kỳ họp hội đồng nhân dân"),
    ("Sở GD&ĐT", "sở giáo dục và đào tạo"),
    ("Bộ GD&ĐT", "bộ giáo dục và đào tạo"),
    ("ngành GDĐT", "ngành giáo dục và đào tạo"),
    ("Phòng GD&ĐT huyện", "phòng giáo dục và đào tạo huyện"),
    ("Sở TT&TT", "sở thông tin và truyền thông"),
    ("BCĐ thi", "ban chỉ đạo thi"),
    ("TT GDNN-GDTX huyện", "trung tâm giáo dục nghề nghiệp giáo dục thường xuyên huyện"),
    ("học viên GDTX", "học viên giáo dục thường xuyên"),
    ("TP. Lạng Sơn", "thành phố lạng sơn"),
    ("TX. Buôn Hồ", "thị xã buôn hồ"),
    ("TT. Phong Điền", "thị trấn phong điền"),
    ("Tp Huế", "thành phố huế"),
    ("TP.HCM", "thành phố hồ chí minh"),
    ("lực lượng CSGT", "lực lượng cảnh sát giao thông"),
    ("CA tỉnh", "công an tỉnh"),
    ("ca thi sáng", "ca thi sáng"),
    ("báo CAND", "báo công an nhân dân"),
    ("xét tuyển ĐH, CĐ", "xét tuyển đại học cao đẳng"),
    ("tổ hợp KHTN", "tổ hợp khoa học tự nhiên"),
    ("tổ hợp KHXH", "tổ hợp khoa học xã hội"),
    ("Cổng TTĐT tỉnh", "cổng thông tin điện tử tỉnh"),
    ("BCĐ PCTT&TKCN", "ban chỉ đạo phòng chống thiên tai và tìm kiếm cứu nạn"),
    ("phát triển KT-XH", "phát triển kinh tế xã hội"),
    ("bút, thước v.v.", "bút thước vân vân"),
    ("V/v tổ chức thi", "về việc tổ chức thi"),
    ("sách SGK", "sách sách giáo khoa"),
    ("HS, GV", "học sinh giáo viên"),
    ("thẻ BHYT", "thẻ bảo hiểm y tế"),
    ("ưu tiên KV2-NT", "ưu tiên khu vực hai nông thôn"),
    ("kỳ thi THPTQG", "kỳ thi trung học phổ thông quốc gia"),
    ("tại Q.1", "tại quận một"),
    ("tại P.5", "tại phường năm"),
    ("anh P. cho biết", "anh p cho biết"),
    ("PGS.TS Nguyễn Văn A", "phó giáo sư tiến sĩ nguyễn văn a"),
    ("Sở Y tế & Sở GD&ĐT", "sở y tế và sở giáo dục và đào tạo"),
    ("Ủy ban MTTQ tỉnh", "ủy ban mặt trận tổ quốc tỉnh"),
]

DOCUMENT_SYMBOLS = [
    (
        "Công văn số 860/STTTT-BCVT&CNTT",
        "công văn số tám trăm sáu mươi sở thông tin và truyền thông bưu chính viễn thông và công nghệ thông tin",
    ),
    ("Quyết định số 1234/QĐ-UBND", "quyết định số một nghìn hai trăm ba mươi tư ủy ban nhân dân"),
    ("theo văn bản 1234/QĐ-UBND", "theo văn bản một nghìn hai trăm ba mươi tư quyết định ủy ban nhân dân"),
    ("Kế hoạch 55/KH-SGDĐT", "kế hoạch năm mươi lăm sở giáo dục và đào tạo"),
    (
        "Thông tư số 15/2020/TT-BGDĐT",
        "thông tư số mười lăm năm hai nghìn không trăm hai mươi bộ giáo dục và đào tạo",
    ),
    ("Công điện 05/CĐ-UBND", "công điện năm ủy ban nhân dân"),
    ("văn bản 12/CĐ-TTg", "văn bản mười hai công điện thủ tướng"),
    ("văn bản số 77/XYZ", "văn bản số bảy mươi bảy ích xì i dài dét"),
    ("Nghị định 24/2024/NĐ-CP", "nghị định hai mươi tư năm " + Y2024 + " chính phủ"),
]

LINKS = [
    # addresses are spelt (issue #21): separators by name, common parts by the table, other parts as syllables
    ("Xem https://thisinh.thitotnghiepthpt.edu.vn",
     "xem thi sinh chấm thi tot nghiep tê hát pê tê chấm e đu chấm vê en"),
    ("Xem tại www.moet.gov.vn.", "xem tại vê kép vê kép vê kép chấm moet chấm gốp chấm vê en"),
    ("Truy cập moet.gov.vn để tra cứu", "truy cập moet chấm gốp chấm vê en để tra cứu"),
    ("Gửi về sogd@langson.gov.vn", "gửi về so giê dê a còng lang son chấm gốp chấm vê en"),
    ("email: tuyensinh.sgd@gmail.com.", "email tuyen sinh chấm ét xì giê dê a còng gờ meo chấm com"),
    ("xem http://example.com/a?b=1, rồi", "xem e xam pê le chấm com gạch chéo a dấu hỏi bê bằng một rồi"),
]

CODES_AND_ROMAN = [
    ("khối A00", "khối a không không"),
    ("tổ hợp D01", "tổ hợp dê không một"),
    ("khối C00", "khối xê không không"),
    ("tổ hợp A01", "tổ hợp a không một"),
    ("khối A1", "khối a một"),
    ("khối A", "khối a"),
    ("lớp 12A1", "lớp mười hai a một"),
    ("Khu vực I", "khu vực một"),
    ("Khu vực III", "khu vực ba"),
    ("Quý II", "quý hai"),
    ("quý IV/2025", "quý bốn năm hai nghìn không trăm hai mươi lăm"),
    ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
    ("Đại hội XIII", "đại hội mười ba"),
    ("lần thứ IV", "lần thứ tư"),
    ("giải I", "giải nhất"),
    ("Học kỳ II", "học kỳ hai"),
]

SOUTH = [
    ("có 105 em", "có một trăm lẻ năm em"),
    ("năm 2024", "năm hai ngàn không trăm hai mươi bốn"),
    ("có 24 em", "có hai mươi bốn em"),
    ("có 1.000 em", "có một ngàn em"),
    ("có 1.000.005 em", "có một triệu không trăm lẻ năm em"),
    ("Có 204 phòng thi", "có hai trăm lẻ bốn phòng thi"),
    ("ngày 24/4/2024", "ngày hai mươi bốn tháng tư năm hai ngàn không trăm hai mươi bốn"),
    ("thứ 4", "thứ tư"),
    ("có 21 em", "có hai mươi mốt em"),
    ("có 15 em", "có mười lăm em"),
]

CASES = INTEGERS + DECIMALS + DATES + TIMES + UNITS + RANGES + ORDINALS
CASES += DIGIT_BY_DIGIT + ABBREVIATIONS + DOCUMENT_SYMBOLS + LINKS + CODES_AND_ROMAN


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_read_aloud_north(text: str, expected: str) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), SOUTH)
def test_read_aloud_south(text: str, expected: str) -> None:
    check(text, expected, dialect="south")


def test_north_is_the_default() -> None:
    assert read_aloud("có 105 em") == read_aloud("có 105 em", dialect="north")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sáng 11/6, thí sinh thi môn Ngữ văn.", "Sáng ngày mười một tháng sáu, thí sinh thi môn Ngữ văn."),
        ("Tỷ lệ đạt 98,7%; tăng 1,2%!", "Tỷ lệ đạt chín mươi tám phẩy bảy phần trăm; tăng một phẩy hai phần trăm!"),
        ("  Có   24\n thí sinh? ", "Có hai mươi tư thí sinh?"),
        ("Lưu ý: mang CCCD.", "Lưu ý: mang căn cước công dân."),
        ("UBND tỉnh chỉ đạo.", "Ủy ban nhân dân tỉnh chỉ đạo."),
        ("Môn Toán (90 phút), môn Văn.", "Môn Toán (chín mươi phút), môn Văn."),
        ("Không có chữ số nào.", "Không có chữ số nào."),
        ("", ""),
    ],
)
def test_exact_output_keeps_punctuation_and_case(text: str, expected: str) -> None:
    assert read_aloud(text) == expected


def test_input_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Thông báo số 24 của Sở GD&ĐT")
    spoken = read_aloud(decomposed)
    assert spoken == "Thông báo số hai mươi tư của sở giáo dục và đào tạo"
    assert unicodedata.is_normalized("NFC", spoken)


def test_no_doubled_ngay() -> None:
    for text in ("ngày 27/6/2024", "Ngày 09/8", "ngày 27-28/6", "mồng 5/9"):
        words = normalise(read_aloud(text)).split()
        assert words[:2] != ["ngày", "ngày"], text
        assert "ngày ngày" not in " ".join(words), text


def test_extra_abbreviations_override_defaults() -> None:
    extra = {"THPT": "phổ thông trung học", "HĐTS": "hội đồng tuyển sinh"}
    check("Kỳ thi THPT của HĐTS", "kỳ thi phổ thông trung học của hội đồng tuyển sinh", extra_abbreviations=extra)


def test_extra_abbreviations_longest_match_first() -> None:
    extra = {"Sở GD&ĐT Lạng Sơn": "sở giáo dục xứ Lạng"}
    check("Sở GD&ĐT Lạng Sơn thông báo", "sở giáo dục xứ lạng thông báo", extra_abbreviations=extra)
    check("Sở GD&ĐT Cao Bằng", "sở giáo dục và đào tạo cao bằng", extra_abbreviations=extra)


def test_extra_abbreviations_apply_inside_document_symbols() -> None:
    extra = {"SGDĐT": "sở giáo dục"}
    check("Kế hoạch 55/KH-SGDĐT", "kế hoạch năm mươi lăm sở giáo dục", extra_abbreviations=extra)


def test_extra_abbreviations_do_not_leak_into_later_calls() -> None:
    read_aloud("THPT", extra_abbreviations={"THPT": "phổ thông trung học"})
    check("THPT", "trung học phổ thông")


def test_invalid_extra_abbreviation_raises() -> None:
    with pytest.raises(ValueError):
        read_aloud("THPT", extra_abbreviations={"": "rỗng"})


@pytest.mark.parametrize("dialect", ["central", "", "NORTH", "bắc"])
def test_unknown_dialect_raises(dialect: str) -> None:
    with pytest.raises(ValueError, match="dialect"):
        read_aloud("24", dialect=dialect)


def test_thread_safety_identical_output() -> None:
    inputs = [text for text, _ in CASES + SOUTH]
    expected_north = [read_aloud(t) for t in inputs]
    expected_south = [read_aloud(t, dialect="south") for t in inputs]
    extra = {"THPT": "phổ thông trung học"}
    expected_extra = [read_aloud(t, extra_abbreviations=extra) for t in inputs]
    failures: list[str] = []
    barrier = threading.Barrier(8)

    def worker(index: int) -> None:
        barrier.wait()
        for _ in range(5):
            if index % 3 == 0:
                got = [read_aloud(t) for t in inputs]
                want = expected_north
            elif index % 3 == 1:
                got = [read_aloud(t, dialect="south") for t in inputs]
                want = expected_south
            else:
                got = [read_aloud(t, extra_abbreviations=extra) for t in inputs]
                want = expected_extra
            if got != want:
                failures.append(f"thread {index}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
