from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    LEGAL_ENTITY = "legal_entity", _("legal entity")
    SOLE_PROPRIETOR = "sole_proprietor", _("sole proprietor")


class OrganizationType(models.TextChoices):
    IT_COMPANY = "it_company", _("IT company")
    MANUFACTURER = "manufacturer", _("manufacturer")
    RESEARCH_INSTITUTE = "research_institute", _("research institute")
    UNIVERSITY = "university", _("university")
    TECHNOLOGY_PARK = "technology_park", _("technology park")
    BUSINESS_INCUBATOR = "business_incubator", _("business incubator")
    CERTIFICATION_CENTRE = "certification_centre", _("certification centre or test lab")
    COWORKING = "coworking", _("coworking")
    LABORATORY = "laboratory", _("laboratory")
    STARTUP = "startup", _("startup")
    LARGE_CORPORATION = "large_corporation", _("large corporation")
    DEVELOPMENT_INSTITUTION = "development_institution", _("development institution")
    CITY_ORGANIZATION = "city_organization", _("city organization")
    INVESTOR = "investor", _("investor")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("owner")
    EDITOR = "editor", _("editor")
    VIEWER = "viewer", _("viewer")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")


class ProductCategory(models.TextChoices):
    SOFTWARE = "software", _("software")
    HARDWARE = "hardware", _("hardware and devices")
    SERVICE = "service", _("service")
    MATERIAL = "material", _("materials and chemistry")
    MEDICAL = "medical", _("medical product")
    EQUIPMENT = "equipment", _("industrial equipment")
    RESEARCH = "research", _("research and development")
    OTHER = "other", _("other")


class HeadcountBand(models.TextChoices):
    """Bands of the Russian SME register: micro, small, medium, large."""

    MICRO = "micro", _("up to 15")
    SMALL = "small", _("16–100")
    MEDIUM = "medium", _("101–250")
    LARGE = "large", _("over 250")


# band -> (lowest, highest or None) headcount, the limits the labels above name.
HEADCOUNT_RANGES = {
    HeadcountBand.MICRO: (0, 15),
    HeadcountBand.SMALL: (16, 100),
    HeadcountBand.MEDIUM: (101, 250),
    HeadcountBand.LARGE: (251, None),
}
