from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Privacy statements"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from policies.models import Statement

        # A signal, because statements also go in cascades (a vendor deleted in the admin)
        # that never call a service; it only tidies storage, no business rule hangs on it.
        post_delete.connect(_statement_file_delete, sender=Statement, weak=False, dispatch_uid="statement_file_delete")


def _statement_file_delete(sender: type, instance: object, **kwargs: object) -> None:
    # Imported on the first delete, not at start-up: the services pull in the readers, the audit
    # trail and the webhooks, which commands such as extract_policy never use.
    from policies.services import statement_file_delete

    statement_file_delete(statement=instance)
