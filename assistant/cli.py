"""The `assistant` command: each subcommand parses, calls the library, prints."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.config import Settings
from assistant.errors import AssistantError, UploadRefused


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = Path(args.index)
    return Settings(**overrides)


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.index.indexer import ingest_paths

    report = ingest_paths([Path(p) for p in args.paths], _settings(args), show_progress=True, prune=args.prune)
    print(report.summary())
    return 0 if not report.failed_all else 1


def cmd_add(args: argparse.Namespace) -> int:
    from assistant.index.uploads import add_file

    settings = _settings(args)
    refused = 0
    for path in args.files:
        try:
            print(add_file(Path(path), settings, show_progress=True).summary())
        except UploadRefused as err:
            refused += 1
            print(f"error: {err}", file=sys.stderr)
    return 1 if refused else 0


def cmd_inspect(args: argparse.Namespace) -> int:
    from assistant.parsing.ingest import format_inspection, load_document

    print(format_inspection(load_document(Path(args.doc))))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.retrieval.hybrid import Retriever

    from assistant.types import Filters

    retriever = Retriever.open(_settings(args))
    hits = retriever.search(args.query, k=args.k, filters=Filters(handle=args.doc) if args.doc else None)
    if args.json:
        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    for rank, h in enumerate(hits, 1):
        p = h.paragraph
        print(f"{rank:>2}. {h.score:.3f}  {p.id}  {p.doc_id} p.{p.page_label}")
        print(f"    {_shorten(p.text, 160)}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.answering.references import reference
    from assistant.llm import open_assistant

    bot = open_assistant(_settings(args))
    if args.batch:
        for line in Path(args.batch).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            record = _answer_json(bot.ask(item["question"]))
            print(json.dumps({"id": item.get("id"), **record}, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        raise AssistantError('Give a question, e.g. assistant ask "budget Techkwadraat?", or --batch FILE.jsonl.')
    answer = bot.ask(args.question)
    if args.json:
        print(json.dumps(_answer_json(answer), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    for c in answer.citations:
        ocr = f", OCR text, mean word confidence {c.ocr_confidence:.2f}" if c.ocr_confidence is not None else ""
        print(f"  [{c.marker}] {reference(c)} ({c.paragraph_id}{ocr})")
        print(f"      “{_shorten(c.quote, 200)}”")
    return 0


def _answer_json(answer) -> dict:
    """`Answer.to_json` with each citation's reference in the Kamer's form ("Kamerstuk 32 545, nr. 143, p. 3")."""
    from assistant.answering.references import reference

    record = answer.to_json()
    for citation, out in zip(answer.citations, record["citations"]):
        out["reference"] = reference(citation)
    return record


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation.runner import run_eval_cli

    return run_eval_cli(args, _settings(args))


def _hit_json(h) -> dict:
    p = h.paragraph
    return {
        "paragraph_id": p.id,
        "doc": p.doc_id,
        "page": p.page,
        "pages": list(p.pages),
        "section": list(p.section),
        "score": round(h.score, 4),
        "dense": round(h.dense, 4),
        "lexical": round(h.lexical, 4),
        "text": p.text,
    }


def _shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="parse and index files or folders", epilog="example: assistant ingest corpus/")
    p.add_argument("paths", nargs="+", help=".pdf, .txt or .md files, or folders holding them")
    p.add_argument("--index", help="index folder (default: index/)")
    p.add_argument("--prune", action="store_true", help="drop indexed documents not among PATHS")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "add", help="add files as the chat's upload box does (checked, saved under INDEX/uploads, ingested)",
        description="Each file is checked (type, size limit ASSISTANT_MAX_UPLOAD_MB, a PDF that is a PDF, UTF-8 "
        "text), saved under a safe name in the index's uploads folder and ingested; a refused file is named with "
        "its cause and fix, and nothing of it is kept. Exit status 1 when any file was refused.",
        epilog="example: assistant add ~/Downloads/kamerbrief.pdf notitie.md --index index/",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help=".pdf, .txt or .md file")
    p.add_argument("--index", help="index folder (default: index/)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("inspect", help="show a document's metadata and paragraphs",
                       epilog="example: assistant inspect corpus/16_kamerbrief_venj_2011-03-01_draagmoederschap.pdf")
    p.add_argument("doc", help="a .pdf, .txt or .md file")
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser("search", help="ranked paragraphs for a question",
                       epilog='examples: assistant search "looptijd techkwadraat" --k 5; '
                              'assistant search "grensspaarsaldo" --doc "32 545, nr. 143"')
    p.add_argument("query")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--doc", help="only the document with this handle: kst-32545-143, '32 545, nr. 143', a kenmerk")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--index", help="index folder (default: index/)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a Dutch question with citations",
                       epilog='example: assistant ask "Klopt het dat Techkwadraat €351,6 miljoen kost?"')
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true", help="one JSON object (per line with --batch)")
    p.add_argument("--batch", help="JSONL file with 'id' and 'question' per line")
    p.add_argument("--index", help="index folder (default: index/)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="judge answers on a gold set and write a report",
                       epilog="examples: assistant eval evals/dev.jsonl evals/gold_*.jsonl --variants --baselines; "
                              "assistant eval evals/holdout/*.jsonl --aggregate")
    p.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    p.add_argument("--index", help="index folder (default: index/)")
    p.add_argument("--out", default="evals/out", help="report folder")
    p.add_argument("--baselines", action="store_true", help="also judge lexical-only, dense-only, plain llama-index")
    p.add_argument("--floors", help="JSON file of minimum headline figures; exit 1 below them")
    p.add_argument("--variants", action="store_true",
                   help="also ask the other wordings in evals/variants/<set>.jsonl and report consistency")
    p.add_argument("--aggregate", action="store_true",
                   help="figures only: no question, answer or failure is printed or written (always so for holdout/)")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
