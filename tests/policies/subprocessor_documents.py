"""The DOCX and PDF sub-processor lists of the fixtures, built from code.

``python -m tests.policies.subprocessor_documents`` rewrites the committed copies in
``tests/policies/subprocessors/`` that the gold file (``bench/eval/subprocessors``) scores.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx

from tests.documents import _assemble_pdf, _pdf_string

FIXTURES = Path(__file__).parent / "subprocessors"

DOCX_ROWS = [
    ("Entity name", "Nature of processing", "Location", "Access to customer data"),
    ("Hosting",),  # a category row merged across the table
    ("Google Cloud EMEA Limited", "Hosting of the Service (Google Cloud Platform)", "Belgium, Netherlands", "Yes"),
    ("Akamai Technologies, Inc.", "Content delivery", "", "No"),
    ("AI features",),
    ("Microsoft Ireland Operations Limited", "Azure OpenAI Service for ticket summaries", "Sweden", "Yes"),
    ("Customer communications",),
    ("Sinch Sweden AB", "SMS delivery", "Sweden", "Yes"),
    ("Freshworks Inc.", "Shared inbox integration", "India; United States", "Yes"),
]


def make_subprocessor_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Supportly – Sub-processor List", level=1)
    document.add_paragraph("Last updated: 3 February 2025")
    document.add_paragraph("Supportly Oy engages the following sub-processors.")
    table = document.add_table(rows=0, cols=4)
    for values in DOCX_ROWS:
        cells = table.add_row().cells
        if len(values) == 1:
            merged = cells[0].merge(cells[3])
            merged.text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Supportly gives at least 30 days' notice of any new sub-processor.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF_ROWS = [
    ("Sub-processor", "Purpose", "Country"),
    ("Amazon Web Services EMEA SARL", "Cloud infrastructure", "Ireland"),
    ("", "and storage", ""),  # the purpose wraps onto a second line
    ("Snowflake Inc.", "Data warehouse for analytics", "Germany"),
    ("Okta, Inc.", "Single sign-on for staff", "United States"),
    ("Twilio Ireland Limited", "SMS notifications", "Ireland"),
]
_PDF_COLUMNS = (72, 260, 450)


def make_subprocessor_pdf() -> bytes:
    """A one-page PDF whose table cells are placed by position, as word processors write them."""
    shows = ["BT /F1 10 Tf", f"1 0 0 1 72 740 Tm {_pdf_string('Helpbase Sub-processors')} Tj"]
    intro = "Effective 1 April 2025. Helpbase AB uses these sub-processors."
    shows.append(f"1 0 0 1 72 720 Tm {_pdf_string(intro)} Tj")
    y = 690
    for row in PDF_ROWS:
        for x, cell in zip(_PDF_COLUMNS, row, strict=True):
            if cell:
                shows.append(f"1 0 0 1 {x} {y} Tm {_pdf_string(cell)} Tj")
        y -= 14
    shows.append(f"1 0 0 1 72 {y - 20} Tm {_pdf_string('Notice of new sub-processors: fourteen (14) days.')} Tj")
    shows.append("ET")
    stream = " ".join(shows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    return _assemble_pdf(objects)


if __name__ == "__main__":
    (FIXTURES / "supportly.docx").write_bytes(make_subprocessor_docx())
    (FIXTURES / "helpbase.pdf").write_bytes(make_subprocessor_pdf())
