"""Statements of every format built byte by byte, for the reader, command and hostile-input tests."""
from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter


def _pdf_string(line: str) -> str:
    return "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _page_stream(lines: list[str] | None) -> bytes:
    if not lines:  # a filled blue square: a page with graphics and no text
        return b"0 0 1 rg 72 72 200 200 re f"
    shows = " ".join(f"{_pdf_string(line)} Tj T*" for line in lines)
    return f"BT /F1 12 Tf 14 TL 72 720 Td {shows} ET".encode("latin-1")


def make_pdf(pages: list[list[str] | None]) -> bytes:
    """A valid PDF written byte by byte: one Helvetica text stream per page (None: no text)."""
    page_ids = [4 + 2 * index for index in range(len(pages))]
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for page_id, lines in zip(page_ids, pages, strict=True):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode()
        )
        stream = _page_stream(lines)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return _assemble_pdf(objects)


def _assemble_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def encrypt_pdf(pdf: bytes, *, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="owner-secret")  # RC4: needs no extra package
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Acme privacy statement"
    document.add_heading("Acme Privacy Policy", level=1)
    document.add_paragraph("We collect your device type and browser version.")
    document.add_heading("Sharing", level=2)
    document.add_paragraph("We share data with payment processors.", style="List Bullet")
    document.add_paragraph("We do not sell personal data.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "Processor", (0, 1): "Purpose", (1, 0): "Stripe", (1, 1): "Payments"}.items():
        table.cell(row, column).text = text
    document.add_paragraph("Data is retained for 30 days.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_docx_bomb(*, megabytes: int = 120) -> bytes:
    """A real DOCX plus one member of zeros that deflates ~1000:1."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            bomb.writestr(member, source.read(member.filename))
        with bomb.open("word/media/image1.bin", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(1024 * 1024))
    return out.getvalue()
