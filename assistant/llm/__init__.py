"""The optional local LLM: takes a question and its retrieved paragraphs as llama-index nodes,
returns a draft that `assistant.answering.drafts` checks. May import everything below it; nothing below imports it.

`open_assistant` builds the assistant the settings ask for: extractive, or drafting with a local LLM.
"""

from __future__ import annotations

from functools import partial

from assistant.answering.qa import Assistant
from assistant.config import Settings


def open_assistant(settings: Settings) -> Assistant:
    """The extractive assistant, with a local LLM drafting answers when `settings.llm_url` is set."""
    if not settings.llm_url:
        return Assistant.open(settings)
    from assistant.llm.generation import generate

    return Assistant(settings, drafter=partial(generate, settings=settings))
