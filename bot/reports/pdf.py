"""The report as a PDF (fpdf2, core font, A4 landscape): title, date, scope, the anonymity
rule, the chart, one table of needs and one of talent boxes per instansi, and usage."""

from __future__ import annotations

import io
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.engine.pdf import FONT, latin1
from bot.profile.vocabulary import KOMPETENSI_JENIS
from bot.reports import texts
from bot.reports.anonymity import Row, count_text
from bot.reports.needs import GAP_TYPES, TALENT_BOXES
from bot.reports.report import Agency, NeedsReport

HEADINGS = FontFace(emphasis="BOLD", size_pt=7, fill_color=(226, 234, 245))
FIRST_COLUMN = 2.6  # the unit's name is this many times as wide as a figure


def _needs_headings(first: str = texts.PDF_UNIT) -> list[str]:
    found = [first, texts.PDF_EMPLOYEES]
    for kind in GAP_TYPES:
        name = KOMPETENSI_JENIS.label(kind)
        found += [texts.PDF_GAP.format(type=name), texts.PDF_GAP_AVERAGE.format(type=name)]
    found += [texts.PDF_JP_BELOW, texts.PDF_JP_OWED, *texts.LEADERSHIP.values(),
              texts.PDF_STUDY]
    return found


def _needs_cells(row: Row) -> list[str]:
    cells = row.cells
    found = [cells["pegawai"].text()]
    for kind in GAP_TYPES:
        found += [f"{cells[f'{kind}_senjang'].text()}/{cells[f'{kind}_dinilai'].text()}",
                  cells[f"{kind}_rata"].text()]
    found += [cells[key].text() for key in ("jp_di_bawah", "jp_kurang", *texts.LEADERSHIP,
                                            "tugas_belajar")]
    return found


def _talent_cells(row: Row) -> list[str]:
    return [row.cells["pegawai"].text(), *(row.cells[f"kotak_{b}"].text() for b in TALENT_BOXES)]


def _table(pdf: FPDF, headings: Sequence[str], lines: Sequence[tuple[str, list[str]]]) -> None:
    figures = len(headings) - 1
    pdf.set_font(FONT, "", 7.5)
    with pdf.table(col_widths=(FIRST_COLUMN, *[1] * figures), headings_style=HEADINGS,
                   text_align=("LEFT", *["CENTER"] * figures), line_height=4.2) as table:
        header = table.row()
        for heading in headings:
            header.cell(latin1(heading))
        for name, cells in lines:
            line = table.row()
            for text in (name, *cells):
                line.cell(latin1(text))


def _heading(pdf: FPDF, text: str, size: int = 12) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, 7, latin1(text), new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: FPDF, text: str, size: float = 9) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, 4.8, latin1(text), new_x="LMARGIN", new_y="NEXT")


def report_pdf(report: NeedsReport, chart: bytes | None) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(latin1(texts.TITLE))
    _cover(pdf, report, chart)
    if report.overall is not None:
        pdf.add_page()
        _heading(pdf, texts.ALL_AGENCIES, 13)
        totals = [report.overall, *(a.total for a in report.agencies)]
        _table(pdf, _needs_headings(texts.PDF_AGENCY_COLUMN),
               [(r.instansi, _needs_cells(r)) for r in totals])
    for agency in report.agencies:
        _agency(pdf, agency)
    _usage(pdf, report)
    return bytes(pdf.output())


def _cover(pdf: FPDF, report: NeedsReport, chart: bytes | None) -> None:
    """Title, date, scope, the anonymity rule and the chart."""
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, latin1(texts.TITLE), new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, texts.SUBTITLE)
    pdf.ln(2)
    _paragraph(pdf, texts.GENERATED.format(date=report.today.strftime("%d-%m-%Y")), 10)
    _paragraph(pdf, report.scope(), 10)
    if report.skipped:
        _paragraph(pdf, texts.SKIPPED.format(count=count_text(report.skipped)))
    pdf.ln(1)
    _paragraph(pdf, texts.ANONYMITY)
    top = report.top
    if top is not None and chart is not None:
        _heading(pdf, texts.PDF_CHART.format(scope=top.instansi))
        pdf.image(io.BytesIO(chart), w=pdf.epw * 0.85)


def _agency(pdf: FPDF, agency: Agency) -> None:
    """One page per instansi: needs, then talent boxes, for its total and each unit."""
    pdf.add_page()
    _heading(pdf, texts.PDF_AGENCY.format(instansi=agency.total.instansi), 13)
    rows = (agency.total, *agency.units)
    _heading(pdf, texts.PDF_NEEDS, 10)
    _table(pdf, _needs_headings(), [(r.unit, _needs_cells(r)) for r in rows])
    _heading(pdf, texts.PDF_TALENT, 10)
    boxes = [texts.TALENT_BOX.format(box=b) for b in TALENT_BOXES]
    _table(pdf, [texts.PDF_UNIT, texts.PDF_EMPLOYEES, *boxes],
           [(r.unit, _talent_cells(r)) for r in rows])


def _usage(pdf: FPDF, report: NeedsReport) -> None:
    usage = report.usage
    _heading(pdf, texts.SECTION_USAGE)
    _paragraph(pdf, texts.USAGE_NOTE.format(since=usage.since.strftime("%d-%m-%Y")))
    rate = texts.NOT_APPLICABLE if usage.rate is None else texts.percent(usage.rate)
    for label, value in ((texts.QUESTIONS_ASKED, str(usage.asked)),
                         (texts.QUESTIONS_ANSWERED, str(usage.answered)),
                         (texts.ANSWERED_RATE, rate)):
        _paragraph(pdf, texts.PDF_USAGE_ROW.format(label=label, value=value), 10)
    _heading(pdf, texts.PDF_TOP_UNANSWERED, 10)
    if not usage.topics:
        _paragraph(pdf, texts.PDF_NO_UNANSWERED)
        return
    _table(pdf, [texts.PDF_TOPIC, texts.PDF_COUNT],
           [(topic, [str(count)]) for topic, count in usage.topics])
