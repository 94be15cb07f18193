"""PNS and PPPK are answered by their own rules when the profile says which one they are."""

from __future__ import annotations

from bot.bootstrap import Services
from tests.conftest import Chat

QUESTION = "brp jp minimal pelatihan setahun"


async def with_status(chat: Chat, services: Services, user: int, status: str) -> None:
    await chat(press="consent", user=user)
    found = await services.store.find_user("telegram", str(user))
    assert found is not None
    await services.profiles.save(found.id, {"status": status})


async def test_answers_follow_the_askers_status(chat: Chat, services: Services) -> None:
    (anonymous,) = await chat(QUESTION, user=3000)
    assert "paling sedikit 20" in anonymous.text and "profil Anda" not in anonymous.text
    await with_status(chat, services, 3001, "pppk")
    await with_status(chat, services, 3002, "cpns")

    (pppk,) = await chat(QUESTION, user=3001)
    assert "paling lama 24" in pppk.text
    assert "Jawaban ini untuk PPPK, sesuai status kepegawaian di profil Anda." in pppk.text
    (cpns,) = await chat(QUESTION, user=3002)
    assert cpns.text == anonymous.text  # CPNS follow the PNS rule, without a note

    (named,) = await chat("brp jp minimal pelatihan pns setahun", user=3001)
    assert "paling sedikit 20" in named.text and "profil Anda" not in named.text

    (no_counterpart,) = await chat("batas usia pensiun", user=3001)
    assert "disusun untuk PNS, sedangkan profil Anda mencatat status PPPK" in no_counterpart.text
