"""Percentages use the Indonesian decimal comma like the report's other figures."""

from bot.reports.texts import percent


def test_percent_uses_a_decimal_comma() -> None:
    assert percent(68.75) == "68,8%"
    assert percent(100.0) == "100,0%"
