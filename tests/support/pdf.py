"""Reading back what a generated PDF draws, for assertions on its text."""

from __future__ import annotations

import re
import zlib


def pdf_text(content: bytes) -> str:
    """The text drawn on the pages (core fonts draw literal strings with Tj). Streams are read
    leniently: an embedded image's binary data may end the pattern early."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S)
    text = b"".join(zlib.decompressobj().decompress(s) if s.startswith(b"x") else s
                    for s in streams)
    drawn = " ".join(m.decode("latin-1") for m in re.findall(rb"\((.*?)\) ?Tj", text))
    return re.sub(r"\\([()\\])", r"\1", drawn)
