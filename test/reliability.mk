# test/reliability.mk: the long reliability runs (included by the Makefile)
#
#   make fuzz-long [FUZZ_SECONDS=600] [FUZZ_TARGETS="ags period"]
#       each libFuzzer target for FUZZ_SECONDS, one after the other, from its
#       seed corpus; prints the executions per target; a crashing input is
#       kept as test/fuzz/crash-* and the target fails
#   make test-asan
#       the pg_regress and pgTAP suites against the extension built with
#       AddressSanitizer and UndefinedBehaviorSanitizer, loaded into the stock
#       server (test/run.sh with SIKO_SANITIZE=1); fails on any report

FUZZ_SECONDS	?= 600
FUZZ_TARGETS	?= $(patsubst test/fuzz/fuzz_%.c,%,$(FUZZ_SRCS))

fuzz-long: fuzz-build
	@rc=0; for t in $(FUZZ_TARGETS); do \
		work=$$(mktemp -d) || exit 1; \
		echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
		if ./test/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=test/fuzz/ $$work test/fuzz/corpus/$$t >$$work.log 2>&1; then \
			echo "fuzz_$$t: ok, $$(sed -n 's/^stat::number_of_executed_units: *//p' $$work.log) executions, $$(ls $$work | wc -l) new inputs"; \
		else \
			grep -v -E '^#[0-9]+' $$work.log | tail -n 40; \
			echo "fuzz_$$t: FAILED"; rc=1; \
		fi; \
		rm -rf $$work $$work.log; \
	done; exit $$rc

test-asan:
	@SIKO_SANITIZE=1 SIKO_TESTS="$${SIKO_TESTS:-regress pgtap}" bash test/run.sh test

.PHONY: fuzz-long test-asan
