"""Demo users and fictional vendors, loaded by ``manage.py load_demo``; safe to run again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from assessments.models import Criticality, Vendor
from assessments.roles import Role
from assessments.services.vendors import vendor_create
from policies.models import Statement
from policies.services import statement_add_upload

DEMO_DIR = Path(__file__).resolve().parent
DEMO_PASSWORD = "demo-pass-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role | None


DEMO_USERS = [
    DemoUser("requester", "Rita Requester", Role.REQUESTER),
    DemoUser("reviewer", "Ravi Reviewer", Role.REVIEWER),
    DemoUser("approver", "Ada Approver", Role.APPROVER),
    DemoUser("admin", "Alex Admin", Role.ADMIN),
    DemoUser("outsider", "Otto Outsider", None),
]

DEMO_VENDORS = [
    {
        "name": "BrightDesk",
        "website": "https://brightdesk.example",
        "service": "Cloud help desk and ticketing",
        "criticality": Criticality.HIGH,
        "handles_customer_data": True,
        "has_device_access": True,
        "documents": {"privacy_statement": "brightdesk.md", "dpa": "brightdesk-dpa.md"},
    },
    {
        "name": "QuietQueue",
        "website": "https://quietqueue.example",
        "service": "Shared support inbox",
        "criticality": Criticality.LOW,
        "handles_customer_data": True,
        "documents": {"privacy_statement": "quietqueue.txt"},
    },
    {
        "name": "FixItNow Remote Support",
        "website": "https://fixitnow.example",
        "service": "Outsourced remote IT support",
        "criticality": Criticality.CRITICAL,
        "handles_customer_data": True,
        "handles_employee_data": True,
        "has_device_access": True,
        "documents": {"privacy_statement": "fixitnow.txt", "dpa": "fixitnow-dpa.txt"},
    },
    # Two vendors with a full document set: Harborline's documents agree with each other,
    # TicketTide's contradict each other three times (region, third parties, retention).
    {
        "name": "Harborline Support",
        "website": "https://harborline.example",
        "service": "Hosted help desk",
        "criticality": Criticality.MEDIUM,
        "handles_customer_data": True,
        "documents": {
            "privacy_statement": "harborline.md",
            "dpa": "harborline-dpa.md",
            "subprocessor_list": "harborline-subprocessors.md",
        },
    },
    {
        "name": "TicketTide",
        "website": "https://tickettide.example",
        "service": "Ticketing and live chat",
        "criticality": Criticality.HIGH,
        "handles_customer_data": True,
        "documents": {
            "privacy_statement": "tickettide.md",
            "dpa": "tickettide-dpa.md",
            "subprocessor_list": "tickettide-subprocessors.md",
        },
    },
]


def demo_users_load() -> dict[str, object]:
    """Create the demo users (password ``DEMO_PASSWORD``) unless they exist."""
    users = {}
    for spec in DEMO_USERS:
        first, last = spec.full_name.split(" ", 1)
        user, created = get_user_model().objects.get_or_create(
            username=spec.username,
            defaults={"first_name": first, "last_name": last, "email": f"{spec.username}@vendorrisk.example"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = spec.role is Role.ADMIN
            user.save()
            if spec.role:
                user.groups.add(Group.objects.get(name=spec.role.value))
        users[spec.username] = user
    return users


@transaction.atomic
def demo_vendors_load(*, requester) -> list[Vendor]:
    """Register the fictional vendors and upload their documents (privacy statement, DPA), skipping
    what exists: a vendor's kind of document that has a version already is left alone."""
    vendors = []
    for spec in DEMO_VENDORS:
        fields = {key: value for key, value in spec.items() if key != "documents"}
        vendor = Vendor.objects.filter(name=spec["name"]).first() or vendor_create(
            actor=requester, business_owner=requester, **fields
        )
        for kind, filename in spec["documents"].items():
            if not Statement.objects.filter(vendor=vendor, kind_id=kind).exists():
                upload = SimpleUploadedFile(filename, (DEMO_DIR / filename).read_bytes())
                statement_add_upload(vendor=vendor, actor=requester, upload=upload, kind=kind)
        vendors.append(vendor)
    return vendors
