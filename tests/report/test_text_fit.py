"""storebook.report.text on sparse stores: an unknown comparison is left out, not said as
"n/a on the prior month"; an English count agrees with its noun ("1 province", not "1 provinces")."""

from __future__ import annotations

import math
import re
import string

import pytest

from storebook.report.text import CATALOGUE, COUNT_ADJECTIVES, PLURAL_NOUNS, Text, placeholders

SCORECARD = "overview.scorecard.takeaway.no_cost.no_targets"


@pytest.mark.parametrize("prior, last_year, en, zh", [
    # Neither known (a store whose data start this month): no parenthesis at all.
    (None, math.nan, "Paid amount reached ¥13,961; the gross margin",
     "支付金额¥1.4万；毛利未知"),
    # One known: only it is said.
    (0.034, None, "Paid amount reached ¥13,961 (up 3.4% on the prior month); the gross margin",
     "支付金额¥1.4万（环比增长3.4%）；毛利未知"),
    (None, -0.5, "Paid amount reached ¥13,961 (down 50.0% on last year); the gross margin",
     "支付金额¥1.4万（同比下降50.0%）；毛利未知"),
    (0.034, -0.5, "Paid amount reached ¥13,961 (up 3.4% on the prior month, down 50.0% on last year); the gross",
     "支付金额¥1.4万（环比增长3.4%，同比下降50.0%）；毛利未知"),
])
def test_a_headline_says_only_the_comparisons_it_knows(prior, last_year, en, zh) -> None:
    values = {"paid_amount": 13961.45, "paid_vs_prior": prior, "paid_vs_last_year": last_year}
    assert placeholders(CATALOGUE[SCORECARD]["en"]) == set(values)
    out_en, out_zh = Text("en")(SCORECARD, **values), Text("zh")(SCORECARD, **values)
    assert out_en.startswith(en) and "n/a" not in out_en
    assert out_zh.startswith(zh) and "未知，" not in out_zh and "未知）" not in out_zh


def test_a_part_with_a_known_figure_stays_and_the_unknown_part_goes() -> None:
    key = "conversion.payment.takeaway.one"  # "(… rate {change:pp} on the prior month)"
    values = dict(paid=18, placed=19, payment_rate=18 / 19, change=None, unpaid=1, pending=1)
    assert Text("en")(key, **values) == ("18 of the 19 orders placed were paid, a payment rate of 94.7%; "
                                         "1 was not paid, 1 of them still pending.")
    assert Text("zh")(key, **values) == "本月下单19笔，支付18笔，支付率94.7%；1笔未支付，其中1笔仍待付款。"
    fmt = Text("en").format
    assert fmt("{s:pct} new ({s:pct} new, {c:pp} on the prior month).", s=1.0, c=None) == "100.0% new (100.0% new)."
    # Comparisons outside parentheses, and a part with another field, are left alone.
    assert fmt("moved {c:pp} on the prior month", c=None) == "moved n/a on the prior month"
    assert fmt("x ({c:change} of {n:count})", c=None, n=3) == "x (n/a of 3)"
    assert fmt("x ({h})", h=None) == "x (n/a)"


@pytest.mark.parametrize("count, en", [
    (1, "Buyers came from 1 province. 1 file feeds 1 table; 1 order was not paid; the data hold 1 cohort."),
    (2, "Buyers came from 2 provinces. 2 files feed 2 tables; 2 orders were not paid; the data hold 2 cohorts."),
    (0, "Buyers came from 0 provinces. 0 files feed 0 tables; 0 orders were not paid; the data hold 0 cohorts."),
])
def test_an_english_count_agrees_with_its_noun(count, en) -> None:
    template = ("Buyers came from {n} provinces. {n:count} files feed {n:count} tables; {n:count} orders were not paid; "
                "the data hold {n} cohort(s).")
    assert Text("en").format(template, n=count) == en
    assert Text("zh").format("{n:count}个省份", n=count) == f"{count}个省份"  # no plural in 中文


def test_catalogue_sentences_with_a_count_of_one() -> None:
    en = Text("en")
    assert en("customers.provinces.takeaway.no_prior", provinces=1, top="Ontario", top_share=1.0, top3_share=1.0,
              top10_share=1.0).startswith("Buyers came from 1 province. Ontario")
    assert en("data_quality.files.takeaway", files=1, tables=2).startswith("1 file feeds 2 tables;")
    assert en("data_quality.files.takeaway.not_read", files=1, tables=3, not_read=1, **{
        k: "" for k in placeholders(CATALOGUE["data_quality.files.takeaway.not_read"]["en"])
        if k not in ("files", "tables", "not_read")}).startswith("1 file feeds 3 tables; 1 more was left out")
    assert en("conversion.buyers.takeaway.no_amount", new=3, returning=1, new_share=0.75, new_share_change=None,
              history_from="2025-05-11").startswith("3 buyers were new and 1 returning (75.0% new). ")


def test_every_counted_noun_of_the_catalogue_is_known() -> None:
    """A word after a count in an English sentence that looks plural (ends in s) is a noun
    text.PLURAL_NOUNS knows (so that 1 of it reads singular), an adjective before the noun, or
    a word that is not a counted noun: a new sentence with a new noun fails here until it is added."""
    # Not a counted noun: a verb after a name ("{top} leads", "{promo} does not run"), a possessive, and "targets" ("All
    # {n} targets … were met", "{met} of {n} targets were met": the verb goes with another count), and what
    # a file's line does in an error ("line {line} reads/holds …", "as {declared} garbles …"), and the unit
    # of seconds ("waited {seconds} s").
    not_nouns = {"was", "is", "has", "its", "leads", "brings", "ranks", "exports", "targets", "names", "does",
                 "reads", "holds", "garbles", "s"}
    unknown = set()
    for key, entry in CATALOGUE.items():
        parsed = list(string.Formatter().parse(entry["en"]))
        for (_, name, spec, _), (after, *_) in zip(parsed, parsed[1:], strict=False):
            if not name or spec not in ("count", ""):
                continue
            for word in re.match(r"((?: [A-Za-z][A-Za-z-]*(?:\(s\))?)*)", after).group(1).split()[:3]:
                if word in COUNT_ADJECTIVES:
                    continue
                if word.endswith("s") and word not in PLURAL_NOUNS and word not in not_nouns:
                    unknown.add(f"{key}: {word}")
                break
    assert sorted(unknown) == []
