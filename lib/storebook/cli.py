"""The ``storebook`` command: sample, ingest, rejected, dictionary, info, report.

Exit codes: 0 done; 1 done but something failed (a report notebook); 2 the request or the
input was wrong, with one clear message and nothing half done.
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from storebook.errors import StorebookError

if TYPE_CHECKING:
    from storebook.engine.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _progress_bar(total_hint: str):
    """A one-line progress display on a terminal; plain lines elsewhere (CI logs)."""
    interactive = sys.stderr.isatty()

    def show(message: str) -> None:
        if interactive:
            sys.stderr.write(f"\r\033[K{total_hint}{message}")
            sys.stderr.flush()
        else:
            print(f"{total_hint}{message}", file=sys.stderr)

    def close() -> None:
        if interactive:
            sys.stderr.write("\n")

    show.close = close  # type: ignore[attr-defined]
    return show


def cmd_sample(args: argparse.Namespace, config: Config) -> int:
    raw = Path(args.raw).resolve() if args.raw else config.raw_dir
    existing = [p for p in raw.rglob("*") if p.is_file() and p.name != ".gitkeep"] if raw.is_dir() else []
    if existing and not args.force:
        print(f"storebook sample: {raw} already holds {len(existing)} files; the sample store is written only into "
              "an empty folder (raw exports are never overwritten). Use --force to replace a sample store.",
              file=sys.stderr)
        return EXIT_USAGE
    if existing and args.force:
        truth = raw / "_truth.json"
        if not truth.is_file():
            print(f"storebook sample: refusing --force: {raw} holds files that are not a sample store "
                  "(no _truth.json). Move your exports elsewhere first.", file=sys.stderr)
            return EXIT_USAGE
        import shutil
        for child in raw.iterdir():
            if child.name != ".gitkeep":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    from storebook.sample import generate_sample

    kwargs = {"seed": args.seed, "months": args.months, "scale": args.scale}
    if args.end_month:
        kwargs["end_month"] = args.end_month
    bar = _progress_bar("sample: ")
    started = time.perf_counter()
    summary = generate_sample(raw, progress=bar, **kwargs)
    bar.close()
    rows = summary.get("rows", {})
    print(f"sample store written to {raw} in {time.perf_counter() - started:.1f} s")
    for table, n in rows.items():
        print(f"  {table:<18} {n:>10,} rows")
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace, config: Config) -> int:
    from storebook.ingest import ingest
    from storebook.report.text import Text  # the summary's words are the message catalogue's

    text = Text(args.lang)
    bar = _progress_bar("ingest ")
    try:
        report = ingest(config, force=args.force, progress=bar, wait=args.wait)
    finally:
        bar.close()
    print(report.summary(text))
    from storebook.engine.identity import currency_hint, identify, write_local_settings

    manifest = _manifest(config)
    written = write_local_settings(config, manifest)
    if written:
        print(text("cli.ingest.wrote_settings", name=written.name))
    identity = identify(config, manifest)
    if not identity.named:
        print(text("cli.hint.name"))
    if not identity.currency_stated:
        print(currency_hint(identity, text))  # what they are shown in, and why
    return EXIT_OK


def _manifest(config: Config) -> dict:
    """The last ingest's manifest ({} before the first ingest)."""
    import storebook

    try:
        return storebook.open(config.processed_location, root=config.root).ingest_manifest()
    except StorebookError:
        return {}


def cmd_init(args: argparse.Namespace, config: Config) -> int:
    from storebook.engine.identity import write_local_settings

    written = write_local_settings(config, _manifest(config))
    if written is None:
        print(f"storebook.local.toml already exists in {config.root}: edit it (nothing was changed)")
    else:
        print(f"wrote {written}: set the store's name and check the currency there")
    return EXIT_OK


def cmd_rejected(args: argparse.Namespace, config: Config) -> int:
    from storebook.ingest import read_rejected
    from storebook.ingest.rejects import group_reasons
    from storebook.ingest.wording import say_reason
    from storebook.report.text import Text

    text = Text(args.lang)
    frame = read_rejected(config, args.table)
    if frame.empty:
        print(text("cli.rejected.none"))
        return EXIT_OK
    print(text("cli.rejected.by_reason", rows=len(frame)))
    for table, reason, rows in group_reasons(frame).head(30).itertuples(index=False):
        print(f"{rows:>10,}  {table:<16} {say_reason(reason, text)}")
    columns = ["source_file", "source_row", "column", "value", "reason"]
    first = (frame[columns].head(args.limit)
             .assign(reason=lambda d: [say_reason(r, text) for r in d["reason"]])
             .rename(columns={c: text(f"cli.rejected.col.{c}") for c in columns}))
    print("\n" + text("cli.rejected.first_rows"))
    print(first.to_string(index=False))
    return EXIT_OK


def cmd_dictionary(args: argparse.Namespace, config: Config) -> int:
    from storebook.measures.metrics import render_dictionary

    target = config.root / "docs" / "data_dictionary.md"
    text = render_dictionary() + "\n"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run `storebook dictionary`", file=sys.stderr)
            return EXIT_FAILED
        print(f"{target} is up to date")
        return EXIT_OK
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return EXIT_OK


def cmd_info(args: argparse.Namespace, config: Config) -> int:
    import storebook

    wb = storebook.open()
    manifest = wb.ingest_manifest()
    identity = wb.identity()
    generation = f" (generation {wb.generation}: {wb.data_dir})" if wb.generation else ""
    print(f"workbook {identity.title('en')} — {wb.processed_dir}{generation}")
    print(f"platforms {', '.join(identity.platforms)}; amounts in {identity.currency}")
    print(f"ingested {manifest.get('ingested_at', '?')}, fingerprint {wb.fingerprint[:12]}")
    from storebook.engine import availability

    first, last = availability.data_span(wb)
    month = availability.resolve_month(wb)
    print(f"data from {first} to {last}; the default report month {month.period.label}"
          + (" (partial)" if month.partial else ""))
    for table, info in manifest.get("tables", {}).items():
        print(f"  {table:<18} {info['rows']:>10,} rows")
    return EXIT_OK


def cmd_report(args: argparse.Namespace, config: Config) -> int:
    from storebook.report.pack import run_report_command

    return run_report_command(args, config)


def cmd_bench(args: argparse.Namespace, config: Config) -> int:
    from storebook.bench import SCALES, format_table, run_bench

    labels = [s.strip() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in labels if s not in SCALES]
    if unknown:
        print(f"storebook bench: unknown scale(s) {', '.join(unknown)}; choose from {', '.join(SCALES)}",
              file=sys.stderr)
        return EXIT_USAGE
    results = run_bench(labels, runs=args.runs, with_report=not args.no_report)
    print(format_table(results))
    print(f"\nresults: {results['path']}")
    bad = [label for label, e in results["scales"].items() if "error" in e or e.get("disagreements")]
    if results.get("default_pack", {"ok": True})["ok"] is False:
        bad.append("the default pack")
    return EXIT_FAILED if bad else EXIT_OK


def _add_lang(parser: argparse.ArgumentParser, whose: str) -> None:
    """``--lang``, the same for every command that speaks to the reader (report, ingest, rejected):
    the message catalogue's languages, English unless asked."""
    # Not from report.text, whose imports take half a second before any command starts.
    from storebook.report.catalogue import LANGUAGES

    parser.add_argument("--lang", choices=list(LANGUAGES), default="en",
                        help=f"{whose} language: {', '.join(LANGUAGES)} (default: en)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="storebook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sample", help="write the fictional sample store's raw exports into data/raw")
    p.add_argument("--seed", type=int, default=20261)
    p.add_argument("--end-month", help="last month of data, YYYY-MM (default: the last complete month)")
    p.add_argument("--months", type=int, default=24)
    p.add_argument("--scale", type=float, default=1.0, help="volume multiplier (benchmarks)")
    p.add_argument("--raw", help="folder to write into (default: the config's data/raw)")
    p.add_argument("--force", action="store_true", help="replace an existing sample store")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("ingest", help="validate data/raw into canonical Parquet in data/processed")
    p.add_argument("--force", action="store_true", help="re-read every file even if unchanged")
    _add_lang(p, "the summary's")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another ingest of the store is running, wait up to SECONDS for it (default: stop at once)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("init", help="write storebook.local.toml (the store's name, currency) from what the data says")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("rejected", help="list the rows the last ingest rejected, with reasons")
    p.add_argument("--table")
    p.add_argument("--limit", type=int, default=20)
    _add_lang(p, "the list's")
    p.set_defaults(func=cmd_rejected)

    p = sub.add_parser("dictionary", help="write docs/data_dictionary.md from the schemas")
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(func=cmd_dictionary)

    p = sub.add_parser("info", help="what the processed workbook holds")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("bench", help="time the headline queries against DuckDB SQL and pandas at several scales")
    p.add_argument("--scales", default="1M,10M,50M", help="comma-separated: 1M, 10M, 50M")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--no-report", action="store_true", help="skip timing `storebook report` end to end")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("report", help="run the monthly report pack into outputs/YYYY-MM/<lang>")
    p.add_argument("--month", help="YYYY-MM (default: the last complete month in the data)")
    p.add_argument("--platform", action="append", help="limit to a platform (repeatable)")
    p.add_argument("--only", action="append", help="run only these notebooks (repeatable or comma-separated)")
    p.add_argument("--jobs", type=int, default=None, help="parallel kernels (default: CPU cores)")
    _add_lang(p, "the pack's")
    p.add_argument("--out", help="output folder (default: outputs/)")
    p.add_argument("--pdf", action="store_true", help="also print each report to PDF with headless Chromium")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if a report of the same month and language is running, wait up to SECONDS for it "
                        "(default: stop at once)")
    p.set_defaults(func=cmd_report)
    return parser


def _said(exc: StorebookError, language: str) -> str:
    """The error in the language the command was asked to speak (``--lang``): from the message
    catalogue where the error names its key; the English message itself in English (as the logs
    have it) and for an error without a key."""
    if language == "en" or exc.key is None:
        return str(exc)
    from storebook.report.text import Text, TextError

    try:
        return exc.said(Text(language))
    except TextError:  # a key or value the catalogue lacks: the English is still the whole message
        return str(exc)


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code (the Python API under the ``storebook`` command)."""
    return _run_command(build_parser().parse_args(argv))


#: Commands whose process ends without Python's teardown of its modules (:func:`run`).
QUICK_EXIT = frozenset({"report"})


def run() -> NoReturn:
    """The ``storebook`` command: :func:`main`, then the process's end.

    A report's process has imported papermill, nbconvert, pandas and jupyter_client; Python's
    own teardown of those modules took 0.25-0.3 s after the last page was written, with both
    kernels' slots idle (strace: no system call in it, only freeing memory). After the
    exit handlers have run (the kernels' template stops; a workbook's spill folder is removed
    by its finalizer, which is one of them) and the output is flushed, nothing is left that
    the teardown would do for the files: the process then ends at once. Only when no
    other thread than daemons runs, as Python would otherwise wait for it.
    """
    args = build_parser().parse_args()
    code = _run_command(args)
    if args.command in QUICK_EXIT and all(t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "report":
        # Before the imports and the plan: the kernels' own imports run beside them.
        from storebook.report.kernels import start_template

        start_template()
    try:
        from storebook.engine.config import Config

        config = Config.load()
        return args.func(args, config)
    except StorebookError as exc:
        print(f"storebook {args.command}: {_said(exc, getattr(args, 'lang', 'en'))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"storebook {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    run()
