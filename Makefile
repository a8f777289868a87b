# Quick start: `make run` and `make test`. Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/mockroom

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/mockroom lint
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m mockroom.bench

# Agreement of scores with graded answers: the banks' examples, then the development set
# when it is there (it is not part of the project; `make test` never needs it).
SHARED_EVAL ?= ../shared/eval
EVAL_FLAGS ?= --min-spearman 0.85 --max-mae 12 --min-question-spearman 0.7
eval: $(STAMP)
	@status=0; $(BIN)/mockroom eval --worst 3 $(EVAL_FLAGS) || status=$$?; \
	if [ -d "$(SHARED_EVAL)" ]; then echo; \
		$(BIN)/mockroom eval "$(SHARED_EVAL)"/*.yaml --by-kind $(EVAL_FLAGS) || status=$$?; \
	else echo "$(SHARED_EVAL) not found: evaluated the banks' examples only"; fi; \
	exit $$status

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
