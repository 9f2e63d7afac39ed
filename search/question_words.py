"""Question and filler words: what people add around the words that matter when they type a whole question
("cho em hỏi bao giờ thì được phúc khảo ạ"). Such words are not required to match and count little in the
ranking, but they are not ignored: a document that has them too ranks a little higher.

Some syllables are filler only inside a phrase: "bao" alone is "báo" (giấy báo dự thi), "bao giờ" is a question;
"thế" alone may be "thẻ" (thẻ dự thi), "thế nào" is a question. Words typed with diacritics are compared as
typed, so "cô" (a teacher) is never taken for "có"; words typed without them are compared folded.
"""

import unicodedata

from cms.text import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Filler wherever they stand (pronouns, particles, question words, the commonest function words).
WORDS = _words("""
    gì ạ à ơi nhé nhỉ nha vậy không có được nào đâu mấy nhiêu những các của là và thì mà với em mình tôi cháu
    bị cần phải nên muốn làm này đó ấy hay hoặc ở đi rồi chưa sẽ đã đang cũng vẫn còn nữa cho khi
    nếu thế sao bao hỏi ai ạh dạ vâng xin giúp biết
""")

# Filler only together (each a sequence of words, as typed with diacritics).
PHRASES = tuple(tuple(p.split()) for p in """
    cho em hỏi|cho tôi hỏi|cho mình hỏi|cho cháu hỏi|cho con hỏi|cho hỏi|xin hỏi|em muốn hỏi|tôi muốn hỏi|
    mình muốn hỏi|cho em biết|cho tôi biết|khi nào|bao giờ|lúc nào|mấy giờ|ở đâu|chỗ nào|như thế nào|thế nào|
    ra sao|làm sao|làm thế nào|được không|có phải|phải không|hay không|hay chưa|bao nhiêu|là gì|năm nay|hiện nay|
    con em|con tôi|con mình|con cháu|các em|em ơi|ad ơi|admin ơi|thầy cô|ạ
""".replace("\n", "").split("|"))

# Typed without diacritics, a syllable is filler only when its folded form is nearly always the filler word:
# "thi" is "thi" far more than "thì", "chau" is Châu Đốc, "ma" is a venue code (mã), "do" is "đỗ" (passing),
# "van" is Ngữ văn, "dang" is "đăng ký", "muon" is "muộn", "bao" is "giấy báo".
ASCII_FILLER = _words("""
    gi a ah oi nhe nhi khong duoc nhieu nhung cac la va voi em toi hoac neu roi chua vay nua nao phai co bi o
    se da khi lam nen di hay ay ai giup biet nay
""")


def _typed_form(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower())


def _is_filler_word(word: str) -> bool:
    typed = _typed_form(word)
    if not typed.isascii():
        return typed in WORDS
    return typed in ASCII_FILLER


def _phrase_matches(words: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    if start + len(phrase) > len(words):
        return False
    for typed, wanted in zip(words[start:start + len(phrase)], phrase, strict=False):
        typed = _typed_form(typed)
        if typed.isascii():
            if fold(typed) != fold(wanted):
                return False
        elif typed != wanted:
            return False
    return True


# Words that matter though made of filler words ("có mặt": be there; "chỗ ở": lodging; "làm bài": sit the paper).
CONTENT_PHRASES = tuple(tuple(p.split()) for p in ["có mặt", "chỗ ở", "nơi ở", "làm bài", "đi lại"])


def filler_flags(words: list[str]) -> list[bool]:
    """For each word of the query as typed, whether it is a question or filler word."""
    flags = [_is_filler_word(w) for w in words]
    for phrases, flag in ((PHRASES, True), (CONTENT_PHRASES, False)):
        for start in range(len(words)):
            for phrase in phrases:
                if _phrase_matches(words, start, phrase):
                    for i in range(start, start + len(phrase)):
                        flags[i] = flag
    return flags


# What makes a query a question (typed with diacritics, or without them where the folded form is unambiguous).
QUESTION_WORDS = _words("gì nào đâu sao mấy ai không chưa nhiêu")
ASCII_QUESTION_WORDS = _words("gi nao khong chua nhieu")
QUESTION_PHRASES = tuple(tuple(p.split()) for p in (
    "bao giờ", "khi nào", "ở đâu", "thế nào", "làm sao", "ra sao", "mấy giờ", "bao nhiêu", "có phải", "được không"))


def is_question(words: list[str]) -> bool:
    """Whether the query asks a question ("… ở đâu", "bao giờ …", "… không", "…?")."""
    for word in words:
        typed = _typed_form(word)
        if typed in QUESTION_WORDS or (typed.isascii() and typed in ASCII_QUESTION_WORDS):
            return True
    return _holds_any(words, QUESTION_PHRASES)


def _holds_any(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(_phrase_matches(words, start, phrase) for start in range(len(words)) for phrase in phrases)


# Asking when: the answer is a date, which the timetable's entries (milestones and exam sessions) carry.
WHEN_PHRASES = tuple(tuple(p.split()) for p in (
    "bao giờ", "khi nào", "lúc nào", "mấy giờ", "giờ nào", "ngày nào", "hôm nào", "ngày mấy", "tháng mấy",
    "thời gian nào", "thời điểm nào"))


def asks_when(words: list[str]) -> bool:
    """Whether the query asks when something happens ("bao giờ …", "… ngày nào", "mấy giờ …")."""
    return _holds_any(words, WHEN_PHRASES)


# Asking where: the answer is an address, which the exam venues carry.
WHERE_PHRASES = tuple(tuple(p.split()) for p in ("ở đâu", "tại đâu", "chỗ nào", "nơi nào", "địa chỉ nào"))


def asks_where(words: list[str]) -> bool:
    """Whether the query asks where something is ("điểm thi … ở đâu", "… chỗ nào")."""
    return _holds_any(words, WHERE_PHRASES)
