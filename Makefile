# Shortcuts for the README's commands (the scripts work without make too).
.PHONY: demo test bench
demo:
	sh scripts/demo.sh
test:
	sh scripts/test.sh
bench:
	.venv/bin/python scripts/bench.py
