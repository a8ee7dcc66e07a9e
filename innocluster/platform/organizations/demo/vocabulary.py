"""The words of the demo data: names, fields, profiles of each kind of organization.

Data, not logic: tables the builder draws from.
"""

from dataclasses import dataclass

from innocluster.core.regions import MOSCOW

from ..choices import OrganizationType, ProductCategory

LAST_YEAR = 2025  # the newest year the data mentions: fixed, so a seed always means the same data
# Generated people get e-mails under a reserved top-level domain (RFC 2606): a notification
# sent by a demo installation can never reach a real mailbox. Websites look real on purpose.
PEOPLE_MAIL_TLD = "example"

T = OrganizationType


def words(text: str) -> tuple[str, ...]:
    """Split a table written as one string of words (short tables stay short)."""
    return tuple(text.split())


S, H, SV, M, MD, EQ, R = (
    ProductCategory.SOFTWARE,
    ProductCategory.HARDWARE,
    ProductCategory.SERVICE,
    ProductCategory.MATERIAL,
    ProductCategory.MEDICAL,
    ProductCategory.EQUIPMENT,
    ProductCategory.RESEARCH,
)

# fmt: off
# slug: (what we make, accusative | the field, genitive | both in English | typical industries |
#        products as (noun, category))
TECHNOLOGIES = {
    "ai": ("решения на основе искусственного интеллекта", "искусственного интеллекта",
           "AI-powered solutions", "artificial intelligence", "it finance healthcare retail",
           (("Платформа интеллектуальной аналитики", S), ("Интеллектуальный ассистент", S))),
    "ml": ("модели машинного обучения для прогнозирования", "машинного обучения",
           "machine learning models for forecasting", "machine learning",
           "finance retail energy transport",
           (("Сервис прогнозной аналитики", S), ("Платформа MLOps", S))),
    "computer-vision": ("системы компьютерного зрения", "компьютерного зрения",
                        "computer vision systems", "computer vision",
                        "manufacturing security transport retail healthcare",
                        (("Платформа видеоаналитики", S),
                         ("Система визуального контроля качества", S))),
    "nlp": ("сервисы обработки естественного языка", "обработки естественного языка",
            "natural language processing services", "natural language processing",
            "finance government retail it",
            (("Голосовой помощник", S), ("Система анализа обращений граждан", S))),
    "big-data": ("платформы обработки больших данных", "больших данных", "big data platforms",
                 "big data", "telecom finance retail government",
                 (("Корпоративное хранилище данных", S), ("BI-платформа", S))),
    "cloud": ("облачные сервисы и инфраструктуру", "облачных технологий",
              "cloud services and infrastructure", "cloud computing",
              "it finance retail education",
              (("Облачная платформа", S), ("Сервис резервного копирования", SV))),
    "iot": ("устройства и платформы интернета вещей", "интернета вещей",
            "internet of things devices and platforms", "the internet of things",
            "housing energy manufacturing agro",
            (("Умный счётчик ресурсов", H), ("IoT-платформа мониторинга", S))),
    "robotics": ("промышленных и сервисных роботов", "робототехники",
                 "industrial and service robots", "robotics",
                 "manufacturing retail healthcare transport",
                 (("Коллаборативный робот", EQ), ("Роботизированная сварочная ячейка", EQ))),
    "3d-printing": ("металлические детали и прототипы методом 3D-печати", "аддитивных технологий",
                    "3D-printed metal parts and prototypes", "additive manufacturing",
                    "manufacturing aerospace healthcare",
                    (("Промышленный 3D-принтер", EQ), ("Металлопорошковая композиция", M))),
    "cnc": ("детали на станках с ЧПУ", "механообработки", "CNC-machined parts", "CNC machining",
            "manufacturing aerospace transport energy",
            (("Фрезерный обрабатывающий центр", EQ), ("Прецизионная механообработка", SV))),
    "blockchain": ("решения на распределённых реестрах", "распределённых реестров",
                   "distributed ledger solutions", "distributed ledgers",
                   "finance government transport",
                   (("Платформа цифровых активов", S), ("Сервис защищённого документооборота", S))),
    "cybersecurity": ("средства защиты информации", "информационной безопасности",
                      "information security tools", "information security",
                      "security finance government it",
                      (("Межсетевой экран нового поколения", S), ("SIEM-система", S))),
    "vr-ar": ("тренажёры виртуальной и дополненной реальности",
              "виртуальной и дополненной реальности", "virtual and augmented reality simulators",
              "virtual and augmented reality", "education creative manufacturing tourism",
              (("VR-тренажёр", S), ("AR-приложение для сервисных инженеров", S))),
    "biotech": ("биотехнологические препараты", "биотехнологий", "biotech products",
                "biotechnology", "pharma healthcare agro",
                (("Рекомбинантный белок", MD), ("Биопрепарат для растениеводства", M))),
    "genomics": ("решения для генетического анализа", "геномики", "genetic testing solutions",
                 "genomics", "healthcare pharma agro",
                 (("Набор реагентов для секвенирования", MD), ("Генетический тест", SV))),
    "new-materials": ("композитные и функциональные материалы", "новых материалов",
                      "composite and functional materials", "new materials",
                      "chemistry construction aerospace manufacturing",
                      (("Композитный материал", M), ("Полимерное защитное покрытие", M))),
    "nanotech": ("наноматериалы и нанопокрытия", "нанотехнологий",
                 "nanomaterials and nanocoatings", "nanotechnology",
                 "chemistry electronics healthcare",
                 (("Нанопорошок оксида алюминия", M), ("Наноструктурированное покрытие", M))),
    "photonics": ("лазерные и оптические системы", "фотоники", "laser and optical systems",
                  "photonics", "manufacturing electronics healthcare telecom",
                  (("Волоконный лазер", EQ), ("Оптоволоконный датчик", H))),
    "microelectronics": ("электронные компоненты и модули", "микроэлектроники",
                         "electronic components and modules", "microelectronics",
                         "electronics telecom transport energy",
                         (("Микроконтроллер", H), ("Силовой модуль", H))),
    "energy-storage": ("системы накопления энергии", "накопителей энергии",
                       "energy storage systems", "energy storage", "energy transport housing",
                       (("Литий-ионный аккумуляторный модуль", H),
                        ("Промышленный накопитель энергии", EQ))),
    "renewables": ("решения для солнечной и ветровой энергетики", "возобновляемой энергетики",
                   "solar and wind power solutions", "renewable energy", "energy ecology housing",
                   (("Солнечная электростанция", EQ), ("Сетевой инвертор", H))),
    "drones": ("беспилотные летательные аппараты", "беспилотных систем",
               "unmanned aerial vehicles", "unmanned systems",
               "agro transport security construction aerospace",
               (("Беспилотный летательный аппарат", H), ("Аэрофотосъёмка и мониторинг", SV))),
    "5g": ("оборудование и решения для сетей 5G", "связи пятого поколения",
           "5G network equipment and solutions", "5G communications",
           "telecom transport manufacturing",
           (("Малая базовая станция", H), ("Выделенная сеть связи 5G", SV))),
    "quantum": ("средства квантовых вычислений и квантовой связи", "квантовых технологий",
                "quantum computing and communication tools", "quantum technologies",
                "science finance telecom security",
                (("Квантовый генератор случайных чисел", H),
                 ("Система квантового распределения ключей", H))),
    "neurotech": ("нейроинтерфейсы и системы нейрореабилитации", "нейротехнологий",
                  "neural interfaces and neurorehabilitation systems", "neurotechnology",
                  "healthcare education",
                  (("Неинвазивный нейроинтерфейс", MD), ("Комплекс нейрореабилитации", MD))),
    "smart-city": ("решения для умного города", "умного города", "smart city solutions",
                   "smart city technology", "housing transport government construction",
                   (("Платформа управления городской инфраструктурой", S),
                    ("Интеллектуальная транспортная система", S))),
    "medtech": ("медицинские изделия", "медицинской техники", "medical devices",
                "medical devices", "healthcare",
                (("Прикроватный монитор пациента", MD), ("Диагностический комплекс", MD))),
    "edtech": ("образовательные платформы и сервисы", "образовательных технологий",
               "learning platforms and services", "educational technology", "education",
               (("Платформа онлайн-обучения", S), ("Цифровой тренажёр", S))),
    "fintech": ("финансовые сервисы и платёжные решения", "финансовых технологий",
                "financial services and payment solutions", "financial technology",
                "finance retail", (("Платёжный шлюз", S), ("Скоринговая система", S))),
    "digital-twins": ("цифровые двойники производств и инфраструктуры", "цифровых двойников",
                      "digital twins of plants and infrastructure", "digital twins",
                      "manufacturing energy construction housing",
                      (("Платформа цифровых двойников", S),
                       ("Система предиктивного обслуживания оборудования", S))),
}

# slug: (whom we serve, genitive after «для»; the same in English)
INDUSTRY_FOR = {
    "it": ("ИТ-компаний", "IT companies"),
    "manufacturing": ("промышленных предприятий", "manufacturers"),
    "healthcare": ("клиник и медицинских центров", "hospitals and clinics"),
    "pharma": ("фармацевтических компаний", "pharmaceutical companies"),
    "education": ("школ и университетов", "schools and universities"),
    "transport": ("транспортных и логистических компаний", "transport and logistics companies"),
    "energy": ("энергетических компаний", "energy companies"),
    "construction": ("строительных компаний и девелоперов", "builders and developers"),
    "housing": ("городского хозяйства", "city utilities"),
    "finance": ("банков и финансовых организаций", "banks and financial institutions"),
    "retail": ("розничной торговли", "retail chains"),
    "agro": ("агрохолдингов и пищевых производств", "farms and food producers"),
    "ecology": ("предприятий по переработке отходов", "recycling companies"),
    "aerospace": ("авиационной и космической отрасли", "the aerospace industry"),
    "electronics": ("производителей электроники", "electronics makers"),
    "chemistry": ("химической промышленности", "the chemical industry"),
    "telecom": ("операторов связи", "telecom operators"),
    "creative": ("креативных индустрий", "the creative industries"),
    "tourism": ("гостиниц и туроператоров", "hotels and tour operators"),
    "security": ("служб безопасности", "security services"),
    "government": ("органов власти", "public authorities"),
    "science": ("научных организаций", "research organizations"),
}

# legal form: (short, full)
FORMS = {
    "ooo": ("ООО", "Общество с ограниченной ответственностью"),
    "ao": ("АО", "Акционерное общество"),
    "pao": ("ПАО", "Публичное акционерное общество"),
    "ano": ("АНО", "Автономная некоммерческая организация"),
    "fgbun": ("ФГБУН", "Федеральное государственное бюджетное учреждение науки"),
    "fgbnu": ("ФГБНУ", "Федеральное государственное бюджетное научное учреждение"),
    "fgaou": ("ФГАОУ ВО", "Федеральное государственное автономное образовательное учреждение "
                          "высшего образования"),
    "fgbou": ("ФГБОУ ВО", "Федеральное государственное бюджетное образовательное учреждение "
                          "высшего образования"),
    "gbu": ("ГБУ города Москвы", "Государственное бюджетное учреждение города Москвы"),
    "gau": ("ГАУ города Москвы", "Государственное автономное учреждение города Москвы"),
}

CITY_TABLE = """
01:Майкоп 02:Уфа 03:Улан-Удэ 04:Горно-Алтайск 05:Махачкала 06:Магас 07:Нальчик 08:Элиста
09:Черкесск 10:Петрозаводск 11:Сыктывкар 12:Йошкар-Ола 13:Саранск 14:Якутск 15:Владикавказ
16:Казань 17:Кызыл 18:Ижевск 19:Абакан 20:Грозный 21:Чебоксары 22:Барнаул 23:Краснодар
24:Красноярск 25:Владивосток 26:Ставрополь 27:Хабаровск 28:Благовещенск 29:Архангельск
30:Астрахань 31:Белгород 32:Брянск 33:Владимир 34:Волгоград 35:Вологда 36:Воронеж 37:Иваново
38:Иркутск 39:Калининград 40:Калуга 41:Петропавловск-Камчатский 42:Кемерово 43:Киров
44:Кострома 45:Курган 46:Курск 47:Гатчина 48:Липецк 49:Магадан 51:Мурманск
52:Нижний_Новгород 53:Великий_Новгород 54:Новосибирск 55:Омск 56:Оренбург 57:Орёл 58:Пенза
59:Пермь 60:Псков 61:Ростов-на-Дону 62:Рязань 63:Самара 64:Саратов 65:Южно-Сахалинск
66:Екатеринбург 67:Смоленск 68:Тамбов 69:Тверь 70:Томск 71:Тула 72:Тюмень 73:Ульяновск
74:Челябинск 75:Чита 76:Ярославль 79:Биробиджан 83:Нарьян-Мар 86:Ханты-Мансийск 87:Анадырь
89:Салехард 91:Симферополь
"""
MOSCOW_OBLAST_CITIES = ("Химки", "Королёв", "Долгопрудный", "Мытищи", "Красногорск", "Дубна",
                        "Фрязино", "Подольск", "Одинцово", "Балашиха", "Реутов", "Жуковский")
FEDERAL_CITIES = {"77": ("г. Москва", 101000, 129999),
                  "78": ("г. Санкт-Петербург", 190000, 199999),
                  "92": ("г. Севастополь", 299000, 299999)}
UNIVERSITY_CITY = {"77": "Московский", "78": "Санкт-Петербургский", "16": "Казанский",
                   "54": "Новосибирский", "66": "Уральский", "70": "Томский",
                   "52": "Нижегородский", "63": "Самарский", "74": "Южно-Уральский"}
# Moscow about 70%, then Moscow Oblast and St Petersburg, then the big regional centres.
REGION_WEIGHTS = {MOSCOW: 700, "50": 80, "78": 60}
BIG_REGIONS = words("16 66 54 52 63 23 74 61 02 59 24 38 70 47 36 40 71 69 76")

BRAND_ROOTS = words("Техно Нейро Инфо Квант Гео Био Нано Смарт Робо Интел Дата Кибер Эко Медиа "
                     "Аэро Электро Термо Гидро Мета Фото Спектр Вектор Сигма Альфа Лазер Синтез")
BRAND_ENDINGS = words("софт лаб систем тех сервис пром маш линк трон ника логика дата")
BRAND_WORDS = words("Прогресс Гелиос Атлас Орбита Фотон Импульс Пульсар Нова Лидер Стрела "
                     "Тензор Магистраль Сфера Полюс Меридиан Азимут Горизонт Парус Кристалл "
                     "Логос Ритм Эталон Ориент Интеграл Модуль Контур Старт Перспектива "
                     "Вершина Созвездие")
BRAND_TAILS = (" Плюс", " Про", "-М", " Инжиниринг", " Решения", " Технологии", " Групп",
               " Лаб", " Системс", " Инновации")
PRODUCT_VARIANTS = ("", "", "", " Pro", " 2.0", "-М", " Lite", " Enterprise")
POSITIONS = ("Технический директор", "Руководитель отдела продаж", "Менеджер по развитию бизнеса",
             "Ведущий инженер", "Руководитель проектов", "Специалист по грантам",
             "Директор по инновациям", "Главный конструктор", "Менеджер по маркетингу")

ALSO_RU = ("Развиваем также направление {field2}.",
           "Компетенции команды охватывают и область {field2}.")
ALSO_EN = ("We also work in {field2}.", "The team's expertise also covers {field2}.")
CLOSING_RU = ("Работаем с {year} года.", "В команде {staff}.",
              "Открыты к пилотным проектам и технологическому партнёрству.",
              "Работаем с заказчиками по всей России.", "Ищем партнёров для совместных проектов.")
CLOSING_EN = ("Founded in {year}.", "Open to pilot projects and technology partnerships.",
              "We work with customers all over Russia.", "We are looking for partners.")
# What a product does for its buyer, by category; no past participles, so any noun fits.
BENEFITS = {
    S: ("Снижает операционные затраты на {p}%.", "Сокращает сроки работ в {k} раза.",
        "Интегрируется с распространёнными отечественными ERP- и MES-системами.",
        "Разворачивается в облаке или на серверах заказчика."),
    H: ("Работает на отечественной компонентной базе.", "Снижает энергопотребление на {p}%.",
        "Выдерживает эксплуатацию в жёстких климатических условиях."),
    EQ: ("Повышает производительность участка в {k} раза.", "Снижает долю брака на {p}%.",
         "Работает на отечественной компонентной базе."),
    M: ("Увеличивает ресурс изделий в {k} раза.", "Снижает массу конструкций на {p}%.",
        "Производится из отечественного сырья."),
    MD: ("Производится по стандартам надлежащей производственной практики (GMP).",
         "Сокращает сроки диагностики и лечения.", "Повышает точность диагностики."),
    R: ("Права на результаты работ передаются заказчику.",
        "Работы ведут доктора и кандидаты наук."),
}
SERVICE_TERMS = ("Условия и стоимость — по запросу.",
                 "Оставьте заявку — ответим в течение двух рабочих дней.",
                 "Для участников кластера действуют льготные условия.")
# fmt: on


@dataclass(frozen=True)
class Profile:
    """How one type of organization looks: its share, size, age, names, texts and products."""

    weight: float  # relative share in the cluster
    sole: float  # share of sole proprietors among organizations of this type
    forms: dict[str, int]  # legal form -> weight
    titles: tuple[str, ...]  # name patterns with {brand}, {field} or {city}
    staff: tuple[tuple[int, int, int], ...]  # headcount bands: (weight, low, high)
    years: tuple[int, int, int]  # year founded: low, high, most likely
    techs: str  # the technologies it picks from
    intro_ru: tuple[str, ...]
    intro_en: tuple[str, ...]
    extras_ru: tuple[str, ...] = ()
    industries: str = ""  # industries it always has
    products: tuple[int, ...] = (10, 30, 30, 20, 10)  # weights of 0, 1, 2, 3, 4 products
    trl: tuple[int, int] = (6, 9)
    services: tuple[str, ...] = ()  # when set, its products are these services
    service_category: str = SV


COMMERCIAL = {"ooo": 86, "ao": 14}
SME = ((50, 1, 15), (35, 16, 100), (12, 101, 250), (3, 251, 1500))
ALL_TECHS = " ".join(TECHNOLOGIES)

# fmt: off
PROFILES = {
    T.IT_COMPANY: Profile(
        40, 0.12, COMMERCIAL, ("{brand}",), SME, (1992, LAST_YEAR, LAST_YEAR - 3),
        "ai ml computer-vision nlp big-data cloud cybersecurity blockchain vr-ar iot fintech "
        "edtech digital-twins smart-city",
        ("Разрабатываем {things} для {for_}.", "Создаём и внедряем {things} для {for_}.",
         "«{brand}» — команда разработчиков: делаем {things} для {for_}."),
        ("We develop {things} for {for_}.", "{brand} builds and deploys {things} for {for_}."),
        ("Программное обеспечение компании включено в реестр российского ПО.",
         "Ведём проекты полного цикла: от обследования до внедрения и сопровождения.",
         "Компания имеет аккредитацию ИТ-организации.")),
    T.MANUFACTURER: Profile(
        25, 0.10, COMMERCIAL, ("{brand}", "НПП {brand}", "Завод {brand}", "НПО {brand}"), SME,
        (1965, LAST_YEAR, LAST_YEAR - 8),
        "robotics 3d-printing cnc new-materials microelectronics photonics energy-storage "
        "renewables drones medtech iot 5g nanotech",
        ("Производим {things} для {for_}.", "Проектируем и выпускаем {things} для {for_}.",
         "Разрабатываем и серийно производим {things} для {for_}."),
        ("We manufacture {things} for {for_}.", "{brand} designs and makes {things} for {for_}."),
        ("Продукция внесена в реестр российской промышленной продукции.",
         "Есть собственное конструкторское бюро и опытное производство.",
         "Участвуем в программах импортозамещения и локализации.")),
    T.STARTUP: Profile(
        12, 0.12, {"ooo": 100}, ("{brand}",), ((70, 1, 15), (30, 16, 60)),
        (2015, LAST_YEAR, LAST_YEAR), ALL_TECHS,
        ("Стартап «{brand}» создаёт {things} для {for_}.",
         "Разрабатываем и выводим на рынок {things} для {for_}."),
        ("{brand} is a startup building {things} for {for_}.",
         "We develop {things} for {for_} and are getting ready to scale."),
        ("Прошли акселерационную программу и ищем индустриальных партнёров для пилотов.",
         "Привлекли посевные инвестиции и ведём пилотные проекты."),
        products=(5, 55, 30, 10, 0), trl=(3, 7)),
    T.RESEARCH_INSTITUTE: Profile(
        2, 0, {"fgbun": 50, "fgbnu": 30, "ao": 20},
        ("НИИ {field}", "Институт {field}", "Научный центр {field}"),
        ((30, 30, 100), (50, 101, 500), (20, 501, 2500)), (1925, 2005, 1965),
        "biotech genomics new-materials nanotech photonics quantum neurotech ai "
        "microelectronics energy-storage",
        ("Институт проводит фундаментальные и прикладные исследования в области {field}.",
         "Ведём научные исследования и опытно-конструкторские работы в области {field} "
         "для {for_}."),
        ("The institute carries out fundamental and applied research in {field}.",),
        ("При институте работают аспирантура и диссертационный совет.",
         "Результаты исследований защищены патентами и публикуются в ведущих журналах."),
        industries="science", products=(20, 30, 30, 15, 5), trl=(2, 6),
        services=("Научно-исследовательские работы", "Научная экспертиза проектов"),
        service_category=R),
    T.UNIVERSITY: Profile(
        1.5, 0, {"fgaou": 50, "fgbou": 40, "ano": 10},
        ("{city} государственный технический университет", "{city} политехнический университет",
         "{city} технологический университет", "{city} государственный университет",
         "{city} инженерно-физический институт", "{city} государственный медицинский "
         "университет"),
        ((100, 800, 15000),), (1755, 1995, 1930),
        "ai ml robotics biotech new-materials photonics quantum edtech microelectronics",
        ("Университет готовит инженеров и исследователей и ведёт научную работу в области "
         "{field}.", "Готовим специалистов и выполняем НИОКР в области {field} по заказу {for_}."),
        ("The university trains engineers and researchers and does research in {field}.",),
        ("При университете работают инжиниринговый центр и студенческий технопарк.",
         "Выпускники работают в ведущих технологических компаниях страны."),
        industries="education science", products=(30, 30, 25, 15, 0), trl=(1, 6),
        services=("Программа повышения квалификации", "Опытно-конструкторские работы"),
        service_category=R),
    T.LABORATORY: Profile(
        2, 0, {"ooo": 80, "ano": 20}, ("Лаборатория {field}", "Лаборатория {brand}"),
        ((70, 3, 15), (30, 16, 60)), (2000, LAST_YEAR, 2015),
        "biotech genomics nanotech photonics new-materials medtech quantum computer-vision",
        ("Лаборатория ведёт исследования и опытно-конструкторские работы в области {field}.",
         "Выполняем исследования и испытания в области {field} по заказу {for_}."),
        ("The laboratory does research and development in {field}.",),
        ("Лаборатория оснащена современным аналитическим оборудованием.",),
        industries="science", products=(20, 40, 30, 10, 0), trl=(2, 6),
        services=("Лабораторные исследования", "Испытания опытных образцов"),
        service_category=R),
    T.TECHNOLOGY_PARK: Profile(
        1, 0, {"ao": 50, "ooo": 50}, ("Технопарк {brand}",), ((60, 20, 100), (40, 101, 300)),
        (2008, LAST_YEAR, 2016), "microelectronics robotics 3d-printing new-materials biotech iot",
        ("Технопарк предоставляет резидентам производственные и офисные площади, лаборатории и "
         "сервисы для компаний в области {field}.",),
        ("The technology park offers its residents production and office space, laboratories "
         "and services for companies in {field}.",),
        ("Резиденты получают льготы по налогам на имущество и землю.",
         "На территории работает центр коллективного пользования и прототипирования."),
        products=(20, 50, 30, 0, 0), trl=(9, 9),
        services=("Аренда производственных помещений", "Центр коллективного пользования",
                  "Акселерационная программа для резидентов")),
    T.BUSINESS_INCUBATOR: Profile(
        0.7, 0, {"ano": 60, "ooo": 40}, ("Бизнес-инкубатор {brand}", "Акселератор {brand}"),
        ((100, 3, 40),), (2010, LAST_YEAR, 2018), "ai fintech edtech iot medtech smart-city",
        ("Бизнес-инкубатор помогает стартапам в области {field} пройти путь от идеи до первых "
         "продаж.",),
        ("The incubator helps startups in {field} go from an idea to their first sales.",),
        ("Проводим акселерационные программы дважды в год.",),
        products=(30, 50, 20, 0, 0), trl=(9, 9),
        services=("Программа предакселерации", "Менторская программа")),
    T.CERTIFICATION_CENTRE: Profile(
        1, 0, {"ooo": 80, "ano": 20}, ("Испытательный центр {brand}", "Центр сертификации {brand}"),
        ((60, 5, 50), (40, 51, 200)), (1995, LAST_YEAR, 2012),
        "microelectronics medtech 5g iot cybersecurity new-materials energy-storage",
        ("Испытательный центр проверяет {things} на соответствие техническим регламентам.",
         "Проводим испытания и сертификацию: {things} для {for_}."),
        ("The test centre checks {things} against technical regulations.",),
        ("Центр аккредитован в национальной системе аккредитации.",),
        products=(10, 40, 40, 10, 0), trl=(9, 9),
        services=("Испытания на электромагнитную совместимость", "Климатические испытания",
                  "Сертификация продукции")),
    T.COWORKING: Profile(
        0.8, 0.15, {"ooo": 100}, ("{brand} Хаб", "Коворкинг {brand}"), ((100, 2, 20),),
        (2012, LAST_YEAR, 2019), "ai cloud edtech fintech vr-ar",
        ("Коворкинг для технологических команд: рабочие места, переговорные и мероприятия для "
         "сообщества специалистов {field}.",),
        ("A coworking space for tech teams: desks, meeting rooms and events for people working "
         "in {field}.",),
        ("Открыты круглосуточно, есть мастерская для прототипирования.",),
        products=(30, 50, 20, 0, 0), trl=(9, 9),
        services=("Фиксированное рабочее место", "Аренда переговорных", "Проведение мероприятий")),
    T.LARGE_CORPORATION: Profile(
        2, 0, {"pao": 40, "ao": 60}, ("{brand}", "Группа {brand}", "Корпорация {brand}"),
        ((100, 300, 60000),), (1935, 2012, 1995),
        "big-data cloud 5g microelectronics energy-storage drones digital-twins cybersecurity ai",
        ("Крупная технологическая компания: разрабатываем и внедряем {things} для {for_}.",
         "Группа «{brand}» — один из ведущих российских поставщиков: {things} для {for_}."),
        ("A large technology company developing and deploying {things} for {for_}.",),
        ("Развиваем открытые инновации и ищем стартапы для пилотных проектов.",
         "У компании есть собственный корпоративный венчурный фонд."),
        products=(5, 15, 30, 30, 20), trl=(7, 9)),
    T.DEVELOPMENT_INSTITUTION: Profile(
        0.3, 0, {"ano": 60, "ao": 40}, ("Фонд развития {field}", "Агентство развития {field}"),
        ((100, 15, 200),), (2005, 2022, 2014), ALL_TECHS,
        ("Поддерживаем технологические компании в области {field}: гранты, льготные займы и "
         "акселерация.",),
        ("We support technology companies in {field} with grants, soft loans and acceleration.",),
        ("Работаем с компаниями на всех стадиях — от стартапа до серийного производства.",),
        industries="government", products=(30, 50, 20, 0, 0), trl=(9, 9),
        services=("Грантовая программа", "Льготный заём на внедрение")),
    T.CITY_ORGANIZATION: Profile(
        0.5, 0, {"gbu": 70, "gau": 30}, ("Центр {field}", "Дирекция проектов {field}"),
        ((100, 50, 3000),), (1995, 2022, 2012),
        "smart-city iot big-data ai digital-twins computer-vision edtech",
        ("Городская организация внедряет {things} в интересах жителей Москвы.",
         "Организуем городские пилоты: {things} для {for_}."),
        ("A city organization deploying {things} for the people of Moscow.",),
        ("Предоставляем городские площадки для тестирования инноваций.",),
        industries="government", products=(40, 40, 20, 0, 0), trl=(9, 9),
        services=("Городская тестовая площадка", "Программа пилотного внедрения")),
    T.INVESTOR: Profile(
        1.2, 0.25, {"ooo": 70, "ao": 30}, ("{brand} Капитал", "{brand} Венчурс", "Фонд {brand}"),
        ((100, 2, 30),), (2005, LAST_YEAR, 2017), "ai fintech medtech biotech cloud edtech",
        ("Инвестируем в технологические компании ранних стадий в области {field}.",
         "Венчурный фонд: вкладываем в команды, которые создают {things} для {for_}."),
        ("We invest in early-stage technology companies in {field}.",),
        ("Средний чек — от 10 до 100 млн рублей.",),
        industries="finance", products=(40, 50, 10, 0, 0), trl=(9, 9),
        services=("Посевные инвестиции", "Инвестиции раунда A")),
}
# fmt: on

OWNER_POSITIONS = {
    T.UNIVERSITY: "Проректор по научной работе",
    T.RESEARCH_INSTITUTE: "Заместитель директора по науке",
    T.INVESTOR: "Управляющий партнёр",
    T.CITY_ORGANIZATION: "Директор",
}
