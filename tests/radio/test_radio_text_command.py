import io

from django.core.management import call_command


def test_radio_text_prints_one_spoken_line_per_input_line():
    out = io.StringIO()
    command_input = io.StringIO("Sáng 26/6 thi môn Ngữ văn.\n\nCó 105 phòng thi.\n")
    from exam_news.management.commands.radio_text import Command

    command = Command(stdout=out)
    command.stdin = command_input
    call_command(command, dialect="south")
    assert out.getvalue().splitlines() == [
        "Sáng ngày hai mươi sáu tháng sáu thi môn Ngữ văn.",
        "",
        "Có một trăm lẻ năm phòng thi.",
    ]


def _run(text: str, **options) -> list[str]:
    from exam_news.management.commands.radio_text import Command

    out = io.StringIO()
    command = Command(stdout=out)
    command.stdin = io.StringIO(text)
    call_command(command, **options)
    return out.getvalue().splitlines()


def test_report_prints_one_json_line_per_input_line_with_its_problems():
    import json

    lines = _run("Họp BQLDA tại hẻm 34/7B.\n\nGửi hoidap@sgd.edu.vn § nhé\n", report=True)
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 3
    assert rows[0] == {
        "text": "Họp BQLDA tại hẻm 34/7B.",
        "spoken": "Họp bê quy e lờ dê a tại hẻm ba mươi tư trên bảy bê.",
        "problems": [{"kind": "unknown_abbreviation", "token": "BQLDA", "start": 4, "end": 9,
                      "reading": "bê quy e lờ dê a"}],
    }
    assert rows[1] == {"text": "", "spoken": "", "problems": []}
    assert rows[2]["spoken"] == "Gửi hoi dap a còng ét xì giê dê chấm e đu chấm vê en nhé"
    assert rows[2]["problems"] == [{"kind": "skipped_symbol", "token": "§", "start": 22, "end": 23, "reading": ""}]


def test_short_links_option():
    assert _run("Xem www.langson.gov.vn/tin-tuc\n", links="short") == ["Xem lang son chấm gốp chấm vê en"]


def test_editors_dictionary_is_used_on_request(db):
    from exam_news.models.radio import Abbreviation

    Abbreviation.objects.create(written="BQLDA", spoken="ban quản lý dự án")
    assert _run("Họp BQLDA\n", with_dictionary=True) == ["Họp ban quản lý dự án"]
    assert _run("Họp BQLDA\n") == ["Họp bê quy e lờ dê a"]
