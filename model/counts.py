"""Whole people out of 100: the domain rule every "out of 100" in the aid obeys.

The icon arrays, the sentences, the options table and the handout all count people with
``people_out_of``, so they always show the same people. It lives with the statistics (not with the
charts that draw it) because it is arithmetic about people, not a way of drawing them.
"""

from __future__ import annotations


def people_out_of(count: float, total: float, denominator: int = 100) -> int:
    """A count among ``total`` people as whole people out of ``denominator`` (half rounds up)."""
    if total <= 0:
        raise ValueError("total must be positive")
    if not 0 <= count <= total:
        raise ValueError("count must lie between 0 and total")
    return int(denominator * count / total + 0.5)
