"""The ledger in the admin: read-only. Nobody changes or deletes an entry from here."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import Checkpoint, Entry, Pending


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ("index", "kind", "subject", "timestamp")
    list_filter = ("kind",)
    search_fields = ("=subject", "=index")
    readonly_fields = ("index", "kind", "subject", "timestamp", "data", "leaf_hash_hex")
    exclude = ("leaf_hash",)
    show_full_result_count = False

    @admin.display(description="leaf hash")
    def leaf_hash_hex(self, entry):
        return bytes(entry.leaf_hash).hex()


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ("tree_size", "timestamp", "key_id")
    readonly_fields = ("tree_size", "timestamp", "origin", "key_id", "root_hex", "signature_hex")
    exclude = ("root_hash", "signature")
    show_full_result_count = False

    @admin.display(description="root hash")
    def root_hex(self, checkpoint):
        return bytes(checkpoint.root_hash).hex()

    @admin.display(description="signature")
    def signature_hex(self, checkpoint):
        return bytes(checkpoint.signature).hex()


@admin.register(Pending)
class PendingAdmin(ReadOnlyAdmin):
    """Facts committed and waiting for the sequencer: a queue that stays long means the worker
    is not running."""

    list_display = ("id", "kind", "subject", "queued_at")
    readonly_fields = ("id", "kind", "subject", "payload", "queued_at")
    show_full_result_count = False
