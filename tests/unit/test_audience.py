"""Audience filters as HR and the shell write them."""

from __future__ import annotations

import pytest

from bot.broadcast.audience import Audience, golongan_rank


def test_golongan_order_and_spelling() -> None:
    assert golongan_rank("I/a") < golongan_rank("II/d") < golongan_rank("iii/A")  # type: ignore[operator]
    assert golongan_rank("IV/e") is not None
    assert golongan_rank("III/e") is None and golongan_rank("V/a") is None


def test_conditions_from_the_shell() -> None:
    audience = Audience.from_conditions(["golongan=IV/b-iii/a", "instansi=  Biro   SDM "])
    assert audience.as_dict() == {"golongan": "III/a-IV/b", "instansi": "Biro SDM"}
    assert audience.matches({"golongan": "III/c", "instansi": "biro sdm", "unit": "x"})
    assert not audience.matches({"golongan": "IV/c", "instansi": "Biro SDM"})
    assert not audience.matches({"instansi": "Biro SDM"})  # no golongan (PPPK)
    assert not audience.matches(None)
    assert Audience().matches(None)


@pytest.mark.parametrize("condition", ["pangkat=III/a", "instansi", "golongan=III/x", "unit= "])
def test_bad_conditions_name_the_problem(condition: str) -> None:
    with pytest.raises(ValueError):
        Audience.from_conditions([condition])


def test_a_later_value_replaces_an_earlier_one() -> None:
    audience = Audience().with_filter("status", "pns").with_filter("status", "pppk")
    assert audience.matches({"status": "PPPK"}) and not audience.matches({"status": "pns"})
