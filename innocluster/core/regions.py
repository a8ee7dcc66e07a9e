"""The federal subjects of Russia, keyed by their two-digit code (77 = Moscow).

The codes are those of the tax authorities, the same that open an INN. Names are kept in both
languages of the platform here rather than in the message catalogue: they are data, not UI.
"""

from django.utils.translation import get_language

MOSCOW = "77"

# code, Russian name, English name
REGIONS: tuple[tuple[str, str, str], ...] = (
    ("01", "Республика Адыгея", "Republic of Adygea"),
    ("02", "Республика Башкортостан", "Republic of Bashkortostan"),
    ("03", "Республика Бурятия", "Republic of Buryatia"),
    ("04", "Республика Алтай", "Altai Republic"),
    ("05", "Республика Дагестан", "Republic of Dagestan"),
    ("06", "Республика Ингушетия", "Republic of Ingushetia"),
    ("07", "Кабардино-Балкарская Республика", "Kabardino-Balkar Republic"),
    ("08", "Республика Калмыкия", "Republic of Kalmykia"),
    ("09", "Карачаево-Черкесская Республика", "Karachay-Cherkess Republic"),
    ("10", "Республика Карелия", "Republic of Karelia"),
    ("11", "Республика Коми", "Komi Republic"),
    ("12", "Республика Марий Эл", "Mari El Republic"),
    ("13", "Республика Мордовия", "Republic of Mordovia"),
    ("14", "Республика Саха (Якутия)", "Sakha (Yakutia) Republic"),
    ("15", "Республика Северная Осетия — Алания", "Republic of North Ossetia–Alania"),
    ("16", "Республика Татарстан", "Republic of Tatarstan"),
    ("17", "Республика Тыва", "Tuva Republic"),
    ("18", "Удмуртская Республика", "Udmurt Republic"),
    ("19", "Республика Хакасия", "Republic of Khakassia"),
    ("20", "Чеченская Республика", "Chechen Republic"),
    ("21", "Чувашская Республика", "Chuvash Republic"),
    ("22", "Алтайский край", "Altai Krai"),
    ("23", "Краснодарский край", "Krasnodar Krai"),
    ("24", "Красноярский край", "Krasnoyarsk Krai"),
    ("25", "Приморский край", "Primorsky Krai"),
    ("26", "Ставропольский край", "Stavropol Krai"),
    ("27", "Хабаровский край", "Khabarovsk Krai"),
    ("28", "Амурская область", "Amur Oblast"),
    ("29", "Архангельская область", "Arkhangelsk Oblast"),
    ("30", "Астраханская область", "Astrakhan Oblast"),
    ("31", "Белгородская область", "Belgorod Oblast"),
    ("32", "Брянская область", "Bryansk Oblast"),
    ("33", "Владимирская область", "Vladimir Oblast"),
    ("34", "Волгоградская область", "Volgograd Oblast"),
    ("35", "Вологодская область", "Vologda Oblast"),
    ("36", "Воронежская область", "Voronezh Oblast"),
    ("37", "Ивановская область", "Ivanovo Oblast"),
    ("38", "Иркутская область", "Irkutsk Oblast"),
    ("39", "Калининградская область", "Kaliningrad Oblast"),
    ("40", "Калужская область", "Kaluga Oblast"),
    ("41", "Камчатский край", "Kamchatka Krai"),
    ("42", "Кемеровская область — Кузбасс", "Kemerovo Oblast — Kuzbass"),
    ("43", "Кировская область", "Kirov Oblast"),
    ("44", "Костромская область", "Kostroma Oblast"),
    ("45", "Курганская область", "Kurgan Oblast"),
    ("46", "Курская область", "Kursk Oblast"),
    ("47", "Ленинградская область", "Leningrad Oblast"),
    ("48", "Липецкая область", "Lipetsk Oblast"),
    ("49", "Магаданская область", "Magadan Oblast"),
    ("50", "Московская область", "Moscow Oblast"),
    ("51", "Мурманская область", "Murmansk Oblast"),
    ("52", "Нижегородская область", "Nizhny Novgorod Oblast"),
    ("53", "Новгородская область", "Novgorod Oblast"),
    ("54", "Новосибирская область", "Novosibirsk Oblast"),
    ("55", "Омская область", "Omsk Oblast"),
    ("56", "Оренбургская область", "Orenburg Oblast"),
    ("57", "Орловская область", "Oryol Oblast"),
    ("58", "Пензенская область", "Penza Oblast"),
    ("59", "Пермский край", "Perm Krai"),
    ("60", "Псковская область", "Pskov Oblast"),
    ("61", "Ростовская область", "Rostov Oblast"),
    ("62", "Рязанская область", "Ryazan Oblast"),
    ("63", "Самарская область", "Samara Oblast"),
    ("64", "Саратовская область", "Saratov Oblast"),
    ("65", "Сахалинская область", "Sakhalin Oblast"),
    ("66", "Свердловская область", "Sverdlovsk Oblast"),
    ("67", "Смоленская область", "Smolensk Oblast"),
    ("68", "Тамбовская область", "Tambov Oblast"),
    ("69", "Тверская область", "Tver Oblast"),
    ("70", "Томская область", "Tomsk Oblast"),
    ("71", "Тульская область", "Tula Oblast"),
    ("72", "Тюменская область", "Tyumen Oblast"),
    ("73", "Ульяновская область", "Ulyanovsk Oblast"),
    ("74", "Челябинская область", "Chelyabinsk Oblast"),
    ("75", "Забайкальский край", "Zabaykalsky Krai"),
    ("76", "Ярославская область", "Yaroslavl Oblast"),
    ("77", "Москва", "Moscow"),
    ("78", "Санкт-Петербург", "Saint Petersburg"),
    ("79", "Еврейская автономная область", "Jewish Autonomous Oblast"),
    ("83", "Ненецкий автономный округ", "Nenets Autonomous Okrug"),
    ("86", "Ханты-Мансийский автономный округ — Югра", "Khanty-Mansi Autonomous Okrug — Yugra"),
    ("87", "Чукотский автономный округ", "Chukotka Autonomous Okrug"),
    ("89", "Ямало-Ненецкий автономный округ", "Yamalo-Nenets Autonomous Okrug"),
    ("90", "Запорожская область", "Zaporozhye Oblast"),
    ("91", "Республика Крым", "Republic of Crimea"),
    ("92", "Севастополь", "Sevastopol"),
    ("93", "Донецкая Народная Республика", "Donetsk People's Republic"),
    ("94", "Луганская Народная Республика", "Luhansk People's Republic"),
    ("95", "Херсонская область", "Kherson Oblast"),
)
CODES = frozenset(code for code, _ru, _en in REGIONS)
# Plain (code, code) pairs: for the API, where the value is the code and names are separate.
CODE_CHOICES = [(code, code) for code, _ru, _en in REGIONS]
_NAMES = {code: (ru, en) for code, ru, en in REGIONS}


# Tax office codes that no longer name a region of their own: the autonomous okrugs merged into
# larger regions in 2005–2008 kept their codes in the INNs issued before (80 Aga Buryat → 75
# Zabaykalsky, 81 Komi-Permyak → 59 Perm, 82 Koryak → 41 Kamchatka, 84 Taimyr and 88 Evenk → 24
# Krasnoyarsk, 85 Ust-Orda Buryat → 38 Irkutsk). 99 (the inspectorates of the largest
# taxpayers) names no region at all: no guess for it.
_MERGED_TAX_CODES = {"80": "75", "81": "59", "82": "41", "84": "24", "85": "38", "88": "24"}
# The first two digits of an INN → the region they stand for (what the forms preselect).
REGION_BY_INN_PREFIX = {**{code: code for code in CODES}, **_MERGED_TAX_CODES}


def region_from_inn(inn: str) -> str | None:
    """The region an INN was issued in: its first two digits are the tax office's region
    code (7707083893 → 77, Moscow). None when the INN is too short or names no region."""
    inn = (inn or "").strip()
    if len(inn) < 2 or not inn[:2].isdigit():
        return None
    return REGION_BY_INN_PREFIX.get(inn[:2])


def region_name(code: str) -> str:
    """The region's name in the active language (Russian unless English is active)."""
    ru, en = _NAMES.get(code, (code, code))
    return en if _english() else ru


def _english() -> bool:
    return (get_language() or "ru").startswith("en")


# Each language's choices, made once: a catalogue's form and facets ask for them on every
# request (issue 18: 85 names, each looking up the language, on every page with a region).
_CHOICES = {
    english: tuple((code, f"{code} — {en if english else ru}") for code, ru, en in REGIONS)
    for english in (False, True)
}


def region_choices() -> list[tuple[str, str]]:
    """Choices whose labels follow the active language (Django calls this on each use)."""
    return list(_CHOICES[_english()])
