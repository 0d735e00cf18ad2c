"""Which encoding a raw text file is in: detected from its bytes with a confidence test, or
declared (a custom source's ``encoding:``, or ``[ingest.encodings]`` in storebook.toml).

"It decoded" proves nothing: GB18030 decodes almost any byte sequence, so a Latin-1
``Müller`` would read as ``M黮ler``. The rules, in order:

1. a byte-order mark settles it (UTF-8, UTF-16, UTF-32) — and the rest must then fit it;
2. bytes that are valid UTF-8 are UTF-8;
3. a file whose lines are partly UTF-8 and partly not joins two encodings: it stops;
4. GB18030 is taken when the characters it decodes are the common ones (GB2312, where
   real Chinese text lives almost entirely) — how Chinese platforms export;
5. otherwise charset-normalizer's readings are compared: one plausible reading is taken;
   several that disagree stop the ingest, showing how each reads the first word they differ
   on and how to declare the encoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pyarrow as pa

from storebook.errors import InputError, Said
from storebook.ingest.sources.policy import CONFIG_HINT, current_policy

#: Declared encodings an analyst may write, and the codec that reads them.
ENCODING_ALIASES = {
    "auto": None, "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-8-bom": "utf-8-sig",
    "gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1", "cp1252": "cp1252",
    "windows-1252": "cp1252", "big5": "big5", "shift_jis": "cp932", "sjis": "cp932", "cp932": "cp932",
    "utf-16": "utf-16",
}
#: The encodings named in messages (ENCODING_ALIASES holds their other spellings too).
KNOWN = ("utf-8", "gbk", "latin-1", "cp1252", "big5", "shift_jis", "utf-16")
#: Codecs of everyday exports: listed first among competing readings.
_USUAL = ("cp1252", "latin-1", "gb18030", "big5", "cp932")
#: Share of decoded non-ASCII characters that must be common Chinese (GB2312) for GB18030.
GB2312_SHARE = 0.9
#: A reading is plausible when its chaos (charset-normalizer's mess ratio) is within this of the best.
CHAOS_MARGIN = 0.1
_LINES = re.compile(r"\r\n|\r|\n")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of byte ``offset`` (LF, CRLF or lone CR line ends)."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _declare_hint(path: Path, declared_in: str, encoding: str = "latin-1") -> str:
    if declared_in:
        return f"set `encoding:` for this source in {declared_in} (e.g. `encoding: {encoding}`)"
    rel = current_policy().relative(path)
    return (f"declare it in {CONFIG_HINT}: under [ingest.encodings] write \"{rel}\" = \"{encoding}\""
            f" (storebook knows {', '.join(KNOWN)})")


def _declare_said(path: Path, declared_in: str, encoding: str = "latin-1") -> Said:
    """:func:`_declare_hint` by its catalogue key, for the reader's language."""
    if declared_in:
        return Said("error.input.encoding.hint.source", {"declared_in": declared_in, "encoding": encoding})
    return Said("error.input.encoding.hint.config", {"config": CONFIG_HINT, "file": current_policy().relative(path),
                                                     "encoding": encoding, "known": ", ".join(KNOWN)})


def detect_encoding(data: bytes, path: Path, declared_in: str = "") -> str:
    """The codec that reads ``data`` (see the module docstring for the rules).

    Raises:
        InputError: the bytes fit no encoding, mix two, or fit several that read differently;
            the message names the line and how to declare the encoding.
    """
    return _detect(data, path, declared_in)[0]


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 as ``data.decode("utf-8")`` reads it (no surrogates, no overlong
    forms, nothing past U+10FFFF), checked by Arrow's validator in place: ~10x faster than
    decoding, and no text of the file's size is built (a 70 MB export with Chinese text
    decodes to ~140 MB of str that the caller, which reads the bytes itself, would discard)."""
    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _detect(data: bytes, path: Path, declared_in: str, need_text: bool = True) -> tuple[str, str]:
    """(codec, text) of :func:`detect_encoding`: a file is decoded once (``need_text`` False:
    UTF-8 bytes are only checked, and the text is returned empty)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            _check_decodes(data, codec, path, f"starts with a {_label(codec)} byte-order mark")
            return codec, data.decode(codec)
    if not need_text and is_utf8(data):
        return "utf-8", ""
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    _check_not_mixed(data, path, first_bad)
    gb_text = _decodes(data, "gb18030")
    if gb_text is not None and _gb2312_share(gb_text) >= GB2312_SHARE:
        return "gb18030", gb_text
    readings = _readings(data, gb_text)
    if len(readings) == 1:
        return readings[0][0][0], readings[0][1]
    line = _line_of(data, first_bad)
    what = (f"the bytes on line {line} (byte {first_bad}) are neither UTF-8 nor GBK/GB18030" if gb_text is None else
            f"the bytes on line {line} (byte {first_bad}) are not UTF-8, and GBK reads them as rare characters")
    said = Said("error.input.encoding.neither" if gb_text is None else "error.input.encoding.rare",
                {"line": str(line), "byte": str(first_bad)})
    if not readings:
        raise InputError(path, f"{what}, nor text in any encoding (is it a text export at all?)", row=line,
                         expected="a CSV file encoded in UTF-8 (with or without BOM) or GBK",
                         todo="re-export the file as CSV UTF-8", key="error.input.encoding.none", values={"what": said})
    raise InputError(
        path, f"{what}; no encoding reads the file for sure: {_differences(readings)}", row=line,
        expected="a CSV file encoded in UTF-8 (with or without BOM) or GBK, or an encoding declared for it",
        todo="re-export the file as CSV UTF-8 (Excel: Save As → 'CSV UTF-8'), or "
             + _declare_hint(path, declared_in, _suggest(readings[0][0])),
        key="error.input.encoding.unsure",
        values={"what": said, "differences": _differences(readings, said=True),
                "hint": _declare_said(path, declared_in, _suggest(readings[0][0]))},
    )


def _label(codec: str) -> str:
    return codec.upper().removesuffix("-SIG")


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _check_decodes(data: bytes, codec: str, path: Path, why: str) -> None:
    try:
        data.decode(codec)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        other = " (the rest reads as GBK: the file joins two encodings)" if (
            codec == "utf-8-sig" and _decodes(data[3:], "gb18030") is not None) else ""
        raise InputError(path, f"the file {why}, but the bytes on line {line} are not {_label(codec)}{other}",
                         expected=f"a file encoded in {_label(codec)} throughout",
                         todo="re-export the file in one encoding (CSV UTF-8)",
                         key="error.input.encoding.bom" + (".gbk" if other else ""),
                         values={"encoding": _label(codec), "line": str(line)}) from exc


_UTF8_CJK = re.compile(rb"[\xe0-\xef][\x80-\xbf]{2}")


def _check_not_mixed(data: bytes, path: Path, first_bad: int) -> None:
    """Stop when some lines are UTF-8 (with multi-byte characters) and others are not.

    Decoded as UTF-8 with replacement, a line of another encoding shows U+FFFD; a line that
    does not, yet holds non-ASCII text, is UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    if "\r" in text:  # one line end for the search: CRLF and lone CR become LF (line numbers stay)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        if line.isascii() or "\ufffd" in line:
            continue
        # A line of another encoding rarely passes as UTF-8 by chance with 3-byte sequences or
        # three non-ASCII characters; a genuinely UTF-8 line of Chinese has both.
        if _UTF8_CJK.search(line.encode("utf-8")) or len(_NON_ASCII.findall(line)) >= 3:
            raise InputError(path, f"line {number} is UTF-8 but line {_line_of(data, first_bad)} is not: the file "
                                   "joins text saved in two encodings", expected="one encoding for the whole file",
                             todo="re-export the file in one go as CSV UTF-8, or split it into one file per encoding",
                             key="error.input.encoding.mixed",
                             values={"utf8_line": str(number), "other_line": str(_line_of(data, first_bad))})


def _gb2312_share(text: str) -> float:
    """The share of the non-ASCII visible characters (of a sample) that are in GB2312.

    Spaces, controls and format characters (NBSP, zero-width space) are left out: they say
    nothing about the language, and a stray one must not make a Chinese file doubtful.
    """
    total = common = 0
    for char, n in Counter(_NON_ASCII.findall(text, 0, 400_000)).items():
        if unicodedata.category(char)[0] in "ZC":
            continue
        total += n
        try:
            char.encode("gb2312")
            common += n
        except UnicodeEncodeError:
            pass
    return common / total if total else 1.0


def _readings(data: bytes, gb_text: str | None) -> list[tuple[list[str], str]]:
    """The distinct plausible texts of ``data``: [(codecs that give it, text)], best first."""
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(data))
    readings: dict[str, list[str]] = {}
    if results:
        best = min(r.chaos for r in results)
        for r in sorted(results, key=lambda r: (r.chaos, -r.coherence)):
            # UTF-16/32 without a byte-order mark is not read (a BOM-less ASCII file "decodes" as UTF-16).
            if r.chaos <= best + CHAOS_MARGIN and not r.encoding.startswith(("utf_16", "utf_32")):
                readings.setdefault(str(r), []).append(codecs.lookup(r.encoding).name)
    if len(readings) == 1:
        return [(names, text) for text, names in readings.items()]
    # Competing readings: show the usual codecs' too, and first (a Western file is most often
    # cp1252, a Chinese one GBK), so that the message names the likely one.
    for codec in _USUAL:
        text = gb_text if codec == "gb18030" else _decodes(data, codec)
        if text is not None and readings and codec not in readings.get(text, []):
            readings.setdefault(text, []).append(codec)
    order = sorted(readings.items(), key=lambda kv: not any(c in _USUAL for c in kv[1]))
    return [(names, text) for text, names in order]


def _suggest(names: list[str]) -> str:
    """The name to declare for a reading's codecs (one storebook knows, if any)."""
    aliases = {codec: name for name, codec in ENCODING_ALIASES.items() if codec and name in KNOWN}
    return next((aliases[c] for c in names if c in aliases), names[0])


def _differences(readings: list[tuple[list[str], str]], said: bool = False) -> str | Said:
    """How each reading shows the first word on which the readings differ, with its line (``said``:
    by its catalogue keys, for the reader's language)."""
    texts = [t for _, t in readings]
    split = [re.split(r"\r\n|\r|\n", t) for t in texts]
    for number in range(max(len(s) for s in split)):
        lines = [s[number] if number < len(s) else "" for s in split]
        if len(set(lines)) > 1:
            words = [re.split(r"[\s,;\t|]+", line) for line in lines]
            for k in range(max(len(w) for w in words)):
                chosen = [w[k] if k < len(w) else "" for w in words]
                if len(set(chosen)) > 1:
                    by_word: dict[str, list[str]] = {}
                    for (names, _), word in zip(readings, chosen, strict=True):
                        by_word.setdefault(word, []).extend(n for n in names if n not in by_word.get(word, []))
                    shown = "; ".join(f"'{_printable(word[:24])}' as {'/'.join(names[:3])}"
                                      for word, names in list(by_word.items())[:5])
                    if not said:
                        return f"line {number + 1} reads {shown}"
                    chain: Said | str = ""
                    for word, names in reversed(list(by_word.items())[:5]):  # "'a' as x; 'b' as y", from its end
                        chain = Said("error.input.encoding.reading", {"word": _printable(word[:24]),
                                                                      "names": "/".join(names[:3]), "more": chain})
                        chain = chain if word == next(iter(by_word)) else Said("error.input.encoding.reading.more",
                                                                               {"reading": chain})
                    return Said("error.input.encoding.reads", {"line": str(number + 1), "readings": chain})
    candidates = ", ".join("/".join(n[:3]) for n, _ in readings[:4])
    return Said("error.input.encoding.candidates", {"names": candidates}) if said else "the candidates are " + candidates


def _set_hint(declared_in: str, encoding: str) -> str:
    if declared_in.startswith(CONFIG_HINT):
        return f"change the file's line under [ingest.encodings] in {CONFIG_HINT} to \"{encoding}\", or remove it"
    return f"set `encoding: {encoding}`" + (" (or `auto`)" if encoding != "auto" else "") + " for this source"


def _set_said(declared_in: str, encoding: str) -> Said:
    """:func:`_set_hint` by its catalogue key, for the reader's language."""
    if declared_in.startswith(CONFIG_HINT):
        return Said("error.input.encoding.set.config", {"config": CONFIG_HINT, "encoding": encoding})
    return Said("error.input.encoding.set.source" + (".auto" if encoding == "auto" else ""), {"encoding": encoding})


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def decode_bytes(data: bytes, path: Path, declared: str | None = None, declared_in: str = "",
                 need_text: bool = True) -> tuple[str, str]:
    """Decode ``data`` as text; return (text, encoding). A leading BOM character is kept.

    Args:
        data: the file's bytes.
        path: the file, for messages.
        declared: an encoding from a custom source (see :data:`ENCODING_ALIASES`); when None,
            ``[ingest.encodings]`` is consulted, then the bytes decide.
        declared_in: where ``declared`` was written, for messages.
        need_text: False when the caller reads UTF-8 bytes itself: bytes that are UTF-8
            (without a BOM) are then checked, not decoded, and the text returned is empty.
    Raises:
        InputError: the bytes fit no supported encoding, or not the declared one.
    """
    if declared is None or declared.lower().strip() == "auto":
        policy_declared = current_policy().encoding_for(path)
        if policy_declared is not None:
            declared, declared_in = policy_declared, f"{CONFIG_HINT} [ingest.encodings]"
    if declared is not None and declared.lower().strip() not in ENCODING_ALIASES:
        raise InputError(path, f"the declared encoding '{declared}' is not supported",
                         expected=f"one of {', '.join(ENCODING_ALIASES)}",
                         todo=f"fix the encoding in {declared_in or 'the source declaration'}, or write `auto`",
                         key="error.input.encoding.unknown" + ("" if declared_in else ".undeclared"),
                         values={"declared": declared, "known": ", ".join(ENCODING_ALIASES), "declared_in": declared_in})
    codec = ENCODING_ALIASES[declared.lower().strip()] if declared is not None else None
    if codec is None:
        encoding, text = _detect(data, path, declared_in, need_text)
        return text, encoding
    where = f" (declared in {declared_in})" if declared_in else ""
    said = {"declared": declared,
            "where": Said("error.input.encoding.where", {"declared_in": declared_in}) if declared_in else ""}
    if codec == "utf-8" and not need_text and is_utf8(data):
        return "", codec
    if codec.startswith("utf-8") or codec == "utf-16":
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            line = _line_of(data, exc.start)
            actual = "GBK/GB18030" if _decodes(data, "gb18030") is not None else ""
            raise InputError(
                path, f"the file is declared {declared}{where} but the bytes on line {line} are not {declared}"
                      + (f"; they read as {actual}" if actual else ""),
                expected=f"a file encoded in {declared}",
                todo=(_set_hint(declared_in, "gbk") if actual else "re-export the file as CSV UTF-8"),
                key="error.input.encoding.declared_gbk" if actual else "error.input.encoding.declared_bad",
                values={**said, "line": str(line), "hint": _set_said(declared_in, "gbk")},
            ) from exc
    # A single-byte or GBK declaration decodes UTF-8 bytes into nonsense without an error.
    if not data.isascii() and _decodes(data, "utf-8") is not None:
        raise InputError(
            path, f"the file is declared {declared}{where} but its bytes are UTF-8 (reading them as {declared} "
                  "garbles every non-ASCII character)",
            expected=f"a file encoded in {declared}", todo=_set_hint(declared_in, "utf-8"),
            key="error.input.encoding.declared_utf8", values={**said, "hint": _set_said(declared_in, "utf-8")},
        )
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise InputError(path, f"the file is declared {declared}{where} but the bytes on line {line} are not {declared}",
                         expected=f"a file encoded in {declared}",
                         todo=_set_hint(declared_in, "auto") + ", or re-export the file",
                         key="error.input.encoding.declared_other",
                         values={**said, "line": str(line), "hint": _set_said(declared_in, "auto")}) from exc
