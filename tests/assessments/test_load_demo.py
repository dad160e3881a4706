import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from assessments.models import AuditEvent, Vendor
from policies.models import Statement


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    assert "requester" in output and "approver" in output and "password" in output
    counts = (
        get_user_model().objects.count(),
        Vendor.objects.count(),
        Statement.objects.count(),
        AuditEvent.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        get_user_model().objects.count(),
        Vendor.objects.count(),
        Statement.objects.count(),
        AuditEvent.objects.count(),
    )
    # One statement per vendor, and a DPA and a sub-processor list for the two full document sets.
    assert counts[1] >= 5 and counts[2] == counts[1] + 4
    assert set(get_user_model().objects.values_list("username", flat=True)) >= {
        "requester",
        "reviewer",
        "approver",
        "admin",
        "outsider",
    }


@pytest.mark.django_db
def test_the_demo_has_a_consistent_vendor_and_one_with_three_contradictions():
    from assessments.models import Finding
    from policies.processing import statement_process

    call_command("load_demo")
    for statement in Statement.objects.filter(status="queued").order_by("pk"):
        statement_process(statement_id=statement.pk)
    assert not Statement.objects.exclude(status="done").exists()
    assert not Finding.objects.filter(vendor__name="Harborline Support").exists()
    tide = Finding.objects.filter(vendor__name="TicketTide", status="open")
    assert sorted(tide.values_list("rule", flat=True)) == [
        "region.subprocessor_outside", "retention.differs_from_dpa", "share.none_but_subprocessors"
    ]
