from django.apps import AppConfig


class FakeKindConfig(AppConfig):
    name = "tests.reviews.fakekind"
    label = "fakekind"
    verbose_name = "Fake kind (tests)"

    def ready(self):
        from . import kinds  # noqa: F401 - registers the fake kinds with the review pipeline
