# symcheck: a thin wrapper over CMake, so a newcomer needs one command.
#   make          build (installs missing Debian packages first)
#   make run      build and start symcheck
#   make check    install, build, run every test: normally (gcc) and under
#                 AddressSanitizer + UndefinedBehaviorSanitizer (clang)
#   make bench    benchmarks, printed as ratios against a baseline
#   make asan     the sanitizer build and its tests alone
#   make browser  end-to-end tests in headless Chromium (playwright-core)
#   make fuzz     run the libFuzzer targets (FUZZ_SECONDS=60 each)
#   make format   apply clang-format
BUILD      ?= build
ASAN_BUILD ?= build/asan
FUZZ_BUILD ?= build/fuzz
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 60
FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)

.PHONY: all deps test-deps configure build run check test asan browser fuzz bench format format-check clean

all: build

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_C_COMPILER=gcc

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@scripts/run.sh $(BUILD)/symcheck

# Configuring again is cheap and finds cmocka when it arrived after the
# first configure; --no-tests=error makes a build without tests fail loudly.
test: test-deps
	cmake -S . -B $(BUILD) -DCMAKE_C_COMPILER=gcc
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure --no-tests=error -j $(JOBS)

asan: test-deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DSYMCHECK_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure --no-tests=error -j $(JOBS)

browser: build
	@scripts/install-deps.sh web
	@scripts/browser-tests.sh $(BUILD)

check: test-deps format-check test asan browser
	@scripts/fuzz.sh $(FUZZ_BUILD) 10

fuzz: test-deps
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	@scripts/bench.sh $(BUILD)

format: test-deps
	clang-format -i $(FORMAT_FILES)

format-check: test-deps
	@clang-format --dry-run --Werror $(FORMAT_FILES) || \
	  { echo "Formatting differs from .clang-format: run 'make format'." >&2; exit 1; }

clean:
	rm -rf $(BUILD)
