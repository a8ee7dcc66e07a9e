"""The applicant's steps on a case, for the API of every kind: submit, resubmit, withdraw.

A kind's viewset mixes in `applicant_actions(ItsSerializer)` and provides `_mine()` (the
caller's own submission, else 404) and `_answer(submission)` (the response).
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from .. import services
from .serializers import MessageSerializer, WithdrawSerializer

PROBLEM = OpenApiResponse(description="application/problem+json")
ERRORS = {400: PROBLEM, 404: PROBLEM, 409: PROBLEM}


def valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def applicant_actions(answer_serializer) -> type:
    responses = {200: answer_serializer, **ERRORS}

    class ApplicantActions:
        @extend_schema(summary="Submit to the fund (idempotent)", request=None, responses=responses)
        @action(detail=True, methods=["post"])
        def submit(self, request, pk=None):
            submission = self._mine()
            services.case_submit(case=submission.case, actor=request.user)
            return self._answer(submission)

        @extend_schema(
            summary="Send back with the information the fund asked for (idempotent)",
            request=MessageSerializer,
            responses=responses,
        )
        @action(detail=True, methods=["post"])
        def resubmit(self, request, pk=None):
            submission = self._mine()
            message = valid(MessageSerializer, request.data)["message"]
            services.case_resubmit(case=submission.case, actor=request.user, message=message)
            return self._answer(submission)

        @extend_schema(
            summary="Withdraw before the decision (or discard a draft)",
            request=WithdrawSerializer,
            responses=responses,
        )
        @action(detail=True, methods=["post"])
        def withdraw(self, request, pk=None):
            submission = self._mine()
            reason = valid(WithdrawSerializer, request.data)["reason"]
            services.case_withdraw(case=submission.case, actor=request.user, reason=reason)
            return self._answer(submission)

    return ApplicantActions
