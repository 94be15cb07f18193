"""The plan as a PDF an employee can take to their supervisor (fpdf2, core font only).

Core fonts cover Latin-1, so text is transliterated (≥ → >=, – → -) instead of shipping a
Unicode font; nothing is downloaded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF

from bot.engine import texts
from bot.engine.plan import PlanYear

FONT = "Helvetica"
_REPLACEMENTS = {
    "–": "-", "—": "-", "…": "...", "≥": ">=", "≤": "<=", "→": "->", "✓": "v", "✗": "x",
    "•": "-", "›": ">", "‘": "'", "’": "'", "“": '"', "”": '"', "×": "x",
}


def latin1(text: str) -> str:
    """Text the core fonts can draw: Latin-1 kept, known symbols spelled out, accents
    stripped from the rest, anything else replaced by '?'."""
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
        elif char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        else:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


def plan_pdf(title: str, summary: Sequence[tuple[str, str]], plan: Sequence[PlanYear],
             sources: Sequence[str], headings: tuple[str, str, str, str],
             compress: bool = True) -> bytes:
    """Title, profile summary (never the NIP), one section per year, the regulations, and
    signature lines; ``headings`` are (summary, regulations, employee, supervisor)."""
    summary_heading, sources_heading, employee, supervisor = headings
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_title(latin1(title))
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, latin1(texts.PLAN_NOTE), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, summary_heading)
    for label, value in summary:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(55, 6, latin1(label))
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 6, latin1(value), new_x="LMARGIN", new_y="NEXT")
    for block in plan:
        _heading(pdf, texts.PLAN_YEAR.format(year=block.year, jp=block.jp))
        pdf.set_font(FONT, "", 10)
        for item in block.items:
            pdf.multi_cell(0, 5.5, latin1(f"- {item}"), new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, sources_heading)
    pdf.set_font(FONT, "", 9)
    for source in sources:
        pdf.multi_cell(0, 5, latin1(f"- {source}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font(FONT, "", 10)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(half, 6, latin1(employee))
    pdf.cell(half, 6, latin1(supervisor), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    pdf.cell(half, 6, "(______________________)")
    pdf.cell(half, 6, "(______________________)", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")
