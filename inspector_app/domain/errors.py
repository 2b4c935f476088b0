"""Errors the user is meant to read: every one says what is wrong and what to do."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken. `code` is stable for programs; str() is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class ValidationError(DomainError):
    """Input does not satisfy a validation rule (wrong USCC, malformed date …)."""


class StateError(DomainError):
    """An action is not allowed in the record's current state (editing a finalized record …)."""
