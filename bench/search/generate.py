"""Deterministic generator of Vietnamese exam-portal ``SearchDocument``s for the search benchmark.

    from bench.search.generate import documents
    for doc in documents(100_000, seed=2026): ...

One province (root "00010001", An Giang after the 2025 merger: Long Xuyên, Châu Đốc, Rạch Giá, Phú Quốc …),
20 exam sections (THPT graduation 2016–2026, grade-10 admission 2018–2026), kinds weighted like a real portal
(news ≈ 40 %), titles and 80–400-word bodies composed from hand-written Vietnamese sentence templates with
diacritics, directive numbers ("1234/SGDĐT-QLT"), venue codes ("AG-012"), 1–3 tagged areas with 5-digit
codes. The same seed and index always give the same document, whatever N is (one RNG stream, in order).

Run it directly to print a few samples:  .venv/bin/python bench/search/generate.py 5
"""

import datetime
import random
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search.types import AreaRef, SearchDocument  # noqa: E402  (a plain dataclass module: no Django needed)

ROOT = "00010001"
BASE_URL = "https://thi.angiang.gov.vn"

# Kinds and their share of the index (sections are added once each, see SECTIONS).
KIND_WEIGHTS = {
    "news": 40, "faq": 9, "story": 8, "directive": 9, "notice": 10, "rebuttal": 2, "results": 2,
    "venue": 9, "session": 6, "milestone": 5,
}

# --- Vocabulary ------------------------------------------------------------------------------------

# Current communes/wards (after 1 July 2025) with 5-digit codes, and a few legacy districts they replaced.
COMMUNES = [
    ("Phường Long Xuyên", "30280"), ("Phường Bình Đức", "30283"), ("Phường Mỹ Thới", "30286"),
    ("Phường Châu Đốc", "30316"), ("Phường Vĩnh Tế", "30319"), ("Phường Tân Châu", "30337"),
    ("Phường Long Phú", "30341"), ("Xã Tân An", "30346"), ("Xã Châu Phú", "30352"),
    ("Xã Mỹ Đức", "30355"), ("Xã Chợ Mới", "30367"), ("Xã Long Điền", "30370"),
    ("Xã Nhơn Mỹ", "30373"), ("Xã Phú Tân", "30376"), ("Xã Chợ Vàm", "30379"),
    ("Xã Hòa Lạc", "30382"), ("Xã Thoại Sơn", "30385"), ("Xã Óc Eo", "30388"),
    ("Xã Núi Sập", "30391"), ("Xã Tri Tôn", "30394"), ("Xã Ba Chúc", "30397"),
    ("Phường Tịnh Biên", "30400"), ("Phường Thới Sơn", "30403"), ("Xã An Phú", "30406"),
    ("Xã Khánh Bình", "30409"), ("Xã Châu Thành", "30412"), ("Xã An Châu", "30415"),
    ("Xã Bình Hòa", "30418"), ("Xã Cần Đăng", "30421"), ("Xã Vĩnh Hanh", "30424"),
    ("Phường Rạch Giá", "30430"), ("Phường Vĩnh Thông", "30433"), ("Phường Hà Tiên", "30436"),
    ("Phường Tô Châu", "30439"), ("Đặc khu Phú Quốc", "30442"), ("Xã Dương Đông", "30445"),
    ("Xã An Thới", "30448"), ("Xã Kiên Lương", "30451"), ("Xã Hòn Đất", "30454"),
    ("Xã Tân Hiệp", "30457"), ("Xã Giồng Riềng", "30460"), ("Xã Gò Quao", "30463"),
    ("Xã An Biên", "30466"), ("Xã An Minh", "30469"), ("Xã U Minh Thượng", "30472"),
    ("Xã Vĩnh Thuận", "30475"), ("Đặc khu Kiên Hải", "30478"), ("Xã Giang Thành", "30481"),
    ("Xã Mỹ Hòa Hưng", "30484"), ("Xã Bình Mỹ", "30487"), ("Xã Vĩnh Bình", "30490"),
    ("Xã Phú Hòa", "30493"), ("Xã Định Mỹ", "30496"), ("Xã Cô Tô", "30499"),
]
LEGACY = [
    ("Thành phố Long Xuyên (cũ)", "00883"), ("Thành phố Châu Đốc (cũ)", "00884"),
    ("Thị xã Tân Châu (cũ)", "00887"), ("Huyện Chợ Mới (cũ)", "00892"), ("Huyện Phú Tân (cũ)", "00888"),
    ("Thành phố Rạch Giá (cũ)", "00899"), ("Thành phố Phú Quốc (cũ)", "00911"),
    ("Huyện Thoại Sơn (cũ)", "00893"), ("Huyện Tri Tôn (cũ)", "00891"), ("Huyện An Phú (cũ)", "00886"),
]
# A legacy district's code with 5 digits, as cms stores it.
LEGACY = [(name, code.rjust(5, "0")) for name, code in LEGACY]
PLACES = [name.split(" ", 1)[1] if not name.startswith("Đặc khu") else name.split(" ", 2)[2]
          for name, _ in COMMUNES]
SCHOOLS = [
    "Long Xuyên", "Thoại Ngọc Hầu", "Chuyên Thoại Ngọc Hầu", "Nguyễn Khuyến", "Chuyên Thủ Khoa Nghĩa",
    "Võ Thị Sáu", "Châu Văn Liêm", "Tân Châu", "Đức Trí", "Chợ Mới", "Huỳnh Thị Hưởng", "Nguyễn Hữu Cảnh",
    "Phú Tân", "Chu Văn An", "Tịnh Biên", "Xuân Tô", "Nguyễn Trung Trực", "Huỳnh Mẫn Đạt",
    "Chuyên Huỳnh Mẫn Đạt", "Phú Quốc", "Dương Đông", "An Thới", "Hà Tiên", "Kiên Lương", "Hòn Đất",
    "Giồng Riềng", "Gò Quao", "An Biên", "Vĩnh Thuận", "Bình Mỹ", "Mỹ Hiệp", "Vĩnh Bình", "Nguyễn Sinh Sắc",
]
STREETS = [
    "Trần Hưng Đạo", "Hà Hoàng Hổ", "Lê Lợi", "Nguyễn Huệ", "Tôn Đức Thắng", "Lý Thái Tổ", "Hùng Vương",
    "Nguyễn Trung Trực", "30 Tháng 4", "Mạc Cửu", "Châu Văn Liêm", "Phạm Cự Lượng", "Lạc Long Quân",
    "Ung Văn Khiêm", "Trần Phú", "Nguyễn Thái Học",
]
SUBJECTS = [
    "Ngữ văn", "Toán", "Tiếng Anh", "Vật lí", "Hóa học", "Sinh học", "Lịch sử", "Địa lí",
    "Giáo dục kinh tế và pháp luật", "Tin học", "Công nghệ", "Giáo dục công dân",
]
ORGS = [
    "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân tỉnh", "Bộ Giáo dục và Đào tạo", "Ban Chỉ đạo thi tỉnh",
    "Hội đồng thi", "Công an tỉnh", "Tỉnh đoàn", "Điện lực An Giang", "Sở Y tế", "Ban Coi thi",
]
WEATHER = [
    "mưa lớn", "mưa to kéo dài", "nắng nóng gay gắt", "trời oi bức", "giông lốc", "triều cường dâng cao",
    "ngập nước cục bộ", "mưa dông vào buổi chiều", "nắng gắt trên 36 độ", "sương mù dày đặc buổi sáng",
]
NAMES = [
    "Nguyễn Thị Hồng Nhung", "Trần Minh Khang", "Lê Ngọc Bảo Trân", "Phạm Quốc Huy", "Huỳnh Thanh Tâm",
    "Võ Hoàng Phúc", "Đặng Thị Mỹ Duyên", "Bùi Gia Hân", "Đỗ Trọng Nghĩa", "Ngô Thảo Vy", "Lâm Chí Thiện",
    "Dương Kim Ngân", "Châu Tuấn Kiệt", "Tô Minh Thư", "Lý Anh Khoa", "Trương Ngọc Hân",
]
PROBLEMS = [
    "quên mang căn cước công dân", "bị ốm vào ngày thi", "đến muộn sau khi tính giờ làm bài",
    "mất giấy báo dự thi", "ghi sai số báo danh trên phiếu trả lời trắc nghiệm", "muốn đổi nguyện vọng",
    "nhà xa điểm thi", "không nhận được tài khoản tra cứu", "phát hiện sai thông tin cá nhân",
]
DIRECTIVE_SUFFIXES = [
    "SGDĐT-QLT", "SGDĐT-GDTrH", "KH-SGDĐT", "QĐ-SGDĐT", "QĐ-UBND", "UBND-VX", "BGDĐT-QLCL", "CV-SGDĐT",
    "TB-SGDĐT", "KH-UBND",
]
DIRECTIVE_TYPES = ["Công văn", "Quyết định", "Kế hoạch", "Hướng dẫn", "Chỉ thị"]
MILESTONES = [
    "Hạn chót đăng ký dự thi trực tuyến", "Thí sinh làm thủ tục dự thi", "Công bố điểm thi",
    "Nhận đơn phúc khảo bài thi", "Công bố kết quả phúc khảo", "Xét công nhận tốt nghiệp THPT",
    "Công bố điểm chuẩn lớp 10", "Nộp hồ sơ nhập học", "Hạn điều chỉnh nguyện vọng",
    "Trả giấy chứng nhận tốt nghiệp tạm thời", "Tập huấn cán bộ coi thi",
]

# --- Titles, by kind. Slots: {p} place, {s} subject, {y} year, {y1} next year, {n} number, {org}, {w} weather,
# {school}, {name}, {prob} a candidate's problem, {num} directive number, {dt} directive type.
TITLES = {
    "news": [
        "{p}: {n} thí sinh dự thi tốt nghiệp THPT năm {y}",
        "Công bố điểm thi tốt nghiệp THPT năm {y}, điểm trung bình môn {s} tăng",
        "Tiếp sức mùa thi tại {p}: hỗ trợ thí sinh trong ngày {w}",
        "{p} hoàn tất công tác chấm thi môn {s}",
        "{w}, thí sinh {p} được hỗ trợ đến điểm thi đúng giờ",
        "{org} kiểm tra công tác chuẩn bị thi tại {p}",
        "Điểm chuẩn tuyển sinh lớp 10 năm học {y}–{y1} tại {p}",
        "Hơn {n} thí sinh đăng ký dự thi tốt nghiệp THPT năm {y}",
        "Đề thi môn {s} kỳ thi tốt nghiệp THPT {y}: nhẹ nhàng, có phân hóa",
        "Lịch thi tuyển sinh lớp 10 năm học {y}–{y1} chính thức",
        "Trường THPT {school} ôn tập cho học sinh lớp 12 trước kỳ thi",
        "Thí sinh {p} hoàn thành buổi thi môn {s}",
        "Ngành giáo dục {p} bảo đảm an toàn kỳ thi trong mùa mưa",
        "{n} tình nguyện viên tham gia tiếp sức mùa thi năm {y}",
        "Phúc khảo bài thi tốt nghiệp THPT năm {y}: {n} bài thay đổi điểm",
        "Tỉ lệ tốt nghiệp THPT năm {y} của tỉnh đạt trên 98%",
        "Điện lực bảo đảm cấp điện phục vụ kỳ thi tại {p}",
        "Xe buýt miễn phí đưa thí sinh {p} đi thi",
    ],
    "faq": [
        "Thí sinh {prob} thì phải làm gì?",
        "Làm thế nào để tra cứu điểm thi tốt nghiệp THPT năm {y}?",
        "Thời hạn nộp đơn phúc khảo bài thi là khi nào?",
        "Thí sinh được mang những vật dụng gì vào phòng thi?",
        "Có được đăng ký nguyện vọng vào trường THPT ở {p} không?",
        "Điểm ưu tiên khu vực được tính như thế nào?",
        "Thí sinh tự do đăng ký dự thi ở đâu?",
        "Bài thi môn {s} có bao nhiêu câu hỏi và làm trong bao lâu?",
        "Khi nào có giấy chứng nhận tốt nghiệp tạm thời?",
    ],
    "story": [
        "Cô học trò nghèo ở {p} đạt điểm cao môn {s}",
        "Chuyến đò sớm đưa thí sinh {p} đi thi",
        "Những tình nguyện viên tiếp sức mùa thi dưới cơn {w}",
        "Người mẹ bán vé số chờ con trước cổng trường THPT {school}",
        "Thủ khoa khối A năm {y}: {name} và ước mơ ngành y",
        "Bữa cơm miễn phí cho thí sinh ở xa tại {p}",
        "Thầy giáo vùng biên {p} ba mươi năm gắn bó với học trò",
        "Em {name} vượt khó, đỗ tốt nghiệp với điểm {s} tuyệt đối",
    ],
    "directive": [
        "{dt} số {num} về việc tổ chức kỳ thi tốt nghiệp THPT năm {y}",
        "{dt} số {num} ban hành kế hoạch tuyển sinh lớp 10 năm học {y}–{y1}",
        "{dt} số {num} hướng dẫn công tác phúc khảo bài thi năm {y}",
        "{dt} số {num} về thành lập Hội đồng thi năm {y}",
        "{dt} số {num} về bảo đảm an ninh, an toàn kỳ thi tại {p}",
        "{dt} số {num} về phương án phòng chống {w} trong kỳ thi",
    ],
    "notice": [
        "Thông báo lịch phúc khảo bài thi tuyển sinh lớp 10 năm học {y}–{y1}",
        "Thông báo điều chỉnh địa điểm thi tại {p}",
        "Thông báo nhận đơn phúc khảo bài thi tốt nghiệp THPT năm {y}",
        "Thông báo tạm dừng làm thủ tục dự thi do {w}",
        "Thông báo danh sách phòng thi tại Trường THPT {school}",
        "Thông báo kết quả xét tuyển lớp 10 tại {p}",
        "Thông báo lịch thi môn {s} năm {y}",
    ],
    "rebuttal": [
        "Thông tin lộ đề thi môn {s} tại {p} là sai sự thật",
        "Bác bỏ tin đồn hoãn kỳ thi năm {y} do {w}",
        "Không có chuyện thay đổi điểm chuẩn lớp 10 tại {p}",
        "Cảnh báo trang mạng giả mạo tra cứu điểm thi năm {y}",
    ],
    "results": [
        "Kết quả thi tốt nghiệp THPT năm {y} tại {p}",
        "Danh sách thí sinh trúng tuyển lớp 10 Trường THPT {school} năm học {y}–{y1}",
        "Kết quả phúc khảo bài thi năm {y}",
    ],
    "session": ["Buổi thi môn {s}", "Môn {s} (buổi sáng)", "Môn {s} (buổi chiều)", "Thi môn {s} và làm thủ tục"],
    "milestone": ["{ms}"],
}

# Body sentences: a shared pool, and a few per kind that lead the text.
SENTENCES = [
    "Theo kế hoạch của {org}, kỳ thi diễn ra trong hai ngày với {n} thí sinh tham dự.",
    "Tại điểm thi Trường THPT {school}, thí sinh có mặt từ sáng sớm để làm thủ tục dự thi.",
    "Lực lượng tiếp sức mùa thi đã chuẩn bị nước uống, áo mưa và chỗ nghỉ trưa miễn phí cho thí sinh ở xa.",
    "Do {w}, ban tổ chức bố trí thêm phòng chờ và nhắc thí sinh đi sớm hơn thường lệ.",
    "Thí sinh cần mang theo căn cước công dân, giấy báo dự thi và các vật dụng được phép mang vào phòng thi.",
    "Theo lịch thi, buổi sáng ngày {d} thí sinh làm bài thi môn {s}, buổi chiều thi các môn tự chọn.",
    "Điểm thi được công bố trên cổng thông tin của {org} và hệ thống quản lý thi của Bộ.",
    "Thí sinh có nhu cầu phúc khảo nộp đơn tại trường nơi đăng ký dự thi trong thời hạn mười ngày.",
    "Năm nay, điểm trung bình môn {s} của tỉnh đạt {score} điểm, cao hơn năm trước.",
    "Toàn tỉnh có {n} phòng thi được bố trí tại các điểm thi ở {p} và các xã lân cận.",
    "Ông {name}, đại diện {org}, cho biết công tác chuẩn bị đã hoàn tất, bảo đảm an toàn, nghiêm túc, đúng quy chế.",
    "Công an phối hợp điều tiết giao thông, bảo vệ đề thi và bài thi tại các điểm thi trên địa bàn {p}.",
    "Ngành điện bảo đảm cấp điện liên tục, ngành y tế bố trí cán bộ trực tại mỗi điểm thi.",
    "Phụ huynh đứng chờ con dưới {w}, nhiều người mang theo cơm nước từ nhà.",
    "Em {name}, học sinh Trường THPT {school}, cho biết đề thi môn {s} vừa sức và có phân hóa.",
    "Theo công văn số {num}, các trường tổ chức ôn tập cho học sinh lớp 12 từ tháng 4.",
    "Tuyển sinh lớp 10 năm học {y}–{y1} thực hiện theo phương thức kết hợp thi tuyển và xét tuyển.",
    "Điểm chuẩn vào lớp 10 các trường THPT tại {p} dao động từ {score} đến {score2} điểm.",
    "Các trường phổ thông dân tộc nội trú tuyển sinh theo chỉ tiêu riêng do Sở Giáo dục và Đào tạo giao.",
    "Kết quả phúc khảo được công bố chậm nhất vào ngày {d}.",
    "Thí sinh tra cứu điểm thi bằng số báo danh hoặc qua tin nhắn theo hướng dẫn.",
    "Mọi thắc mắc, thí sinh liên hệ đường dây nóng của Hội đồng thi để được giải đáp.",
    "Ban Chỉ đạo thi tỉnh đã kiểm tra thực tế {n} điểm thi, đánh giá cơ sở vật chất đáp ứng yêu cầu.",
    "Một số điểm thi ở vùng trũng được gia cố, chống ngập trước mùa {w}.",
    "Đoàn thanh niên huy động {n} tình nguyện viên, chia ca hỗ trợ thí sinh tìm phòng thi.",
    "Các nhà trọ, quán cơm quanh điểm thi tại {p} giảm giá cho thí sinh và phụ huynh.",
    "Bài thi trắc nghiệm được chấm bằng phần mềm, bài thi tự luận môn Ngữ văn do hai cán bộ chấm độc lập.",
    "Thí sinh tự do phải nộp bản sao bằng tốt nghiệp hoặc giấy chứng nhận tốt nghiệp khi làm thủ tục.",
    "Năm {y}, tỉ lệ tốt nghiệp THPT của tỉnh đạt {pct}%, trong đó {p} có tỉ lệ cao nhất.",
    "Những ngày qua thời tiết diễn biến phức tạp, có nơi {w}, ảnh hưởng đến việc đi lại của thí sinh.",
    "Hội đồng thi đã xử lý nghiêm {k} trường hợp vi phạm quy chế, chủ yếu là mang điện thoại vào phòng thi.",
    "Trường THPT {school} có {k} học sinh đạt điểm 10 môn {s}.",
    "Lịch thi chi tiết và danh sách phòng thi được niêm yết tại điểm thi trước ngày {d}.",
    "Các xã, phường bố trí phương tiện đưa đón thí sinh có hoàn cảnh khó khăn từ cồn, cù lao vào đất liền.",
    "Học sinh ở đặc khu Phú Quốc và các đảo đi thi bằng tàu cao tốc, được ngành giáo dục hỗ trợ chi phí.",
    "Sở Giáo dục và Đào tạo đề nghị phụ huynh theo dõi bản tin thời tiết để chủ động thời gian đến điểm thi.",
    "Việc chấm phúc khảo thực hiện theo quy chế thi hiện hành, có giám sát của thanh tra.",
    "Giấy chứng nhận tốt nghiệp tạm thời được cấp cho thí sinh trước ngày {d}.",
    "Thí sinh đăng ký nguyện vọng xét tuyển đại học trên hệ thống chung của Bộ Giáo dục và Đào tạo.",
    "Tổ công tác của {org} làm việc tại {p} vào ngày {d} để nắm tình hình ôn thi.",
]
LEADS = {
    "faq": ["Trả lời: theo quy chế thi, {prob2}.", "Hỏi: tôi là thí sinh ở {p}, xin hỏi {q}"],
    "directive": ["Căn cứ quy chế thi hiện hành, {org} ban hành {dt2} số {num} ngày {d}.",
                  "{org} yêu cầu các đơn vị triển khai nghiêm túc nội dung {dt2} số {num}."],
    "notice": ["{org} thông báo đến thí sinh và phụ huynh nội dung sau.",
               "Thời gian thực hiện từ ngày {d}, tại các điểm thi trên địa bàn {p}."],
    "rebuttal": ["Thời gian qua, trên mạng xã hội xuất hiện thông tin không chính xác liên quan đến kỳ thi.",
                 "{org} khẳng định thông tin trên là sai sự thật và đề nghị người dân không chia sẻ."],
    "venue": ["Điểm thi đặt tại Trường THPT {school}, gồm {k} phòng thi và một phòng chờ.",
              "Địa chỉ điểm thi: {addr}. Thí sinh có mặt trước 6 giờ 30 để làm thủ tục."],
    "session": ["Thí sinh có mặt tại phòng thi lúc 7 giờ, bài thi môn {s} bắt đầu lúc 7 giờ 35.",
                "Buổi thi môn {s} diễn ra ngày {d} tại tất cả điểm thi trong tỉnh."],
    "milestone": ["Mốc thời gian: ngày {d}.", "Thí sinh lưu ý thực hiện đúng thời hạn ngày {d}."],
    "results": ["Danh sách dưới đây gồm {n} thí sinh, xếp theo số báo danh.",
                "Thí sinh kiểm tra thông tin, nếu có sai sót liên hệ nhà trường trước ngày {d}."],
}
FAQ_ANSWERS = [
    "thí sinh liên hệ ngay cán bộ điểm thi để được hướng dẫn", "thí sinh được dự thi đợt bổ sung",
    "thí sinh tra cứu trên cổng thông tin bằng số báo danh", "đơn phúc khảo nộp tại trường đăng ký dự thi",
]
FAQ_QUESTIONS = [
    "điểm thi có được công bố sớm không?", "nộp đơn phúc khảo ở đâu?", "lịch thi lớp 10 năm nay thế nào?",
    "có được mang máy tính cầm tay vào phòng thi không?",
]


def _sections() -> list[tuple[str, str, int]]:
    out = [(f"thpt:{y}", f"Kỳ thi tốt nghiệp THPT năm {y}", y) for y in range(2016, 2027)]
    out += [(f"lop10:{y}", f"Tuyển sinh lớp 10 năm học {y}–{y + 1}", y) for y in range(2018, 2027)]
    return out


SECTIONS = _sections()  # 20


def _date(rng: random.Random, year: int) -> datetime.date:
    # Most exam news is from March to August.
    month = rng.choices(range(1, 13), weights=[2, 2, 4, 6, 8, 14, 18, 14, 6, 3, 2, 2])[0]
    return datetime.date(year, month, rng.randint(1, 28))


class _Filler(dict):
    """Template slots filled lazily from the RNG, so each template only draws what it uses."""

    def __init__(self, rng: random.Random, year: int, place: str, extra: dict):
        super().__init__(extra)
        self.rng, self.year, self.place = rng, year, place

    def __missing__(self, slot: str) -> str:
        r = self.rng
        match slot:
            case "p":
                return self.place if r.random() < 0.7 else r.choice(PLACES)
            case "s":
                return r.choice(SUBJECTS)
            case "y":
                return str(self.year)
            case "y1":
                return str(self.year + 1)
            case "n":
                number = r.choice([r.randint(12, 99), r.randint(100, 999), r.randint(1000, 29999)])
                return f"{number:,}".replace(",", ".")
            case "k":
                return str(r.randint(2, 40))
            case "org":
                return r.choice(ORGS)
            case "w":
                return r.choice(WEATHER)
            case "school":
                return r.choice(SCHOOLS)
            case "name":
                return r.choice(NAMES)
            case "prob":
                return r.choice(PROBLEMS)
            case "prob2":
                return r.choice(FAQ_ANSWERS)
            case "q":
                return r.choice(FAQ_QUESTIONS)
            case "d":
                return _date(r, self.year).strftime("%d/%m/%Y")
            case "score":
                return f"{r.uniform(4.5, 8.5):.2f}".replace(".", ",")
            case "score2":
                return f"{r.uniform(8.5, 9.8):.2f}".replace(".", ",")
            case "pct":
                return f"{r.uniform(96, 99.9):.2f}".replace(".", ",")
            case "num":
                return f"{r.randint(1, 3999)}/{r.choice(DIRECTIVE_SUFFIXES)}"
            case "dt" | "dt2":
                return r.choice(DIRECTIVE_TYPES) if slot == "dt" else r.choice(DIRECTIVE_TYPES).lower()
            case "addr":
                return f"số {r.randint(1, 400)} đường {r.choice(STREETS)}, {self.place}"
            case "ms":
                return r.choice(MILESTONES)
        raise KeyError(slot)


def _body(rng: random.Random, fill: _Filler, kind: str) -> str:
    words_wanted = rng.randint(80, 400)
    sentences = [s.format_map(fill) for s in rng.sample(LEADS.get(kind, []), k=min(1, len(LEADS.get(kind, []))))]
    count = sum(len(s.split()) for s in sentences)
    while count < words_wanted:
        sentence = rng.choice(SENTENCES).format_map(fill)
        sentences.append(sentence)
        count += len(sentence.split())
    # Paragraphs of 3–5 sentences (the index sees flattened text anyway).
    return " ".join(sentences)


def documents(n: int, seed: int = 2026) -> Iterator[SearchDocument]:
    """``n`` documents: the 20 sections first, then articles, venues, sessions and milestones."""
    rng = random.Random(seed)
    kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
    for i in range(n):
        if i < len(SECTIONS):
            key, title, year = SECTIONS[i]
            kind, section = "section", (key, title, year)
        else:
            kind = rng.choices(kinds, weights)[0]
            section = rng.choice(SECTIONS) if kind != "news" or rng.random() < 0.8 else None
        year = section[2] if section else rng.randint(2016, 2026)
        date = _date(rng, year)
        # Areas: venues exactly one commune; other content province-wide 30 % of the time, else 1–3 areas,
        # sometimes with the legacy district they replaced.
        if kind == "venue":
            picked = [rng.choice(COMMUNES)]
        elif kind in ("section", "session", "milestone") or rng.random() < 0.3:
            picked = []
        else:
            picked = rng.sample(COMMUNES, rng.choice([1, 1, 1, 2, 2, 3]))
        areas = [AreaRef(code=code, name=name, level="commune") for name, code in picked]
        if picked and rng.random() < 0.25:
            name, code = rng.choice(LEGACY)
            areas.append(AreaRef(code=code, name=name, level="legacy_district"))
        place = (picked[0][0].split(" ", 1)[1] if not picked[0][0].startswith("Đặc khu")
                 else picked[0][0].split(" ", 2)[2]) if picked else rng.choice(PLACES)
        extra: dict = {}
        number = address = ""
        if kind == "directive":
            number = f"{rng.randint(1, 3999)}/{rng.choice(DIRECTIVE_SUFFIXES)}"
            extra["num"] = number
        elif kind == "venue":
            number = f"{rng.choice(['AG', 'KG'])}-{rng.randint(1, 180):03d}"
            address = f"Số {rng.randint(1, 400)} đường {rng.choice(STREETS)}, {picked[0][0]}, tỉnh An Giang"
            extra["addr"] = address
        fill = _Filler(rng, year, place, extra)
        if kind == "section":
            title = section[1]
        elif kind == "venue":
            title = f"Điểm thi {number}: Trường THPT {rng.choice(SCHOOLS)}"
        else:
            title = rng.choice(TITLES[kind]).format_map(fill)
        body = _body(rng, fill, kind)
        summary = body.split(". ")[0][:300] if kind not in ("session", "milestone") else ""
        expires = None
        if kind == "notice" and rng.random() < 0.3:  # notices valid for a while, some already expired
            expires = datetime.datetime.combine(date + datetime.timedelta(days=rng.randint(10, 120)),
                                                datetime.time(17, 0), tzinfo=datetime.UTC)
        key = {"venue": "venue", "session": "session", "milestone": "milestone"}.get(kind, "page")
        sidx = SECTIONS.index(section) if section else None
        path = ROOT + (f"{sidx + 1:04d}" if sidx is not None else "9999") + f"{i:06d}"[-6:]
        yield SearchDocument(
            key=f"{key}:{i + 1}", kind=kind, root=ROOT, section_key=section[0] if section else "", year=year,
            title=title, summary=summary, body=body, number=number, address=address, areas=tuple(areas),
            date=date, expires_at=expires, url=f"{BASE_URL}/{kind}/{i + 1}/",
            source_id=f"legacy-{i + 1}" if kind == "news" and rng.random() < 0.3 else "",
            path=path[:255], section_title=section[1] if section else "",
        )


if __name__ == "__main__":
    for doc in documents(int(sys.argv[1]) if len(sys.argv) > 1 else 30):
        if doc.kind != "section":
            print(f"[{doc.kind}] {doc.key} {doc.section_key} {doc.number} | {doc.title}\n   "
                  f"{[a.name for a in doc.areas]} {len(doc.body.split())} words: {doc.body[:200]}…\n")
