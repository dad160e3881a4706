"""The registry of detector sets: which detectors fill which questionnaire template.

A questionnaire template names the detector set that fills it (``"detector_set"`` in its
JSON file). A set has a key, the answer keys it fills, in questionnaire order, and a function
from normalised text to one :class:`Answer` per key. :func:`template_check` compares a
template's question keys with its set's; the assessments app calls it for every template at
start-up, so a misspelt key fails loudly instead of answering ``not_stated`` for ever.

Plain Python like the rest of the engine: no Django import here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from policies.extraction.confidence import calibrate_answer, uncalibrated_answer
from policies.extraction.types import Answer

if TYPE_CHECKING:  # importing the detectors compiles every pattern: only on first use
    from policies.extraction.detectors.framework import Document

Detector = Callable[["Document"], Answer]

HELPDESK_PRIVACY_V1 = "helpdesk-privacy-v1"
HELPDESK_PRIVACY_V2 = "helpdesk-privacy-v2"
GDPR_ART28 = "gdpr-art28"
DEFAULT_SET = HELPDESK_PRIVACY_V1


class UnknownDetectorSet(LookupError):
    """No detector set has that key."""


class TemplateMismatch(ValueError):
    """A template's questions are not the answer keys of the detector set it names."""


@dataclass(frozen=True)
class DetectorSet:
    """A key, the answer keys it fills (in questionnaire order) and one detector per key."""

    key: str
    detectors: Mapping[str, Detector]
    # Keys whose confidence is calibrated on labelled statements (policies/extraction/confidence.py);
    # the others have no labelled set yet, so their confidence stays below the bulk-accept level.
    calibrated: frozenset[str] = frozenset()

    @property
    def answer_keys(self) -> tuple[str, ...]:
        return tuple(self.detectors)

    def detect(self, text: str) -> dict[str, Answer]:
        """One answer per key of the set from already normalised text."""
        from policies.extraction.detectors.framework import Document
        from policies.extraction.segment import segment

        document = Document.build(text, segment(text))
        answers = {key: detector(document) for key, detector in self.detectors.items()}
        return {
            key: calibrate_answer(key, answer) if key in self.calibrated else uncalibrated_answer(answer)
            for key, answer in answers.items()
        }


def _build_registry() -> dict[str, DetectorSet]:
    from policies.extraction.detectors import DETECTORS, ai, dpa, lifecycle, residency, subprocessors

    v1 = dict(DETECTORS)
    # What reviewers asked for after v1 (issue 12): each key after the v1 key it sits beside.
    v2_after = {
        "use.automated_analysis": {
            "use.ai_features": ai.detect_ai_features,
            "use.ai_training": ai.detect_ai_training,
            "use.ai_training_opt_out": ai.detect_ai_training_opt_out,
        },
        "share.names_processors": {"share.subprocessor_list": subprocessors.detect_subprocessor_list},
        "transfer.privacy_shield": {"transfer.data_residency": residency.detect_data_residency},
        "retention.period": {
            "retention.support_data": lifecycle.detect_support_data,
            "retention.end_of_contract": lifecycle.detect_end_of_contract,
        },
    }
    v2: dict[str, Detector] = {}
    for key, detector in v1.items():
        v2[key] = detector
        v2.update(v2_after.get(key, {}))
    measured = frozenset(v1)
    sets = (
        DetectorSet(HELPDESK_PRIVACY_V1, MappingProxyType(v1), measured),
        DetectorSet(HELPDESK_PRIVACY_V2, MappingProxyType(v2), measured),
        DetectorSet(GDPR_ART28, MappingProxyType(dict(dpa.DETECTORS))),
    )
    return {detector_set.key: detector_set for detector_set in sets}


_REGISTRY: dict[str, DetectorSet] = {}


def detector_sets() -> Mapping[str, DetectorSet]:
    """Every registered set by key (built on first use: it imports every detector)."""
    if not _REGISTRY:
        _REGISTRY.update(_build_registry())
    return MappingProxyType(_REGISTRY)


def detector_set(key: str) -> DetectorSet:
    """The set registered under ``key``; :class:`UnknownDetectorSet` names the known ones."""
    try:
        return detector_sets()[key]
    except KeyError:
        known = ", ".join(sorted(detector_sets()))
        raise UnknownDetectorSet(f"no detector set {key!r} (known: {known})") from None


def template_check(*, name: str, set_key: str, question_keys: Sequence[str]) -> DetectorSet:
    """The set that fills template ``name``; :class:`TemplateMismatch` unless its keys are exactly the set's."""
    try:
        found = detector_set(set_key)
    except UnknownDetectorSet as error:
        raise TemplateMismatch(f"template {name}: {error}") from None
    duplicates = sorted({key for key in question_keys if list(question_keys).count(key) > 1})
    missing = sorted(set(question_keys) - set(found.answer_keys))
    unfilled = sorted(set(found.answer_keys) - set(question_keys))
    problems = [
        f"{label}: {', '.join(keys)}"
        for label, keys in (
            ("asked twice", duplicates),
            (f"no detector in {set_key}", missing),
            (f"{set_key} fills but the template does not ask", unfilled),
        )
        if keys
    ]
    if problems:
        raise TemplateMismatch(f"template {name} does not match detector set {set_key}: " + "; ".join(problems))
    return found
