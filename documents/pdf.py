"""A tiny writer of one-page PDFs, so the demo ships real documents without any download.

English lines use the standard Helvetica font; Japanese lines use the Adobe-Japan1
font that every PDF reader knows by name (HeiseiKakuGo-W5), so the file embeds no font.
"""

import io


def _ascii_string(text):
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "(" + escaped.encode("latin-1", "replace").decode("latin-1") + ")"


def _is_ascii(text):
    return all(ord(ch) < 128 for ch in text)


def _runs(text):
    """``text`` cut where it switches between ASCII and other characters."""
    runs = []
    for ch in text:
        if runs and _is_ascii(runs[-1][-1]) == _is_ascii(ch):
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def _ucs2_string(text):
    # UniJIS-UCS2-H takes big-endian UCS-2 codes; characters beyond the BMP become "?".
    return "<" + "".join(f"{ord(ch) if ord(ch) < 0x10000 else 0x3F:04X}" for ch in text) + ">"


def one_page_pdf(title, lines=(), width=595, height=842):
    """A valid A4 PDF with ``title`` in large type and ``lines`` below it (bytes)."""
    commands = []
    y = height - 96
    for size, text in [(24, title)] + [(12, line) for line in lines]:
        # Latin runs in Helvetica, the rest in the Japanese font: each advances the pen by its own widths.
        shows = [
            f"/F1 {size} Tf {_ascii_string(run)} Tj" if _is_ascii(run) else f"/F2 {size} Tf {_ucs2_string(run)} Tj"
            for run in _runs(text)
        ]
        commands.append(f"BT 56 {y} Td {' '.join(shows)} ET")
        y -= size * 2
    # A thin rule under the title, so the page reads as a document and not a test card.
    commands.append(f"0.07 0.21 0.42 RG 2 w 56 {height - 112} m {width - 56} {height - 112} l S")
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            f"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 7 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>",
        (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
            b"/FontDescriptor << /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 "
            b"/FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 737 /StemV 114 >> "
            b"/DW 1000 >>"
        ),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n".encode())
    out.write(b"0000000000 65535 f \n")
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
