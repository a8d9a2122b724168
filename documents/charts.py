"""The programme's figures as a bar chart: geometry and words computed here, drawn by a template.

The template only places what this module measured, so the SVG, its text
alternative and the table always say the same thing.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Bar:
    """One fiscal year. Horizontal measures are percentages of the chart's width, vertical ones pixels."""

    year: int
    value: int
    value_label: str
    year_label: str
    x: float
    y: float
    width: float
    height: float
    centre: float
    labelled: bool = True


@dataclass(frozen=True)
class Tick:
    value: int
    label: str
    y: float


@dataclass(frozen=True)
class Chart:
    """Drawn at the page's own text size: the SVG has no viewBox to shrink it on a phone.

    Horizontal positions are percentages of the width, so the chart fills any column while its
    labels stay as large as the text around them; vertical ones are pixels.
    """

    height: int
    plot_left: float
    plot_right: float
    baseline: float
    bars: list
    ticks: list

    @property
    def label_x(self):
        """Where the gridline labels end, just left of the plot."""
        return round(self.plot_left - 1.5, 1)

    # The SVG attributes are written here, not by template filters: about thirty
    # stringformat filters cost more than the rest of the chart's template.
    @property
    def grid(self):
        """(line attributes, label attributes, label) for each gridline."""
        across = f'x1="{self.plot_left}%" x2="{self.plot_right}%"'
        return [
            (
                mark_safe(f'{across} y1="{tick.y}" y2="{tick.y}"'),
                mark_safe(f'x="{self.label_x}%" y="{tick.y}"'),
                tick.label,
            )
            for tick in self.ticks
        ]

    @property
    def marks(self):
        """(bar, bar attributes, value label attributes, year label attributes) for each bar."""
        return [
            (
                bar,
                mark_safe(f'x="{bar.x}%" y="{bar.y}" width="{bar.width}%" height="{bar.height}"'),
                mark_safe(f'x="{bar.centre}%" y="{bar.y}"'),
                mark_safe(f'x="{bar.centre}%" y="{self.baseline}"'),
            )
            for bar in self.bars
        ]

    @property
    def axis(self):
        return mark_safe(f'x1="{self.plot_left}%" x2="{self.plot_right}%" y1="{self.baseline}" y2="{self.baseline}"')


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


def bar_chart(points, height=260, top=32, bottom=40, left=16.0, right=6.0, bar_width=7.0, label_gap=17.0):
    """Bars for ``points`` — (fiscal year, value) pairs — placed on a time axis.

    The years are spaced by how far apart they are (1987, 2002 and 2025 are not evenly
    spaced), so the picture never suggests a steady trend the figures do not show. Where
    bars stand closer than a label's width, only some carry labels; the table beside the
    chart gives every figure.
    """
    points = sorted(points)
    maximum = max((value for _year, value in points), default=0)
    step = nice_step(maximum)
    top_value = max(step, math.ceil(maximum / step) * step)
    plot_height = height - top - bottom
    plot_right = 100 - right
    baseline = top + plot_height

    def y_of(value):
        return round(baseline - plot_height * value / top_value, 1)

    ticks = [Tick(value, formatted(value), y_of(value)) for value in range(0, int(top_value) + 1, int(step))]
    if not points:
        return Chart(height, left, plot_right, baseline, [], ticks)
    first, last = points[0][0], points[-1][0]
    span = max(last - first, 1)
    closest = min((b[0] - a[0] for a, b in zip(points, points[1:], strict=False)), default=span)
    track = plot_right - left
    # Never wider than the gap between the two closest years, so bars never overlap.
    width = round(min(bar_width, 0.7 * track * closest / (span + closest)), 2)

    def centre_of(year):
        if first == last:
            return round(left + track / 2, 2)
        return round(left + width / 2 + (track - width) * (year - first) / span, 2)

    centres = [centre_of(year) for year, _value in points]
    labelled = _spread(centres, label_gap)
    bars = []
    for (year, value), centre, has_label in zip(points, centres, labelled, strict=True):
        y = y_of(value)
        bars.append(
            Bar(
                year=year,
                value=value,
                value_label=formatted(value),
                year_label=str(year),
                x=round(centre - width / 2, 2),
                y=y,
                width=width,
                height=round(baseline - y, 1),
                centre=centre,
                labelled=has_label,
            )
        )
    return Chart(height, left, plot_right, baseline, bars, ticks)


def _spread(centres, gap):
    """Which bars get labels: as many as fit ``gap`` apart, the latest year always among them."""
    chosen = []
    for index in range(len(centres) - 1, -1, -1):
        if not chosen or centres[chosen[-1]] - centres[index] >= gap:
            chosen.append(index)
    return [index in chosen for index in range(len(centres))]


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
