import hashlib
import itertools
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.features.ipregistry import services
from tests.pdfs import pdf_bytes

# A real PDF: a kept work that is a PDF is checked as the documents are (core.uploads).
WORK = pdf_bytes()
WORK_SHA256 = hashlib.sha256(WORK).hexdigest()
_works = itertools.count()


def another_sha256() -> str:
    """The hash of a work not registered yet: an organization registers each work once."""
    return hashlib.sha256(f"another work {next(_works)}".encode()).hexdigest()


def work_file(content: bytes = WORK, name: str = "sapphire.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def holders(*pairs) -> list[dict]:
    pairs = pairs or (('ООО "Кристалл"', "60.00"), ("Иванова Анна Петровна", "40"))
    return [{"name": name, "share": Decimal(share)} for name, share in pairs]


def registration(**overrides) -> dict:
    return {
        "title": "Способ выращивания кристаллов сапфира",
        "kind": "invention",
        "rightholders": holders(),
        "work_sha256": WORK_SHA256,
        **overrides,
    }


def register(organization, actor, **overrides):
    return services.ip_object_register(
        organization=organization, actor=actor, **registration(**overrides)
    )


def shared_with(*others, registrant=None) -> list[dict]:
    """Rightholders: the registrant (if given) and each organization of `others`, in equal
    parts of 100 (the last takes the remainder)."""
    parties = ([registrant] if registrant else []) + list(others)
    part = (Decimal(100) / len(parties)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    rows = [{"name": o.short_name, "share": part, "organization": o} for o in parties]
    rows[-1]["share"] = Decimal(100) - part * (len(parties) - 1)
    return rows
