"""The words of the search: what a query term marks in a text."""

from innocluster.platform.search.text import highlight, query_prefixes


def test_a_term_matched_whole_marks_only_that_word():
    """«ИИ» stems to «и», matched whole: it must not mark every word that begins with «и»."""
    marked = highlight("Институт информатики и ИИ: инженерные решения", query_prefixes("ИИ"))
    assert "<mark>ИИ</mark>" in marked
    assert "<mark>Институт</mark>" not in marked and "<mark>инженерные</mark>" not in marked
    assert "<mark>станок</mark>" in highlight("Мы делаем станок", query_prefixes("станка"))
