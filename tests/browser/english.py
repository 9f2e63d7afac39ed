"""Finding untranslated English on an admin screen: its visible text, the labels of its controls and its title.

The English words are a curated list of common user-interface words (no system dictionary: many Vietnamese
syllables written without marks — "an", "to", "do", "in", "tin", "thi", "long" — are English dictionary
words too, so those are left out). Proper names and technical terms that stay as they are in Vietnamese
(Wagtail, JSON, URL …) are allowed, and so are e-mail addresses, web addresses and file names.
"""

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


ENGLISH_UI_WORDS = _words("""
about above access accessibility account accounts action actions activate active activity add added adding
address admin administrator after again ago aging alert align all allow allowed alt alternative and any
anyone apply approval approve approved archive are ascending ask assign assigned at attempt author
available avatar awaiting back before below between blank block blocks body bold both bottom browse
browser bulk but button by calendar cancel cancelled cannot caption center change changed changes check
checked checks child children choose chosen clear click close closed code collapse collapsed collection
collections column comment comments complete completed configure confirm confirmation contains content
contents continue contrast copy count create created creating current currently custom customise customize
dark dashboard date day days default delete deleted deleting descending description deselect detail
details disable disabled display document documents done down download draft drafts drag drop duplicate
each edit edited editing editor editors email empty enable enabled end enter entries entry error errors
event every example exists expand expanded expire expired expires expiry explore explorer export failed
false field fields file files filter filtered filters find finish first focal focus folder following
for forgot forgotten form found from full get go group groups guide has have header heading height help
here hidden hide history home hour hours how if image images import inactive include including info
information insert instead into invalid is it italic item items its just keyboard keep label language
last latest layout learn least leave left less light link linked links list listing live load loading
locale lock locked log logged login logout main make manage manager many match matching maximum menu
message messages minimap minimum minute minutes mode moderation modified month more most move moved my
name navigate navigation need never new newer newest next nobody none not note nothing notification
notifications now number of off old older oldest only open options or order ordering original other
out overview owner page pages parent password path paused pending per permission permissions personal
photo place please position preference preferences press preview previous primary privacy private
profile promote property provide public publish published publishing read reason recent recently
redirect redirects refresh reject rejected remember remove removed rename reorder replace report reports
request requested required reset restore result results return revert review reviewed revision
revisions right role root rows save saved saving schedule scheduled scroll search searching second
seconds section see select selected selection send sent set setting settings share short shortcuts should
show showing side sidebar sign signed since site sites size skip slug snippet snippets some something
sort sorted source specific start started state status still subject submit submitted subpage
subpages success successfully summary switch system tab table tag tags task tasks template text that
the their them theme then there these they this time timezone tip title today toggle too top total
translate trash true try type unknown unlock unlocked unpublish unpublished unsaved until untitled up
update updated upload uploaded uploading usage use used user username users using validation value
version view viewing visibility visible visit want warning was we week weeks welcome were what when
where which who will with within without workflow workflows write year years yes yesterday you
your zone
""")

# Proper names and technical terms that are not translated (docs/glossary-vi.md), Wagtail's own name, and the
# loanwords Vietnamese offices write as they are ("địa chỉ email", "menu", "trang web").
ALLOWED = _words("""
email menu web
Wagtail Django JSON CSV URL URLs RSS Atom API ID SEO HTML OTP TOTP PDF DOCX XLSX TXT SSML WAV MP3 JPEG JPG
PNG WebP GIF SVG HTTP HTTPS UTC GeoJSON iCalendar CAP OpenAPI Excel Word Google Chrome Unicode
""")

_SKIPPED = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail addresses
    r"|https?://[^\s\"'<>]*|(?<!\w)/[^\s\"'<>]*"  # web addresses and paths
    r"|[\w.-]+\.(xlsx|csv|pdf|docx|txt|ssml|json|png|jpe?g|webp|gif|svg|wav|mp3|zip)\b"  # file names
    r"|\((?:[a-z_]+, )+[a-z_]+\)"  # a list of code values: (news, story, results)
    r"|[^\W\d_]+…",  # a word cut short by the layout ("trang we…")
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")


def english_words(text: str) -> list[str]:
    """The English UI words in ``text`` (as written), in order."""
    text = _SKIPPED.sub(" ", text)
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        bare = word.lower().split("'")[0]
        if word.isascii() and bare in ENGLISH_UI_WORDS and bare not in ALLOWED:
            found.append(word)
    return found


def english_strings(texts) -> list[str]:
    """The strings (lines of text, attribute values) among ``texts`` that contain English UI words, each once,
    with the words found: 'Save draft  [save, draft]'."""
    seen, found = set(), []
    for text in texts:
        for line in str(text).splitlines():
            line = " ".join(line.split())
            if not line or line in seen:
                continue
            seen.add(line)
            words = english_words(line)
            if words:
                found.append(f"{line[:140]}  [{', '.join(dict.fromkeys(w.lower() for w in words))}]")
    return found
