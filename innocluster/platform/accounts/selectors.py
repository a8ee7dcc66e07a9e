from django.shortcuts import get_object_or_404

from .models import ApiToken, User


def api_token_list_for(*, user: User):
    return ApiToken.objects.filter(user=user)


def api_token_get_own(*, user: User, pk) -> ApiToken:
    """A token of this user, or 404: other people's tokens do not exist for the caller."""
    return get_object_or_404(ApiToken, pk=pk, user=user)
