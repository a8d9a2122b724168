"""The programme's figures as a bar chart: geometry and words computed here, drawn by a template.

The template only places what this module measured, so the SVG, its text
alternative and the table always say the same thing.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Bar:
    year: int
    value: int
    value_label: str
    year_label: str
    x: float
    y: float
    width: float
    height: float
    centre: float


@dataclass(frozen=True)
class Tick:
    value: int
    label: str
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    bars: list
    ticks: list

    @property
    def label_x(self):
        """Where the gridline labels end, just left of the plot."""
        return self.plot_left - 8


def formatted(number):
    """A whole number grouped the way the active language writes it: 6,273."""
    return number_format(number, decimal_pos=0, force_grouping=True)


def fiscal_year(year):
    return _("Fiscal %(year)s") % {"year": year}


def nice_step(maximum, ticks=4):
    """A round gridline step (1, 2 or 5 times a power of ten) giving about ``ticks`` lines."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * power >= raw:
            return multiple * power
    return 10 * power


def bar_chart(points, width=640, height=300, left=64, right=16, top=28, bottom=40):
    """Bars for ``points`` — (fiscal year, value) pairs in the order they are shown."""
    points = list(points)
    maximum = max((value for _year, value in points), default=0)
    step = nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)
    plot_height = height - top - bottom
    plot_width = width - left - right
    baseline = top + plot_height

    def y_of(value):
        return round(baseline - plot_height * value / top_value, 1)

    ticks = [Tick(value, formatted(value), y_of(value)) for value in range(0, int(top_value) + 1, int(step))]
    bars = []
    slot = plot_width / max(len(points), 1)
    bar_width = round(min(slot * 0.55, 120), 1)
    for index, (year, value) in enumerate(points):
        centre = round(left + slot * (index + 0.5), 1)
        y = y_of(value)
        bars.append(
            Bar(
                year=year,
                value=value,
                value_label=formatted(value),
                year_label=str(year),
                x=round(centre - bar_width / 2, 1),
                y=y,
                width=bar_width,
                height=round(baseline - y, 1),
                centre=centre,
            )
        )
    return Chart(width, height, left, width - right, baseline, bars, ticks)


def summary(statistics):
    """Sentences that say what the chart shows: the first year, the peak and the latest year."""
    statistics = sorted(statistics, key=lambda s: s.fiscal_year)
    if not statistics:
        return []
    first, latest = statistics[0], statistics[-1]
    peak = max(statistics, key=lambda s: s.participants)
    sentences = [_year_sentence(first)]
    if peak not in (first, latest):
        sentences.append(
            _("The number of participants was highest in fiscal %(year)s, at %(participants)s.")
            % {"year": peak.fiscal_year, "participants": formatted(peak.participants)}
        )
    if latest is not first:
        sentences.append(_year_sentence(latest))
    return sentences


def _year_sentence(statistic):
    values = {"year": statistic.fiscal_year, "participants": formatted(statistic.participants)}
    if statistic.countries:
        values["countries"] = formatted(statistic.countries)
        return (
            ngettext(
                "In fiscal %(year)s there were %(participants)s participants from %(countries)s country.",
                "In fiscal %(year)s there were %(participants)s participants from %(countries)s countries.",
                statistic.countries,
            )
            % values
        )
    return _("In fiscal %(year)s there were %(participants)s participants.") % values
