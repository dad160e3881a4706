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
    assert counts[1] >= 3 and counts[2] == counts[1]
    assert set(get_user_model().objects.values_list("username", flat=True)) >= {
        "requester",
        "reviewer",
        "approver",
        "admin",
        "outsider",
    }
