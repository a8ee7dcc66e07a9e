"""Builds unsaved organizations, products and people from a seeded random stream."""

import functools
import math
import random
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from innocluster.core.identifiers import LEGAL_ENTITY, SOLE_PROPRIETOR, validate_identifiers
from innocluster.core.regions import MOSCOW, REGIONS
from innocluster.platform.accounts.models import User

from ..choices import MemberRole
from ..models import Industry, Organization, Product, Technology
from .identifiers import IDENTIFIERS
from .vocabulary import (
    ALSO_EN,
    ALSO_RU,
    BENEFITS,
    BIG_REGIONS,
    BRAND_ENDINGS,
    BRAND_ROOTS,
    BRAND_TAILS,
    BRAND_WORDS,
    CITY_TABLE,
    CLOSING_EN,
    CLOSING_RU,
    FEDERAL_CITIES,
    FORMS,
    INDUSTRY_FOR,
    MOSCOW_OBLAST_CITIES,
    OWNER_POSITIONS,
    PEOPLE_MAIL_TLD,
    POSITIONS,
    PRODUCT_VARIANTS,
    PROFILES,
    REGION_WEIGHTS,
    SERVICE_TERMS,
    SV,
    TECHNOLOGIES,
    UNIVERSITY_CITY,
    Profile,
    T,
    words,
)

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = words("a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya")
_TRANSLIT = str.maketrans(
    {ru: "" if en == "-" else en for ru, en in zip(_CYRILLIC, _LATIN, strict=True)}
)


@functools.lru_cache(maxsize=8192)  # names and brands repeat: this is a hot path
def latin(text: str) -> str:
    """Transliterate Russian to Latin letters (passport style), keeping the capitals."""
    return "".join(
        ch.lower().translate(_TRANSLIT).capitalize() if ch.isupper() else ch.translate(_TRANSLIT)
        for ch in text
    )


@functools.lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """A domain-name label from any Russian or Latin text."""
    words = "".join(ch if ch.isalnum() else " " for ch in latin(text).lower()).split()
    return "-".join(words)


def acronym(title: str) -> str:
    """«Московский государственный технический университет» -> «МГТУ»; «НИИ» stays whole."""
    words = [w for w in title.replace("-", " ").split() if len(w) > 1]
    return "".join(w if w.isupper() else w[0].upper() for w in words)


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


# --- Drafts: unsaved rows for one organization -------------------------------------------------


@dataclass
class Draft:
    organization: Organization
    industry_ids: list[int]
    technology_ids: list[int]
    products: list[Product]
    people: list[tuple[User, str]]  # (person, role); the first is the owner


@dataclass
class Context:
    """What the existing data forbids and offers: taken identifiers and the taxonomy."""

    counter: int
    taken_identifiers: set[str]
    taken_emails: set[str]
    industry_ids: dict[str, int]
    technology_ids: dict[str, int]
    # One unusable password hash and one confirmation time for everybody: hashing per person
    # would dominate the run.
    password: str = field(default_factory=lambda: make_password(None))
    confirmed_at: datetime = field(default_factory=timezone.now)

    @classmethod
    def from_database(cls) -> "Context":
        taken = set()
        for inn, ogrn in Organization.objects.values_list("inn", "ogrn").iterator():
            taken.update((inn, ogrn))
        return cls(
            counter=Organization.objects.count(),
            taken_identifiers=taken,
            taken_emails={e.lower() for e in User.objects.values_list("email", flat=True)},
            industry_ids=dict(Industry.objects.values_list("slug", "pk")),
            technology_ids=dict(Technology.objects.values_list("slug", "pk")),
        )


def _cumulative(weights) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


TYPE_KEYS = list(PROFILES)
TYPE_CUM = _cumulative(p.weight for p in PROFILES.values())
REGION_KEYS = [code for code, _ru, _en in REGIONS]
REGION_CUM = _cumulative(
    REGION_WEIGHTS.get(code, 5 if code in BIG_REGIONS else 1) for code in REGION_KEYS
)
REGION_NAMES = {code: ru for code, ru, _en in REGIONS}
CITIES = {code: city.replace("_", " ") for code, city in (p.split(":") for p in CITY_TABLE.split())}


@functools.cache
def _related_technologies(pool: str, first: str) -> list[str]:
    markets = set(TECHNOLOGIES[first][4].split())
    return [t for t in pool.split() if t != first and markets & set(TECHNOLOGIES[t][4].split())]


class Builder:
    """Makes one organization after another from a seeded random stream.

    Every random choice comes from `rng` or the seeded Faker, in a fixed order, and nothing
    depends on the database except the identifier counter and the taxonomy ids, so a seed
    reproduces the same organizations whatever the batch size.
    """

    def __init__(self, *, seed: int, context: Context):
        self.rng = random.Random(seed)
        self.fake = Faker("ru_RU")
        self.fake.seed_instance(seed)
        self.context = context

    def pick(self, keys, cumulative):
        return self.rng.choices(keys, cum_weights=cumulative)[0]

    def draft(self) -> Draft:
        rng = self.rng
        org_type = self.pick(TYPE_KEYS, TYPE_CUM)
        profile = PROFILES[org_type]
        kind = SOLE_PROPRIETOR if rng.random() < profile.sole else LEGAL_ENTITY
        region = MOSCOW if org_type == T.CITY_ORGANIZATION else self.pick(REGION_KEYS, REGION_CUM)
        year = self.year(profile, kind)
        techs = self.technologies(profile)
        industries = self.industries(profile, techs)
        owner = self.person()
        full_name, short_name, brand = self.names(org_type, profile, kind, techs[0], owner, region)
        headcount = None if rng.random() < 0.05 else self.headcount(profile, kind)
        texts = self.texts(profile, brand, techs, industries[0], year, headcount)
        organization = Organization(
            kind=kind,
            full_name=full_name,
            short_name=short_name,
            region=region,
            legal_address=self.address(region),
            website=self.website(kind, brand),
            org_type=org_type,
            headcount=headcount,
            year_founded=year,
            **texts,
        )
        organization.inn, organization.ogrn = self.identifiers(kind, region, year)
        return Draft(
            organization=organization,
            industry_ids=self.ids(self.context.industry_ids, industries),
            technology_ids=self.ids(self.context.technology_ids, techs),
            products=self.products(profile, brand, techs, industries),
            people=self.people(org_type, kind, owner, brand),
        )

    @staticmethod
    def ids(known: dict[str, int], slugs: list[str]) -> list[int]:
        # An administrator may have removed a term from the taxonomy: then it is left out.
        return [known[s] for s in slugs if s in known]

    def identifiers(self, kind: str, region: str, year: int) -> tuple[str, str]:
        """The next unused pair; checked like a registration form would check it."""
        context = self.context
        while True:
            inn, ogrn = IDENTIFIERS[kind](context.counter, region, year)
            context.counter += 1
            if inn not in context.taken_identifiers and ogrn not in context.taken_identifiers:
                break
        validate_identifiers(kind=kind, inn=inn, ogrn=ogrn)
        context.taken_identifiers.update((inn, ogrn))
        return inn, ogrn

    def year(self, profile: Profile, kind: str) -> int:
        low, high, mode = profile.years
        if kind == SOLE_PROPRIETOR:  # the register of sole proprietors starts in 2004
            low, mode = max(low, 2004), max(mode, 2004)
        return round(self.rng.triangular(low, high, mode))

    def headcount(self, profile: Profile, kind: str) -> int:
        bands = ((1, 1, 15),) if kind == SOLE_PROPRIETOR else profile.staff
        _w, low, high = self.rng.choices(bands, [b[0] for b in bands])[0]
        return round(math.exp(self.rng.uniform(math.log(low), math.log(high))))

    def technologies(self, profile: Profile) -> list[str]:
        """A main technology, then up to three that serve one of its markets."""
        rng = self.rng
        first = rng.choice(profile.techs.split())
        related = _related_technologies(profile.techs, first)
        extra = rng.choices((0, 1, 2, 3), (30, 40, 20, 10))[0]
        return [first, *rng.sample(related, min(extra, len(related)))]

    def industries(self, profile: Profile, techs: list[str]) -> list[str]:
        """The main market of the first technology first, then the type's own, at most three."""
        rng = self.rng
        chosen = [rng.choice(TECHNOLOGIES[techs[0]][4].split()), *profile.industries.split()]
        nearby = [s for t in techs for s in TECHNOLOGIES[t][4].split()]
        chosen += rng.sample(nearby, min(len(nearby), rng.choice((0, 1, 1, 2))))
        return list(dict.fromkeys(chosen))[:3]

    def person(self) -> tuple[str, str, str]:
        fake = self.fake
        if self.rng.random() < 0.5:
            return fake.last_name_male(), fake.first_name_male(), fake.middle_name_male()
        return fake.last_name_female(), fake.first_name_female(), fake.middle_name_female()

    def brand(self) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            brand = rng.choice(BRAND_ROOTS) + rng.choice(BRAND_ENDINGS)
            return brand + (rng.choice(BRAND_TAILS) if rng.random() < 0.25 else "")
        return rng.choice(BRAND_WORDS) + (rng.choice(BRAND_TAILS) if rng.random() < 0.6 else "")

    def names(self, org_type, profile, kind, tech, owner, region) -> tuple[str, str, str]:
        """(full name, short name, brand) the way the state register writes them."""
        rng = self.rng
        brand = self.brand()
        if kind == SOLE_PROPRIETOR:
            last, first, middle = owner
            return (
                f"Индивидуальный предприниматель {last} {first} {middle}",
                f"ИП {last} {first[0]}. {middle[0]}.",
                brand,
            )
        pattern = rng.choice(profile.titles)
        city = UNIVERSITY_CITY.get(region, "Российский") if "{city}" in pattern else ""
        title = pattern.format(brand=brand, field=TECHNOLOGIES[tech][1], city=city)
        if "{brand}" not in pattern:
            brand = acronym(title)
        form = rng.choices(list(profile.forms), list(profile.forms.values()))[0]
        short, full = FORMS[form]
        return f'{full} "{title}"', f'{short} "{title}"', brand

    def address(self, region: str) -> str:
        rng, fake = self.rng, self.fake
        street = f"ул. {fake.street_title()}" if rng.random() < 0.65 else fake.street_name()
        place = f"{street}, д. {rng.randint(1, 120)}"
        if rng.random() < 0.4:
            place += f", {rng.choice(('стр.', 'корп.'))} {rng.randint(1, 9)}"
        if rng.random() < 0.6:
            place += f", {rng.choice(('офис', 'помещ.'))} {rng.randint(1, 450)}"
        if region in FEDERAL_CITIES:
            city, low, high = FEDERAL_CITIES[region]
            return f"{rng.randint(low, high)}, {city}, {place}"
        if region == "50":
            town = f"Московская область, г. {rng.choice(MOSCOW_OBLAST_CITIES)}"
            return f"{rng.randint(140000, 143999)}, {town}, {place}"
        town = REGION_NAMES[region] + (f", г. {CITIES[region]}" if region in CITIES else "")
        return f"{rng.randint(160000, 692999)}, {town}, {place}"

    def website(self, kind: str, brand: str) -> str:
        rng = self.rng
        if rng.random() > (0.5 if kind == SOLE_PROPRIETOR else 0.9):
            return ""
        tld = rng.choice(("ru", "ru", "ru", "ru", "ru", "com", "tech", "io", "su", "pro"))
        return f"https://{slug(brand)}.{tld}"

    def texts(self, profile, brand, techs, industry, year, headcount) -> dict[str, str]:
        """Russian always, English for about a third, both saying what the company does."""
        first, second = TECHNOLOGIES[techs[0]], TECHNOLOGIES[techs[-1]]
        staff = headcount or self.rng.randint(3, 40)
        words = {"brand": brand, "year": year, "for_": INDUSTRY_FOR[industry][0]}
        words |= {"things": first[0], "field": first[1], "field2": second[1]}
        words["staff"] = f"{staff} {ru_plural(staff, 'сотрудник', 'сотрудника', 'сотрудников')}"
        also = ALSO_RU if len(techs) > 1 else ()
        ru = self.paragraph(profile.intro_ru, also, profile.extras_ru, CLOSING_RU, **words)
        en = ""
        if self.rng.random() < 0.3:
            words = {"brand": latin(brand), "year": year, "for_": INDUSTRY_FOR[industry][1]}
            words |= {"things": first[2], "field": first[3], "field2": second[3]}
            also = ALSO_EN if len(techs) > 1 else ()
            en = self.paragraph(profile.intro_en, also, CLOSING_EN, **words)
        return {"description_ru": ru, "description_en": en}

    def paragraph(self, *choices: tuple[str, ...], **words) -> str:
        """One sentence from each non-empty set of choices, filled in with `words`."""
        return " ".join(self.rng.choice(c) for c in choices if c).format(**words)

    def products(self, profile: Profile, brand: str, techs, industries) -> list[Product]:
        """Distinct offers: a service organization sells its services, the rest their tech."""
        offers = [(noun, category, t) for t in techs for noun, category in TECHNOLOGIES[t][5]]
        services = [(noun, profile.service_category, techs[0]) for noun in profile.services]
        offers = services if services and profile.service_category == SV else offers + services
        count = min(self.rng.choices(range(5), profile.products)[0], len(offers))
        return [self.product(o, profile, brand, industries) for o in self.rng.sample(offers, count)]

    def product(self, offer, profile: Profile, brand: str, industries) -> Product:
        rng = self.rng
        noun, category, tech = offer
        # Sold to the organization's own market when the technology serves it.
        markets = TECHNOLOGIES[tech][4].split()
        market = next((i for i in industries if i in markets), markets[0])
        if category == SV:
            trl, variant = 9, ""
            text = f"{noun} для {INDUSTRY_FOR[market][0]}. {rng.choice(SERVICE_TERMS)}"
        else:
            trl, variant = rng.randint(*profile.trl), rng.choice(PRODUCT_VARIANTS)
            benefit = rng.choice(BENEFITS[category]).format(
                p=rng.randint(10, 40), k=rng.randint(2, 4)
            )
            text = f"{noun} для {INDUSTRY_FOR[market][0]}. {benefit} {self.stage(trl)}"
        name = f"{noun} «{brand}{variant}»"
        return Product(name=name, description=text, category=category, trl=trl)

    def stage(self, trl: int) -> str:
        if trl <= 3:
            return "Стадия: проверка концепции, идут лабораторные исследования."
        if trl <= 6:
            return "Стадия: опытный образец, идут испытания."
        if trl <= 8:
            return "Стадия: пилотная эксплуатация у первых заказчиков."
        return f"В промышленной эксплуатации, внедрений: {self.rng.randint(3, 120)}."

    def people(self, org_type, kind, owner, brand) -> list[tuple[User, str]]:
        """One to three members; the first, the owner, is the proprietor himself for an IP."""
        rng = self.rng
        count = rng.choices((1, 2, 3), (45, 35, 20))[0]
        roles = [MemberRole.OWNER, *rng.choices((MemberRole.EDITOR, MemberRole.VIEWER), k=2)]
        domain = f"{slug(brand)}.{PEOPLE_MAIL_TLD}"
        if kind == SOLE_PROPRIETOR:
            first_position = "Индивидуальный предприниматель"
        else:
            first_position = OWNER_POSITIONS.get(org_type, "Генеральный директор")
        people = []
        for index in range(count):
            last, first, middle = owner if index == 0 else self.person()
            position = first_position if index == 0 else rng.choice(POSITIONS)
            user = User(
                email=self.email(first, last, domain),
                full_name=f"{last} {first} {middle}",
                position=position,
                phone=f"+7 (9{rng.randint(0, 99):02d}) {rng.randint(0, 999):03d}-"
                f"{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}",
                password=self.context.password,
                email_confirmed_at=self.context.confirmed_at,
            )
            people.append((user, roles[index]))
        return people

    def email(self, first: str, last: str, domain: str) -> str:
        """first.last.N@brand.example, N from a counter: unique without asking the database."""
        taken = self.context.taken_emails
        base = f"{slug(first).replace('-', '')}.{slug(last).replace('-', '')}"
        number = self.context.counter * 3
        while (email := f"{base}.{number}@{domain}") in taken:
            number += 1
        taken.add(email)
        return email
