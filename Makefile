# The two set-up commands: `make run` and `make test`. Both install into .venv first.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export OMP_WAIT_POLICY ?= PASSIVE
export ANONYMIZED_TELEMETRY := False

.PHONY: install ocr run index test eval bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# OCR of scanned PDFs needs Debian's Tesseract with its Dutch model and poppler's pdftoppm: installed when we may,
# otherwise the command is printed and everything else still works (scans are then refused with that command).
OCR_PACKAGES := tesseract-ocr tesseract-ocr-nld poppler-utils
ocr:
	@if command -v pdftoppm >/dev/null 2>&1 && command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx nld; then \
		:; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null; } || \
		echo "OCR could not be installed; scanned PDFs need: sudo apt-get install $(OCR_PACKAGES)"; \
	else \
		echo "Scanned PDFs need OCR; install it with: sudo apt-get install $(OCR_PACKAGES)"; \
	fi

index: $(STAMP) ocr
	$(BIN)/assistant ingest corpus/

run: index
	$(BIN)/streamlit run ui/app.py

test: $(STAMP) ocr
	$(BIN)/python -m pytest -q

# Tuned sets with their variants and baselines, the conversations, and the holdout (always figures only).
eval: index
	$(BIN)/assistant eval evals/dev.jsonl evals/gold_*.jsonl evals/conversations/*.jsonl evals/holdout/*.jsonl \
		--variants --baselines --floors evals/floors.json

bench: $(STAMP)
	$(BIN)/python benchmarks/parse.py
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/crash.py
	$(BIN)/python benchmarks/app_start.py
	$(BIN)/python benchmarks/ocr.py

clean:
	rm -rf index/snapshots index/segments index/*.sqlite index/CURRENT
