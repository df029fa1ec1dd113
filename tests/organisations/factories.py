"""factory-boy factories for every model of the organisations app."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from organisations.models import (
    ApiToken,
    AuditEvent,
    CommissioningContract,
    EmailChoices,
    ExportJob,
    Invitation,
    Membership,
    Notification,
    OdsOrganisation,
    Organisation,
    StaffMember,
    Team,
    User,
)
from organisations.roles import Role

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n} NHS Trust")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.NHS_TRUST
    region = Organisation.Region.LONDON
    staff_headcount = 1000


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.FRONTLINE


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Analytics {n}")
    created_by = factory.SubFactory(UserFactory)
    key_hash = factory.Sequence(lambda n: f"{n:064x}")
    shown_start = "mecc_abcd"


class OdsOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OdsOrganisation

    code = factory.Sequence(lambda n: f"Z{n:04d}")
    name = factory.Sequence(lambda n: f"ODS ORGANISATION {n}")


class StaffMemberFactory(factory.django.DjangoModelFactory):
    """Someone on the organisation's staff roster, frontline and in post unless told otherwise."""

    class Meta:
        model = StaffMember

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Staff Member {n}")
    email = factory.Sequence(lambda n: f"staff{n}@example.nhs.uk")
    staff_number = factory.Sequence(lambda n: f"F{n:06d}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.nhs.uk")
    role = Role.FRONTLINE
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissioningContract

    commissioner = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.ICB)
    provider = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"MECC-{n:04d}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    kind = AuditEvent.Kind.DATA_EXPORTED
    summary = "12 records in 3 files"


class ExportJobFactory(factory.django.DjangoModelFactory):
    """A download someone asked for and a worker has not yet built."""

    class Meta:
        model = ExportJob

    organisation = factory.SubFactory(OrganisationFactory)
    requested_by = factory.SubFactory(UserFactory)
    kind = ExportJob.Kind.CONVERSATIONS


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    kind = Notification.Kind.CONTRACT
    text = "A contract waits for your answer"


class EmailChoicesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailChoices

    user = factory.SubFactory(UserFactory)
