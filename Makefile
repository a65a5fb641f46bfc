# Convenience entry points; the build itself is CMake (tools/build.sh).
.PHONY: all test bench
all:
	./tools/build.sh
test:
	./tools/test.sh
# Benchmarks vs CPython 3.11 (DESIGN.md section 7): table, JSON and chart in bench/results/.
bench:
	./tools/install_deps.sh bench
	./tools/build.sh
	/usr/bin/python3.11 bench/run_bench.py --pyrs build/driver/pyrs --out bench/results $(BENCH_ARGS)
