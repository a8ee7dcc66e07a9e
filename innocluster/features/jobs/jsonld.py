"""A vacancy as schema.org JobPosting JSON-LD, for Google for Jobs and other search engines:
every property Google requires (title, description, datePosted, validThrough,
hiringOrganization, jobLocation, or jobLocationType TELECOMMUTE with
applicantLocationRequirements for remote work) and the recommended ones (baseSalary,
employmentType, identifier, directApply), and more that say what the page says (experience,
skills, industry, start date).

https://developers.google.com/search/docs/appearance/structured-data/job-posting"""

import json

from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime

from .choices import EmploymentType, Experience, WorkFormat
from .models import MOSCOW, Vacancy

EMPLOYMENT = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.PROJECT: "CONTRACTOR",
    EmploymentType.INTERNSHIP: "INTERN",
    EmploymentType.VOLUNTEERING: "VOLUNTEER",
}
MONTHS = {
    Experience.NONE: 0,
    Experience.ONE_TO_THREE: 12,
    Experience.THREE_TO_SIX: 36,
    Experience.OVER_SIX: 72,
}
# Data blocks are not run, but "</script>" would end one: escaped as json_script escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _description(vacancy: Vacancy) -> str:
    parts = [linebreaks(escape(vacancy.description))]
    for heading, text in (("Обязанности", vacancy.duties), ("Требования", vacancy.requirements)):
        if text:
            parts.append(f"<p><strong>{heading}</strong></p>{linebreaks(escape(text))}")
    return "".join(parts)


def _organization(vacancy: Vacancy, absolute) -> dict:
    organization = vacancy.organization
    data = {
        "@type": "Organization",
        "name": organization.short_name,
        "legalName": organization.full_name,
        "url": absolute(f"/organizations/{organization.pk}/"),
    }
    if organization.website:
        data["sameAs"] = organization.website
    return data


def _place(vacancy: Vacancy) -> dict:
    return {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": vacancy.address,
            "addressLocality": "Москва",
            "addressRegion": "Москва",
            "addressCountry": "RU",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": float(vacancy.latitude),
            "longitude": float(vacancy.longitude),
        },
    }


def _salary(vacancy: Vacancy) -> dict | None:
    low, high = vacancy.salary_from, vacancy.salary_to
    if low is None and high is None:
        return None
    value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if low is not None and high is not None:
        value |= {"minValue": float(low), "maxValue": float(high)}
    else:
        value["value"] = float(low if low is not None else high)
    return {"@type": "MonetaryAmount", "currency": vacancy.currency, "value": value}


def job_posting(vacancy: Vacancy, absolute) -> dict:
    """The JobPosting of `vacancy`; `absolute` makes a path a full URL."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": _description(vacancy),
        "identifier": {
            "@type": "PropertyValue",
            "name": vacancy.organization.short_name,
            "value": str(vacancy.pk),
        },
        "url": absolute(f"/jobs/{vacancy.pk}/"),
        "datePosted": vacancy.published_at.date().isoformat() if vacancy.published_at else None,
        "validThrough": localtime(vacancy.expires_at, MOSCOW).isoformat()
        if vacancy.expires_at
        else None,
        "employmentType": EMPLOYMENT[vacancy.employment_type],
        "hiringOrganization": _organization(vacancy, absolute),
        "directApply": True,
        "industry": vacancy.industry.name_ru,
        "occupationalCategory": vacancy.role.name_ru,
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": MONTHS[vacancy.experience],
        },
    }
    if vacancy.work_format != WorkFormat.REMOTE:
        data["jobLocation"] = _place(vacancy)
    if vacancy.work_format != WorkFormat.OFFICE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "RU"}
    if salary := _salary(vacancy):
        data["baseSalary"] = salary
    if vacancy.skill_list:
        data["skills"] = ", ".join(vacancy.skill_list)
    if vacancy.start_date:
        data["jobStartDate"] = vacancy.start_date.isoformat()
    return {key: value for key, value in data.items() if value is not None}


def script(data: dict) -> SafeString:
    """`data` as the body of a <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped
