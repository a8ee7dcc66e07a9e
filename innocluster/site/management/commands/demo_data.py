"""`demo_data`: every app's demo data in one command. It lives in the composition root
because it gathers every app (organizations, the search index, statuses, facilities, support);
no app depends on it."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from innocluster.core.mail import mail_suppressed
from innocluster.core.statistics import refresh_planner_statistics
from innocluster.core.uploads import pdf_checks_remembered
from innocluster.features.chains.demo import demo_chains
from innocluster.features.challenges import demo as challenges_demo
from innocluster.features.clusters import demo as clusters_demo
from innocluster.features.clusters.demo_projects import demo_projects, demo_register
from innocluster.features.community.demo import demo_threads
from innocluster.features.directory.bulk import demo_organizations_bulk_load, search_index_fill
from innocluster.features.directory.services import search_index_deferred
from innocluster.features.exchange import demo as exchange_demo
from innocluster.features.facilities import demo as facilities_demo
from innocluster.features.figures import demo as figures_demo
from innocluster.features.ipregistry import demo as ipregistry_demo
from innocluster.features.jobs import demo as jobs_demo
from innocluster.features.kpireports import demo as kpireports_demo
from innocluster.features.marketplace import demo as marketplace_demo
from innocluster.features.pilots import demo as pilots_demo
from innocluster.features.support import demo as support_demo
from innocluster.features.support.demo_history import build_history as support_history
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.demo import (
    DEMO_PASSWORD,
    NEWCOMER,
    OPERATOR,
    PARTICIPANT,
    PARTNER,
    DemoReport,
    demo_organizations,
    ensure_demo_accounts,
    load_demo_data,
)
from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.demo import load_demo_statuses


class Command(BaseCommand):
    help = (
        "Load realistic demo organizations with products, people and memberships, and create "
        "the demo sign-in accounts when missing. Safe to run again: it adds more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=200, help="how many (default 200)")
        parser.add_argument(
            "--seed",
            type=int,
            help="the same seed into an empty database gives the same data "
            "(default: the number of organizations already stored)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when any organization exists (for `make run`)",
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="rows per transaction")
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="PostgreSQL: load the organizations with COPY, indexes built after "
            "(directory.bulk): for hundreds of thousands and more",
        )
        parser.add_argument(
            "--facilities", type=int, default=40, help="how many facilities (default 40)"
        )

    def handle(self, *args, **options):
        # The made-up people get no letters (the console would bury a newcomer's own link);
        # their documents, all the same blank page, are checked by qpdf once, not each time.
        with mail_suppressed(), pdf_checks_remembered():
            self._handle(**options)

    def _handle(self, *, orgs, seed, if_empty, batch_size, bulk, facilities, **options):
        if settings.PRODUCTION:
            # The demo accounts have a published password, one of them an administrator's.
            raise CommandError("Demo data is for development and trials: refused in production.")
        if orgs < 0 or batch_size < 1 or facilities < 0:
            raise CommandError(
                "--orgs and --facilities must be 0 or more and --batch-size at least 1."
            )
        if bulk and connection.vendor != "postgresql":
            raise CommandError("--bulk loads PostgreSQL only.")
        if if_empty and Organization.objects.exists():
            self.stdout.write("Organizations exist already: no demo data loaded.")
            return
        quiet = options["verbosity"] == 0
        if bulk:
            report = self._bulk(orgs, seed, quiet)
        else:
            # The search index's triggers stand aside during the load; the new organizations
            # are indexed at the end, set-based, in batches (search_index_deferred).
            bar = tqdm(total=orgs, unit="org", disable=quiet or not orgs, desc="Demo data")
            with search_index_deferred(progress=self._bar(orgs, "Search index", quiet)):
                report = load_demo_data(
                    count=orgs, seed=seed, batch_size=batch_size, progress=bar.update
                )
            bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {report.organizations} organizations, {report.products} products and "
                f"{report.people} people (seed {report.seed})."
            )
        )
        self._print_accounts(report.accounts)
        parts = {part: organization.pk for part, organization in report.parts.items()}
        statuses = load_demo_statuses(
            seed=report.seed,
            keep_free=[parts[NEWCOMER]] if NEWCOMER in parts else [],
            always=[parts[p] for p in (PARTICIPANT, PARTNER) if p in parts],
        )
        self.stdout.write(
            f"Granted {statuses.statuses} statuses; {statuses.open_cases} applications await "
            "the reviewers."
        )
        if orgs:
            places = facilities_demo.build(
                count=facilities, seed=report.seed, first_organization=report.parts.get(OPERATOR)
            )
            self.stdout.write(
                f"Added {places.facilities} facilities with {places.resources} resources, "
                f"{places.bookings} bookings ({places.past_bookings} more in the past year), "
                f"{places.offers} capacity offers and {places.classes} children's classes."
            )
            # The fund's past first, so that case numbers and the ledger follow time.
            history = support_history(seed=report.seed, keep_free=list(parts.values()))
            self.stdout.write(
                f"Decided {history.awards} support awards of the past three years, their "
                f"agreements in force and {history.payments} tranches paid."
            )
            support = support_demo.build(seed=report.seed, keep_free=list(parts.values()))
            self.stdout.write(
                f"Opened {support.calls} calls for support measures; {support.applications} "
                "grant applications await the reviewers."
            )
            ip = ipregistry_demo.build(seed=report.seed, keep_free=list(parts.values()))
            self.stdout.write(f"Registered {ip.registered} works of intellectual property.")
            clusters = clusters_demo.build(
                seed=report.seed,
                administrator=report.parts.get(PARTICIPANT),
                partner=report.parts.get(PARTNER),
                keep_out=[parts[NEWCOMER]] if NEWCOMER in parts else [],
            )
            self._cluster_life(clusters, seed=report.seed)
            self.stdout.write(
                f"Founded {clusters.clusters} intersectoral clusters with "
                f"{clusters.memberships} memberships."
            )
            challenges = challenges_demo.build(seed=report.seed)
            self.stdout.write(
                f"Posted {challenges.challenges} city challenges with {challenges.entries} "
                f"entries and {challenges.scores} scores."
            )
            pilots = pilots_demo.build(seed=report.seed)
            self.stdout.write(
                f"Published {pilots.sites} pilot sites; {pilots.pilots} pilots at their sites' "
                f"consent, the plan's agreement and running; {pilots.results} finished pilots "
                "with the sites' reports, their results published."
            )
            exchange = exchange_demo.build_volume(seed=report.seed)
            self.stdout.write(
                f"Posted {exchange.orders} production orders with {exchange.offers} offers, "
                f"{exchange.awards} awards, {exchange.contracts} contracts and "
                f"{exchange.ratings} ratings."
            )
            interested = exchange_demo.build_interests(seed=report.seed)
            self.stdout.write(f"{interested} suppliers chose the production orders to hear of.")
            jobs = jobs_demo.build(seed=report.seed)
            applied = jobs_demo.build_applications(seed=report.seed, vacancies=jobs.made)
            self.stdout.write(
                f"Posted {jobs.vacancies} vacancies and {jobs.internships} internships of "
                f"{jobs.companies} companies, with {applied} applications."
            )
            market = marketplace_demo.build(seed=report.seed)
            self.stdout.write(
                f"Put {market.listings} products on the marketplace, with {market.inquiries} "
                f"inquiries and {market.messages} messages."
            )
            kpis = kpireports_demo.build(seed=report.seed, first=report.parts.get(PARTICIPANT))
            self.stdout.write(
                f"Opened {kpis.campaigns} KPI reporting campaigns with {kpis.reports} reports at "
                f"every stage; {kpis.not_filed} participants have not filed last year's."
            )
            figures = figures_demo.build()  # last: it counts everything above
            if figures.snapshot:
                self.stdout.write(
                    f"Published today's figures (snapshot {figures.snapshot.sha256[:12]}…)."
                )
        # The planner's statistics of what was just loaded, as the daily job would measure them
        # tonight: without them SQLite's first pages take the wrong indexes (core/statistics.py).
        refresh_planner_statistics()

    def _bulk(self, orgs: int, seed: int | None, quiet: bool) -> DemoReport:
        """The organizations by COPY and the search index set-based (directory.bulk, as
        benchmarks/search.py loads a million), then the demo accounts as `load_demo_data`
        makes them."""
        last = Organization.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        report = DemoReport(seed=Organization.objects.count() if seed is None else seed)
        bar = tqdm(total=orgs, unit="org", disable=quiet or not orgs, desc="Demo data (COPY)")
        loaded = demo_organizations_bulk_load(count=orgs, seed=report.seed, progress=bar.update)
        bar.close()
        phases = dict(loaded.seconds)
        if orgs:
            index = search_index_fill(progress=self._bar(orgs, "Search index", quiet))
            phases |= {f"index_{k}": v for k, v in index.items()}
        self.stdout.write("Phases (s): " + ", ".join(f"{k} {v:.0f}" for k, v in phases.items()))
        report.organizations, report.products = loaded.organizations, loaded.products
        report.people = loaded.people
        report.first_organization = Organization.objects.filter(pk__gt=last).order_by("pk").first()
        first = report.first_organization or Organization.objects.order_by("pk").first()
        report.parts = demo_organizations(first=first)
        report.accounts = ensure_demo_accounts(parts=report.parts)
        return report

    def _cluster_life(self, clusters, *, seed: int) -> None:
        """The clusters' joint projects, register entries, supply chains and discussions."""
        made = [cluster for cluster, _status in clusters.made]
        fund_admin = User.objects.filter(staff_role=StaffRole.ADMIN, is_active=True).first()
        projects = demo_projects(clusters=made, actor=None, register=0, seed=seed)
        registered = demo_register(clusters.made, actor=fund_admin)
        links = demo_chains(made, random.Random(seed))
        threads = demo_threads(made, random.Random(seed))
        self.stdout.write(
            f"Added {len(projects)} joint projects, {registered} register entries, "
            f"{links} supply links and {threads} discussion threads to the clusters."
        )

    @staticmethod
    def _bar(total: int, title: str, quiet: bool):
        bar = tqdm(total=total, unit="org", disable=quiet or not total, desc=title)
        return bar.update

    def _print_accounts(self, accounts):
        self.stdout.write(f"Demo accounts (password {DEMO_PASSWORD}):")
        for email, role, created in accounts:
            note = "created" if created else "already there"
            self.stdout.write(f"  {email:<30} {role:<9} {note}")
