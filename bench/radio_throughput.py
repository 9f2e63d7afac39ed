"""Throughput and thread-safety benchmark for ``exam_news.radio.read_aloud``.

Builds a deterministic corpus of radio-bulletin sentences from templates,
reads it aloud single-threaded (lines/second), then again with 4 threads and
checks that every output is identical.

    cd /work/main && /tmp/probe/bin/python bench/radio_throughput.py [--lines N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exam_news.radio import read_aloud
from exam_news.radio.check import check_reading

PLACES = [
    "huyện Lục Ngạn",
    "TP. Lạng Sơn",
    "TX. Buôn Hồ",
    "xã Tân Lập",
    "TT. Phong Điền",
    "huyện Mường Tè",
    "phường Hòa Bình",
    "Q.1",
    "TP.HCM",
    "xã Đắk Ơ",
]
SUBJECTS = ["Ngữ văn", "Toán", "Ngoại ngữ", "Lịch sử", "Vật lý", "Hóa học", "Sinh học"]
TEMPLATES = [
    (
        "Sáng {d}/{m}, {n:,} thí sinh tại {place} dự thi môn {subject} theo lịch "
        "của Bộ GD&ĐT, thời gian làm bài {dur} phút."
    ),
    (
        "Kỳ thi tốt nghiệp THPT năm {year} diễn ra từ ngày {d}-{d2}/{m}/{year} tại "
        "{k} điểm thi với {rooms} phòng thi trên địa bàn {place}."
    ),
    "Thí sinh có mặt tại phòng thi lúc {h}h{mm}; môn {subject} bắt đầu lúc {h2} giờ {mm2} và kết thúc lúc {h3}h.",
    (
        "UBND tỉnh chỉ đạo Sở GD&ĐT phối hợp với CA tỉnh, CSGT và Sở TT&TT bảo đảm "
        "ATGT, ANTT cho {n:,} thí sinh trong {k} ngày thi."
    ),
    (
        "Tỷ lệ tốt nghiệp THPT của tỉnh đạt {pct},{pd}%, tăng {pd2},{pd} điểm phần "
        "trăm so với năm {year0}; điểm trung bình môn {subject} là {score},{sd}."
    ),
    (
        "Mọi thắc mắc xin liên hệ đường dây nóng: 0{area}.{a}.{b}.{c} hoặc "
        "ĐT 09{mob} (gặp đồng chí Trưởng BCĐ thi {place})."
    ),
    (
        "Theo Công văn số {doc}/SGDĐT-QLCL ngày {d}/{m}/{year}, thí sinh SBD "
        "{sbd} thi tại phòng thi số 0{room} điểm thi Trường THPT {place2}."
    ),
    (
        "Dự báo ngày {d}/{m} nhiệt độ cao nhất {t1}-{t2}°C, lượng mưa {rain}mm, gió "
        "giật {wind} km/h; BCĐ PCTT&TKCN {place} đề nghị thí sinh chủ động."
    ),
    (
        "Thông tin chi tiết tại https://thisinh.thitotnghiepthpt.edu.vn hoặc gửi "
        "thư tới sogd@{tag}.edu.vn trước {h}h{mm} ngày {d}/{m}."
    ),
    (
        "Em {name} xếp thứ {rank} khối A00 với tổng điểm {total},{sd}; {n:,} em "
        "đạt điểm {ten} môn {subject}, khoảng {frac}/4 số thí sinh đạt từ {score} "
        "điểm trở lên."
    ),
    (
        "Năm học {year0}-{year}, {place} có {schools} trường THCS, {k} trường THPT "
        "và {n:,} học sinh; kinh phí hỗ trợ {money}.000.000đ."
    ),
    (
        "Quyết định {doc}/QĐ-UBND giao {place} tổ chức Hội đồng thi khu vực II "
        "cho {n:,} thí sinh, trong đó có {k} thí sinh tự do, v.v."
    ),
    (
        "Chiều {d}/{m}, Đoàn kiểm tra số {rank} của Bộ GD&ĐT do PGS.TS {name} làm trưởng đoàn "
        "đã làm việc với Hội đồng thi {place} về công tác chuẩn bị."
    ),
    (
        "Buổi thi môn {subject} từ {h}h{mm}-{h3}h{mm2} có {n:,} thí sinh dự thi, đạt tỷ lệ "
        "{pct},{pd}%; {k} thí sinh vắng thi, {rank} thí sinh vi phạm quy chế."
    ),
    (
        "Thí sinh khu vực II, KV2-NT được cộng {frac},{sd} điểm ưu tiên; tổ hợp D01, C00 có "
        "điểm chuẩn {total},{sd} điểm, tăng {pd2},{pd} điểm so với năm {year0}."
    ),
    (
        "Quý II/{year}, Sở TT&TT phối hợp Sở GD&ĐT triển khai Kế hoạch {doc}/KH-UBND, "
        "kinh phí {money}.500.000 đồng từ nguồn ngân sách tỉnh."
    ),
    (
        "Từ ngày {d} đến ngày {d2}/{m}/{year}, thời tiết {place} có mưa {rain} - {wind}mm, "
        "nhiệt độ thấp nhất {t1}°C; tốc độ gió {wind} km/h."
    ),
    (
        "Lần thứ {rank}, {place} tổ chức thi tại {rooms} phòng thi, mỗi phòng {ten} - {k} "
        "thí sinh; liên hệ Hotline 1900 {b}{a} hoặc (0{area}) 3{b} {c}."
    ),
    (
        "Điểm thi Trường THCS&THPT {place2} cách trung tâm {place} {wind} km, lực lượng "
        "CA, CSGT và đoàn viên TNCS túc trực từ {h}h đến {h3}h hằng ngày."
    ),
    (
        "Ngày {d}/{m}, thí sinh tra cứu điểm tại https://diemthi.{tag}.edu.vn hoặc moet.gov.vn; "
        "mọi phản ánh gửi về tuyensinh@{tag}.gov.vn, v.v."
    ),
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng"]


def _line(rng: random.Random) -> str:
    template = rng.choice(TEMPLATES)
    values = {
        "d": (day := rng.randint(1, 27)),
        "d2": day + 1,
        "m": rng.randint(1, 12),
        "year": (year := rng.randint(2020, 2026)),
        "year0": year - 1,
        "n": rng.randint(0, 1_200_000),
        "k": rng.randint(1, 99),
        "rooms": rng.randint(10, 999),
        "dur": rng.choice([45, 50, 90, 120, 150]),
        "h": rng.randint(6, 17),
        "h2": rng.randint(6, 17),
        "h3": rng.randint(6, 17),
        "mm": rng.choice(["00", "05", "15", "30", "45"]),
        "mm2": rng.choice(["00", "05", "15", "30", "45"]),
        "pct": rng.randint(80, 99),
        "pd": rng.randint(0, 99),
        "pd2": rng.randint(0, 9),
        "score": rng.randint(0, 10),
        "sd": rng.choice([0, 25, 5, 75, 1, 4]),
        "area": rng.randint(203, 299),
        "a": rng.randint(3, 9),
        "b": rng.randint(100, 999),
        "c": rng.randint(100, 999),
        "mob": rng.randint(10_000_000, 99_999_999),
        "doc": rng.randint(1, 3999),
        "sbd": rng.randint(10_000_000, 64_999_999),
        "room": rng.randint(1, 99),
        "t1": rng.randint(-3, 30),
        "t2": rng.randint(31, 39),
        "rain": rng.randint(1, 300),
        "wind": rng.randint(20, 120),
        "tag": rng.choice(["langson", "daklak", "hue", "laichau"]),
        "rank": rng.randint(1, 10),
        "total": rng.randint(15, 30),
        "ten": 10,
        "frac": rng.randint(1, 3),
        "schools": rng.randint(5, 200),
        "money": rng.randint(1, 999),
        "subject": rng.choice(SUBJECTS),
        "place": rng.choice(PLACES),
        "place2": rng.choice(PLACES),
        "name": rng.choice(NAMES),
    }
    return _vi_format(template, values)


def _vi_format(template: str, values: dict[str, object]) -> str:
    """Format with Vietnamese thousands dots instead of English commas."""
    text = template.format(**values)
    for key in ("n",):
        english = f"{values[key]:,}"
        text = text.replace(english, english.replace(",", "."))
    return text


def build_corpus(lines: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    return [_line(rng) for _ in range(lines)]


def run_single(corpus: list[str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    out = [read_aloud(line) for line in corpus]
    return out, time.perf_counter() - start


def run_threads(corpus: list[str], workers: int) -> tuple[list[str], float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        out = list(pool.map(read_aloud, corpus, chunksize=256))
    return out, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = build_corpus(max(args.lines, 20_000))
    chars = statistics.mean(len(line) for line in corpus)
    print(f"corpus: {len(corpus)} lines, {len(set(corpus))} distinct, {chars:.0f} chars/line")
    read_aloud(corpus[0])  # warm-up (imports are already done)
    timings = []
    reference: list[str] = []
    for _ in range(args.repeat):
        reference, seconds = run_single(corpus)
        timings.append(seconds)
    best = min(timings)
    print(f"single thread: {len(corpus) / best:,.0f} lines/s (best of {args.repeat})")
    threaded, seconds = run_threads(corpus, workers=4)
    identical = threaded == reference
    print(f"4 threads: {len(corpus) / seconds:,.0f} lines/s, identical output: {identical}")
    started = time.perf_counter()
    problems = sum(len(check_reading(line).problems) for line in corpus)
    seconds = time.perf_counter() - started
    print(f"reading check (check_reading): {len(corpus) / seconds:,.0f} lines/s, {problems} problems reported")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
