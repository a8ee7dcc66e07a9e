from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from innocluster.core.errors import DomainError
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.services import user_create_confirmed


class Command(BaseCommand):
    help = "Create a confirmed account, optionally with a fund role (reviewer or admin)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="", help="full name (defaults to the e-mail)")
        parser.add_argument(
            "--role", choices=["person", *[r for r in StaffRole.values if r]], default="person"
        )
        parser.add_argument("--password", help="asked for interactively when omitted")

    def handle(self, *args, email, name, role, password, **options):
        password = password or self._ask_password()
        try:
            user = user_create_confirmed(
                email=email,
                password=password,
                full_name=name or email,
                role="" if role == "person" else role,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except DomainError as error:
            raise CommandError(error.detail) from None
        self.stdout.write(self.style.SUCCESS(f"Created {user.email} ({role})."))

    def _ask_password(self) -> str:
        import getpass

        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first
