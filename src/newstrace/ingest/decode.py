"""Bytes to text: encoding detection, binary rejection and mojibake repair."""

from __future__ import annotations

import ftfy
from charset_normalizer import from_bytes

from newstrace.errors import ErrorCode, InputError

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
_SAMPLE = 8192


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters in its head."""
    head = data[:_SAMPLE]
    if b"\x00" in head and not _is_utf16(head):
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode_bytes(data: bytes, declared: str | None = None, *, repair: bool = True) -> str:
    """Decode ``data`` to text and, with ``repair``, fix mojibake.

    Tries the declared encoding, then UTF-8 (with or without a BOM), then a
    line-by-line UTF-8/cp1252 mix (files concatenated from two sources), then
    charset detection.  Raises :class:`InputError` for binary data.  HTML is
    decoded without repair: the extractor repairs the text it keeps, which is
    far cheaper than repairing a whole page of markup.
    """
    if looks_binary(data):
        raise InputError(ErrorCode.BINARY, "binary content (NUL or control bytes), not text")
    text = _decode(data, declared)
    return repair_text(text) if repair else text


def repair_text(text: str) -> str:
    """Mojibake and encoding repair (ftfy), keeping curly quotes."""
    return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def _decode(data: bytes, declared: str | None) -> str:
    if _is_utf16(data):
        return data.decode("utf-16")
    for encoding in filter(None, (declared, "utf-8-sig")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    guess = data.decode(best.encoding, errors="replace") if best and best.encoding else None
    western = data.decode("cp1252", errors="replace")
    if guess is None or (_latin_script(guess) and _western_score(western) > _western_score(guess)):
        return western
    return guess


_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝß€’‘“”–—…«»°£")


def _latin_script(text: str) -> bool:
    """True when the non-ASCII letters of ``text`` are (mostly) Latin ones."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    return not letters or sum(1 for c in letters if ord(c) < 0x250) / len(letters) > 0.8


def _western_score(text: str) -> float:
    """Share of non-ASCII characters that are common Western European letters and marks."""
    other = [c for c in text if ord(c) > 127]
    if not other:
        return 1.0
    if "\ufffd" in text:
        return 0.0
    return sum(1 for c in other if c in _WESTERN) / len(other)


def _decode_mixed(data: bytes) -> str | None:
    """Decode line by line when most lines are UTF-8 and the rest cp1252."""
    lines = data.split(b"\n")
    out: list[str] = []
    bad = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad += 1
            out.append(line.decode("cp1252", errors="replace"))
    if bad == len(lines):
        return None
    return "\n".join(out)
