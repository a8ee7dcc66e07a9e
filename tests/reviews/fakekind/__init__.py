"""A fake kind of application, only for tests: the smallest kind the submission kit takes (a
title, the contact person, documents), applied for by an organization or by a person. It runs
the kit's contract test (tests/reviews/contract.py) as a new service would."""
