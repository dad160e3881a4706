"""Sub-processor rows of a list version: read by the job, stored with their evidence, read by pages.

The engine (``policies.extraction.subprocessors``) finds the rows; this module keeps them
beside the version they came from and answers the pages' questions about them.
"""

from __future__ import annotations

from policies.extraction.subprocessors import Subprocessor, subprocessors_from_bytes
from policies.models import DocumentKind, Statement, SubProcessor
from policies.selectors import document_latest_read

# The orders the tables offer (``?sort=``): a plain key, never a raw field name from the query.
SORTS: dict[str, tuple[str, ...]] = {
    "position": ("position",),
    "name": ("name", "position"),
    "country": ("countries", "name"),
    "customer_content": ("customer_content", "name"),
}


def subprocessors_read(*, data: bytes, filename: str, max_bytes: int, text: str) -> list[Subprocessor]:
    """The rows of a list document; evidence indexes ``text`` (the stored text of the same bytes)."""
    document, rows = subprocessors_from_bytes(data, filename=filename, max_bytes=max_bytes)
    # Same bytes, same reader: a difference would mean offsets pointing into another text.
    return rows if document.text == text else []


def subprocessors_store(*, statement: Statement, rows: list[Subprocessor]) -> list[SubProcessor]:
    """Replace the version's stored rows by ``rows``; run inside the job's finish transaction."""
    SubProcessor.objects.filter(statement=statement).delete()
    return SubProcessor.objects.bulk_create(
        SubProcessor(
            statement=statement,
            position=position,
            name=row.name[:300],
            purpose=row.purpose[:500],
            countries=list(row.countries),
            regions=list(row.regions),
            location=row.location[:300],
            customer_content=row.customer_content.value,
            evidence_start=row.evidence.start,
            evidence_end=row.evidence.end,
            evidence_text=row.evidence.text,
        )
        for position, row in enumerate(rows, start=1)
    )


def subprocessors_of(statement: Statement, *, sort: str = "position") -> list[SubProcessor]:
    """The version's rows in one of ``SORTS`` (unknown keys fall back to the document's order)."""
    rows = list(statement.subprocessors.all())
    key = sort if sort in SORTS else "position"
    if key == "country":
        return sorted(rows, key=lambda row: (row.places[:1] or ["~"], row.name.lower()))
    if key == "name":
        return sorted(rows, key=lambda row: (row.name.lower(), row.position))
    if key == "customer_content":
        order = {"yes": 0, "not_stated": 1, "no": 2}
        return sorted(rows, key=lambda row: (order.get(row.customer_content, 3), row.name.lower()))
    return rows


def latest_subprocessor_list(vendor_id: int) -> Statement | None:
    """The vendor's newest sub-processor list version that has been read."""
    return document_latest_read(vendor_id=vendor_id, kind=DocumentKind.SUBPROCESSOR_LIST)
