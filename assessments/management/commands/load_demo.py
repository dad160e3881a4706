from django.core.management.base import BaseCommand

from assessments.demo.loader import DEMO_PASSWORD, DEMO_USERS, demo_users_load, demo_vendors_load


class Command(BaseCommand):
    help = "Create demo users for every role and a few fictional help-desk vendors. Safe to run twice."

    def handle(self, *args, **options):
        users = demo_users_load()
        vendors = demo_vendors_load(requester=users["requester"])
        self.stdout.write(f"Demo vendors: {', '.join(vendor.name for vendor in vendors)}")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec.username:10s} {spec.role.value if spec.role else 'no role (outsider)'}")
