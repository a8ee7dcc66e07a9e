"""Accounts API: signing up and confirming the e-mail, personal tokens, the caller's profile."""

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from innocluster.core.api import problem_responses
from innocluster.core.errors import Conflict

from . import selectors, services
from .authentication import BearerTokenAuthentication
from .choices import Language
from .errors import AccountErrorCode
from .models import PASSWORD_MAX_LENGTH, SIGN_IN_PASSWORD_MAX_LENGTH, ApiToken, User


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        style={"input_type": "password"},
        trim_whitespace=False,
        max_length=SIGN_IN_PASSWORD_MAX_LENGTH,
    )
    name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    days = serializers.IntegerField(min_value=1, max_value=366, required=False)


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class IssuedTokenSerializer(TokenSerializer):
    token = serializers.CharField(read_only=True, help_text="Shown once; only its hash is kept.")

    class Meta(TokenSerializer.Meta):
        fields = ["token", *TokenSerializer.Meta.fields]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    language = serializers.ChoiceField(choices=Language.choices, required=False)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "position", "phone", "language", "staff_role"]
        read_only_fields = ["id", "email", "staff_role"]


class SignInHourThrottle(SimpleRateThrottle):
    """Sign-in attempts from one client address in an hour, as the web sign-in counts them."""

    scope = "sign_in_hour"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenObtainView(APIView):
    permission_classes = [AllowAny]
    # Bearer only (no session, so no CSRF on this endpoint); it also makes a refusal a 401.
    authentication_classes = [BearerTokenAuthentication]
    # Per client address, whatever the account (password spraying); axes locks one account.
    throttle_classes = [ScopedRateThrottle, SignInHourThrottle]
    throttle_scope = "token"

    @extend_schema(
        summary="Exchange e-mail and password for a personal API token",
        request=TokenRequestSerializer,
        responses={201: IssuedTokenSerializer, **problem_responses(400, 401, 429)},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # authenticate() goes through django-axes: repeated failures lock the account + IP.
        user = authenticate(
            request,
            username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            raise Throttled(detail=_("Too many failed attempts: sign-in is paused for a while."))
        if user is None:
            raise AuthenticationFailed(_("Wrong e-mail or password."))
        if not user.email_confirmed:
            raise AuthenticationFailed(_("Confirm your e-mail before asking for a token."))
        token, raw = services.api_token_create(
            user=user,
            name=data.validated_data.get("name", ""),
            days=data.validated_data.get("days"),
        )
        body = {**TokenSerializer(token).data, "token": raw}
        return Response(body, status=status.HTTP_201_CREATED)


class SignUpSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)  # the column's length (RFC 5321 path)
    password = serializers.CharField(max_length=PASSWORD_MAX_LENGTH, write_only=True)
    language = serializers.ChoiceField(choices=Language.choices, default=Language.RU)


class ConfirmEmailSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=500, help_text="The last part of the link in the confirmation letter."
    )


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class SignUpView(APIView):
    """The web sign-up, for API clients: the same checks, letters and answers."""

    permission_classes = [AllowAny]
    authentication_classes = []  # no session, so no CSRF; nobody is signed in by this
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "sign_up"

    @extend_schema(
        summary="Sign up; a confirmation link goes to the e-mail",
        request=SignUpSerializer,
        responses={202: DetailSerializer, **problem_responses(400, 429)},
    )
    def post(self, request):
        data = SignUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.user_sign_up(**data.validated_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The validators' messages and codes (password_too_short, …) on the password.
            raise ValidationError({"password": error.error_list}) from None
        except Conflict as error:
            if error.code != AccountErrorCode.EMAIL_TAKEN:
                raise
            # The same answer as for a new address: the API does not reveal who is registered.
            services.user_warn_sign_up_attempt(email=data.validated_data["email"])
        detail = _("Check your e-mail: the letter has the link that confirms it.")
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class ConfirmEmailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        summary="Confirm the e-mail with the token from the letter's link",
        request=ConfirmEmailSerializer,
        responses={200: DetailSerializer, **problem_responses(400)},
    )
    def post(self, request):
        data = ConfirmEmailSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_confirm_email(token=data.validated_data["token"])
        return Response({"detail": _("Your e-mail is confirmed. Ask for a token to sign in.")})


class TokenListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="My API tokens", responses=TokenSerializer(many=True))
    def get(self, request):
        return Response(
            TokenSerializer(selectors.api_token_list_for(user=request.user), many=True).data
        )


class TokenRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Revoke one of my tokens", responses={204: None, **problem_responses(404)}
    )
    def delete(self, request, pk):
        token = selectors.api_token_get_own(user=request.user, pk=pk)
        services.api_token_revoke(token=token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="My profile", responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)

    @extend_schema(summary="Change my profile", request=MeSerializer, responses=MeSerializer)
    def patch(self, request):
        data = MeSerializer(request.user, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(
            user=request.user, actor=request.user, **data.validated_data
        )
        return Response(MeSerializer(user).data)


urlpatterns = [
    path("auth/sign-up", SignUpView.as_view(), name="auth-sign-up"),
    path("auth/confirm-email", ConfirmEmailView.as_view(), name="auth-confirm-email"),
    path("auth/token", TokenObtainView.as_view(), name="auth-token"),
    path("auth/tokens/", TokenListView.as_view(), name="auth-token-list"),
    path("auth/tokens/<int:pk>", TokenRevokeView.as_view(), name="auth-token-revoke"),
    path("me", MeView.as_view(), name="me"),
]
