"""Valid profiles in bulk, from the eight sample profiles of the domain brief."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bot.config import REPO_ROOT
from bot.content import load_yaml

SAMPLES = REPO_ROOT / "tests" / "content" / "profiles"
AGENCIES = ("Pemerintah Kota Contoh", "Pemerintah Kabupaten Contoh", "Badan Contoh Nasional",
            "Pemerintah Provinsi Contoh")
UNITS = ("Sekretariat", "Bidang Perencanaan", "Bidang Keuangan", "Dinas Pendidikan",
         "Dinas Kesehatan", "Badan Kepegawaian", "Kecamatan Utara", "Kecamatan Selatan")


def samples() -> list[dict[str, Any]]:
    """P1–P8 as stored JSON (dates as ISO text), without the NIP."""
    found = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        data, problems = load_yaml(path)
        assert not problems and isinstance(data, dict)
        found.append({k: v.isoformat() if isinstance(v, dt.date) else v
                      for k, v in data.items() if k != "nip"})
    return found


def synthetic(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """The samples with instansi, unit, JP, competency levels and talent box varied at random:
    four instansi of eight units each."""
    rng = random.Random(seed)
    bases = samples()

    def level() -> dict[str, int]:
        return {"aktual": rng.randint(1, 4), "standar": rng.randint(2, 5)}

    profiles = []
    for number in range(count):
        profile = dict(bases[number % len(bases)])
        profile.update(instansi=rng.choice(AGENCIES), unit=rng.choice(UNITS),
                       jp_tahun_ini=rng.choice((0, 4, 8, 12, 16, 20, 24, 30)))
        profile["kompetensi"] = {kind: level() for kind in ("teknis", "manajerial",
                                                            "sosial_kultural")
                                 if rng.random() < 0.8}
        if rng.random() < 0.85:
            profile["kotak_talenta"] = rng.randint(1, 9)
        else:
            profile.pop("kotak_talenta", None)
        profiles.append(profile)
    return profiles
