"""Saved searches: one mechanism for every list people search (the directory's organizations,
the job board's vacancies, whatever registers next).

A signed-in person saves a search of a source (its query string, checked against the source's
one FilterSet); once a day each search with new matches brings one in-app notification and one
letter listing them, with absolute links, in the person's language, and a link that stops the
letters without signing in (a signed token: `unsubscribe_token`).

A source registers itself once (`saved_source_register`, from its AppConfig.ready()), saying
how its query is checked and run, which field tells when a row became new, and how a row reads
in the letter. The directory registers organizations itself; another feature reaches this
module through the directory's services, as features reach each other.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict, NotFound
from innocluster.core.mail import send_templated_mail

from .errors import DirectoryErrorCode
from .models import SavedSearch

MAX_SAVED_SEARCHES = 50
LETTER_ROWS = 10  # a letter lists this many new rows, then links to all of them
UNSUBSCRIBE_SALT = "directory.saved_search.unsubscribe"


@dataclass(frozen=True)
class SavedSource:
    code: str  # stored with each search (SavedSearch.source); the API's name for it
    label: str | Promise  # plural, for a heading: "Organizations", "Vacancies"
    filterset: type  # the list's one FilterSet: which parameters a saved query may hold
    # The ordered rows anybody may see of a valid search's parameters; None when invalid.
    results: Callable[[QueryDict], QuerySet | None]
    new_field: str  # a row is new to a search once this moment of it is past the last check
    notification: str  # the kind sent (context: search, count, first)
    search_url: str  # the URL name of the search page; the saved query is its query string
    row_text: Callable[[Model], str]  # a row in the letter: "Title — Company"
    row_url: Callable[[Model], str]  # …and the path of its page
    feed_url: str = ""  # the URL name of the search's Atom feed, if the source has one


_SOURCES: dict[str, SavedSource] = {}


def saved_source_register(source: SavedSource) -> SavedSource:
    """Let people save searches of `source`. Registering it again is harmless."""
    _SOURCES[source.code] = source
    return source


def saved_sources() -> list[SavedSource]:
    return list(_SOURCES.values())


def saved_source(code: str) -> SavedSource:
    """The source registered as `code`; a ValidationError on `source` for any other."""
    try:
        return _SOURCES[code]
    except KeyError:
        raise _refused("source", _("Unknown kind of search."), "invalid_choice") from None


def saved_search_path(saved: SavedSearch, *, feed: bool = False) -> str:
    """The path of the search's page (or its feed), with its query."""
    source = _SOURCES.get(saved.source)
    if source is None or (feed and not source.feed_url):
        return ""
    path = reverse(source.feed_url if feed else source.search_url)
    return path + (f"?{saved.query}" if saved.query else "")


# --- Writes -------------------------------------------------------------------------------------


def saved_search_create(*, user, name: str, query: str, source: str = "organizations"):
    """Save the search `query` (a query string of the source's search page) for `user`.

    The query must be a valid search of a registered source; what matches it from now on is
    announced by the daily task. Saving the same query of the same source again is a Conflict.
    """
    kind = saved_source(source)
    name = (name or "").strip()
    if not name:
        raise _refused("name", _("Give the search a name."), "required")
    if len(name) > SavedSearch._meta.get_field("name").max_length:
        raise _refused("name", _("The name is too long."), "max_length")
    query = canonical_query(query, source=kind.code)
    if user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise Conflict(
            _("You have %(n)s saved searches, the most allowed. Delete one first.")
            % {"n": MAX_SAVED_SEARCHES},
            code=DirectoryErrorCode.TOO_MANY_SAVED_SEARCHES,
        )
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user, source=kind.code, name=name, query=query, checked_at=timezone.now()
            )
    except IntegrityError:
        raise Conflict(
            _("You have already saved this search."), code=DirectoryErrorCode.SAVED_SEARCH_EXISTS
        ) from None


def canonical_query(query: str, *, source: str = "organizations") -> str:
    """The search's parameters, checked and in a stable order; ValidationError if invalid."""
    filterset_class = saved_source(source).filterset
    data = QueryDict(query or "", mutable=True)
    for key in list(data):
        if key not in filterset_class.base_filters:
            del data[key]
    filterset = filterset_class(data, queryset=filterset_class._meta.model.objects.none())
    if not filterset.is_valid():
        errors = filterset.form.errors.as_data()
        raise ValidationError({"query": [_parameter_error(k, v) for k, v in errors.items()]})
    clean = QueryDict(mutable=True)
    for key in sorted(data):
        values = sorted(v.strip() for v in data.getlist(key) if v.strip())
        if values:
            clean.setlist(key, values)
    encoded = clean.urlencode()
    if len(encoded) > SavedSearch._meta.get_field("query").max_length:
        raise _refused("query", _("This search is too long to save."), "max_length")
    return encoded


def _parameter_error(name: str, errors: list[ValidationError]) -> ValidationError:
    """A search parameter's errors as one message naming it, with its first error's code."""
    text = " ".join(message for error in errors for message in error.messages)
    return ValidationError(f"{name}: {text}", code=errors[0].code)


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def saved_search_delete(*, saved_search: SavedSearch, actor) -> None:
    """Delete one of the actor's own saved searches; anyone else's does not exist for them."""
    if saved_search.user_id != actor.pk:
        raise NotFound(_("Saved search not found."))
    saved_search.delete()


def saved_search_set_email(*, saved_search: SavedSearch, actor, email: bool) -> SavedSearch:
    """Start or stop the daily letters of one of the actor's own saved searches (the in-app
    notifications go on either way)."""
    if saved_search.user_id != actor.pk:
        raise NotFound(_("Saved search not found."))
    saved_search.email = email
    saved_search.save(update_fields=["email"])
    return saved_search


def unsubscribe_token(saved: SavedSearch) -> str:
    """What the letter's unsubscribe link carries: the search and its owner, signed with the
    site's secret (no sign-in needed, and no other search can be reached by changing it)."""
    return signing.dumps({"s": saved.pk, "u": saved.user_id}, salt=UNSUBSCRIBE_SALT)


def saved_search_by_token(*, token: str) -> SavedSearch:
    """The saved search an unsubscribe token names. A token altered or not ours is a
    ValidationError (`bad_token`); one of a search deleted since is a NotFound."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        pk, user_id = int(data["s"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        message = _("This unsubscribe link is damaged or not ours. Copy it whole from the letter.")
        raise ValidationError(message, code=DirectoryErrorCode.BAD_TOKEN) from None
    saved = SavedSearch.objects.filter(pk=pk, user_id=user_id).first()
    if saved is None:
        raise NotFound(_("This saved search has been deleted: no more letters will come."))
    return saved


def saved_search_unsubscribe(*, token: str) -> SavedSearch:
    """Stop the letters of the search the token names (saved_search_by_token); again is
    harmless."""
    saved = saved_search_by_token(token=token)
    if saved.email:
        SavedSearch.objects.filter(pk=saved.pk).update(email=False)
        saved.email = False
    return saved


# --- The daily check ----------------------------------------------------------------------------


def saved_searches_notify(*, now=None) -> int:
    """For each saved search, one notification (and a letter, unless stopped) if rows new since
    its last check match it; then move the check to `now`. Returns how many were sent.

    Each search is checked and moved in its own transaction, under a row lock, so a run that
    stops half-way, or two runs at once, never announce the same rows twice; the letter is
    enqueued when that transaction commits.
    """
    from . import notifications  # noqa: F401 - registers the kind

    now = now or timezone.now()
    sent = 0
    for pk in SavedSearch.objects.filter(checked_at__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().select_related("user").get(pk=pk)
            if saved.checked_at >= now:
                continue
            source = _SOURCES.get(saved.source)
            queryset = source.results(QueryDict(saved.query)) if source else None
            sent += _announce(saved, source, queryset, now) if queryset is not None else 0
            saved.checked_at = now
            saved.save(update_fields=["checked_at"])
    return sent


def _announce(saved: SavedSearch, source: SavedSource, queryset, now) -> int:
    from innocluster.platform.notifications.services import notification_send

    new = queryset.filter(
        **{f"{source.new_field}__gt": saved.checked_at, f"{source.new_field}__lte": now}
    )
    rows = list(new[:LETTER_ROWS])
    if not rows:
        return 0
    count = len(rows) if len(rows) < LETTER_ROWS else new.count()
    context = {"search": saved.name, "count": count, "first": source.row_text(rows[0])}
    notification_send(
        recipients=[saved.user],
        kind=source.notification,
        context=context,
        url=saved_search_path(saved),
        email=False,  # the letter below lists the rows themselves
    )
    user = saved.user
    if saved.email and user.is_active and user.email_confirmed:
        lines = [(source.row_text(row), source.row_url(row)) for row in rows]
        transaction.on_commit(lambda: _send_letter(saved, source, context, lines))
    return 1


def _send_letter(saved: SavedSearch, source: SavedSource, context: dict, lines) -> None:
    """The day's letter of one search, in its owner's language, every link absolute."""
    from innocluster.platform.notifications.rendering import localized_url, render

    language = saved.user.language or settings.LANGUAGE_CODE

    def absolute(path: str) -> str:
        return settings.SITE_URL + localized_url(path, language) if path else ""

    with translation.override(language):
        title, _body = render(source.notification, context)
        unsubscribe = reverse("directory:unsubscribe", args=[unsubscribe_token(saved)])
        manage = reverse("directory:saved")
    send_templated_mail(
        to=saved.user.email,
        template="directory/email/saved_search.txt",
        language=language,
        context={
            "recipient": saved.user,
            "title": " ".join(title.split()),
            "search": saved.name,
            "count": context["count"],
            "rows": [{"text": text, "link": absolute(path)} for text, path in lines],
            "more": context["count"] > len(lines),
            "all": absolute(saved_search_path(saved)),
            "feed": absolute(saved_search_path(saved, feed=True)),
            "manage": absolute(manage),
            "unsubscribe": absolute(unsubscribe),
        },
    )
