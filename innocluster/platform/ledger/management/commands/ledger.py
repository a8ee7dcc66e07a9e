"""manage.py ledger verify | export | checkpoint | generate-key"""

from django.core.management.base import BaseCommand, CommandError

from innocluster.platform.ledger.cli import add_verify_arguments, run_verify
from innocluster.platform.ledger.export import ledger_export
from innocluster.platform.ledger.services import ledger_checkpoint_sign
from innocluster.platform.ledger.signing import generate_key_text


class Command(BaseCommand):
    help = "The transparency ledger: verify it, export it, sign a checkpoint now, make a key."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        verify = commands.add_parser("verify", help="verify a ledger, offline or online")
        add_verify_arguments(verify)
        export = commands.add_parser("export", help="write the ledger to a file for offline checks")
        export.add_argument("--output", required=True, metavar="PATH")
        commands.add_parser("checkpoint", help="sequence queued facts and sign a checkpoint now")
        commands.add_parser("generate-key", help="print a new key for LEDGER_SIGNING_KEY")

    def handle(self, *args, action, **options):
        getattr(self, "_" + action.replace("-", "_"))(options)

    def _verify(self, options):
        status = run_verify(_Options(options), self.stdout, self.stderr)
        if status:
            raise CommandError("the ledger does not verify", returncode=status)

    def _export(self, options):
        with open(options["output"], "w", encoding="utf-8") as out:
            count = ledger_export(out=out)
        self.stdout.write(f"Exported {count} entries to {options['output']}")

    def _checkpoint(self, options):
        checkpoint = ledger_checkpoint_sign()
        if checkpoint is None:
            self.stdout.write("Nothing new to sign.")
        else:
            self.stdout.write(f"Signed a checkpoint at tree size {checkpoint.tree_size}.")

    def _generate_key(self, options):
        self.stdout.write(generate_key_text())


class _Options:
    def __init__(self, options: dict):
        self.__dict__.update(options)
