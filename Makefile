.PHONY: run test lint bench eval

run:  ## web server + worker with demo data
	scripts/run.sh

test:  ## the whole suite: lint, bandit, unit, worker and browser tests
	scripts/test.sh

lint:
	.venv/bin/ruff check .

bench:
	.venv/bin/python bench/extraction.py

eval:  ## extraction accuracy on the shared seeds and the held-out sets
	bench/evaluate.sh
