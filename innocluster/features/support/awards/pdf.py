"""The grant agreement as a PDF (fpdf2, the Roboto font of the `font_roboto` package).

The document is legal Russian whatever the reader's language, and deterministic: the same
award gives the same bytes (the creation date is the award's moment, not the clock), so its
SHA-256 names the very text both sides accept. The dates of the schedule are not known until
the agreement comes into force, so the document states them as rules, counted from that day.
"""

import datetime as dt
import logging
from decimal import Decimal

import font_roboto
from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from innocluster.core.calendar import MOSCOW

from .schedule import PAYMENT_BUSINESS_DAYS, Planned

# fpdf2 subsets the font with fontTools, which logs each step at INFO (dozens of lines per
# document) into the root logger: only its warnings are worth reading.
logging.getLogger("fontTools").setLevel(logging.WARNING)

# The fund's name as it signs agreements; SUPPORT_FUND_NAME in the settings overrides it.
FUND_NAME = "Фонд «Инновационный кластер»"
MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
NBSP = "\u00a0"
FONT = "Roboto"
BODY_SIZE = 10.5
LINE = 5.2


def fund_name() -> str:
    return getattr(settings, "SUPPORT_FUND_NAME", FUND_NAME)


def rub(amount: Decimal) -> str:
    """1234567.8 → "1 234 567,80": groups by no-break spaces, a decimal comma."""
    whole, kopecks = f"{amount:,.2f}".split(".")
    return whole.replace(",", NBSP) + "," + kopecks


def long_date(day: dt.date) -> str:
    return f"«{day.day:02d}» {MONTHS[day.month - 1]} {day.year} г."


def agreement_pdf(award, *, number: str, planned: list[Planned]) -> bytes:
    """The agreement of `award` under `number`, with the schedule `planned`."""
    signed_on = award.awarded_at.astimezone(MOSCOW)
    pdf = _document(number, signed_on)
    _heading(pdf, number, signed_on.date())
    _paragraph(pdf, _preamble(award.organization))
    _section(pdf, "1. Предмет соглашения")
    _paragraph(pdf, _subject(award))
    _section(pdf, "2. График выплат")
    _schedule(pdf, planned, award.amount)
    _section(pdf, "3. Условия")
    for clause in _conditions(planned):
        _paragraph(pdf, clause)
    _section(pdf, "4. Стороны")
    _parties(pdf, award.organization)
    return bytes(pdf.output())


def _document(number: str, signed_on: dt.datetime) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FONT, "", font_roboto.Roboto)
    pdf.add_font(FONT, "B", font_roboto.RobotoBold)
    pdf.set_title(f"Соглашение № {number}")
    pdf.set_author(fund_name())
    pdf.set_creation_date(signed_on)
    pdf.add_page()
    return pdf


def _heading(pdf: FPDF, number: str, day: dt.date) -> None:
    pdf.set_font(FONT, "B", 14)
    _line(pdf, f"СОГЛАШЕНИЕ № {number}", align="C")
    pdf.set_font(FONT, "", 11)
    _line(pdf, "о предоставлении гранта в рамках меры поддержки", align="C")
    pdf.ln(4)
    pdf.set_font(FONT, "", BODY_SIZE)
    pdf.cell(pdf.epw / 2, LINE, "г. Москва")
    _line(pdf, long_date(day), align="R", width=pdf.epw / 2)
    pdf.ln(3)


def _preamble(organization) -> str:
    return (
        f"{fund_name()} (далее — Фонд), с одной стороны, и {organization.full_name} "
        f"(ИНН {organization.inn}, ОГРН {organization.ogrn}, юридический адрес: "
        f"{organization.legal_address or 'не указан'}) (далее — Получатель), с другой стороны, "
        "совместно именуемые Стороны, заключили настоящее Соглашение о нижеследующем."
    )


def _subject(award) -> str:
    return (
        f"1.1. Фонд предоставляет Получателю грант в рамках меры поддержки "
        f"«{award.measure.title_ru}» по заявке № {award.application.case.number} "
        f"в размере {rub(award.amount)} руб. на возмещение затрат, указанных в заявке и "
        "принятых Фондом при её рассмотрении."
    )


def _schedule(pdf: FPDF, planned: list[Planned], total: Decimal) -> None:
    pdf.set_font(FONT, "", 9.5)
    rows = [("№", "Выплата", "Сумма, руб.", "Срок выплаты")]
    rows += [(str(t.number), _what(t), rub(t.amount), _when(t)) for t in planned]
    rows.append(("", "Итого", rub(total), ""))
    with pdf.table(
        col_widths=(8, 30, 22, 60),
        text_align=("CENTER", "LEFT", "RIGHT", "LEFT"),
        line_height=LINE,
        first_row_as_headings=True,
        headings_style=FontFace(family=FONT, emphasis="BOLD"),
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.ln(3)


def _what(tranche: Planned) -> str:
    return "Аванс" if tranche.period == 0 else f"Транш за {tranche.period}-й год"


def _when(tranche: Planned) -> str:
    if tranche.period == 0:
        return f"в течение {PAYMENT_BUSINESS_DAYS} рабочих дней со дня вступления Соглашения в силу"
    return (
        f"в течение {PAYMENT_BUSINESS_DAYS} рабочих дней после срока представления отчёта "
        f"за {tranche.period}-й год ({_anniversary(tranche.period)} годовщина дня вступления "
        "Соглашения в силу), при условии принятия отчёта Фондом"
    )


def _anniversary(period: int) -> str:
    words = ("первая", "вторая", "третья", "четвёртая", "пятая")
    return words[period - 1] if period <= len(words) else f"{period}-я"


def _conditions(planned: list[Planned]) -> list[str]:
    clauses = [
        "3.1. Соглашение вступает в силу в день, когда его приняли обе Стороны на платформе "
        "инновационного кластера. Принятие фиксирует принявшее лицо, время и хеш SHA-256 "
        "настоящего документа; документ с иным хешем не является принятым.",
    ]
    if any(tranche.period for tranche in planned):
        clauses += [
            "3.2. Получатель представляет на платформе отчёт о фактических затратах за каждый "
            "год действия Соглашения не позднее годовщины дня вступления Соглашения в силу.",
            "3.3. Каждый транш после аванса выплачивается только после принятия Фондом отчёта "
            "о фактических затратах за предшествующий год. Непредставленный или непринятый "
            "отчёт приостанавливает выплату следующего транша до принятия отчёта.",
        ]
    n = len(clauses) + 1
    clauses += [
        f"3.{n}. Получатель использует грант на цели, указанные в заявке, и хранит документы, "
        "подтверждающие затраты, не менее пяти лет.",
        f"3.{n + 1}. Суммы указаны в рублях с копейками; сумма всех выплат равна размеру гранта. "
        "Выплаты производятся в порядке очерёдности, указанном в графике.",
    ]
    return clauses


def _parties(pdf: FPDF, organization) -> None:
    _paragraph(pdf, f"Фонд: {fund_name()}.")
    _paragraph(
        pdf,
        f"Получатель: {organization.full_name}, ИНН {organization.inn}, "
        f"ОГРН {organization.ogrn}, юридический адрес: "
        f"{organization.legal_address or 'не указан'}.",
    )


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11.5)
    _line(pdf, title)
    pdf.set_font(FONT, "", BODY_SIZE)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, LINE, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _line(pdf: FPDF, text: str, *, align: str = "L", width: float = 0) -> None:
    pdf.cell(width, LINE + 1, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
