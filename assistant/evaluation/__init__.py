"""Gold questions judged by the rules of evals/README.md: retrieval, answers, citations, refusals,
figure checks, calibration and consistency across wordings and conversation turns.

Takes gold JSONL files and an assistant, returns reports (Markdown, JSON). May import everything
below it; nothing imports it but the CLI.
"""
