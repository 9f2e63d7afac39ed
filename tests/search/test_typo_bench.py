"""The typos bench/search/relevance.py --typos makes (bench/search/typos.py): one word of each query mistyped."""

import random

import pytest

from bench.search.typos import split_tone, typo_queries, typos_of, with_tone


@pytest.mark.parametrize("word", ["hoà", "thuỷ", "người", "khuya", "quyết", "giấy", "mưa", "toán", "nguyện", "giữa"])
def test_a_tone_taken_off_goes_back_where_it_was(word):
    assert with_tone(*split_tone(word)) == word


def test_each_kind_of_typo_changes_the_word_as_its_name_says():
    typos = typos_of("trường", random.Random(1))
    assert typos["tone missing"] == "trương" and split_tone(typos["tone wrong"])[0] == "trương"
    assert typos["tone wrong"] != "trường" and typos["Southern/Northern initial"] == "chường"
    assert len(typos["letter dropped"]) == len("trường") - 1 and len(typos["letter doubled"]) == len("trường") + 1
    assert "vowels swapped" in typos and typos["vowels swapped"] != "trường"


def test_one_word_of_a_query_is_mistyped_and_the_same_ones_every_run():
    first = typo_queries("điểm thi Long Xuyên", random.Random(7))
    assert first == typo_queries("điểm thi Long Xuyên", random.Random(7))
    for _, typo in first:
        assert sum(a != b for a, b in zip(typo.split(), ["điểm", "thi", "Long", "Xuyên"], strict=True)) == 1
