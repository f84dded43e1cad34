"""A question asked inside a conversation, exactly as the chat asks it: the earlier answers are its history.

The chat (ui/chat.py) and the conversation evaluation both call `ask_in_conversation`, so what is
measured is what users get.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.types import Answer, Filters


def ask_in_conversation(bot, question: str, earlier: Sequence[Answer], filters: Filters | None = None) -> Answer:
    """`bot.ask` with this conversation's earlier answers as history (oldest first)."""
    return bot.ask(question, history=list(earlier) or None, filters=filters or None)
