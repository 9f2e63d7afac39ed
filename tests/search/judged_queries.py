"""A judged set of search queries, in classes, for the relevance measurements (issue #22, point 6).

``JUDGED[class][query]`` maps fragments of the titles that are right answers to a grade: 2 for the item that best
answers the query, 1 for other relevant items (nDCG uses the grades; MRR and recall only whether a hit is relevant).
A hit whose title contains a fragment matches it; a fragment that starts with "=" must be the whole title (for
titles that are the beginning of other titles, such as the milestone "Đăng ký dự thi").

The queries are written the way parents, candidates, teachers and officials type them, and judged by reading the
content (exam_news/demo/data, with the 2024 articles the demo imports from the old portal), not by what the search
returns today. The demo has no grade-10 admission content and writes no number in words, so "thi vào 10" ↔
"tuyển sinh lớp 10" is judged on the generated corpus, and ngàn/nghìn as numbers written in words ("19 ngàn").

``GENERATED`` is judged by construction over ``bench.search.generate.documents(n, seed=2026)`` for
n ≥ ``GENERATED_MIN_DOCUMENTS``: its fragments are title templates filled with values that generator draws among
those documents (directive numbers, venue codes, schools, places, years). Only the bench measures it.
"""

Judgements = dict[str, dict[str, int]]  # query → {title fragment: grade}

# Short names for titles used by many queries.
PLAN_2025 = "52/KH-UBND"
STEERING_2025 = "745/QĐ-UBND"
GUIDANCE_2025 = "1186/SGDĐT-QLCL"
MEDIA_2025 = "860/SKHCN-BCVT"
RESULTS_NOTICE_2025 = "1402/TB-SGDĐT"
PREPARE_2026 = "2315/SGDĐT-QLCL"
PLAN_2024 = "118/KH-UBND"
MEDIA_2024 = "860/STTTT-TTBCXB"
REVIEW_RESULTS_2024 = "1518/TB-SGDĐT"

FAQ_BRING = "Thí sinh cần mang theo những gì khi đi thi?"
FAQ_BANNED = "Những vật dụng nào bị cấm mang vào phòng thi?"
FAQ_LATE = "Nếu đến điểm thi trễ giờ thì có được vào thi không?"
FAQ_ID_CARD = "Bị mất hoặc quên căn cước vào ngày thi thì phải làm sao?"
FAQ_WRONG_NAME = "Giấy báo dự thi ghi sai họ tên, ngày sinh thì sửa ở đâu?"
FAQ_SCORES = "Khi nào và ở đâu xem được điểm thi?"
FAQ_REVIEW = "Muốn phúc khảo bài thi thì làm thế nào?"
FAQ_PRIORITY = "Điểm ưu tiên được cộng như thế nào?"
FAQ_FLOOD = "Nếu ngày thi trời mưa lớn, đường ngập thì sao?"
FAQ_DISABLED = "Thí sinh khuyết tật được hỗ trợ gì khi đi thi?"
FAQ_LODGING = "Thí sinh ở xa có được hỗ trợ chỗ ở, bữa ăn miễn phí không?"
FAQ_FAKE_NEWS = "Gặp tin giả về đề thi, đáp án, kết quả thì báo ở đâu?"
FAQ_HOTLINE = "Số điện thoại đường dây nóng của kỳ thi là gì?"
FAQ_CERTIFICATE = "Khi nào nhận giấy chứng nhận tốt nghiệp tạm thời?"
FAQ_ALLOWED_2024 = "Thí sinh được mang những vật dụng gì vào phòng thi?"
FAQ_REVIEW_2024 = "Phúc khảo bài thi tốt nghiệp THPT năm 2024 nộp đơn ở đâu, hạn chót khi nào?"

REGISTER_2025 = "=Đăng ký dự thi"
CHECK_IN_2025 = "Làm thủ tục dự thi tại phòng thi"
SITTINGS_2025 = "=Các buổi thi chính thức"
RESERVE_DAY = "Ngày dự phòng"
RESULTS_DAY_2025 = "=Công bố kết quả thi"
REVIEW_WINDOW_2025 = "Nộp đơn phúc khảo bài thi"
PREFERENCES = "Điều chỉnh nguyện vọng xét tuyển"
REGISTER_2026 = "Đăng ký dự thi (dự kiến)"
CHECK_IN_2026 = "Làm thủ tục dự thi (dự kiến)"
SITTINGS_2026 = "Các buổi thi chính thức (dự kiến)"

LITERATURE_2025 = "Lịch thi Ngữ văn — sáng 26/06/2025"
MATHS_2025 = "Lịch thi Toán — chiều 26/06/2025"
ELECTIVE1_2025 = "Lịch thi Môn tự chọn thứ nhất — sáng 27/06/2025"
ELECTIVE2_2025 = "Lịch thi Môn tự chọn thứ hai — sáng 27/06/2025"
LITERATURE_2026 = "Lịch thi Ngữ văn — sáng 12/06/2026"
MATHS_2026 = "Lịch thi Toán — chiều 12/06/2026"
ELECTIVE1_2026 = "Lịch thi Môn tự chọn thứ nhất — sáng 13/06/2026"
ELECTIVE2_2026 = "Lịch thi Môn tự chọn thứ hai — sáng 13/06/2026"

SECTION_2026 = "=Kỳ thi tốt nghiệp THPT năm 2026"
SECTION_2025 = "=Kỳ thi tốt nghiệp THPT năm 2025"
SECTION_2024 = "=Kỳ thi tốt nghiệp THPT năm 2024"
RESULTS_2025 = "Công bố kết quả Kỳ thi tốt nghiệp THPT năm 2025"

INSPECTION_2025 = "Ban Chỉ đạo tỉnh kiểm tra công tác chuẩn bị"
PAPER_SECURITY = "Bảo vệ nghiêm ngặt khâu in sao"
CHECK_IN_NEWS = "Thí sinh làm thủ tục dự thi, đính chính thông tin"
FIRST_DAY_2025 = "Ngày thi đầu tiên: thí sinh hoàn thành bài thi Ngữ văn và Toán"
NEW_COMMUNES_2026 = "rà soát điểm thi theo địa bàn xã, phường mới"
INSPECTION_TAN_CHAU = "Kiểm tra công tác chuẩn bị thi tại thị xã Tân Châu"
FERRY_CHO_MOI = "Chợ Mới bố trí đò miễn phí"
FIRST_DAY_2024 = "Hơn 19.800 thí sinh hoàn thành buổi thi đầu tiên"
WATER_LONG_XUYEN = "TP Long Xuyên: nước uống, chỗ nghỉ trưa miễn phí"
BUS_MY_HOA_HUNG = "Mỹ Hòa Hưng: xe đưa đón thí sinh qua phà"
RESULTS_2024 = "tỷ lệ tốt nghiệp THPT năm 2024 của tỉnh đạt 99,47%"
REVIEW_REQUESTS_2024 = "Tiếp nhận 1.184 đơn phúc khảo"
REVIEW_OUTCOME_2024 = "Kết quả phúc khảo năm 2024"
SECURITY_CHAU_DOC = "Châu Đốc: bảo đảm an ninh, trật tự"

STORM_WARNING = "Cảnh báo mưa dông, lốc, sét"
ROOMS_MOVED = "Chuyển một số phòng thi của Điểm thi Trường THPT Nguyễn Hiền"
TRAFFIC = "Điều tiết giao thông quanh các điểm thi"
STORM_FIRST_DAY = "Mưa dông chiều ngày thi đầu tiên"
HIGH_WATER = "Nước lên cao: thí sinh cù lao Giêng"

LEAK_LITERATURE = "lộ đề Ngữ văn"
EARLY_RESULTS = "Kết quả thi không được công bố sớm"
ONE_MINUTE_LATE = "Đến muộn 1 phút là bị cấm thi"
LEAK_DONG_DANG = "lộ đề thi tại điểm thi Đồng Đăng"

KHMER_STUDENT = "Néang Sa Ri Ta"
ISLAND_CROSSING = "Vượt biển vào đất liền dự thi"
MOTHERS_ARMS = "Vòng tay mẹ đưa con vào phòng thi"
DOOR_KNOCKING = "Cô giáo “gõ cửa” từng nhà học trò"
VOLUNTEERS_LONG_XUYEN = "Màu áo xanh tình nguyện trên các điểm thi Long Xuyên"
FREE_FERRY = "Chuyến đò 0 đồng"
FREE_RIDES_RACH_GIA = "Những chuyến xe miễn phí đưa thí sinh đến điểm thi ở Rạch Giá"
MOTHER_AT_41 = "chị Mai đi thi tốt nghiệp cùng lứa với con"
RIDES_TRI_TON = "Những chuyến xe nghĩa tình của tuổi trẻ Tri Tôn"


def venue(school: str) -> str:
    """The exact title of a demo venue: "Điểm thi Trường THPT Long Xuyên" is also inside a notice's title."""
    return f"=Điểm thi Trường {school}"


THOAI_NGOC_HAU = venue("THPT chuyên Thoại Ngọc Hầu")  # 001, phường Long Xuyên
LONG_XUYEN = venue("THPT Long Xuyên")  # 002
NGUYEN_HIEN = venue("THPT Nguyễn Hiền")  # 003
BINH_KHANH = venue("THPT Bình Khánh")  # 004, phường Bình Đức
NGUYEN_CONG_TRU = venue("THPT Nguyễn Công Trứ")  # 005, phường Bình Đức
MY_HOA_HUNG = venue("THCS và THPT Mỹ Hòa Hưng")  # 007
THU_KHOA_NGHIA = venue("THPT chuyên Thủ Khoa Nghĩa")  # 008, phường Châu Đốc
VO_THI_SAU = venue("THPT Võ Thị Sáu")  # 009, phường Châu Đốc
AN_PHU = venue("THPT An Phú")  # 010
QUOC_THAI = venue("THPT Quốc Thái")  # 011, huyện An Phú
TAN_CHAU = venue("THPT Tân Châu")  # 012
VINH_XUONG = venue("THPT Vĩnh Xương")  # 013, thị xã Tân Châu
CHAU_PHU = venue("THPT Châu Phú")  # 016
THANH_MY_TAY = venue("THPT Thạnh Mỹ Tây")  # 017, huyện Châu Phú
TINH_BIEN = venue("THPT Tịnh Biên")  # 018
CHI_LANG = venue("THPT Chi Lăng")  # 019, thị xã Tịnh Biên
NGUYEN_TRUNG_TRUC = venue("THPT Nguyễn Trung Trực")  # 020, xã Tri Tôn
BA_CHUC = venue("THPT Ba Chúc")  # 021, huyện Tri Tôn
CHO_MOI = venue("THPT Chợ Mới")  # 024
HUYNH_THI_HUONG = venue("THPT Huỳnh Thị Hưởng")  # 025, huyện Chợ Mới
NGUYEN_VAN_THOAI = venue("THPT Nguyễn Văn Thoại")  # 026, xã Thoại Sơn
VINH_TRACH = venue("THPT Vĩnh Trạch")  # 027, huyện Thoại Sơn
HUYNH_MAN_DAT = venue("THPT chuyên Huỳnh Mẫn Đạt")  # 028, phường Rạch Giá
NGUYEN_HUNG_SON = venue("THPT Nguyễn Hùng Sơn")  # 029, phường Vĩnh Thông
NGUYEN_THAN_HIEN = venue("THPT Nguyễn Thần Hiến")  # 030, phường Hà Tiên
PHU_QUOC = venue("THPT Phú Quốc")  # 031, đặc khu Phú Quốc


KEYWORDS: Judgements = {
    "lịch thi tốt nghiệp 2025": {SITTINGS_2025: 2, LITERATURE_2025: 1, MATHS_2025: 1, ELECTIVE1_2025: 1,
                                 ELECTIVE2_2025: 1, SECTION_2025: 1},
    "tra cứu điểm thi": {FAQ_SCORES: 2, RESULTS_DAY_2025: 1, RESULTS_NOTICE_2025: 1, EARLY_RESULTS: 1,
                         RESULTS_2025: 1},
    "hạn phúc khảo 2025": {REVIEW_WINDOW_2025: 2, RESULTS_NOTICE_2025: 1, FAQ_REVIEW: 1},
    "giấy chứng nhận tốt nghiệp tạm thời": {FAQ_CERTIFICATE: 2},
    "thí sinh tự do đăng ký": {REGISTER_2025: 2, MOTHER_AT_41: 1, FAQ_REVIEW_2024: 1},
    "máy tính cầm tay": {FAQ_BRING: 2, FAQ_ALLOWED_2024: 1},
    "điểm trung bình môn toán": {RESULTS_2025: 2, RESULTS_2024: 1},
    "đường dây nóng": {FAQ_HOTLINE: 2, HIGH_WATER: 1},
    "tiếp sức mùa thi long xuyên": {VOLUNTEERS_LONG_XUYEN: 2, WATER_LONG_XUYEN: 1},
    "chỗ ở miễn phí cho thí sinh": {FAQ_LODGING: 2, ISLAND_CROSSING: 1, WATER_LONG_XUYEN: 1},
    "atlat địa lí": {FAQ_BRING: 2, FAQ_ALLOWED_2024: 1},
    "nguyện vọng xét tuyển đại học": {PREFERENCES: 2},
    "in sao đề thi": {PAPER_SECURITY: 2, PLAN_2024: 1},
    "thủ tục dự thi": {CHECK_IN_2025: 2, CHECK_IN_NEWS: 1, CHECK_IN_2026: 1},
    "thi ngày dự phòng 28/6": {RESERVE_DAY: 2, FAQ_FLOOD: 1},
    "xe lăn phòng thi tầng trệt": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1, VO_THI_SAU: 1, CHO_MOI: 1},
    "lệ phí phúc khảo": {RESULTS_NOTICE_2025: 2, FAQ_REVIEW: 1, FAQ_REVIEW_2024: 1},
    "kết quả thi 2024": {RESULTS_2024: 2, REVIEW_OUTCOME_2024: 1, REVIEW_RESULTS_2024: 1},
    "môn tự chọn 2026": {ELECTIVE1_2026: 2, ELECTIVE2_2026: 1, SITTINGS_2026: 1},
    "mật khẩu tra cứu điểm": {FAQ_SCORES: 2, EARLY_RESULTS: 1, RESULTS_NOTICE_2025: 1},
    "thông báo khẩn đổi phòng thi": {ROOMS_MOVED: 2},
    "đề toán định dạng mới": {FIRST_DAY_2025: 2},
    "điện thoại di động phòng thi": {FAQ_BANNED: 2, FAQ_ALLOWED_2024: 1, FIRST_DAY_2024: 1},
    "rao bán đáp án": {LEAK_LITERATURE: 2, FAQ_FAKE_NEWS: 1, PAPER_SECURITY: 1},
    "tiếp sức mùa thi chở thí sinh miễn phí": {FREE_RIDES_RACH_GIA: 2, RIDES_TRI_TON: 1, FREE_FERRY: 1},
}

UNACCENTED: Judgements = {
    "lich thi toan 2026": {MATHS_2026: 2, SITTINGS_2026: 1},
    "ket qua phuc khao 2024": {REVIEW_OUTCOME_2024: 2, REVIEW_RESULTS_2024: 1},
    "giay bao du thi sai ngay sinh": {FAQ_WRONG_NAME: 2, CHECK_IN_NEWS: 1},
    "thi sinh o xa cho o mien phi": {FAQ_LODGING: 2, ISLAND_CROSSING: 1, WATER_LONG_XUYEN: 1},
    "mang dien thoai vao phong thi": {FAQ_BANNED: 2, FAQ_ALLOWED_2024: 1},
    "huong dan thi sinh du thi 2025": {GUIDANCE_2025: 2, FAQ_BRING: 1},
    "den muon bao nhieu phut thi khong duoc thi": {FAQ_LATE: 2, ONE_MINUTE_LATE: 1},
    "ty le tot nghiep 2025": {RESULTS_2025: 2},
    "khuyet tat xe lan": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1},
    "canh bao mua dong": {STORM_WARNING: 2, STORM_FIRST_DAY: 1},
    "tin gia de thi": {FAQ_FAKE_NEWS: 2, LEAK_LITERATURE: 1, LEAK_DONG_DANG: 1},
    "chuyen do mien phi": {FREE_FERRY: 2, FERRY_CHO_MOI: 1},
    "xe dua don thi sinh vung nui tri ton": {RIDES_TRI_TON: 2},
    "nu sinh khmer thi su pham": {KHMER_STUDENT: 2},
    "dieu tiet giao thong rach gia": {TRAFFIC: 2},
    "bao ve de thi": {PAPER_SECURITY: 2, SECURITY_CHAU_DOC: 1},
    "cong bo diem thi som": {EARLY_RESULTS: 2, FAQ_SCORES: 1},
    "thi sinh tu do 41 tuoi": {MOTHER_AT_41: 2},
    "hoc sinh dao hon son di tau vao rach gia": {ISLAND_CROSSING: 2},
    "ban chi dao kiem tra diem thi": {INSPECTION_2025: 2, INSPECTION_TAN_CHAU: 1},
}

TELEX: Judgements = {
    "lichj thi nguwx vawn": {LITERATURE_2026: 2, LITERATURE_2025: 1},
    "phusc kharo": {FAQ_REVIEW: 2, REVIEW_WINDOW_2025: 1, RESULTS_NOTICE_2025: 1, FAQ_REVIEW_2024: 1},
    "tieeps surc muaf thi": {VOLUNTEERS_LONG_XUYEN: 2, WATER_LONG_XUYEN: 1, RIDES_TRI_TON: 1,
                             FREE_RIDES_RACH_GIA: 1},
    "ddieemr uwu tieen": {FAQ_PRIORITY: 2},
    "queen cawn cuwowcs": {FAQ_ID_CARD: 2},
    "giaays baos duwj thi sai teen": {FAQ_WRONG_NAME: 2},
    "thur khoa nghiax": {THU_KHOA_NGHIA: 2},
    "khuyeets taajt": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1},
    "ddof mieenx phis": {FERRY_CHO_MOI: 2, FREE_FERRY: 1},
    "kees hoachj 52": {PLAN_2025: 2},
    "vaajt duwngj bij caams": {FAQ_BANNED: 2, FAQ_ALLOWED_2024: 1},
    "ddieeuf chinhr nguyeenj vongj": {PREFERENCES: 2},
    "mauf aos xanh tinhf nguyeenj": {VOLUNTEERS_LONG_XUYEN: 2},
    "ddawng kys duwj thi 2026": {REGISTER_2026: 2, REGISTER_2025: 1},
    "chuyeen huyrnh maanx ddatj": {HUYNH_MAN_DAT: 2},
    "tyr leej toots nghieepj": {RESULTS_2025: 2, RESULTS_2024: 1},
    "giaays chuwngs nhaanj toots nghieepj": {FAQ_CERTIFICATE: 2},
}

MISSPELT: Judgements = {
    "nguyện vộng xét tuyển": {PREFERENCES: 2},
    "phúc khão bài thi": {FAQ_REVIEW: 2, REVIEW_WINDOW_2025: 1, RESULTS_NOTICE_2025: 1},
    "giấy báo dư thi": {FAQ_WRONG_NAME: 2, FAQ_BRING: 1},
    "giấy chứng nhận tôt nghiep tạm thơi": {FAQ_CERTIFICATE: 2},
    "lich thj toan": {MATHS_2026: 2, MATHS_2025: 1},
    "đường dây nống": {FAQ_HOTLINE: 2},
    "thí sinh khuyếc tật": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1},
    "quên căn cướt": {FAQ_ID_CARD: 2},
    "vât dụng cấm mang vào phòng thi": {FAQ_BANNED: 2, FAQ_ALLOWED_2024: 1},
    "điễm ưu tiên": {FAQ_PRIORITY: 2},
    "cảnh bảo mưa dông": {STORM_WARNING: 2, STORM_FIRST_DAY: 1},
    "tiếp sứt mùa thi": {VOLUNTEERS_LONG_XUYEN: 2, WATER_LONG_XUYEN: 1, RIDES_TRI_TON: 1,
                        FREE_RIDES_RACH_GIA: 1},
    "trường thủ khao nghĩa": {THU_KHOA_NGHIA: 2},
    "tin lộ đề sai sư thật": {LEAK_LITERATURE: 2, LEAK_DONG_DANG: 1},
    "đến trể giờ thi": {FAQ_LATE: 2, ONE_MINUTE_LATE: 1},
    "chứng nhân tốt nghiệp tạm thời": {FAQ_CERTIFICATE: 2},
    "điểm thi Huỳng Mẫn Đạt": {HUYNH_MAN_DAT: 2},
    "điểm thi Châu Đốcc": {THU_KHOA_NGHIA: 1, VO_THI_SAU: 1, SECURITY_CHAU_DOC: 1},
    "kết quả phúc khảoo 2024": {REVIEW_OUTCOME_2024: 2, REVIEW_RESULTS_2024: 1},
    "quyết đinh thành lập ban chỉ đạo": {STEERING_2025: 2},
    "công bô kết qua thi 2025": {RESULTS_2025: 2, RESULTS_DAY_2025: 1, RESULTS_NOTICE_2025: 1},
    "chuyến đo 0 đồng": {FREE_FERRY: 2},
    "nươc lên cao cù lao": {HIGH_WATER: 2},
}

QUESTIONS: Judgements = {
    "bao giờ thì được phúc khảo bài thi": {REVIEW_WINDOW_2025: 2, FAQ_REVIEW: 1, RESULTS_NOTICE_2025: 1},
    "con em bị ốm sáng ngày thi có được thi bù không": {RESERVE_DAY: 2, FAQ_FLOOD: 1},
    "đi thi cần mang theo giấy tờ gì": {FAQ_BRING: 2, GUIDANCE_2025: 1, CHECK_IN_2025: 1},
    "có được mang máy tính cầm tay vào phòng thi không": {FAQ_BRING: 2, FAQ_ALLOWED_2024: 1},
    "cho em hỏi khi nào có điểm thi ạ": {FAQ_SCORES: 2, RESULTS_DAY_2025: 1, RESULTS_NOTICE_2025: 1,
                                         EARLY_RESULTS: 1},
    "đến trễ 10 phút có được vào phòng thi không": {FAQ_LATE: 2, ONE_MINUTE_LATE: 1},
    "quên căn cước thì làm sao ạ": {FAQ_ID_CARD: 2},
    "thi tốt nghiệp năm 2026 thi ngày nào": {SITTINGS_2026: 2, SECTION_2026: 1, LITERATURE_2026: 1},
    "xem điểm thi ở đâu": {FAQ_SCORES: 2, RESULTS_DAY_2025: 1},
    "nộp đơn phúc khảo ở đâu": {FAQ_REVIEW_2024: 2, FAQ_REVIEW: 1, RESULTS_2024: 1},
    "điểm ưu tiên được cộng bao nhiêu": {FAQ_PRIORITY: 2},
    "số điện thoại đường dây nóng kỳ thi là số mấy": {FAQ_HOTLINE: 2},
    "trời mưa ngập đường không đi thi được thì sao": {FAQ_FLOOD: 2, RESERVE_DAY: 1},
    "nhà ở cù lao đi thi bằng gì": {FERRY_CHO_MOI: 2, FREE_FERRY: 1, HIGH_WATER: 1, BUS_MY_HOA_HUNG: 1},
    "mấy giờ phải có mặt ở điểm thi": {GUIDANCE_2025: 2, FAQ_LATE: 1},
    "có phải đến muộn 1 phút là bị cấm thi không": {ONE_MINUTE_LATE: 2, FAQ_LATE: 1},
    "con tôi đi xe lăn thì thi ở phòng nào": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1},
    "bao giờ có giấy chứng nhận tốt nghiệp tạm thời": {FAQ_CERTIFICATE: 2},
    "đề văn bị lộ có thật không": {LEAK_LITERATURE: 2, LEAK_DONG_DANG: 1},
    "cho em hỏi năm 2025 bao nhiêu phần trăm thí sinh đỗ tốt nghiệp ạ": {RESULTS_2025: 2},
    "thi xong môn văn thì chiều thi môn gì": {MATHS_2025: 2, MATHS_2026: 1, SITTINGS_2025: 1},
    "ở xa có chỗ ngủ miễn phí không": {FAQ_LODGING: 2, ISLAND_CROSSING: 1, WATER_LONG_XUYEN: 1},
    "làm thủ tục dự thi vào ngày nào": {CHECK_IN_2025: 2, CHECK_IN_2026: 1, CHECK_IN_NEWS: 1},
    "giấy báo dự thi bị sai tên thì sửa thế nào": {FAQ_WRONG_NAME: 2},
    "thấy tin mua đề thi trên mạng thì báo cho ai": {FAQ_FAKE_NEWS: 2, LEAK_LITERATURE: 1},
    "khi nào có kết quả phúc khảo năm 2024": {REVIEW_OUTCOME_2024: 2, REVIEW_RESULTS_2024: 1,
                                              REVIEW_REQUESTS_2024: 1},
    "có được mang đồng hồ thông minh vào phòng thi không": {FAQ_BANNED: 2, FAQ_ALLOWED_2024: 1},
    "kỳ thi năm 2026 có gì mới không": {NEW_COMMUNES_2026: 2, PREPARE_2026: 1, SECTION_2026: 1},
    "hạn chót đăng ký dự thi là khi nào": {REGISTER_2025: 2, REGISTER_2026: 1},
    "điểm thi trường Long Xuyên ở đâu vậy": {LONG_XUYEN: 2, ROOMS_MOVED: 1},
}

CODES: Judgements = {
    "745/QĐ-UBND": {STEERING_2025: 2},
    "1402/TB-SGDĐT": {RESULTS_NOTICE_2025: 2},
    "1518/TB-SGDDT": {REVIEW_RESULTS_2024: 2},
    "cong van 2315": {PREPARE_2026: 2},
    "118/KH-UBND": {PLAN_2024: 2, MEDIA_2024: 1},
    "công văn 860": {MEDIA_2025: 1, MEDIA_2024: 1},
    "860/SKHCN-BCVT": {MEDIA_2025: 2},
    "1186": {GUIDANCE_2025: 2, RESULTS_NOTICE_2025: 1},
    "điểm thi 003": {NGUYEN_HIEN: 2, ROOMS_MOVED: 1},
    "điểm thi số 028": {HUYNH_MAN_DAT: 2},
    "0296 3852 417": {FAQ_HOTLINE: 2},
    "0296 3857 204": {FAQ_LODGING: 2},
    "0296 3883 115": {HIGH_WATER: 2},
    "0297 3846 318": {PHU_QUOC: 2},
    "0296 3859 318": {FAQ_FAKE_NEWS: 2},
    "tingia.gov.vn": {FAQ_FAKE_NEWS: 2},
    "99,47%": {RESULTS_2024: 2},
    "1.184 đơn": {REVIEW_REQUESTS_2024: 2},
    "mã điểm thi 012": {TAN_CHAU: 2},
}

PLACES: Judgements = {
    "Tân Châu": {TAN_CHAU: 2, INSPECTION_TAN_CHAU: 1, MOTHER_AT_41: 1, VINH_XUONG: 1},
    "thị xã Tân Châu": {INSPECTION_TAN_CHAU: 2, TAN_CHAU: 1, VINH_XUONG: 1, MOTHER_AT_41: 1},
    "huyện Chợ Mới": {FERRY_CHO_MOI: 2, HIGH_WATER: 1, CHO_MOI: 1, HUYNH_THI_HUONG: 1, MOTHERS_ARMS: 1},
    "xã Mỹ Hòa Hưng": {BUS_MY_HOA_HUNG: 2, MY_HOA_HUNG: 1, FREE_FERRY: 1},
    "phường Rạch Giá": {HUYNH_MAN_DAT: 1, TRAFFIC: 1, FREE_RIDES_RACH_GIA: 1, ISLAND_CROSSING: 1},
    "đặc khu Phú Quốc": {PHU_QUOC: 2, NEW_COMMUNES_2026: 1},
    "huyện Tri Tôn": {RIDES_TRI_TON: 2, NGUYEN_TRUNG_TRUC: 1, BA_CHUC: 1, KHMER_STUDENT: 1},
    "xã Ô Lâm": {KHMER_STUDENT: 2},
    "thành phố Châu Đốc": {SECURITY_CHAU_DOC: 2, THU_KHOA_NGHIA: 1, VO_THI_SAU: 1},
    "phường Bình Đức": {BINH_KHANH: 1, NGUYEN_CONG_TRU: 1},
    "Kiên Hải": {ISLAND_CROSSING: 2, NEW_COMMUNES_2026: 1},
    "huyện Châu Phú": {CHAU_PHU: 1, THANH_MY_TAY: 1, DOOR_KNOCKING: 1},
    "xã Cù Lao Giêng": {HIGH_WATER: 2, FERRY_CHO_MOI: 1},
    "Tịnh Biên": {TINH_BIEN: 2, CHI_LANG: 1},
    "xã Thoại Sơn": {NGUYEN_VAN_THOAI: 2},
    "huyện Thoại Sơn": {NGUYEN_VAN_THOAI: 1, VINH_TRACH: 1},
    "điểm thi Hà Tiên": {NGUYEN_THAN_HIEN: 2},
    "huyện An Phú": {AN_PHU: 1, QUOC_THAI: 1},
    "phường Vĩnh Thông": {NGUYEN_HUNG_SON: 2, FREE_RIDES_RACH_GIA: 1},
    "điểm thi phường Long Xuyên": {THOAI_NGOC_HAU: 1, LONG_XUYEN: 1, NGUYEN_HIEN: 1, VOLUNTEERS_LONG_XUYEN: 1},
}

ONE_WORD: Judgements = {
    "lịch": {SITTINGS_2025: 2, SITTINGS_2026: 1, LITERATURE_2025: 1, LITERATURE_2026: 1},
    "hồ sơ": {REGISTER_2025: 2, FAQ_REVIEW_2024: 1, FAQ_ID_CARD: 1},
    "phúc khảo": {FAQ_REVIEW: 2, REVIEW_WINDOW_2025: 1, RESULTS_NOTICE_2025: 1, FAQ_REVIEW_2024: 1,
                  REVIEW_OUTCOME_2024: 1},
    "điểm": {FAQ_SCORES: 2, RESULTS_2025: 1, RESULTS_DAY_2025: 1},
    "đò": {FERRY_CHO_MOI: 2, FREE_FERRY: 1, HIGH_WATER: 1},
    "mưa": {STORM_WARNING: 2, STORM_FIRST_DAY: 1, FAQ_FLOOD: 1},
    "khuyết tật": {FAQ_DISABLED: 2, MOTHERS_ARMS: 1},
    "căn cước": {FAQ_ID_CARD: 2, FAQ_BRING: 1},
    "ưu tiên": {FAQ_PRIORITY: 2},
    "kết quả": {RESULTS_2025: 2, RESULTS_DAY_2025: 1, FAQ_SCORES: 1},
    "lộ đề": {LEAK_LITERATURE: 2, LEAK_DONG_DANG: 1},
    "muộn": {FAQ_LATE: 2, ONE_MINUTE_LATE: 1},
    "nguyện vọng": {PREFERENCES: 2},
    "toán": {MATHS_2026: 1, MATHS_2025: 1, FIRST_DAY_2025: 1},
    "giao thông": {TRAFFIC: 2, SECURITY_CHAU_DOC: 1},
    "tình nguyện": {VOLUNTEERS_LONG_XUYEN: 2, RIDES_TRI_TON: 1, WATER_LONG_XUYEN: 1},
    "chuyên": {THOAI_NGOC_HAU: 1, THU_KHOA_NGHIA: 1, HUYNH_MAN_DAT: 1},
}

SYNONYMS: Judgements = {
    "kế hoạch thi THPT 2025": {PLAN_2025: 2},  # the title says "trung học phổ thông"
    "ban chỉ đạo kỳ thi THPT 2025": {STEERING_2025: 2, INSPECTION_2025: 1},
    "tổ chức kỳ thi trung học phổ thông năm 2024": {PLAN_2024: 2},  # the title says "THPT"
    "tỷ lệ đỗ TN THPT 2025": {RESULTS_2025: 2},
    "kết quả TN THPT 2024": {RESULTS_2024: 2, REVIEW_OUTCOME_2024: 1, REVIEW_RESULTS_2024: 1},
    "Sở GD&ĐT thông báo phúc khảo": {RESULTS_NOTICE_2025: 2, REVIEW_RESULTS_2024: 1},
    "sở GDĐT hướng dẫn thí sinh dự thi": {GUIDANCE_2025: 2},
    "Bộ GD&ĐT hệ thống tra cứu điểm": {FAQ_SCORES: 2, RESULTS_DAY_2025: 1},
    "chấm phúc khảo 2024": {REVIEW_OUTCOME_2024: 2, REVIEW_RESULTS_2024: 1},
    "hotline kỳ thi": {FAQ_HOTLINE: 2},
    "đến muộn giờ thi": {FAQ_LATE: 2, ONE_MINUTE_LATE: 1},  # the FAQ says "trễ giờ"
    "trễ 1 phút bị cấm thi": {ONE_MINUTE_LATE: 2, FAQ_LATE: 1},  # the rebuttal says "muộn"
    "cảnh báo mưa giông": {STORM_WARNING: 2, STORM_FIRST_DAY: 1},  # giông ↔ dông
    "tỉ lệ tốt nghiệp 2024": {RESULTS_2024: 2},  # tỉ ↔ tỷ
    "atlat địa lý 2025": {FAQ_BRING: 2, FAQ_ALLOWED_2024: 1},  # lý ↔ lí
    "hơn 19 ngàn thí sinh thi buổi đầu": {FIRST_DAY_2024: 2},  # "19.800"
    "hơn một nghìn đơn phúc khảo": {REVIEW_REQUESTS_2024: 2},  # "1.184"
    "quên CCCD": {FAQ_ID_CARD: 2},  # căn cước công dân
    "bằng tốt nghiệp tạm thời": {FAQ_CERTIFICATE: 2},  # giấy chứng nhận tốt nghiệp tạm thời
    "ủy ban nhân dân tỉnh kế hoạch thi 2024": {PLAN_2024: 2},  # "KH-UBND"
}

JUDGED: dict[str, Judgements] = {
    "keywords": KEYWORDS,
    "unaccented": UNACCENTED,
    "telex": TELEX,
    "misspelt": MISSPELT,
    "questions": QUESTIONS,
    "codes": CODES,
    "places": PLACES,
    "one_word": ONE_WORD,
    "synonyms": SYNONYMS,
}

# --- The generated corpus (bench/search/generate.py, seed 2026) ----------------------------------------------
GENERATED_MIN_DOCUMENTS = 20_000  # every fragment below names at least one of the first 20,000 documents

GENERATED: Judgements = {
    "1548/UBND-VX": {"1548/UBND-VX": 2},
    "ke hoach 3832/QD-SGDDT": {"3832/QĐ-SGDĐT": 2},  # "Kế hoạch số 3832/QĐ-SGDĐT …"
    "hướng dẫn 815/KH-UBND tuyển sinh lớp 10": {"815/KH-UBND": 2},
    "AG-103": {"Điểm thi AG-103": 2},
    "diem thi KG-068": {"Điểm thi KG-068": 2},
    "điểm chuẩn thi vào 10 năm 2021": {"Điểm chuẩn tuyển sinh lớp 10 năm học 2021–2022": 2},
    "lịch thi vào lớp 10 năm 2023": {"Lịch thi tuyển sinh lớp 10 năm học 2023–2024": 2,
                                     "=Tuyển sinh lớp 10 năm học 2023–2024": 1},
    "điểm chuẩn vào 10 Rạch Giá 2025": {"Điểm chuẩn tuyển sinh lớp 10 năm học 2025–2026 tại Rạch Giá": 2,
                                        "Điểm chuẩn tuyển sinh lớp 10 năm học 2024–2025 tại Rạch Giá": 1},
    "phuc khao lop 10 nam 2024": {"Thông báo lịch phúc khảo bài thi tuyển sinh lớp 10 năm học 2024–2025": 2},
    "thủ khoa khối A Trần Minh Khang": {"Trần Minh Khang và ước mơ ngành y": 2},
    "trúng tuyển lớp 10 trường Huỳnh Mẫn Đạt": {"trúng tuyển lớp 10 Trường THPT Huỳnh Mẫn Đạt": 2,
                                                "trúng tuyển lớp 10 Trường THPT Chuyên Huỳnh Mẫn Đạt": 1},
    "tỉ lệ TN THPT năm 2019": {"Tỉ lệ tốt nghiệp THPT năm 2019": 2, "Kết quả thi tốt nghiệp THPT năm 2019": 1},
    "xe buýt miễn phí Phú Quốc": {"Xe buýt miễn phí đưa thí sinh Phú Quốc": 2},
    "nguoi me ban ve so truong Xuan To": {"Người mẹ bán vé số chờ con trước cổng trường THPT Xuân Tô": 2},
    "lộ đề hóa học": {"Thông tin lộ đề thi môn Hóa học": 2},
    "có hoãn thi năm 2022 không": {"Bác bỏ tin đồn hoãn kỳ thi năm 2022": 2},
    "trang giả mạo tra cứu điểm": {"Cảnh báo trang mạng giả mạo tra cứu điểm thi": 2},
    "thí sinh mất giấy báo dự thi phải làm sao": {"Thí sinh mất giấy báo dự thi thì phải làm gì?": 2},
    "đổi địa điểm thi Óc Eo": {"Thông báo điều chỉnh địa điểm thi tại Óc Eo": 2},
    "cơm miễn phí thí sinh Hà Tiên": {"Bữa cơm miễn phí cho thí sinh ở xa tại Hà Tiên": 2},
    "thầy giáo vùng biên Tịnh Biên": {"Thầy giáo vùng biên Tịnh Biên": 2},
    "kỳ thi trung học phổ thông 2017": {"=Kỳ thi tốt nghiệp THPT năm 2017": 2},
}
