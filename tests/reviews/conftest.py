from ..status.conftest import a_reviewer, an_admin, organization  # noqa: F401
