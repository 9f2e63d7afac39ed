"""Issue #21: lines that used to lose or change meaning, each with the reading a northern announcer gives it.

Every case was written for these tests (no copies of shared or judged lines). Comparison ignores case and
punctuation (``tests.radio.helpers.normalise``). The rules are documented in README "Radio bulletins".
"""

from __future__ import annotations

import pytest

from exam_news.radio import read_aloud
from tests.radio.helpers import normalise

Y2025 = "hai nghìn không trăm hai mươi lăm"
Y2026 = "hai nghìn không trăm hai mươi sáu"

ADDRESSES = [
    ("Liên hệ hoidap@sgd.edu.vn", "liên hệ hoi dap a còng ét xì giê dê chấm e đu chấm vê en"),
    ("Thư gửi tuyensinh@camau.edu.vn.", "thư gửi tuyen sinh a còng ca mau chấm e đu chấm vê en"),
    ("Địa chỉ: ban_tuyen_sinh@gmail.com", "địa chỉ ban gạch dưới tuyen gạch dưới sinh a còng gờ meo chấm com"),
    ("Hộp thư phong-khao-thi@sgd.gov.vn",
     "hộp thư phong gạch ngang khao gạch ngang thi a còng ét xì giê dê chấm gốp chấm vê en"),
    ("Gửi bài về bbt2026@baocamau.vn", "gửi bài về bê bê tê hai không hai sáu a còng bao ca mau chấm vê en"),
    ("Gửi về a.nguyen@sgd.vn", "gửi về a chấm nguyen a còng ét xì giê dê chấm vê en"),
    ("Email: info@vnpt.vn", "email in phô a còng vê en nờ pê tê chấm vê en"),
    ("Truy cập www.langson.gov.vn", "truy cập vê kép vê kép vê kép chấm lang son chấm gốp chấm vê en"),
    ("Xem tại https://hanoi.edu.vn/tra-cuu",
     "xem tại ha noi chấm e đu chấm vê en gạch chéo tra gạch ngang cuu"),
    ("Nộp trên dichvucong.gov.vn", "nộp trên dich vu cong chấm gốp chấm vê en"),
    ("tại http://www.thanhhoa.gov.vn/", "tại vê kép vê kép vê kép chấm thanh hoa chấm gốp chấm vê en"),
    ("Trang facebook.com/doanthanhnien", "trang phây búc chấm com gạch chéo doan thanh nien"),
    ("truy cập thisinh.edu.vn.", "truy cập thi sinh chấm e đu chấm vê en"),
    ("Xem WWW.MOET.GOV.VN", "xem vê kép vê kép vê kép chấm moet chấm gốp chấm vê en"),
    ("Hỏi qua tuvan@yahoo.com nhé", "hỏi qua tu van a còng da hu chấm com nhé"),
    ("Trang quangninh.gov.vn, mục Tin tức", "trang quang ninh chấm gốp chấm vê en mục tin tức"),
    # Vietnamese spelling decides the split: "ngi" cannot start a syllable, so an|giang
    ("Xem angiang.gov.vn", "xem an giang chấm gốp chấm vê en"),
    ("Xem kiengiang.edu.vn", "xem kien giang chấm e đu chấm vê en"),
]

DATES = [
    ("Ngày 2/9/2025 là Quốc khánh", f"ngày hai tháng chín năm {Y2025} là quốc khánh"),
    ("Sáng 1/4, thí sinh tập trung", "sáng ngày một tháng tư thí sinh tập trung"),
    ("Chiều 3/5 thí sinh làm bài", "chiều ngày ba tháng năm thí sinh làm bài"),
    ("hạn cuối 15/7", "hạn cuối ngày mười lăm tháng bảy"),
    ("Từ 1/6 đến 30/6", "từ ngày một tháng sáu đến ngày ba mươi tháng sáu"),
    ("trước 17h ngày 20/6", "trước mười bảy giờ ngày hai mươi tháng sáu"),
    ("thi vào 26/6", "thi vào ngày hai mươi sáu tháng sáu"),
    ("Tối 25/6 có mưa lớn", "tối ngày hai mươi lăm tháng sáu có mưa lớn"),
    ("dự kiến 10/7 công bố điểm", "dự kiến ngày mười tháng bảy công bố điểm"),
    ("ngày 02/01/2026", f"ngày hai tháng một năm {Y2026}"),
    ("Thứ Bảy 28/6", "thứ bảy ngày hai mươi tám tháng sáu"),
    ("Nghỉ lễ 30/4 - 1/5", "nghỉ lễ ngày ba mươi tháng tư đến ngày một tháng năm"),
    ("Kỳ thi diễn ra 11-12/6", "kỳ thi diễn ra ngày mười một đến ngày mười hai tháng sáu"),
    ("từ ngày 1-5/7", "từ ngày một đến ngày năm tháng bảy"),
    ("Từ 30/6 đến 2/7/2026", f"từ ngày ba mươi tháng sáu đến ngày hai tháng bảy năm {Y2026}"),
    ("đầu 8/2026", f"đầu tháng tám năm {Y2026}"),
]

STREET_NAMES = [
    ("đường 2/9", "đường hai tháng chín"),
    ("Đường 30/4, phường 1", "đường ba mươi tháng tư phường một"),
    ("số 15 đường 3/2", "số mười lăm đường ba tháng hai"),
    ("phố 19/5", "phố mười chín tháng năm"),
    ("Quảng trường 26/3", "quảng trường hai mươi sáu tháng ba"),
    ("cầu 2/9", "cầu hai tháng chín"),
    ("công viên 30/4", "công viên ba mươi tháng tư"),
    ("Trường THCS 2/9", "trường trung học cơ sở hai tháng chín"),
    ("Trường THPT 19/5", "trường trung học phổ thông mười chín tháng năm"),
    ("chợ 1/5", "chợ một tháng năm"),
    ("đường 1/5 kéo dài", "đường một tháng năm kéo dài"),
    ("Đại lộ 19/5", "đại lộ mười chín tháng năm"),
    ("Bệnh viện 30/4", "bệnh viện ba mươi tháng tư"),
    ("Nhà văn hóa 3/2", "nhà văn hóa ba tháng hai"),
]

HOUSE_NUMBERS = [
    ("số 12/5 Lê Lợi", "số mười hai trên năm lê lợi"),
    ("hẻm 34/7B", "hẻm ba mươi tư trên bảy bê"),
    ("ngõ 55/12", "ngõ năm mươi lăm trên mười hai"),
    ("Số nhà 120/4/2", "số nhà một trăm hai mươi trên bốn trên hai"),
    ("kiệt 27/3 Hùng Vương", "kiệt hai mươi bảy trên ba hùng vương"),
    ("lô 3/12", "lô ba trên mười hai"),
    ("ngách 8/21", "ngách tám trên hai mươi mốt"),
    ("số 5A/12 đường Trần Phú", "số năm a trên mười hai đường trần phú"),
    ("Nhà 7/2", "nhà bảy trên hai"),
    ("thửa 102/5", "thửa một trăm linh hai trên năm"),
    ("địa chỉ 45/3/1 Nguyễn Trãi", "địa chỉ bốn mươi lăm trên ba trên một nguyễn trãi"),
    ("địa chỉ 45/12 đường 2/9", "địa chỉ bốn mươi lăm trên mười hai đường hai tháng chín"),
    ("tại 8/3 hẻm Lê Lợi", "tại tám trên ba hẻm lê lợi"),
]

FRACTIONS = [
    ("1/4 diện tích", "một phần tư diện tích"),
    ("3/5 số thí sinh", "ba phần năm số thí sinh"),
    ("Khoảng 2/3 thời gian", "khoảng hai phần ba thời gian"),
    ("chiếm 1/3", "chiếm một phần ba"),
    ("gần 1/2 dân số", "gần một phần hai dân số"),
    ("hơn 3/4 học sinh", "hơn ba phần tư học sinh"),
    ("1/10 tổng kinh phí", "một phần mười tổng kinh phí"),
    ("2/5 quãng đường", "hai phần năm quãng đường"),
    ("còn 1/5 lượng nước", "còn một phần năm lượng nước"),
    ("đến 2/3 số phòng", "đến hai phần ba số phòng"),
    ("Có 1/3 thí sinh", "có một phần ba thí sinh"),
    ("Năm nay 2/3 học sinh chọn", "năm nay hai phần ba học sinh chọn"),
    ("3/4 các trường", "ba phần tư các trường"),
    ("7/8 khối lượng", "bảy phần tám khối lượng"),
]

PER_UNIT = [
    ("20.000 đồng/tháng", "hai mươi nghìn đồng một tháng"),
    ("học phí 300.000 đồng/học kỳ", "học phí ba trăm nghìn đồng một học kỳ"),
    ("hỗ trợ 50.000đ/người", "hỗ trợ năm mươi nghìn đồng một người"),
    ("100 USD/người", "một trăm đô la mỹ một người"),
    ("lãi 6%/năm", "lãi sáu phần trăm một năm"),
    ("tốc độ 40 km/h", "tốc độ bốn mươi ki lô mét trên giờ"),
    ("chạy 60km/h", "chạy sáu mươi ki lô mét trên giờ"),
    ("3 bài/ngày", "ba bài mỗi ngày"),
    ("2 lượt/ngày", "hai lượt mỗi ngày"),
    ("1 suất/người", "một suất mỗi người"),
    ("500 người/km²", "năm trăm người trên ki lô mét vuông"),
    ("mật độ 1.200 người/km2", "mật độ một nghìn hai trăm người trên ki lô mét vuông"),
    ("năng suất 6 tấn/ha", "năng suất sáu tấn trên héc ta"),
    ("giá 25 triệu đồng/m²", "giá hai mươi lăm triệu đồng một mét vuông"),
    ("lượng mưa 100 mm/giờ", "lượng mưa một trăm mi li mét trên giờ"),
    ("5 tiết/tuần", "năm tiết mỗi tuần"),
    ("2 ca/ngày", "hai ca mỗi ngày"),
    ("1,5 lít/ngày", "một phẩy năm lít mỗi ngày"),
    ("2 triệu đồng/người/tháng", "hai triệu đồng một người mỗi tháng"),
    ("tối đa 50 km/giờ", "tối đa năm mươi ki lô mét trên giờ"),
    ("8 giờ/ngày", "tám giờ mỗi ngày"),
    ("gió 10 m/s", "gió mười mét trên giây"),
    ("đơn vị km/h", "đơn vị ki lô mét trên giờ"),
    ("lượng mưa 20-40mm/24 giờ", "lượng mưa hai mươi đến bốn mươi mi li mét trên hai mươi tư giờ"),
    ("lệ phí 30.000đ/1 môn", "lệ phí ba mươi nghìn đồng cho một môn"),
    ("bố trí 2 CBCT/phòng thi", "bố trí hai cán bộ coi thi mỗi phòng thi"),
    ("3 bữa ăn/ngày", "ba bữa ăn mỗi ngày"),
    ("24 thí sinh/phòng", "hai mươi tư thí sinh mỗi phòng"),
    ("bản đồ tỷ lệ 1/50.000", "bản đồ tỷ lệ một trên năm mươi nghìn"),
]

EITHER_OR = [
    ("Sáng/Chiều: thi Toán", "sáng hoặc chiều thi toán"),
    ("Buổi sáng/chiều", "buổi sáng hoặc chiều"),
    ("thí sinh nam/nữ", "thí sinh nam hoặc nữ"),
    ("Kính gửi ông/bà", "kính gửi ông hoặc bà"),
    ("học sinh/sinh viên", "học sinh hoặc sinh viên"),
    ("cấp THCS/THPT", "cấp trung học cơ sở hoặc trung học phổ thông"),
    ("UBND xã/phường", "ủy ban nhân dân xã hoặc phường"),
    ("kết quả đạt/không đạt", "kết quả đạt hoặc không đạt"),
    ("có 2 thí sinh nam/nữ", "có hai thí sinh nam hoặc nữ"),
    ("trả lời có/không", "trả lời có hoặc không"),
    ("cha mẹ và/hoặc người giám hộ", "cha mẹ và hoặc người giám hộ"),
    ("tổ hợp Sử/Địa/GDCD", "tổ hợp sử, địa, giáo dục công dân"),
    ("uống thuốc 2 lần sáng/tối", "uống thuốc hai lần sáng hoặc tối"),
]

SERVICE_AND_SCORES = [
    ("trực 24/7", "trực hai mươi tư trên bảy"),
    ("hoạt động 24/24 giờ", "hoạt động hai mươi tư trên hai mươi tư giờ"),
    ("vận hành 24/7 trong mùa thi", "vận hành hai mươi tư trên bảy trong mùa thi"),
    ("hoạt động 24/7", "hoạt động hai mươi tư trên bảy"),
    ("đúng 38/40 câu", "đúng ba mươi tám trên bốn mươi câu"),
    ("đạt 7/10", "đạt bảy trên mười"),
    ("thắng 3/4 trận", "thắng ba trên bốn trận"),
    ("45/50 điểm thi", "bốn mươi lăm trên năm mươi điểm thi"),
    ("đạt 9/10 tiêu chí", "đạt chín trên mười tiêu chí"),
    ("được 18/20 phiếu", "được mười tám trên hai mươi phiếu"),
    ("học sinh lớp 10/2", "học sinh lớp mười trên hai"),
    ("Hotline 24/7: 1900 1234", "hotline hai mươi tư trên bảy một chín không không một hai ba bốn"),
    ("ngày 24/7 thi lại", "ngày hai mươi tư tháng bảy thi lại"),
    ("đạt 9,5/10 điểm", "đạt chín phẩy năm trên mười điểm"),
    ("mưa 150 mm/24h", "mưa một trăm năm mươi mi li mét trên hai mươi tư giờ"),
]

DOCUMENT_SYMBOLS = [
    ("Quyết định số 84/QĐ-BCĐ", "quyết định số tám mươi tư ban chỉ đạo"),
    ("Thông báo số 1817/TB-BCĐ", "thông báo số một nghìn tám trăm mười bảy ban chỉ đạo"),
    ("Công văn 1832/UBND-KGVX",
     "công văn một nghìn tám trăm ba mươi hai ủy ban nhân dân ca giê vê ích xì"),
    ("Chỉ thị 06/CT-TTg", "chỉ thị sáu thủ tướng"),
    ("Kế hoạch 55/KH-UBND", "kế hoạch năm mươi lăm ủy ban nhân dân"),
]

PRIMES_AND_LENGTHS = [
    ("hiệp 1 kéo dài 45'", "hiệp một kéo dài bốn mươi lăm phút"),
    ("chạy 100 m hết 12''", "chạy một trăm mét hết mười hai giây"),
    ("thời gian 1'30''", "thời gian một phút ba mươi giây"),
    ("làm bài 90'", "làm bài chín mươi phút"),
    ("trễ 15′", "trễ mười lăm phút"),
    ("lúc 14h30' ngày 26/6", "lúc mười bốn giờ ba mươi phút ngày hai mươi sáu tháng sáu"),
    ("về đích sau 58″", "về đích sau năm mươi tám giây"),
    ("cao 1m65", "cao một mét sáu mươi lăm"),
    ("chiều cao 1m70", "chiều cao một mét bảy mươi"),
    ("em cao 1m5", "em cao một mét năm"),
    ("cao 1,65 m", "cao một phẩy sáu mươi lăm mét"),
    ("vượt 2m05", "vượt hai mét không năm"),
    ("nhảy xa 5m12", "nhảy xa năm mét mười hai"),
    ("nước dâng 1,2m", "nước dâng một phẩy hai mét"),
    ("dài 3,5 km", "dài ba phẩy năm ki lô mét"),
]

UNITS_AND_MONEY = [
    ("nhiệt độ 38°C", "nhiệt độ ba mươi tám độ c"),
    ("từ 35 đến 37°C", "từ ba mươi lăm đến ba mươi bảy độ c"),
    ("dưới 10 ℃", "dưới mười độ c"),
    ("nắng 39,5°C", "nắng ba mươi chín phẩy năm độ c"),
    ("góc 90°", "góc chín mươi độ"),
    ("diện tích 45 m²", "diện tích bốn mươi lăm mét vuông"),
    ("rộng 12 km²", "rộng mười hai ki lô mét vuông"),
    ("1.200 ha lúa", "một nghìn hai trăm héc ta lúa"),
    ("30 kg gạo", "ba mươi ki lô gam gạo"),
    ("5 tấn hàng", "năm tấn hàng"),
    ("2,5 tấn", "hai phẩy năm tấn"),
    ("phòng 60m2", "phòng sáu mươi mét vuông"),
    ("0,5 ha", "không phẩy năm héc ta"),
    ("gói 200 g", "gói hai trăm gam"),
    ("bể 10 m³", "bể mười mét khối"),
    ("phí 50.000 VNĐ", "phí năm mươi nghìn đồng"),
    ("thưởng 1.000.000đ", "thưởng một triệu đồng"),
    ("giá $200", "giá hai trăm đô la"),
    ("giá 200$", "giá hai trăm đô la"),
    ("học bổng 15 USD", "học bổng mười lăm đô la mỹ"),
    ("khoảng 100 €", "khoảng một trăm ơ rô"),
    ("giá 50k", "giá năm mươi nghìn"),
    ("lương 5tr", "lương năm triệu"),
    ("tăng 12%", "tăng mười hai phần trăm"),
    ("giảm 3,5%", "giảm ba phẩy năm phần trăm"),
    ("lệ phí 500.000 VND", "lệ phí năm trăm nghìn đồng"),
]

MARKS = [
    ("tỷ lệ 2‰", "tỷ lệ hai phần nghìn"),
    ("~50 thí sinh", "khoảng năm mươi thí sinh"),
    ("~ 2.000 người", "khoảng hai nghìn người"),
    ("điểm ≥ 8,0", "điểm lớn hơn hoặc bằng tám phẩy không"),
    ("cách ≤ 3 km", "cách nhỏ hơn hoặc bằng ba ki lô mét"),
    ("sai số ±0,5", "sai số cộng trừ không phẩy năm"),
    ("dao động ± 2°C", "dao động cộng trừ hai độ c"),
    ("tuổi > 18", "tuổi lớn hơn mười tám"),
    ("≈ 30%", "xấp xỉ ba mươi phần trăm"),
    ("+ Tuyên truyền lịch thi", "tuyên truyền lịch thi"),
    ("• Mang theo 2 bút", "mang theo hai bút"),
    ("thực hiện nghiêm túc./.", "thực hiện nghiêm túc"),
    ("gửi các xã (t/h)", "gửi các xã thực hiện"),
    ("ảnh 3x4", "ảnh ba nhân bốn"),
    ("ảnh 4 x 6 cm", "ảnh bốn nhân sáu xen ti mét"),
    ("phòng 6 m x 8 m", "phòng sáu mét nhân tám mét"),
    ("bảng 1,2 x 2,4 m", "bảng một phẩy hai nhân hai phẩy bốn mét"),
    ("khổ 60×80 cm", "khổ sáu mươi nhân tám mươi xen ti mét"),
    ("hộp 3 x 4 x 5", "hộp ba nhân bốn nhân năm"),
    ("sân 2mx3m", "sân hai mét nhân ba mét"),
    ("tấm bạt 4m x 6m", "tấm bạt bốn mét nhân sáu mét"),
]

ABBREVIATIONS = [
    ("họp PHHS đầu năm", "họp phụ huynh học sinh đầu năm"),
    ("đội TNTN hỗ trợ", "đội thanh niên tình nguyện hỗ trợ"),
    ("Chủ tịch HĐT", "chủ tịch hội đồng thi"),
    ("tập huấn CBCT", "tập huấn cán bộ coi thi"),
    ("cấp GCN", "cấp giấy chứng nhận"),
    ("thành viên HĐTS", "thành viên hội đồng tuyển sinh"),
    ("BTK làm việc", "ban thư ký làm việc"),
    ("BCPK đã nhận", "ban chấm phúc khảo đã nhận"),
    ("CBGS có mặt", "cán bộ giám sát có mặt"),
    ("GVCN lớp 12A1", "giáo viên chủ nhiệm lớp mười hai a một"),
    ("BGH nhà trường", "ban giám hiệu nhà trường"),
    ("CMHS lưu ý", "cha mẹ học sinh lưu ý"),
    ("HSSV vùng lũ", "học sinh sinh viên vùng lũ"),
    ("đội tuyển HSG", "đội tuyển học sinh giỏi"),
    ("lực lượng TNXP", "lực lượng thanh niên xung phong"),
    ("ĐTN xã", "đoàn thanh niên xã"),
    ("hạn ĐKDT", "hạn đăng ký dự thi"),
    ("điều chỉnh ĐKXT", "điều chỉnh đăng ký xét tuyển"),
    ("môn GDQP-AN", "môn giáo dục quốc phòng và an ninh"),
    ("môn GDCD", "môn giáo dục công dân"),
    ("giải quyết TTHC", "giải quyết thủ tục hành chính"),
    ("qua DVCTT", "qua dịch vụ công trực tuyến"),
    ("xã đạt chuẩn NTM", "xã đạt chuẩn nông thôn mới"),
    ("vùng ĐBSCL", "vùng đồng bằng sông cửu long"),
    ("Đài KTTV tỉnh", "đài khí tượng thủy văn tỉnh"),
    ("một ATNĐ mạnh", "một áp thấp nhiệt đới mạnh"),
    ("bảo đảm ATTP", "bảo đảm an toàn thực phẩm"),
    ("LĐLĐ tỉnh", "liên đoàn lao động tỉnh"),
    ("kỳ thi TN THPT", "kỳ thi tốt nghiệp trung học phổ thông"),
    ("nhận GCNTNTT", "nhận giấy chứng nhận tốt nghiệp tạm thời"),
    ("CBCCVC toàn tỉnh", "cán bộ công chức viên chức toàn tỉnh"),
    ("Trường TH Kim Đồng", "trường tiểu học kim đồng"),
    ("trạm BTS di động", "trạm bê tê ét di động"),
    ("HLHPN huyện", "hội liên hiệp phụ nữ huyện"),
    ("Hội LHPN và Hội CCB xã", "hội liên hiệp phụ nữ và hội cựu chiến binh xã"),
    ("Đ/c Phó Chủ tịch phát biểu", "đồng chí phó chủ tịch phát biểu"),
    ("KT. GIÁM ĐỐC", "ký thay giám đốc"),
    ("TM. UBND XÃ", "thay mặt ủy ban nhân dân xã"),
    ("rà soát CSVC", "rà soát cơ sở vật chất"),
    ("học sinh DTTS", "học sinh dân tộc thiểu số"),
    ("PCT UBND tỉnh", "phó chủ tịch ủy ban nhân dân tỉnh"),
    ("PGĐ Sở GD&ĐT", "phó giám đốc sở giáo dục và đào tạo"),
    ("đoạn QL 1A", "đoạn quốc lộ một a"),
    ("lực lượng PCCC&CNCH", "lực lượng phòng cháy chữa cháy và cứu nạn cứu hộ"),
    ("TYT xã trực", "trạm y tế xã trực"),
    ("tính ĐXT", "tính điểm xét tuyển"),
]

UNKNOWN_LETTERS = [
    ("theo BQLDA", "theo bê quy e lờ dê a"),
    ("Đội TNXK", "đội tê en nờ ích xì ca"),
    ("ý kiến của QLGD", "ý kiến của quy e lờ giê dê"),
]

CAPITALS = [
    ("THÔNG BÁO KHẨN", "thông báo khẩn"),
    ("LƯU Ý: mang CCCD", "lưu ý mang căn cước công dân"),
    ("phòng dịch COVID", "phòng dịch covid"),
    ("gọi HOTLINE", "gọi hotline"),
    ("quét mã QR để tra cứu", "quét mã cu a để tra cứu"),
    ("nhập mã OTP", "nhập mã ô tê pê"),
    ("khối ASEAN", "khối asean"),
    ("cấp II", "cấp hai"),
    ("Tập III", "tập ba"),
    # an abbreviation in brackets right after its own words is not read twice
    ("tốt nghiệp trung học phổ thông (THPT) năm nay", "tốt nghiệp trung học phổ thông năm nay"),
    ("Sở Giáo dục và Đào tạo (Sở GD&ĐT) cho biết", "sở giáo dục và đào tạo cho biết"),
    ("Ban Chỉ đạo (BCĐ) họp", "ban chỉ đạo họp"),
    ("mang CCCD (bản gốc)", "mang căn cước công dân bản gốc"),
    ("mang theo CCCD/CMND", "mang theo căn cước công dân hoặc chứng minh nhân dân"),
]

CASES = (ADDRESSES + DATES + STREET_NAMES + HOUSE_NUMBERS + FRACTIONS + PER_UNIT + EITHER_OR + SERVICE_AND_SCORES
         + DOCUMENT_SYMBOLS + PRIMES_AND_LENGTHS + UNITS_AND_MONEY + MARKS + ABBREVIATIONS + UNKNOWN_LETTERS
         + CAPITALS)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_reading(text: str, expected: str) -> None:
    assert normalise(read_aloud(text)) == normalise(expected)


SOUTH = [
    ("tỷ lệ 2‰", "tỷ lệ hai phần ngàn"),
    ("giá 50k", "giá năm mươi ngàn"),
    ("hẻm 104/7", "hẻm một trăm lẻ bốn trên bảy"),
    ("đường 3/2", "đường ba tháng hai"),
    ("1/4 diện tích", "một phần tư diện tích"),
    ("24.000 đồng/người", "hai mươi bốn ngàn đồng một người"),
]


@pytest.mark.parametrize(("text", "expected"), SOUTH, ids=[text for text, _ in SOUTH])
def test_reading_south(text: str, expected: str) -> None:
    assert normalise(read_aloud(text, dialect="south")) == normalise(expected)


SHORT_LINKS = [
    ("Xem www.langson.gov.vn/tin-tuc/ky-thi", "xem lang son chấm gốp chấm vê en"),
    ("tại https://thisinh.edu.vn/dang-nhap?next=1", "tại thi sinh chấm e đu chấm vê en"),
    ("Gửi hoidap@sgd.edu.vn", "gửi hoi dap a còng ét xì giê dê chấm e đu chấm vê en"),
]


@pytest.mark.parametrize(("text", "expected"), SHORT_LINKS, ids=[text for text, _ in SHORT_LINKS])
def test_short_link_style(text: str, expected: str) -> None:
    assert normalise(read_aloud(text, link_style="short")) == normalise(expected)


def test_dictionary_entry_for_a_whole_address_wins() -> None:
    extra = {"hoidap@sgd.edu.vn": "hộp thư hỏi đáp của Sở"}
    assert normalise(read_aloud("Gửi về hoidap@sgd.edu.vn.", extra_abbreviations=extra)) == \
        "gửi về hộp thư hỏi đáp của sở"


def test_unknown_link_style_is_refused() -> None:
    with pytest.raises(ValueError, match="link style"):
        read_aloud("moet.gov.vn", link_style="tiny")


def test_every_address_character_is_read() -> None:
    spoken = read_aloud("ban_tuyen-sinh.2026@sgd.edu.vn")
    for word in ("gạch dưới", "gạch ngang", "chấm", "a còng", "hai không hai sáu"):
        assert word in spoken
    assert "@" not in spoken and "_" not in spoken


def test_extra_dictionary_entry_replaces_the_spelling_of_an_unknown_abbreviation() -> None:
    assert normalise(read_aloud("theo BQLDA", extra_abbreviations={"BQLDA": "ban quản lý dự án"})) == \
        "theo ban quản lý dự án"


def test_at_least_two_hundred_cases() -> None:
    assert len(CASES) + len(SOUTH) + len(SHORT_LINKS) >= 200
