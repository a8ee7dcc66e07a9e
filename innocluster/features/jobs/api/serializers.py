"""What the jobs API reads and writes. Every string has its maxLength."""

from rest_framework import serializers

from ..choices import (
    ArchiveReason,
    Currency,
    District,
    EmploymentType,
    Experience,
    Schedule,
    VacancyStatus,
    WorkFormat,
)
from ..models import MAX_SALARY, Vacancy


class EmployerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class TermSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class StationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    line = serializers.CharField(source="line.name", read_only=True)
    line_number = serializers.CharField(source="line.number", read_only=True)


class VacancySerializer(serializers.ModelSerializer):
    organization = EmployerSerializer(read_only=True)
    role = TermSerializer(read_only=True)
    industry = TermSerializer(read_only=True)
    metro = StationSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=VacancyStatus.choices, read_only=True)
    archive_reason = serializers.ChoiceField(
        choices=[("", ""), *ArchiveReason.choices], read_only=True
    )

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "organization",
            "title",
            "description",
            "duties",
            "requirements",
            "skills",
            "role",
            "industry",
            "employment_type",
            "schedule",
            "experience",
            "salary_from",
            "salary_to",
            "currency",
            "salary_gross",
            "work_format",
            "address",
            "latitude",
            "longitude",
            "district",
            "metro",
            "start_date",
            "contact_name",
            "contact_email",
            "contact_phone",
            "university",
            "specialisation",
            "duration_weeks",
            "paid",
            "academic_credit",
            "university_letter_required",
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


class HideSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)
