"""What the jobs API reads and writes. Every string has its maxLength."""

from rest_framework import serializers

from ..choices import (
    ArchiveReason,
    Currency,
    District,
    EmploymentType,
    Experience,
    Schedule,
    Stage,
    VacancyStatus,
    WorkFormat,
)
from ..models import MAX_SALARY, Vacancy
from ..services import VACANCY_FIELDS


class VacancyEmployerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class JobTermSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class MetroStationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    line = serializers.CharField(source="line.name", read_only=True)
    line_number = serializers.CharField(source="line.number", read_only=True)


class VacancySerializer(serializers.ModelSerializer):
    organization = VacancyEmployerSerializer(read_only=True)
    role = JobTermSerializer(read_only=True)
    industry = JobTermSerializer(read_only=True)
    metro = MetroStationSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=VacancyStatus.choices, read_only=True)
    archive_reason = serializers.ChoiceField(
        choices=[("", ""), *ArchiveReason.choices], read_only=True
    )

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "organization",
            *(name for name in VACANCY_FIELDS if name != "mentor"),
            "status",
            "published_at",
            "expires_at",
            "archive_reason",
            "created_at",
        ]
        read_only_fields = fields


def _salary():
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        max_value=MAX_SALARY,
        help_text="Monthly; a negative amount is refused (salary_negative).",
    )


class VacancyWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000)
    duties = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    requirements = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    skills = serializers.CharField(required=False, allow_blank=True, max_length=500)
    role = serializers.IntegerField(min_value=1, help_text="A professional role's id.")
    industry = serializers.IntegerField(min_value=1, help_text="An industry's id.")
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices)
    schedule = serializers.ChoiceField(choices=Schedule.choices)
    experience = serializers.ChoiceField(choices=Experience.choices)
    salary_from = _salary()
    salary_to = _salary()
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)
    salary_gross = serializers.BooleanField(required=False)
    work_format = serializers.ChoiceField(choices=WorkFormat.choices, required=False)
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )
    district = serializers.ChoiceField(choices=District.choices, required=False, allow_blank=True)
    metro = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="A metro station's id."
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    contact_name = serializers.CharField(max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    university = serializers.CharField(required=False, allow_blank=True, max_length=300)
    specialisation = serializers.CharField(required=False, allow_blank=True, max_length=300)
    duration_weeks = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=104
    )
    paid = serializers.BooleanField(required=False)
    academic_credit = serializers.BooleanField(required=False)
    university_letter_required = serializers.BooleanField(required=False)


class VacancyCreateSerializer(VacancyWriteSerializer):
    organization = serializers.IntegerField(min_value=1)


class VacancyHideSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class JobStageChangeSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True)
    message = serializers.CharField(read_only=True)
    at = serializers.DateTimeField(read_only=True)


class JobApplicantSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)


class JobApplicationSerializer(serializers.Serializer):
    """An application as its applicant and its employer see it."""

    id = serializers.IntegerField(read_only=True)
    vacancy = serializers.IntegerField(source="vacancy_id", read_only=True)
    applicant = JobApplicantSerializer(read_only=True)
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True)
    letter = serializers.CharField(read_only=True)
    cv_name = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    stage_changed_at = serializers.DateTimeField(read_only=True)
    changes = JobStageChangeSerializer(many=True, read_only=True)


class JobApplicationRowSerializer(serializers.Serializer):
    """A row of the employer's list of a vacancy's applications."""

    id = serializers.IntegerField(read_only=True)
    applicant = JobApplicantSerializer(read_only=True)
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True)
    cv_name = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class JobApplySerializer(serializers.Serializer):
    consent = serializers.BooleanField(
        help_text="Consent to the processing of personal data (152-FZ); required."
    )
    letter = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    cv = serializers.FileField(required=False, help_text="A PDF, checked by its content.")
    use_profile_cv = serializers.BooleanField(required=False)
    university_letter = serializers.FileField(required=False)


class JobApplicationMoveSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=2_000)
