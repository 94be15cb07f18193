"""The report's chart (PNG): competency gaps by type as bars and the talent boxes as the 3×3
grid HR knows from PermenPANRB 3/2020, where a picture reads better than a table."""

from __future__ import annotations

import io

from bot.profile.vocabulary import KOMPETENSI_JENIS
from bot.reports import texts
from bot.reports.anonymity import Row
from bot.reports.needs import GAP_TYPES

# Rows top to bottom: kinerja di atas, sesuai, di bawah ekspektasi; columns: potensial rendah,
# menengah, tinggi (the KemenPANRB/BKN drawing, domain brief §2.9).
TALENT_GRID = ((4, 7, 9), (2, 5, 8), (1, 3, 6))


def _shown(row: Row, key: str) -> tuple[float, str]:
    """The value to draw (0 when suppressed) and the label to print."""
    cell = row.cells[key]
    return (0.0 if cell.hidden else cell.value), cell.text()


def chart_png(row: Row) -> bytes:
    """Both panels for one row of the report (everyone, or the only instansi)."""
    # matplotlib takes about a second to import; only a report needs it, not every start-up.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(10, 4.2), dpi=150, layout="constrained")
    FigureCanvasAgg(figure)
    bars, grid = figure.subplots(1, 2, width_ratios=(1.2, 1))

    gaps = [_shown(row, f"{kind}_senjang") for kind in GAP_TYPES]
    names = [KOMPETENSI_JENIS.label(kind) for kind in GAP_TYPES]
    drawn = bars.barh(names, [value for value, _ in gaps], color="#2b6cb0")
    bars.bar_label(drawn, labels=[label for _, label in gaps], padding=4)
    bars.invert_yaxis()
    bars.set_title(texts.CHART_GAPS)
    bars.set_xlim(0, max([value for value, _ in gaps] + [1]) * 1.2)
    bars.xaxis.set_major_locator(MaxNLocator(integer=True))
    bars.spines[["top", "right"]].set_visible(False)

    cells = [[_shown(row, f"kotak_{box}") for box in line] for line in TALENT_GRID]
    values = [[value for value, _ in line] for line in cells]
    grid.imshow(values, cmap="Blues", vmin=0, vmax=max(max(line) for line in values) or 1)
    brightest = max(max(line) for line in values)
    for y, line in enumerate(TALENT_GRID):
        for x, box in enumerate(line):
            value, label = cells[y][x]
            colour = "white" if brightest and value > brightest / 2 else "black"
            grid.text(x, y, texts.CHART_BOX.format(box=box, value=label), ha="center",
                      va="center", color=colour, fontsize=9)
    grid.set_xticks([0.5, 1.5], minor=True)
    grid.set_yticks([0.5, 1.5], minor=True)
    grid.grid(which="minor", color="white", linewidth=3)
    grid.tick_params(which="minor", length=0)
    grid.set_xticks(range(3), texts.CHART_POTENTIAL_LEVELS)
    grid.set_yticks(range(3), tuple(reversed(texts.CHART_PERFORMANCE_LEVELS)))
    grid.set_xlabel(texts.CHART_POTENTIAL)
    grid.set_ylabel(texts.CHART_PERFORMANCE)
    grid.set_title(texts.CHART_TALENT)

    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
