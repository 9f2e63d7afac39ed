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
