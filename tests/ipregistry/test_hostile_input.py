"""What the IP register refuses of hostile input that its own rules write past the model: a
kept work that is a PDF with active content, a rightholder's name with hidden characters."""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError

from innocluster.features.ipregistry.models import IPObject
from tests.ipregistry.helpers import holders, register, work_file

pytestmark = pytest.mark.django_db


def pdf_opening_javascript() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(action)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_a_kept_work_that_is_a_pdf_with_javascript_is_refused(organization, owner):
    upload = work_file(content=pdf_opening_javascript(), name="work.pdf")

    with pytest.raises(ValidationError) as refused:
        register(organization, owner, upload=upload, keep_file=True, work_sha256="")

    assert refused.value.error_dict["file"][0].code == "pdf_active_content"
    assert not IPObject.objects.exists()


def test_a_kept_work_that_is_not_a_pdf_is_kept_as_it_is(organization, owner):
    ip_object = register(
        organization, owner, upload=work_file(b"\x7fELF any program", "tool.bin"),
        keep_file=True, work_sha256="",
    )  # fmt: skip
    assert ip_object.pk


def test_a_rightholders_name_with_a_right_to_left_override_is_refused(organization, owner):
    rows = holders(('ООО \u202e"Кристалл"', "60"), ("Иванова Анна Петровна", "40"))

    with pytest.raises(ValidationError) as refused:
        register(organization, owner, rightholders=rows)

    codes = [error.code for error in refused.value.error_dict["rightholders"]]
    assert codes == ["invisible_character"]
    assert not IPObject.objects.exists()
