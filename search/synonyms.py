"""Synonyms and abbreviations, both ways: a query is also searched with each of its expressions replaced by the
others of its set ("thi vào 10" → "tuyển sinh lớp 10", "THPT" → "trung học phổ thông" and back).

The sets are data (``SearchSynonym``, a snippet editors keep; migration 0007 loads BUILT_IN). They apply to the
query only, so an edit takes effect at once, without re-indexing. Expressions are compared folded, word by word,
the longest first.
"""

import itertools
import threading
import time

from search.analysis import terms
from search.models import SearchSynonym

MAX_VARIANTS = 4  # queries searched besides the one typed
KEEP_SECONDS = 60

# Sets added after the first release: migration 0009 adds them to the databases migrated before (only these, so a
# set an editor deleted stays deleted). Abbreviations of the seeds' directives and of the exam, i/y spellings.
ADDED_IN_0009 = [
    ("SBD | số báo danh", "viết tắt"),
    ("BCĐ | ban chỉ đạo", "viết tắt"),
    ("TP | thành phố", "viết tắt"),
    ("TX | thị xã", "viết tắt"),
    ("PTTH | phổ thông trung học | THPT", "tên cũ"),
    ("GDTX | giáo dục thường xuyên", "viết tắt"),
    ("HĐT | HĐ thi | hội đồng thi", "viết tắt"),
    ("Bộ GD&ĐT | Bộ GDĐT | Bộ Giáo dục và Đào tạo", "viết tắt"),
    ("TT&TT | TTTT | thông tin và truyền thông", "viết tắt"),
    ("CNTT | công nghệ thông tin", "viết tắt"),
    ("ĐH | đại học", "viết tắt"),
    ("CĐ | cao đẳng", "viết tắt"),
    ("ĐKXT | đăng ký xét tuyển", "viết tắt"),
    ("KTX | ký túc xá", "viết tắt"),
    ("nhà trọ | phòng trọ | chỗ trọ", "chỗ ở"),
    ("mũ bảo hiểm | nón bảo hiểm", "Nam – Bắc"),
    ("gửi | gởi", "Nam – Bắc"),
    ("quy | qui", "chính tả i/y"),
    ("mỹ | mĩ", "chính tả i/y"),
    ("sỹ | sĩ", "chính tả i/y"),
    ("hy | hi", "chính tả i/y"),
    ("có điểm thi | công bố kết quả thi | công bố điểm thi | có kết quả thi", "kết quả thi"),
    ("có điểm | công bố kết quả | công bố điểm | có kết quả", "kết quả thi"),
]

BUILT_IN = [
    ("THPT | trung học phổ thông", "cấp học"),
    ("THCS | trung học cơ sở", "cấp học"),
    ("TN | tốt nghiệp", "viết tắt"),
    ("TN THPT | tốt nghiệp THPT | thi tốt nghiệp | thi tốt nghiệp THPT", "tên kỳ thi"),
    ("GD&ĐT | GDĐT | giáo dục và đào tạo | giáo dục đào tạo", "viết tắt"),
    ("SGDĐT | Sở GD&ĐT | Sở Giáo dục và Đào tạo", "viết tắt"),
    ("UBND | ủy ban nhân dân", "viết tắt"),
    ("CCCD | căn cước công dân | căn cước | chứng minh nhân dân | CMND", "giấy tờ tùy thân"),
    ("thi vào 10 | thi vào lớp 10 | tuyển sinh lớp 10 | tuyển sinh vào lớp 10 | thi tuyển lớp 10", "tuyển sinh"),
    ("chấm phúc khảo | phúc khảo | chấm lại", "phúc khảo"),
    ("điểm chuẩn | điểm trúng tuyển", "tuyển sinh"),
    ("ĐKDT | đăng ký dự thi | đăng ký thi", "viết tắt"),
    ("ngàn | nghìn", "Nam – Bắc"),
    ("trễ | muộn", "Nam – Bắc"),
    ("rớt | trượt", "Nam – Bắc"),
    ("bệnh | ốm | bịnh", "Nam – Bắc"),
    ("ba mẹ | bố mẹ | cha mẹ | phụ huynh", "Nam – Bắc"),
    ("máy tính cầm tay | máy tính bỏ túi | máy tính casio", "vật dụng"),
    ("điện thoại | điện thoại di động | điện thoại thông minh", "vật dụng"),
    ("hỏi đáp | hỏi - đáp | Q&A", "chuyên mục"),
    ("tin giả | tin đồn | tin sai sự thật", "chống tin giả"),
    ("giấy báo dự thi | thẻ dự thi", "giấy tờ"),
    ("giấy chứng nhận tốt nghiệp tạm thời | giấy chứng nhận TN tạm thời", "giấy tờ"),
    ("hotline | đường dây nóng", "liên hệ"),
    ("tra cứu điểm | xem điểm | tra điểm", "kết quả thi"),
    ("thi đỗ | thi đậu", "Nam – Bắc"),
    ("đỗ tốt nghiệp | đậu tốt nghiệp | đạt tốt nghiệp | công nhận tốt nghiệp", "kết quả thi"),
    ("tỷ lệ | tỉ lệ | phần trăm", "chính tả i/y"),
    ("tỷ | tỉ", "chính tả i/y"),
    ("lý | lí", "chính tả i/y"),
    ("kỹ | kĩ", "chính tả i/y"),
    ("giông | dông", "chính tả"),
    ("giấy tờ tùy thân | giấy tờ tuỳ thân | căn cước", "giấy tờ"),
    *ADDED_IN_0009,
]

_lock = threading.Lock()
_cache: dict = {"at": -1e9, "sets": []}


def install_built_in(model=None, sets: list[tuple[str, str]] | None = None) -> int:
    """Adds the built-in sets (or ``sets``) not there yet (migrations 0007 and 0009; tests after a flush)."""
    model = model or SearchSynonym
    sets = BUILT_IN if sets is None else sets
    have = set(model.objects.values_list("expressions", flat=True))
    model.objects.bulk_create([model(expressions=e, note=n) for e, n in sets if e not in have])
    reset()
    return len(sets) - len(have & {e for e, _ in sets})


def reset() -> None:
    with _lock:
        _cache["at"] = -1e9


def synonym_sets() -> list[list[tuple[str, str]]]:
    """The active sets, each a list of (expression as written, its folded words space-separated)."""
    with _lock:
        if time.monotonic() - _cache["at"] < KEEP_SECONDS:
            return _cache["sets"]
    sets = []
    for synonym in SearchSynonym.objects.filter(active=True):
        expressions = [(e, " ".join(terms(e))) for e in synonym.expression_list()]
        if len(expressions) > 1:
            sets.append(expressions)
    with _lock:
        _cache.update(at=time.monotonic(), sets=sets)
    return sets


def variants(text: str, sets: list[list[tuple[str, str]]] | None = None) -> list[str]:
    """The query with its expressions replaced by their synonyms (each combination, at most MAX_VARIANTS)."""
    sets = synonym_sets() if sets is None else sets
    words = text.split()
    folded = [" ".join(terms(w)) for w in words]
    found = []  # (start, end, replacements)
    i = 0
    while i < len(words):
        best = None
        for expressions in sets:
            for _, key in expressions:
                size = len(key.split())
                for end in range(i + 1, len(words) + 1):  # a word may hold several terms ("GD&ĐT" → "gd dt")
                    span = " ".join(f for f in folded[i:end] if f)
                    if span == key and (best is None or end > best[1]):
                        best = (i, end, [e for e, k in expressions if k != key])
                    if len(span.split()) >= size:
                        break
        if best:
            found.append(best)
            i = best[1]
        else:
            i += 1
    if not found:
        return []
    out = []
    # One expression replaced at a time first (each synonym gets its turn), then several at once.
    singles = [tuple(r if j == k else None for j in range(len(found)))
               for k, (_, _, replacements) in enumerate(found) for r in replacements]
    several = (c for c in itertools.product(*[[None, *replacements] for _, _, replacements in found])
               if sum(r is not None for r in c) > 1)
    for choice in itertools.chain(singles, several):
        parts, cursor = [], 0
        for (start, end, _), replacement in zip(found, choice, strict=True):
            parts += words[cursor:start]
            parts += words[start:end] if replacement is None else [replacement]
            cursor = end
        parts += words[cursor:]
        out.append(" ".join(parts))
        if len(out) == MAX_VARIANTS:
            break
    return out
