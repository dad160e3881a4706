from functools import cache

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from assessments.models import Answer, Assessment, Criticality, QuestionnaireTemplate, Vendor
from policies.models import Statement

PASSWORD = "correct horse battery staple"


@cache
def password_hash() -> str:
    """``PASSWORD`` hashed once per run with the tests' hasher, shared by every factory user."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = factory.LazyAttribute(lambda u: u.username.capitalize())
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get(name=str(role)))


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Vendor {n}")
    service = "Help desk"
    business_owner = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("business_owner")
    criticality = Criticality.MEDIUM


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    vendor = factory.SubFactory(VendorFactory)
    version = factory.Sequence(lambda n: n + 1)
    source = Statement.Source.PASTE
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    extracted_text = "We collect your name and e-mail address."
    status = Statement.Status.DONE
    progress = 100
    created_by = factory.SelfAttribute("vendor.created_by")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    vendor = factory.SubFactory(VendorFactory)
    template = factory.LazyFunction(lambda: QuestionnaireTemplate.objects.get(is_default=True))
    statement = factory.SubFactory(StatementFactory, vendor=factory.SelfAttribute("..vendor"))
    created_by = factory.SelfAttribute("vendor.created_by")

    @factory.post_generation
    def with_answers(self, create, extracted, **kwargs):
        """``AssessmentFactory(with_answers=True)`` gives one not_stated answer per question."""
        if create and extracted:
            Answer.objects.bulk_create(
                Answer(assessment=self, question=question, value="not_stated", auto_value="not_stated")
                for question in self.template.questions.all()
            )
