"""Errors that carry a code and a message for a person; the CLI turns them into exit codes.

Every layer raises these; only the edge (cli, web) prints them.
"""

from __future__ import annotations


class TendingError(Exception):
    """Base of every error meant for the person using Tending."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(TendingError):
    code = "not_found"
    exit_code = 3


class Ambiguous(TendingError):
    code = "ambiguous"
    exit_code = 4


class InvalidInput(TendingError):
    code = "invalid_input"
    exit_code = 2


class StorageProblem(TendingError):
    code = "storage"
    exit_code = 5


class FormatProblem(TendingError):
    """A file that is not what it claims (export, chat history, data file)."""

    code = "format"
    exit_code = 6
