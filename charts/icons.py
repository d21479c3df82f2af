"""Icon arrays' layout: 100 people, grouped, the way NHS Predict and IPDAS show "out of 100".

How many are alive is counted in ``model.counts.people_out_of``; the layout (``icon_people``,
``icon_grid``) and the two colours here are shared by
the app's Altair chart (``charts.icon_array``) and the PDF handout's drawing (``handout.pdf``), so
both always show the same people in the same colours; only the drawing differs. This module
imports no chart library (the handout's command line must not pay for Altair), and pandas only
when ``icon_grid`` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd

ALIVE_COLOUR = "#0072B2"  # Okabe-Ito blue: 5.2:1 on white
DIED_COLOUR = "#595959"  # dark grey outline: 7:1 on white
STATUSES = ("alive", "died")


class Person(NamedTuple):
    """One icon: its place in the grid and whether the person is alive or died."""

    person: int
    row: int
    col: int
    status: str


def icon_people(alive: int, denominator: int = 100, columns: int = 10) -> list[Person]:
    """One entry per person; the alive come first, filling rows from the top left (grouped)."""
    if not 0 <= alive <= denominator:
        raise ValueError("alive must lie between 0 and the denominator")
    return [Person(i, i // columns, i % columns, "alive" if i < alive else "died") for i in range(denominator)]


def icon_grid(alive: int, denominator: int = 100, columns: int = 10) -> pd.DataFrame:
    """``icon_people`` as a table (columns person, row, col, status), for the Altair chart."""
    import pandas as pd

    return pd.DataFrame(icon_people(alive, denominator, columns), columns=list(Person._fields))
