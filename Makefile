# The two commands a newcomer needs: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-fast lint format bench fuzz clean chromium wrk screenshots peers

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/polish-tutor lemma-weights
	touch $(STAMP)

## (also weighs the lemmas once, ~30 s, if the table in ~/.cache/polish-tutor is missing or stale)
install: $(STAMP)
	$(BIN)/polish-tutor lemma-weights

## Start the embedded default on http://127.0.0.1:8000 (SQLite + embedded Valkey + 1 worker).
run: $(STAMP)
	$(BIN)/polish-tutor serve

## The whole suite: SQLite and PostgreSQL, Redis, RQ workers, Morfeusz, eSpeak.
test: $(STAMP) chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The inner loop (pytest --fast, tests/conftest.py): SQLite only, no browser, no served
## processes, no fuzzing, on two pytest-xdist workers (each with a Redis server of its own).
## `make test` stays the whole suite.
test-fast: $(STAMP)
	$(BIN)/python -m pytest --fast -q -n 2 --dist loadfile $(PYTEST_ARGS)

## Debian's Chromium for the browser tests (tests/web); never `playwright install`.
chromium:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

## Debian's wrk for bench/chat_wrk.py (a load generator that is not the ceiling it measures).
wrk:
	@command -v wrk >/dev/null || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

## The chat after a corrected answer, for the README: docs/screenshots/chat.png.
screenshots: $(STAMP) chromium
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/web -q -k plays_a_lesson

## Fuzz the API from its OpenAPI schema for longer than `make test` does: every schemathesis
## check, NUL and control characters in every string, against SQLite and PostgreSQL (about
## 20 minutes; it prints the cases sent and the 5xx found for each database).
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} $(BIN)/python -m pytest tests/fuzz -q -rA

## Ruff, mypy --strict, and the package layers with no import cycles (import-linter,
## contracts in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy polish_tutor bench peers
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## The Flowise driver against a real Flowise 3 (not part of `make test`): installs it into
## var/peers/ the first time (about 10 min), then about 2 min; PEERS_MODEL=llama: see README.
peers: $(STAMP)
	$(BIN)/python peers/flowise_peer.py

## Benchmarks (not tests), about 50 minutes on an idle 2-core machine; each script writes its
## report to bench/out/ and the figures go into bench/RESULTS.md (see bench/README.md).
bench: $(STAMP) wrk
	@failed=""; \
	for script in "language_bench.py" "check_bench.py" "check_learner.py" "learner_errors.py" \
		"db_work.py --mode both" \
		"chat_wrk.py --mode both" "turn_cpu.py --mode both" \
		"chat_load.py --mode both --speech-samples 0" "cost_growth.py --mode both" "streaming.py" \
		"speech_bench.py --mode both" "speech_job_cpu.py" "speech_recognition.py" \
		"soak.py --mode embedded --minutes 10 --learners 32" \
		"soak.py --mode production --minutes 10 --learners 32"; do \
		echo "== bench/$$script"; \
		$(BIN)/python bench/$$script || failed="$$failed\n  bench/$$script"; \
	done; \
	if [ -n "$$failed" ]; then printf "benchmarks that reported a failure:$$failed\n"; exit 1; fi

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
