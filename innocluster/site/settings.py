"""Settings for innocluster, read only from the environment.

Every setting has a safe development default, so `make run` needs nothing. Production mode
(`INNOCLUSTER_ENV=production`) refuses to start without a real SECRET_KEY and turns on every
HTTPS and cookie protection that `manage.py check --deploy` asks for.
"""

from pathlib import Path

import environ
import xstatic.pkg.leaflet as xstatic_leaflet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VAR_DIR = Path(env.str("INNOCLUSTER_VAR_DIR", default=str(Path.cwd() / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env.str("INNOCLUSTER_ENV", default="development") == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

_DEV_SECRET = "dev-insecure-secret-key-change-me-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Production mode needs SECRET_KEY from the environment: at least 50 random characters."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("Production mode needs SITE_URL, the https:// address of the site.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "innocluster.site.thirdparty.TasksDatabaseConfig",  # django_tasks_db, named in Russian too
    "csp",
    "innocluster.site.thirdparty.SignInAttemptsConfig",  # axes, named in Russian too
    "django_ratelimit",
    # The tiers, lowest first; a tier imports only from those above it here (import-linter).
    "innocluster.core",
    "innocluster.platform.accounts",
    "innocluster.platform.organizations",
    "innocluster.platform.ledger",
    "innocluster.platform.notifications",
    "innocluster.platform.reviews",
    "innocluster.platform.status",
    "innocluster.platform.search",
    "innocluster.features.ipregistry",
    "innocluster.features.directory",
    "innocluster.features.facilities",
    "innocluster.features.support",
    "innocluster.features.clusters",
    "innocluster.features.chains",
    "innocluster.features.community",
    "innocluster.features.challenges",
    "innocluster.features.pilots",
    "innocluster.features.exchange",
    "innocluster.features.jobs",
    "innocluster.features.marketplace",
    "innocluster.features.kpireports",
    "innocluster.features.figures",
    "innocluster.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answer from WhiteNoise before the gzip below: theirs are compressed at
    # collectstatic (.gz and .br beside each file, production's storage).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every middleware below may change the body; gzip must see it last.
    "innocluster.site.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "innocluster.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "innocluster.platform.accounts.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes last: it must see the result of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

# Forms drawn as Django draws them, the commonest widgets in Python (core/formrender.py).
FORM_RENDERER = "innocluster.core.formrender.FormRenderer"

ROOT_URLCONF = "innocluster.site.urls"
WSGI_APPLICATION = "innocluster.site.wsgi.application"
ASGI_APPLICATION = "innocluster.site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "innocluster.core.context_processors.language_links",
                "innocluster.platform.notifications.context_processors.unread_notifications",
            ],
        },
    }
]

# --- Database: SQLite (WAL) under var/ by default, PostgreSQL by DATABASE_URL ---------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'innocluster.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE makes writers queue for the lock at BEGIN instead of failing mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Each thread keeps its connection between requests for a minute. On SQLite too (issue 18): a
# new connection cost 4-5 ms of CPU, more than most pages' own work: 3 ms its first statement's
# reading of the schema (594 tables, indexes and triggers), the rest Django's setting it up; a
# kept one sees other connections' commits and schema changes all the same (WAL, autocommit).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Server-side prepared statements (psycopg's prepare_threshold; Django turns them off). They
    # only apply to cursors that bind values on the server: Django's own cursors bind on the
    # client and are never prepared, so today these are the ledger's statements alone
    # (ledger/store.py: the queue's INSERT of an append, the batch INSERT of sequencing): not
    # parsed and planned each time, an append takes ~0.15 ms less. Behind a pooler in
    # transaction mode that cannot keep prepared statements (PgBouncer before 1.21), remove it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions: local memory by default, Redis by REDIS_URL ------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if PRODUCTION and not REDIS_URL:
    # Several web processes must share rate limits and sessions: a cache in each is not enough.
    raise ImproperlyConfigured("Production mode needs REDIS_URL for the shared cache.")
# The search's results in the query cache (features/directory/selectors.py `_run`, the other
# services' sections: platform/search/sources.py `sections`); off, every search reads afresh
# (benchmarks/search.py times the engine so).
SEARCH_CACHE = env.bool("SEARCH_CACHE", default=True)
# django-ratelimit names only django-redis as a Redis cache; Django's own RedisCache increments
# atomically too. In development, without Redis, each process counts on its own.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + (
    [] if REDIS_URL else ["django_ratelimit.E003"]
)

# --- Background tasks (django-tasks; Django 6's Tasks API) ----------------------------------
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Offline, with the lists zxcvbn bundles: no password leaves the platform.
    {"NAME": "innocluster.platform.accounts.passwords.GuessablePasswordValidator"},
]
# A session idle this long is signed out (ASVS 7.3.1); fund staff, who decide on other
# people's money, sooner. SESSION_COOKIE_AGE (two weeks) stays the limit of any session.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_IDLE_TIMEOUT_STAFF = env.int("SESSION_IDLE_MINUTES_STAFF", default=15) * 60
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
EMAIL_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=90)

# How many reverse proxies of ours stand in front of the app (0: clients connect directly).
# The client's address is read accordingly for throttles and the audit trail (core.http).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login throttling (django-axes): 5 failures lock the e-mail + IP pair for 15 minutes.
AXES_CLIENT_IP_CALLABLE = "innocluster.core.http.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Limits on what sends letters or wakes other people (django-ratelimit on pages, DRF throttles
# on the API), so the platform cannot be used to mail-bomb anyone.
RATELIMIT_IP_META_KEY = "innocluster.core.http.client_ip"
RATELIMIT_VIEW = "innocluster.core.views.rate_limited"
RATE_LIMITS = {
    "sign_up": env.str("RATE_SIGN_UP", default="10/h"),
    "mail_link": env.str("RATE_MAIL_LINK", default="5/h"),
    "invitation": env.str("RATE_INVITATION", default="50/d"),
    "join_request": env.str("RATE_JOIN_REQUEST", default="20/d"),
    # Sign-in attempts from one client address, whatever the accounts (password spraying):
    # the web form and POST /auth/token each count them (axes locks one account + address).
    "sign_in": env.str("RATE_SIGN_IN", default="10/m"),
    "sign_in_hour": env.str("RATE_SIGN_IN_HOUR", default="100/h"),
}

# --- E-mail: console in development, any backend by EMAIL_URL --------------------------------
if PRODUCTION and not env.str("EMAIL_URL", default=""):
    raise ImproperlyConfigured("Production mode needs EMAIL_URL: letters must reach people.")
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="innocluster <noreply@innocluster.local>"
)

# --- Internationalization: Russian by default, English at /en/ ------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Moscow"

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Leaflet (the facilities map) from its XStatic package, at static/leaflet/: no CDN.
STATICFILES_DIRS.append(("leaflet", xstatic_leaflet.BASE_DIR))
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at start-up when it is missing
MEDIA_ROOT = VAR_DIR / "media"
# Uploads are never served from a public URL: each goes through a view that checks access.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
# A work uploaded to the IP register to be hashed (and kept, if asked).
# A KPI figure that moved by this factor or more from last year (up or down) is flagged for
# the reviewer of the report (never refused).
KPI_JUMP_FACTOR = env.float("KPI_JUMP_FACTOR", default=3.0)
IP_UPLOAD_MAX_BYTES = env.int("IP_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "innocluster.platform.accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON bounded in size and depth (core.parsers): a hostile body is a 413 or 400, not a 500.
    "DEFAULT_PARSER_CLASSES": [
        "innocluster.core.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "innocluster.core.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "innocluster.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "innocluster.core.api.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "token": RATE_LIMITS["sign_in"],
        "sign_in_hour": RATE_LIMITS["sign_in_hour"],
        "sign_up": RATE_LIMITS["sign_up"],
        "invitation": RATE_LIMITS["invitation"],
        "join_request": RATE_LIMITS["join_request"],
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "innocluster API",
    "DESCRIPTION": "The API of the innovation cluster platform. Errors are RFC 9457 problem+json.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "RegionEnum": "innocluster.core.regions.CODE_CHOICES",
        # Two choice sets share the field name "kind": each needs a name of its own.
        "OrganizationKindEnum": "innocluster.platform.organizations.choices.OrganizationKind",
        "IPKindEnum": "innocluster.features.ipregistry.choices.IPKind",
        "FacilityKindEnum": "innocluster.features.facilities.choices.FacilityKind",
        "ResourceKindEnum": "innocluster.features.facilities.choices.ResourceKind",
        "BookableResourceKindEnum": "innocluster.features.facilities.choices.BOOKABLE_KIND_CHOICES",
        "CapacityOfferKindEnum": "innocluster.features.facilities.choices.OfferKind",
        "BookingStatusEnum": "innocluster.features.facilities.choices.BookingStatus",
        "CapacityRequestStatusEnum": "innocluster.features.facilities.choices.RequestStatus",
        "EnrolmentStatusEnum": "innocluster.features.facilities.choices.EnrolmentStatus",
        "CaseStatusEnum": "innocluster.platform.reviews.choices.CaseStatus",
        "StatusKindEnum": "innocluster.platform.status.choices.StatusKind",
        "StatusStateEnum": "innocluster.platform.status.choices.StatusState",
        "CostCategoryEnum": "innocluster.features.support.choices.CostCategory",
        "CostOriginEnum": "innocluster.features.support.choices.Origin",
        "ItemOriginEnum": "innocluster.features.support.choices.ITEM_ORIGINS",
        "AgreementStateEnum": "innocluster.features.support.choices.AgreementState",
        "TrancheStateEnum": "innocluster.features.support.choices.TrancheState",
        "ReportStateEnum": "innocluster.features.support.choices.ReportState",
        "ClusterStatusEnum": "innocluster.features.clusters.choices.ClusterStatus",
        "ProductCategoryEnum": "innocluster.platform.organizations.choices.ProductCategory",
        "ChallengeDecisionEnum": "innocluster.features.challenges.choices.Decision",
        # Named before challenges had a "decision" too: kept so its schema name stays.
        "DecisionEnum": "innocluster.platform.reviews.choices.Decision",
        "PilotSiteCategoryEnum": "innocluster.features.pilots.choices.SiteCategory",
        # The status documents kept the plain name when pilots brought a second "doc_type".
        "DocTypeEnum": "innocluster.platform.status.choices.DocumentType",
        "PilotDocumentTypeEnum": "innocluster.features.pilots.choices.ProposalDocumentType",
        "PilotStatusEnum": "innocluster.features.pilots.choices.PilotStatus",
        "SiteConsentStatusEnum": "innocluster.features.pilots.choices.ConsentStatus",
        "KpiUnitEnum": "innocluster.features.pilots.choices.KpiUnit",
        "ExchangeOrderStatusEnum": "innocluster.features.exchange.choices.Status",
        "ExchangeOfferStatusEnum": "innocluster.features.exchange.choices.OfferStatus",
        "JobApplicationStageEnum": "innocluster.features.jobs.choices.Stage",
    },
}

# --- Security baseline (OWASP ASVS L2) ------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"task_finished_only": {"()": "innocluster.core.logging.TaskFinishedOnly"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["task_finished_only"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler would print every line a second time.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# --- Transparency ledger ---------------------------------------------------------------------
# The Ed25519 key that signs checkpoints: base64 of the raw 32-byte private key, or, when
# unset, a key generated on first use into LEDGER_SIGNING_KEY_FILE (keep var/ backed up).
LEDGER_SIGNING_KEY = env.str("LEDGER_SIGNING_KEY", default="")
LEDGER_SIGNING_KEY_FILE = Path(
    env.str("LEDGER_SIGNING_KEY_FILE", default=str(VAR_DIR / "ledger-signing-key"))
)
# The log's name inside every signed checkpoint (C2SP checkpoint "origin" line).
LEDGER_ORIGIN = env.str("LEDGER_ORIGIN", default="innocluster/ledger")
# New entries are signed in batches: a checkpoint at most this many seconds after an append.
LEDGER_CHECKPOINT_DELAY = env.float("LEDGER_CHECKPOINT_DELAY", default=2.0)
# True: appends are sequenced in the caller's transaction (entries exist at its commit; appends
# serialize); False: queued for the worker; unset: at once only with the immediate tasks backend.
LEDGER_SEQUENCE_AT_ONCE = env.bool("LEDGER_SEQUENCE_AT_ONCE", default=None)

# --- Facilities map ----------------------------------------------------------------------------
# The tile server of the facilities map, a Leaflet URL template such as
# https://tiles.example.org/{z}/{x}/{y}.png. Empty (the default, for a closed network): no base
# map, the markers are drawn on a plain background. Its origin is added to the map page's CSP.
MAP_TILES_URL = env.str("MAP_TILES_URL", default="")
MAP_TILES_ATTRIBUTION = env.str("MAP_TILES_ATTRIBUTION", default="")

# --- Open contracting (OCDS 1.1) of the exchange's orders -------------------------------------
# The ocid prefix the Open Contracting Partnership registered for this publisher ("ocds-" and
# six characters); the default is the standard's own example prefix, for development only.
OCDS_PREFIX = env.str("OCDS_PREFIX", default="ocds-213czf")
# The publisher named in every release package.
OCDS_PUBLISHER = env.str("OCDS_PUBLISHER", default="innocluster")
