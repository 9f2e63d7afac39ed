import datetime
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from exam_news import models as m
from exam_news.importers.articles import UNKNOWN, find_document_number, import_articles
from exam_news.importers.tables import ImportFileError
from tests.fixtures import unit

pytestmark = pytest.mark.django_db
VN = datetime.timezone(datetime.timedelta(hours=7))


def line(**fields) -> str:
    item = {"id": "agp-2024-0001", "kind": "news", "title": "Kiểm tra công tác chuẩn bị thi", "summary": "Tóm tắt.",
            "body": "Đoạn một.\n\nĐoạn hai.", "published": "2024-06-18T17:20:00", "area": ""}
    item.update(fields)
    return json.dumps({k: v for k, v in item.items() if v is not None}, ensure_ascii=False)


def run(section, *lines: str, dry_run: bool = False):
    return import_articles(section, [f"{x}\n" for x in lines], dry_run=dry_run, filename="bai-cu.jsonl")


def imported(source_id: str = "agp-2024-0001"):
    return m.ExamContentPage.objects.get(source_id=source_id).specific


def areas_of(page) -> set[tuple[str, str]]:
    return {(u.level, u.code) for u in page.areas.all()}


def test_news_is_published_with_its_original_date_and_plain_text_paragraphs(section):
    report = run(section, line())
    assert report.ok and (report.created, report.updated, report.rows) == (1, 0, 1)
    page = imported()
    assert isinstance(page, m.NewsPage) and page.live and not page.has_unpublished_changes
    assert page.get_parent().specific_class is m.NewsIndexPage and page.get_parent().get_parent().pk == section.pk
    assert page.date == datetime.date(2024, 6, 18)
    moment = datetime.datetime(2024, 6, 18, 17, 20, tzinfo=VN)
    assert page.first_published_at == moment and page.last_published_at == moment
    assert [(b.block_type, b.value.source) for b in page.body] == [("paragraph", "<p>Đoạn một.</p>"),
                                                                   ("paragraph", "<p>Đoạn hai.</p>")]
    assert page.slug == "kiem-tra-cong-tac-chuan-bi-thi" and not page.names_minor
    assert page.source_id == "agp-2024-0001"
    assert PageLogEntry.objects.filter(page=section, action="exam_news.import_articles").exists()


def test_a_date_alone_means_midnight_vietnamese_time(section):
    run(section, line(published="2024-06-25"))
    page = imported()
    assert page.date == datetime.date(2024, 6, 25)
    assert page.first_published_at == datetime.datetime(2024, 6, 25, tzinfo=VN)
    run(section, line(id="utc", published="2024-06-24T20:00:00Z"))
    assert imported("utc").date == datetime.date(2024, 6, 25)  # 03:00 on the 25th in Vietnam


def test_every_kind_gets_its_required_fields(section):
    report = run(
        section,
        line(id="d1", kind="directive", title="Công văn số 860/STTTT-TTBCXB về việc tuyên truyền Kỳ thi tốt "
             "nghiệp THPT năm 2024", published="2024-06-07", issuer="Sở Thông tin và Truyền thông tỉnh An Giang",
             signer="Trịnh Minh Khoa"),
        line(id="d2", kind="directive", title="Kế hoạch tổ chức kỳ thi năm 2024",
             body="Căn cứ tình hình thực tế, UBND tỉnh ban hành Kế hoạch số 118/KH-UBND ngày 21/3/2024."),
        line(id="d3", kind="directive", title="Về kết quả phúc khảo", number="1518/TB-SGDĐT"),
        line(id="s1", kind="story", title="Những chuyến xe nghĩa tình", story_kind="volunteer"),
        line(id="n1", kind="notice", title="Nước lên cao, thí sinh đi đò sớm", published="2024-06-27T11:00:00"),
        line(id="r1", kind="rebuttal", title="Tin lộ đề thi tại Đồng Đăng là sai sự thật",
             summary="Đề thi bị lộ tại một điểm thi ở Đồng Đăng.", official_source="Bộ Giáo dục và Đào tạo"),
        line(id="r2", kind="rebuttal", title="Tin đồn công bố điểm sớm là sai", summary=""),
        line(id="q1", kind="faq", title="Phúc khảo nộp đơn ở đâu?", body="Tại trường nơi đăng ký dự thi.",
             question_topic="phuc_khao"),
    )
    assert report.ok, [str(e) for e in report.errors]
    letter = imported("d1")
    assert (letter.number, letter.doc_type, letter.issued_on) == ("860/STTTT-TTBCXB", "cong_van",
                                                                   datetime.date(2024, 6, 7))
    assert letter.subject == "Về việc tuyên truyền Kỳ thi tốt nghiệp THPT năm 2024"
    assert (letter.issuer, letter.signer_name, letter.signer_title) == (
        "Sở Thông tin và Truyền thông tỉnh An Giang", "Trịnh Minh Khoa", UNKNOWN)
    plan = imported("d2")
    assert (plan.number, plan.doc_type, plan.issuer, plan.signer_name) == ("118/KH-UBND", "ke_hoach", UNKNOWN,
                                                                           UNKNOWN)
    assert imported("d3").doc_type == "thong_bao"  # from the symbol's type code
    assert imported("s1").story_kind == "volunteer"
    notice = imported("n1")
    assert notice.notice_kind == "other" and notice.disaster_risk_level is None
    assert notice.valid_from == datetime.datetime(2024, 6, 27, 11, tzinfo=VN)
    assert notice.valid_until == notice.valid_from + datetime.timedelta(hours=24)
    rebuttal = imported("r1")
    assert (rebuttal.claim, rebuttal.official_source_title, rebuttal.verdict) == (
        "Đề thi bị lộ tại một điểm thi ở Đồng Đăng.", "Bộ Giáo dục và Đào tạo", "false")
    assert imported("r2").claim == "Tin đồn công bố điểm sớm là sai"
    assert imported("r2").official_source_title
    question = imported("q1")
    assert question.title == "Phúc khảo nộp đơn ở đâu?" and question.question_topic == "phuc_khao"
    assert question.body[0].value.source == "<p>Tại trường nơi đăng ký dự thi.</p>"


@pytest.mark.parametrize(("text", "number"), [
    ("Công văn Số 860/STTTT-TTBCXB ngày 7/6/2024", "860/STTTT-TTBCXB"),
    ("Thực hiện Kế hoạch 52/KH-UBND ngày 14/3/2025", "52/KH-UBND"),
    ("Thông tư số: 12/2025/TT-BGDĐT", "12/2025/TT-BGDĐT"),
    ("Ngày 14/3/2024, số 5/tháng", None),
])
def test_document_numbers_are_found_in_titles_and_text(text, number):
    assert find_document_number(text) == number


@pytest.mark.parametrize(("area", "expected"), [
    ("tan chau", {("legacy_district", "887")}),  # before July 2025: the old town, not today's ward
    ("Thị xã Tân Châu", {("legacy_district", "887")}),
    ("huyện Chợ Mới", {("legacy_district", "893")}),
    ("TP. Long Xuyên", {("legacy_district", "883")}),
    ("Phường Long Xuyên", {("commune", "30307")}),
    ("xa my hoa hung", {("commune", "30313")}),
    ("30316", {("commune", "30316")}),
    ("884", {("legacy_district", "884")}),
    (["Chau Doc", "30307"], {("legacy_district", "884"), ("commune", "30307")}),
    ("", set()),
    (None, set()),
])
def test_areas_by_name_code_or_legacy_unit(section, area, expected):
    report = run(section, line(area=area) if area is not None else line(area=None))
    assert report.ok, [str(e) for e in report.errors]
    assert areas_of(imported()) == expected


def test_a_bare_name_after_the_reorganisation_means_the_new_commune(section):
    run(section, line(area="Tân Châu", published="2025-07-15"))
    assert areas_of(imported()) == {("commune", "30376")}


def test_dry_run_reports_every_bad_line_and_writes_nothing(section):
    lines = [
        line(id="ok-1"),
        '{"id": "hong", "kind": "news", ',
        line(id="ok-1", title="Trùng mã"),
        line(id="k", kind="video"),
        line(id="t", title=""),
        line(id="p", published="27/6/2024"),
        line(id="a", area="Xã Đồng Đăng"),  # Lạng Sơn, not in An Giang
        line(id="a2", area="Tan Chau Doc"),
        line(id="d", kind="directive", title="Công văn tuyên truyền kỳ thi"),
        line(id="x" * 101),
        line(id="long", title="Tiêu đề " * 40),
        line(id="f", published="2099-01-01"),
        "[1, 2]",
        "",
        line(id="ok-2", views=1520, author="Phòng Thông tin"),
    ]
    report = run(section, *lines, dry_run=True)
    found = [(e.row, e.column) for e in report.errors]
    assert found == [(2, ""), (3, "id"), (4, "kind"), (5, "title"), (6, "published"), (7, "area"), (8, "area"),
                     (9, "number"), (10, "id"), (11, "title"), (12, "published"), (13, "")]
    messages = {e.row: str(e) for e in report.errors}
    assert "trùng với dòng 1" in messages[3]
    assert "news, story, directive, notice, rebuttal, faq" in messages[4]
    assert "Đồng Đăng" in messages[7]
    assert "Có phải" in messages[8] and "Tân Châu" in messages[8]
    assert messages[9].startswith("Dòng 9, trường “number”:")
    assert report.rows == 14 and report.warnings == ["Dòng 15: bỏ qua trường không dùng: “views”, “author”."]
    assert not m.ExamContentPage.objects.filter(source_id__gt="").exists()


def test_dry_run_of_a_good_file_counts_without_writing(section):
    report = run(section, line(id="a"), line(id="b"), dry_run=True)
    assert report.ok and report.created == 2
    assert not m.NewsPage.objects.exists()


def test_a_real_run_with_one_bad_line_writes_nothing(section):
    report = run(section, line(id="a"), line(id="b", area="Không Có"), line(id="c"))
    assert [(e.row, e.column) for e in report.errors] == [(2, "area")]
    assert not m.NewsPage.objects.exists()
    assert not PageLogEntry.objects.filter(action="exam_news.import_articles").exists()


def test_rerun_updates_instead_of_duplicating(section):
    run(section, line(id="a"), line(id="b", kind="directive", title="Công văn số 860/STTTT-TTBCXB về tuyên truyền"))
    page = imported("a")
    directive = imported("b")
    directive.issuer = "Sở Thông tin và Truyền thông"  # corrected by an editor since
    directive.save_revision().publish()
    again = run(section, line(id="a"), line(id="b", kind="directive", title="Công văn số 860/STTTT-TTBCXB về "
                                             "tuyên truyền"))
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)
    revisions = page.revisions.count()

    report = run(section, line(id="a", title="Kiểm tra công tác chuẩn bị thi (cập nhật)", area="Tân Châu"),
                 line(id="b", kind="directive", title="Công văn số 860/STTTT-TTBCXB về tuyên truyền kỳ thi"))
    assert report.ok and (report.created, report.updated) == (0, 2)
    assert m.ExamContentPage.objects.filter(source_id__gt="").count() == 2
    page = imported("a")
    assert page.title == "Kiểm tra công tác chuẩn bị thi (cập nhật)" and page.source_id == "a"
    assert page.revisions.count() == revisions + 1 and page.live and not page.has_unpublished_changes
    assert areas_of(page) == {("legacy_district", "887")}
    assert page.first_published_at == datetime.datetime(2024, 6, 18, 17, 20, tzinfo=VN)
    assert page.last_published_at > timezone.now() - datetime.timedelta(minutes=5)  # the correction is news
    directive = imported("b")
    assert directive.subject == "Về tuyên truyền kỳ thi" and directive.issuer == "Sở Thông tin và Truyền thông"


def test_rerun_cannot_change_an_items_kind(section):
    run(section, line(id="a"))
    report = run(section, line(id="a", kind="faq"))
    assert [(e.row, e.column) for e in report.errors] == [(1, "kind")]


def test_html_body_is_sanitised(section):
    body = ('<div class="nd"><h3>Lưu ý</h3><p style="color:red">Thí sinh <strong>có mặt</strong> lúc 6 giờ 30'
            '<script>alert("x")</script></p><style>p{}</style><img src="/a.jpg"><p>Xem <a href="javascript:x()">'
            'đây</a> và <a href="https://moet.gov.vn/tin" onclick="x()">Bộ GD&amp;ĐT</a><br>dòng hai</p>'
            '<ul><li>Bút</li><li><em>Thước</em></li></ul><p>&nbsp;</p><iframe src="x">khung</iframe></div>')
    report = run(section, line(body=body))
    assert report.ok
    blocks = [(b.block_type, b.value.source if b.block_type == "paragraph" else b.value) for b in imported().body]
    assert blocks == [
        ("heading", "Lưu ý"),
        ("paragraph", "<p>Thí sinh <b>có mặt</b> lúc 6 giờ 30</p>"),
        ("paragraph", '<p>Xem đây và <a href="https://moet.gov.vn/tin">Bộ GD&amp;ĐT</a></p>'),
        ("paragraph", "<p>dòng hai</p>"),
        ("paragraph", "<ul><li>Bút</li><li><i>Thước</i></li></ul>"),
    ]


def test_plain_text_is_escaped(section):
    run(section, line(body="Điểm <5 & >3\ndòng hai"))
    assert imported().body[0].value.source == "<p>Điểm &lt;5 &amp; &gt;3<br/>dòng hai</p>"


def test_empty_file_is_a_file_error(section):
    with pytest.raises(ImportFileError, match="không có dòng dữ liệu"):
        run(section, "", "  ")


def test_imported_items_are_served_by_the_api_with_their_source_id(client, section):
    cache.clear()
    run(section, line(id="agp-2024-0137", area="TP Long Xuyên"), line(id="agp-2024-0166", kind="faq",
                                                                        title="Phúc khảo ở đâu?"))
    response = client.get(f"/api/v1/news?section={section.pk}")
    assert response.status_code == 200
    items = {i["source_id"]: i for i in response.json()["results"]}
    assert set(items) == {"agp-2024-0137", "agp-2024-0166"}
    news_item = items["agp-2024-0137"]
    assert news_item["date"] == "2024-06-18" and news_item["first_published_at"] == "2024-06-18T17:20:00+07:00"
    assert news_item["areas"] == [{"code": "883", "name": "Thành phố Long Xuyên", "level": "legacy_district"}]
    detail = client.get(f"/api/v1/items/{news_item['id']}").json()
    assert detail["source_id"] == "agp-2024-0137" and "Đoạn hai." in detail["body_text"]
    area_filtered = client.get("/api/v1/news?area=883&exclude_province_wide=true").json()["results"]
    assert [i["source_id"] for i in area_filtered] == ["agp-2024-0137"]


def test_command_reports_in_vietnamese_and_fails_with_a_nonzero_status(section, tmp_path, capsys):
    good = tmp_path / "bai-cu.jsonl"
    good.write_text(line(id="a") + "\n" + line(id="b", extra="x") + "\n", encoding="utf-8")
    call_command("import_articles", str(good), "--section", "thpt:2025", "--dry-run")
    out = capsys.readouterr()
    assert "Kiểm tra xong (chưa ghi): 2 dòng, 2 mới, 0 cập nhật." in out.out
    assert "Cảnh báo: Dòng 2: bỏ qua trường không dùng: “extra”." in out.err
    assert not m.NewsPage.objects.exists()
    call_command("import_articles", str(good), "--section", "thpt:2025")
    assert "Đã nhập: 2 dòng, 2 mới, 0 cập nhật." in capsys.readouterr().out
    call_command("import_articles", str(good), "--section", str(section.pk))
    assert "0 mới, 0 cập nhật, 2 không đổi." in capsys.readouterr().out

    bad = tmp_path / "loi.jsonl"
    bad.write_text(line(id="c", published="hôm qua") + "\n{sai\n", encoding="utf-8")
    with pytest.raises(CommandError, match="2 lỗi trong 2 dòng; không ghi dữ liệu nào"):
        call_command("import_articles", str(bad), "--section", "thpt:2025")
    err = capsys.readouterr().err
    assert "Dòng 1, trường “published”:" in err and "Dòng 2: không phải JSON hợp lệ" in err
    with pytest.raises(CommandError, match="Không tìm thấy chuyên mục"):
        call_command("import_articles", str(good), "--section", "thpt:2019")


def test_shipped_legacy_sample_imports_cleanly(section):
    path = Path(__file__).resolve().parents[2] / "exam_news" / "demo" / "data" / "legacy-articles.jsonl"
    with path.open("rb") as fh:
        report = import_articles(section, fh, dry_run=True)
    assert report.ok, [str(e) for e in report.errors]
    assert not report.warnings and report.created == report.rows >= 16
    kinds = {json.loads(x)["kind"] for x in path.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"news", "story", "directive", "notice", "rebuttal", "faq"}


def test_area_units_belong_to_the_sections_province(section):
    report = run(section, line(area="06184"))  # Xã Đồng Đăng, Lạng Sơn
    assert [(e.row, e.column) for e in report.errors] == [(1, "area")]
    assert unit("06184").parent.code == "20"
