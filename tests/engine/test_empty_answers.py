"""A result with no rows, or with a column that holds no value (a month without returns, an
optional column a store leaves empty), has the types Ibis's own conversion gives it, and is
fetched from the engine once (storebook.engine.workbook._run: it was asked again through
Ibis, a second DuckDB question for every empty month)."""

from __future__ import annotations

from pathlib import Path

import ibis
import pandas as pd
import pytest

from storebook.engine import workbook
from storebook.engine.workbook import normalise
from support.stores import write_tables

#: One column of each type a result holds: text, whole and decimal numbers, a flag, a day, a time, money.
ROWS = pd.DataFrame({
    "name": ["a", "b"], "n": [1, 2], "x": [1.5, 2.5], "flag": [True, False],
    "day": pd.to_datetime(["2026-03-01", "2026-03-02"]).date, "at": pd.to_datetime(["2026-03-01 10:00", "2026-03-02 11:30"]),
})


def _questions(t: ibis.Table) -> dict[str, ibis.Table]:
    none = t.filter(t.n > 5)
    return {
        "no rows": none.mutate(money=none.x.cast("decimal(18, 2)")),
        "every column empty": t.select(**{c: ibis.null(t[c].type()) for c in ROWS.columns}),
        "one column empty": t.mutate(day=ibis.null("date"), money=t.x.cast("decimal(18, 2)")),
        "a count of nothing": none.group_by("name").aggregate(k=none.count(), total=none.x.sum()),
        # Each type empty beside full columns: only the empty ones take Ibis's conversion.
        "an empty column of each type": t.mutate(**{f"no_{c}": ibis.null(t[c].type()) for c in ROWS.columns},
                                                 no_money=ibis.null("decimal(18, 2)")),
    }


@pytest.mark.parametrize("case", ["no rows", "every column empty", "one column empty", "a count of nothing",
                                  "an empty column of each type"])
def test_an_empty_answer_is_what_ibis_gives_and_asked_once(tmp_path: Path, case: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    wb = write_tables(tmp_path, orders=[])  # a workbook on DuckDB; the question reads an in-memory table
    t = ibis.memtable(ROWS)
    expr = _questions(t)[case]
    truth = normalise(wb.con.execute(expr))  # Ibis's own conversion
    # The one way _run asks a second time is Ibis's to_pandas, which sends the question again.
    monkeypatch.setattr(type(expr), "to_pandas", lambda *a, **k: pytest.fail("asked again through Ibis"))
    got = normalise(workbook._run(wb.con, expr))
    pd.testing.assert_frame_equal(got, truth)
    assert list(got.dtypes) == list(truth.dtypes)
