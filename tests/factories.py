import factory
from django.utils import timezone
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Membership, Organization, Product

PASSWORD = "correct-horse-battery-9"


def company_inn(n: int, region: str = "77") -> str:
    body = f"{region}{n:07d}"
    return body + stdnum_inn.calc_company_check_digit(body)


def personal_inn(n: int, region: str = "77") -> str:
    body = f"{region}{n:08d}"
    return body + stdnum_inn.calc_personal_check_digits(body)


def company_ogrn(n: int) -> str:
    body = f"1{n:011d}"
    return body + stdnum_ogrn.calc_check_digit(body + "0")


def proprietor_ogrnip(n: int) -> str:
    """An OGRNIP whose check digit (remainder mod 13) is a single digit."""
    while True:
        body = f"3{n:013d}"
        digit = stdnum_ogrn.calc_check_digit(body + "0")
        if len(digit) == 1:
            return body + digit
        n += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.ru")
    full_name = factory.Faker("name", locale="ru_RU")
    email_confirmed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = "legal_entity"
    inn = factory.Sequence(lambda n: company_inn(n + 1))
    ogrn = factory.Sequence(lambda n: company_ogrn(n + 1))
    full_name = factory.Sequence(lambda n: f'Общество с ограниченной ответственностью "Тест {n}"')
    short_name = factory.Sequence(lambda n: f'ООО "Тест {n}"')
    region = "77"
    legal_address = "г. Москва, ул. Тверская, д. 1"
    org_type = "it_company"
    headcount = 25
    year_founded = 2015


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.OWNER


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Продукт {n}")
    category = "software"
    trl = 6


def member_of(organization, role=MemberRole.OWNER, **user_fields):
    return MembershipFactory(
        organization=organization, role=role, user=UserFactory(**user_fields)
    ).user


def with_status(organization, kind: str | None = None):
    """Make `organization` a participant (Moscow) or partner in good standing, as an approved
    application would (the review itself is tested in tests/status)."""
    from innocluster.platform.status.models import Status

    Status.objects.create(
        organization=organization,
        kind=kind or ("participant" if organization.region == "77" else "partner"),
        state="active",
        register_number=f"IC-{organization.pk:07d}",
        granted_on=timezone.localdate(),
    )
    return organization
