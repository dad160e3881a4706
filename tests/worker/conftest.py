import pytest


@pytest.fixture(autouse=True)
def _reference_data(reference_data) -> None:
    """Every worker test is transactional: put back the migrations' reference data first."""
