from innocluster.platform.organizations.models import Industry
from innocluster.platform.reviews import services as kit
from innocluster.platform.status import services
from innocluster.platform.status.choices import REQUIRED_DOCUMENTS

from ..factories import UserFactory
from ..pdfs import pdf_bytes, pdf_file  # noqa: F401 - the tests import them from here


def reviewer(**fields):
    return UserFactory(staff_role="reviewer", **fields)


def fund_admin(**fields):
    return UserFactory(staff_role="admin", **fields)


def complete_draft(organization, actor, **fields):
    """A draft with every confirmation ticked and every required document attached."""
    application = services.status_application_create(organization=organization, actor=actor)
    kit.submission_update(
        submission=application,
        actor=actor,
        fields={
            "confirm_data_true": True,
            "confirm_rules": True,
            "confirm_personal_data": True,
            "contact_phone": "+7 495 000-00-00",
            **fields,
        },
    )
    for doc_type in REQUIRED_DOCUMENTS:
        kit.submission_document_add(
            submission=application, actor=actor, doc_type=doc_type, upload=pdf_file()
        )
    return application


def an_industry() -> Industry:
    """The taxonomy comes with a migration, but transactional tests empty the tables."""
    industry, _created = Industry.objects.get_or_create(
        slug="electronics", defaults={"name_ru": "Электроника", "name_en": "Electronics"}
    )
    return industry
