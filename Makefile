# The two commands of the README's quick start. Both install what is missing first.
.PHONY: run test

run:
	scripts/run.sh

test:
	scripts/test.sh
