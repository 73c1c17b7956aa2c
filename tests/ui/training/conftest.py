"""The training area's fast fixtures (a copied template database) for the UI tests."""

from tests.core.training.conftest import admin, crew, desk, training_template

__all__ = ["admin", "crew", "desk", "training_template"]
