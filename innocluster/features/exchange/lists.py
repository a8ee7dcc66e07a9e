"""The managed lists: the common OKEI units (ОК 015-94, their codes and national symbols) and
the production processes and materials orders are classified by, with the units each is
measured in. Migration 0002 seeds a new installation with them; later changes are made in the
admin."""

UNITS = [
    # code, name, English name, symbol, English symbol
    ("003", "Миллиметр", "Millimetre", "мм", "mm"),
    ("006", "Метр", "Metre", "м", "m"),
    ("018", "Погонный метр", "Running metre", "пог. м", "lin. m"),
    ("055", "Квадратный метр", "Square metre", "м²", "m²"),
    ("112", "Литр", "Litre", "л", "l"),
    ("113", "Кубический метр", "Cubic metre", "м³", "m³"),
    ("163", "Грамм", "Gram", "г", "g"),
    ("166", "Килограмм", "Kilogram", "кг", "kg"),
    ("168", "Тонна", "Tonne", "т", "t"),
    ("715", "Пара", "Pair", "пар", "pr"),
    ("796", "Штука", "Piece", "шт", "pcs"),
    ("839", "Комплект", "Set", "компл", "set"),
    ("356", "Час", "Hour", "ч", "h"),
]
PIECES = ["796", "839"]
CATEGORIES = [
    # code, kind, name, English name, unit codes
    ("cnc-milling", "process", "Фрезерная обработка с ЧПУ", "CNC milling", PIECES),
    ("cnc-turning", "process", "Токарная обработка с ЧПУ", "CNC turning", PIECES),
    (
        "sheet-metal",
        "process",
        "Листовая штамповка и гибка",
        "Sheet metal stamping and bending",
        [*PIECES, "166", "168"],
    ),
    ("laser-cutting", "process", "Лазерная резка", "Laser cutting", [*PIECES, "055", "018"]),
    ("welding", "process", "Сварка", "Welding", [*PIECES, "018"]),
    ("casting", "process", "Литьё", "Casting", [*PIECES, "166", "168"]),
    (
        "injection-molding",
        "process",
        "Литьё пластмасс под давлением",
        "Plastic injection moulding",
        [*PIECES, "166"],
    ),
    (
        "additive",
        "process",
        "Аддитивное производство (3D-печать)",
        "Additive manufacturing (3D printing)",
        [*PIECES, "163"],
    ),
    ("pcb-assembly", "process", "Монтаж печатных плат", "PCB assembly", PIECES),
    ("instrument-making", "process", "Приборостроение", "Instrument making", PIECES),
    ("coating", "process", "Покрытия и окраска", "Coating and painting", [*PIECES, "055"]),
    ("heat-treatment", "process", "Термообработка", "Heat treatment", [*PIECES, "166", "168"]),
    ("prototyping", "process", "Изготовление прототипов", "Prototyping", [*PIECES, "356"]),
    ("steel", "material", "Сталь", "Steel", ["166", "168", "006", "003", "796"]),
    (
        "aluminium",
        "material",
        "Алюминий и сплавы",
        "Aluminium and alloys",
        ["166", "168", "006", "796"],
    ),
    ("plastics", "material", "Пластмассы", "Plastics", ["163", "166", "168", "796"]),
    ("composites", "material", "Композиты", "Composites", ["166", "055", "796"]),
    (
        "electronic-components",
        "material",
        "Электронные компоненты",
        "Electronic components",
        PIECES,
    ),
    ("rubber", "material", "Резинотехнические изделия", "Rubber goods", [*PIECES, "715", "166"]),
    ("chemicals", "material", "Химические продукты", "Chemicals", ["112", "113", "166", "168"]),
]


def seed(Unit, Category) -> None:  # noqa: N803 (the migration passes its historical models)
    """Write the lists (again: what is there is updated, nothing is duplicated)."""
    units = {}
    for code, name, name_en, symbol, symbol_en in UNITS:
        units[code], _ = Unit.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "symbol": symbol, "symbol_en": symbol_en},
        )
    for position, (code, kind, name, name_en, codes) in enumerate(CATEGORIES):
        category, _ = Category.objects.update_or_create(
            code=code,
            defaults={"kind": kind, "name": name, "name_en": name_en, "position": position},
        )
        category.units.set([units[c] for c in codes])


# The words suppliers are found by for each category (matching.py): each phrase is one search
# of the platform (every word of it required, each word as its stems and forms), any phrase
# may match. Russian and English, since profiles are written in either. A category added in
# the admin is found by its names.
MATCH_PHRASES = {
    "cnc-milling": ["фрезерный", "фрезерование", "фрезеровка", "milling"],
    "cnc-turning": ["токарный", "токарная обработка", "turning", "lathe"],
    "sheet-metal": ["листовой металл", "штамповка", "гибка металла", "sheet metal"],
    "laser-cutting": ["лазерная резка", "лазерной резки", "laser cutting"],
    "welding": ["сварка", "сварочный", "welding"],
    "casting": ["литьё", "литейный", "casting", "foundry"],
    "injection-molding": [
        "литьё пластмасс",
        "литьё под давлением",
        "термопластавтомат",
        "injection moulding",
        "injection molding",
    ],
    "additive": ["3D-печать", "аддитивный", "3D printing", "additive"],
    "pcb-assembly": ["печатных плат", "монтаж плат", "PCB", "SMT"],
    "instrument-making": ["приборостроение", "instrument making"],
    "coating": ["покрытие", "окраска", "coating", "painting"],
    "heat-treatment": ["термообработка", "термическая обработка", "heat treatment"],
    "prototyping": ["прототип", "опытный образец", "prototyping", "prototype"],
    "steel": ["сталь", "металлопрокат", "steel"],
    "aluminium": ["алюминий", "алюминиевый", "aluminium", "aluminum"],
    "plastics": ["пластмасса", "пластик", "полимер", "plastic"],
    "composites": ["композит", "углепластик", "composite"],
    "electronic-components": ["электронные компоненты", "микросхема", "electronic components"],
    "rubber": ["резинотехнический", "резина", "rubber"],
    "chemicals": ["химическая продукция", "химикаты", "chemicals"],
}
