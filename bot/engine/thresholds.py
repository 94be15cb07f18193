"""Thresholds that agencies set differently, as facts rules can compare against.

``rules/agencies/default.yaml`` declares every threshold (type, label, value, source); a file
``rules/agencies/<instansi-slug>.yaml`` overrides only the values it names, each with its own
source, for employees whose ``instansi`` has that slug.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1, max_length=400)]
DEFAULT_AGENCY = "default"


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["number", "choice"]
    choices: str | None = None
    label: Text
    unit: str = ""
    value: Any
    source: Text
    basis: list[str] = []  # regulation ids; required unless practice (the loader checks)
    confidence: Literal["H", "M"]
    practice: bool = False


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: Any
    source: Text
    basis: list[str] = []  # the agency's own regulation, when the registry lists it


class DefaultThresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    thresholds: dict[str, Threshold]


class AgencyOverrides(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    agency: Text
    thresholds: dict[str, Override]


def agency_slug(instansi: str) -> str:
    """``Pemerintah Provinsi Jawa Timur`` → ``pemerintah-provinsi-jawa-timur``."""
    ascii_text = unicodedata.normalize("NFKD", instansi).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or DEFAULT_AGENCY
