"""Errors a person can act on: each names the file or field, the cause and the fix."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class; `str(err)` is a complete English sentence for the CLI."""


class IngestError(AssistantError):
    """A file that cannot be turned into paragraphs."""

    def __init__(self, path: str, cause: str, fix: str):
        self.path, self.cause, self.fix = path, cause, fix
        super().__init__(f"{path}: {cause}. {fix}")


class UploadRefused(AssistantError):
    """A file not added to the index (refused, or its ingest failed); `message_nl` is what the chat shows."""

    def __init__(self, name: str, cause: str, fix: str, cause_nl: str):
        self.name, self.cause, self.fix = name, cause, fix
        self.message_nl = f"{name} is niet toegevoegd: {cause_nl.rstrip('.')}."
        super().__init__(f"{name} was not added: {cause}. {fix}")


class IndexUnavailable(AssistantError):
    """The index is missing, from an older version, or unreachable."""


class QuestionError(AssistantError):
    """A question that cannot be answered as asked (empty, too long, binary)."""

    def __init__(self, message_en: str, message_nl: str):
        self.message_nl = message_nl
        super().__init__(message_en)
