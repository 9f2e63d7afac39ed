"""The legacy-body sanitiser (exam_news/importers/richtext.py, nh3 underneath): the allow-list policy, called
directly."""

import pytest

from exam_news.importers.richtext import body_blocks, clean_html


def sources(text: str) -> list[tuple[str, str]]:
    return [(kind, value if isinstance(value, str) else value.source) for kind, value in body_blocks(text)]


@pytest.mark.parametrize("href", ["/tin/1", "tin/1", "//evil.example/x", "javascript:alert(1)",
                                  "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "ftp://a.vn/f",
                                  "java\tscript:alert(1)", ""])
def test_links_other_than_absolute_http_mailto_tel_keep_only_their_text(href):
    assert sources(f'<p>Xem <a href="{href}">đây</a>.</p>') == [("paragraph", "<p>Xem đây.</p>")]


@pytest.mark.parametrize("href", ["https://moet.gov.vn/tin?a=1&b=2", "http://angiang.gov.vn/", "mailto:so@gd.vn",
                                  "tel:+842963852111"])
def test_absolute_http_mailto_and_tel_links_are_kept_with_their_href_only(href):
    html = f'<p><a href="{href}" onclick="x()" target="_blank" style="color:red" class="c">liên hệ</a></p>'
    [(kind, source)] = sources(html)
    assert kind == "paragraph"
    assert source == f'<p><a href="{href.replace("&", "&amp;")}">liên hệ</a></p>'


def test_scripts_styles_frames_and_media_are_dropped_with_their_content():
    html = ("<p>Trước<script>alert('x')</script><style>p{}</style><noscript>bật JS</noscript>"
            "<iframe src='x'>khung</iframe><svg><text>vẽ</text></svg><template>mẫu</template>"
            "<textarea>ô nhập</textarea><video>phim</video><img src='/a.jpg' alt='ảnh'>sau</p>")
    assert sources(html) == [("paragraph", "<p>Trướcsau</p>")]


def test_unknown_tags_are_dropped_and_their_text_kept():
    html = '<p><span style="x">Điểm</span> <font color="red">chuẩn</font> <u>năm</u> <mark>2025</mark></p>'
    assert sources(html) == [("paragraph", "<p>Điểm chuẩn năm 2025</p>")]


def test_comments_and_event_attributes_never_reach_the_output():
    html = '<p onmouseover="x()">Lịch <!-- <script>x</script> -->thi<b onclick="y()">mới</b></p>'
    assert sources(html) == [("paragraph", "<p>Lịch thi<b>mới</b></p>")]


def test_markup_written_as_text_stays_text():
    assert sources("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; điểm &lt;5</p>") == [
        ("paragraph", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; điểm &lt;5</p>")]


def test_broken_markup_is_repaired_as_a_browser_would_not_passed_through():
    # Unclosed bold and italic carry into the next paragraph, as HTML5 parsing (and so the old portal) shows it.
    assert sources("<p>Thí sinh <b>mang <i>bút</p><p>thước") == [
        ("paragraph", "<p>Thí sinh <b>mang <i>bút</i></b></p>"),
        ("paragraph", "<p><b><i>thước</i></b></p>"),
    ]
    assert "<script" not in clean_html("<scr<script>ipt>alert(1)</script>")


def test_headings_lists_and_tables_become_blocks():
    html = ("<h2>Lưu <b>ý</b></h2><ol><li>Bút</li><li>Thước<ul><li>kẻ</li></ul></li></ol>"
            "<table><tr><td>Toán</td><td>8,5</td></tr></table>")
    assert sources(html) == [
        ("heading", "Lưu ý"),
        ("paragraph", "<ol><li>Bút</li><li>Thước</li><li>kẻ</li></ol>"),
        ("paragraph", "<p>Toán 8,5</p>"),
    ]


def test_clean_html_keeps_only_the_allowed_tags_and_attributes():
    cleaned = clean_html('<div id="a" class="b"><p style="c">x <a href="https://a.vn" rel="x" title="t">y</a>'
                         '<img src="https://a.vn/i.png"></p></div>')
    assert cleaned == '<div><p>x <a href="https://a.vn">y</a></p></div>'
