"""Helpers the tests share: plain functions and classes. Fixtures live in conftest.py."""
