"""The test settings: the site's own, plus the fake kind of application that runs the
submission kit's contract test (tests/reviews/fakekind). The site itself (its CLI, migrations
and committed OpenAPI schema) never loads this module."""

from innocluster.site.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.reviews.fakekind"]  # noqa: F405
ROOT_URLCONF = "tests.urls"

# The PDF check's clock (3 s in production) bounds a hostile upload; the tests' PDFs are small,
# but on a loaded machine (two xdist workers, the demo data's documents) starting the checking
# process alone can take seconds. The tests of that bound set it themselves.
PDF_CHECK_SECONDS = 30
