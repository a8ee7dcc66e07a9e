"""Writes on support measures: applications (services/applications.py), what reviewers do
(services/review.py). What follows an award is in awards/services.py."""
