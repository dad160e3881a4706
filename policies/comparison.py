"""Two versions of one vendor document side by side: which pair, and the diff in rows for a page.

Reads only; the alignment is the engine's (``policies.extraction.diff``). The texts come from
outside, so nothing here builds markup: rows carry plain strings and the template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from policies.extraction.diff import DiffEntry, DocumentDiff, Op, diff_documents
from policies.models import Statement


@dataclass(frozen=True)
class Row:
    """One sentence's fate: ``old``/``new`` are plain text; ``pieces`` the changed words."""

    op: str
    old: str
    new: str
    pieces: tuple = ()
    moved: bool = False
    moved_from: str = ""


@dataclass
class SectionRows:
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> list[Row]:
        return [row for row in self.rows if row.op != Op.UNCHANGED]

    @property
    def unchanged_count(self) -> int:
        return len(self.rows) - len(self.changed)


@dataclass(frozen=True)
class Comparison:
    old: Statement
    new: Statement
    diff: DocumentDiff
    sections: list[SectionRows]

    @property
    def summary(self) -> str:
        return self.diff.summary.text()


def comparison_pair(versions: list[Statement], from_pk: str | None, to_pk: str | None) -> tuple[Statement, Statement]:
    """The two versions to compare, from ``?from=&to=`` (statement pks); by default the newest
    readable version against the one before it. Raises ValidationError saying what is wrong."""
    readable = [version for version in versions if version.status == Statement.Status.DONE]
    by_pk = {str(version.pk): version for version in versions}
    new = _chosen(by_pk, to_pk, "to") if to_pk else (readable[-1] if readable else None)
    if new is None:
        raise ValidationError("No version of this document has been read yet, so there is nothing to compare.")
    if from_pk:
        old = _chosen(by_pk, from_pk, "from")
    else:
        older = [version for version in readable if version.version < new.version]
        if not older:
            raise ValidationError(f"v{new.version} is the first version read; there is no earlier one to compare with.")
        old = older[-1]
    if old.pk == new.pk:
        raise ValidationError("Pick two different versions to compare.")
    for version in (old, new):
        if version.status != Statement.Status.DONE:
            raise ValidationError(f"v{version.version} has not been read ({version.get_status_display().lower()}).")
    return old, new


def _chosen(by_pk: dict[str, Statement], pk: str, side: str) -> Statement:
    if pk not in by_pk:
        raise ValidationError(f"“{pk[:20]}” ({side}) is not a version of this document.")
    return by_pk[pk]


def document_comparison(old: Statement, new: Statement) -> Comparison:
    """The diff of two versions, as rows grouped under their section headings in document order."""
    diff = diff_documents(old.extracted_text, new.extracted_text)
    sections: dict[str, SectionRows] = {}
    for entry in diff.entries:
        sentence = entry.new or entry.old
        if sentence is None or sentence.is_heading:
            continue  # the heading is the section's title
        sections.setdefault(entry.section, SectionRows(entry.section)).rows.append(_row(entry))
    return Comparison(old=old, new=new, diff=diff, sections=list(sections.values()))


def _row(entry: DiffEntry) -> Row:
    moved_from = entry.old.section if (entry.op == Op.MOVED or entry.moved) and entry.old else ""
    return Row(
        op=str(entry.op),
        old=entry.old.text if entry.old else "",
        new=entry.new.text if entry.new else "",
        pieces=entry.inline,
        moved=entry.moved or entry.op == Op.MOVED,
        moved_from=moved_from if moved_from != entry.section else "",
    )
