from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from assessments.services.upgrades import templates_upgrade


class Command(BaseCommand):
    help = (
        "Upgrade vendors' current assessments on a questionnaire to a newer version of it: unchanged questions "
        "keep their answers and review state, new ones are read from the vendor's documents, removed ones are "
        "archived. A decided assessment is left as it is and a new one is started from it. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The questionnaire, e.g. helpdesk-privacy.")
        parser.add_argument("--to", type=int, required=True, dest="version", help="The version to upgrade to.")
        parser.add_argument("--vendor", type=int, help="Only this vendor (its id).")
        parser.add_argument("--by", help="The username the upgrade is recorded as done by (default: nobody).")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be upgraded; change nothing.")

    def handle(self, *args, slug, version, vendor, by, dry_run, **options):
        actor = self._actor(by)
        try:
            outcomes = templates_upgrade(slug=slug, to_version=version, vendor_id=vendor, actor=actor, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for outcome in outcomes:
            self.stdout.write(("would upgrade " if dry_run else "upgraded ") + outcome.line())
        done = "would be upgraded" if dry_run else "upgraded"
        self.stdout.write(f"{len(outcomes)} assessment{'s' if len(outcomes) != 1 else ''} {done} to {slug} v{version}.")

    def _actor(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user “{username}”.")
        return user
