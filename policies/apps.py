from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "Privacy statements"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from policies.models import Statement
        from policies.services import statement_file_delete

        # A signal, because statements also go in cascades (a vendor deleted in the admin)
        # that never call a service; it only tidies storage, no business rule hangs on it.
        post_delete.connect(
            lambda sender, instance, **kwargs: statement_file_delete(statement=instance),
            sender=Statement,
            weak=False,
            dispatch_uid="statement_file_delete",
        )
