"""The public ledger API: anyone may read the log, its checkpoints and its proofs.

Bad input (an index beyond the tree, an inverted range, a malformed hash) is a 400
problem+json with a stable code, never a 500.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from innocluster.core.api import problem_responses, validated

from .. import selectors
from ..encoding import key_id, to_base64
from ..errors import LedgerBadRequest, LedgerErrorCode, LedgerNotFound
from ..signing import public_key_bytes, public_key_pem
from . import serializers as s

IMMUTABLE = {"public": True, "max_age": 86400}


class PublicView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    def query(self, serializer_class) -> dict:
        return validated(serializer_class, self.request.query_params)


def _latest_checkpoint():
    checkpoint = selectors.checkpoint_latest()
    if checkpoint is None:
        raise LedgerBadRequest(
            _("No checkpoint has been signed yet."), code=LedgerErrorCode.NO_CHECKPOINT
        )
    return checkpoint


def _latest_size() -> int:
    return _latest_checkpoint().tree_size


def _checkpoint_at(tree_size: int):
    try:
        return selectors.checkpoint_get(tree_size=tree_size)
    except LedgerNotFound:
        return None


@extend_schema(tags=["ledger"], responses={200: s.PublicKeySerializer})
class PublicKeyView(PublicView):
    """The Ed25519 key that signs every checkpoint."""

    def get(self, request):
        public = public_key_bytes()
        body = {
            "algorithm": "Ed25519",
            "public_key": to_base64(public),
            "key_id": key_id(public),
            "pem": public_key_pem(),
            "origin": settings.LEDGER_ORIGIN,
        }
        return Response(s.PublicKeySerializer(body).data)


@extend_schema(tags=["ledger"], responses={200: s.CheckpointSerializer, **problem_responses(404)})
class LatestCheckpointView(PublicView):
    """The latest signed checkpoint: tree size, root hash, time and signature."""

    def get(self, request):
        checkpoint = selectors.checkpoint_latest()
        if checkpoint is None:
            raise LedgerNotFound(_("No checkpoint has been signed yet."))
        response = Response(s.CheckpointSerializer(checkpoint).data)
        patch_cache_control(response, public=True, max_age=2)
        return response


@extend_schema(tags=["ledger"])
class CheckpointListView(ListAPIView):
    """Every signed checkpoint, oldest first."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = s.CheckpointSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.checkpoint_list()


@extend_schema(tags=["ledger"], responses={200: s.CheckpointSerializer, **problem_responses(404)})
class CheckpointDetailView(PublicView):
    """The checkpoint signed at one tree size."""

    def get(self, request, tree_size: int):
        checkpoint = selectors.checkpoint_get(tree_size=tree_size)
        response = Response(s.CheckpointSerializer(checkpoint).data)
        patch_cache_control(response, **IMMUTABLE)
        return response


class EntryRangeView(PublicView):
    @extend_schema(
        tags=["ledger"],
        operation_id="ledger_entries_list",
        parameters=[s.EntryRangeQuery],
        responses={200: s.EntryRangeSerializer, **problem_responses(400)},
        description="Entries [start, end), at most 1000 per request: continue from `end`.",
    )
    def get(self, request):
        params = self.query(s.EntryRangeQuery)
        entries, size = selectors.entry_range(start=params["start"], end=params.get("end"))
        body = {
            "start": params["start"],
            "end": params["start"] + len(entries),
            "tree_size": size,
            "entries": entries,
        }
        return Response(s.EntryRangeSerializer(body, context={"request": request}).data)


@extend_schema(tags=["ledger"], responses={200: s.EntrySerializer, **problem_responses(404)})
class EntryDetailView(PublicView):
    """One entry, with its canonical JSON and leaf hash."""

    def get(self, request, index: int):
        entry = selectors.entry_get(index=index)
        response = Response(s.EntrySerializer(entry, context={"request": request}).data)
        patch_cache_control(response, **IMMUTABLE)
        return response


def _inclusion_body(*, index: int, tree_size: int | None) -> dict:
    """The proof in the tree of `tree_size` entries, by default the latest signed checkpoint's
    (fetched once: it is also the checkpoint the answer carries)."""
    latest = None if tree_size else _latest_checkpoint()
    tree_size = tree_size or latest.tree_size
    proof = selectors.inclusion_proof(index=index, tree_size=tree_size)
    return {**vars(proof), "checkpoint": latest or _checkpoint_at(tree_size)}


@extend_schema(
    tags=["ledger"],
    parameters=[s.InclusionQuery],
    responses={200: s.InclusionProofSerializer, **problem_responses(400, 404)},
)
class InclusionProofView(PublicView):
    """Proof that an entry is in the tree of `tree_size` entries (RFC 9162 section 2.1.3)."""

    def get(self, request, index: int):
        tree_size = self.query(s.InclusionQuery).get("tree_size")
        body = _inclusion_body(index=index, tree_size=tree_size)
        return Response(s.InclusionProofSerializer(body).data)


@extend_schema(
    tags=["ledger"],
    parameters=[s.HashInclusionQuery],
    responses={200: s.InclusionProofSerializer, **problem_responses(400, 404)},
)
class HashInclusionProofView(PublicView):
    """Find an entry by its leaf hash and prove its inclusion."""

    def get(self, request):
        params = self.query(s.HashInclusionQuery)
        leaf = bytes.fromhex(params["hash"])
        tree_size = params.get("tree_size")
        entry = selectors.entry_by_hash(leaf_hash=leaf)
        body = _inclusion_body(index=entry.index, tree_size=tree_size)
        return Response(s.InclusionProofSerializer(body).data)


@extend_schema(
    tags=["ledger"],
    parameters=[s.ConsistencyQuery],
    responses={200: s.ConsistencyProofSerializer, **problem_responses(400)},
)
class ConsistencyProofView(PublicView):
    """Proof that the tree of `first` entries is a prefix of that of `second` (RFC 9162 2.1.4)."""

    def get(self, request):
        params = self.query(s.ConsistencyQuery)
        second = params["second"] if "second" in params else _latest_size()
        proof = selectors.consistency_proof(first=params["first"], second=second)
        return Response(s.ConsistencyProofSerializer(vars(proof)).data)


@extend_schema(tags=["ledger"], parameters=[s.SubjectQuery])
class SubjectEntriesView(ListAPIView):
    """Every entry about one object (an organization, an application, an award), oldest first."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = s.EntrySerializer
    filter_backends: list = []

    def get_queryset(self):
        params = PublicView.query(self, s.SubjectQuery)
        return selectors.entries_for_subject(subject=params["subject"], kind=params.get("kind"))
