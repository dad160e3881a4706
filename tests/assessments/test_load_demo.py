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
    assert counts[1] >= 3
    # A privacy statement each, and a DPA for the two vendors whose demo has one.
    assert Statement.objects.filter(kind_id="privacy_statement").count() == counts[1]
    dpas = Statement.objects.filter(kind_id="dpa")
    with_dpa = {"BrightDesk", "FixItNow Remote Support", "Harborline Support", "TicketTide"}
    assert set(dpas.values_list("vendor__name", flat=True)) == with_dpa
    # and a sub-processor list too for the two full document sets (Harborline, TicketTide).
    assert counts[2] == counts[1] + 6
    assert set(get_user_model().objects.values_list("username", flat=True)) >= {
        "requester",
        "reviewer",
        "approver",
        "admin",
        "outsider",
    }


@pytest.mark.django_db
def test_load_demo_fills_both_questionnaires_of_a_vendor_with_a_dpa(capsys):
    from assessments.demo.loader import demo_users_load, demo_vendors_load
    from assessments.models import Assessment
    from policies.processing import statement_process

    demo_vendors_load(requester=demo_users_load()["requester"])
    for statement in Statement.objects.order_by("pk"):
        statement_process(statement_id=statement.pk)
    current = Assessment.objects.filter(vendor__name="BrightDesk", is_current=True)
    assert set(current.values_list("template__slug", flat=True)) == {"helpdesk-privacy", "gdpr-art28"}
    privacy = current.get(template__slug="helpdesk-privacy")
    assert privacy.answers.get(question__key="compliance.dpa_available").value == "yes"


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
