# kronika — set-up and everyday commands. Needs only python3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: install demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes: `make install` twice does nothing the second time.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/kronika ingest examples/articles --db $(DEMO_DB)
	$(BIN)/kronika summary --db $(DEMO_DB)
	@echo "Open the web interface: $(BIN)/kronika serve --db $(DEMO_DB)   then browse http://127.0.0.1:8765/"

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info
