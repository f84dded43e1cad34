# The two set-up commands: `make run` and `make test`. Both install into .venv first.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export OMP_WAIT_POLICY ?= PASSIVE
export ANONYMIZED_TELEMETRY := False

.PHONY: install run index test eval bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/assistant ingest corpus/

run: index
	$(BIN)/streamlit run ui/app.py

test: $(STAMP)
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

clean:
	rm -rf index/snapshots index/segments index/*.sqlite index/CURRENT
