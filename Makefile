# Entry points for people and CI; the real work lives in scripts/setup.sh and CMake/CTest.

BUILD_DIR := build
DEMO_CONFIG := apps/examples/hello/dash.json

.PHONY: setup build demo test e2e clean

# Packages, npm bundles and the build; each step is skipped when already done.
setup:
	scripts/setup.sh

build:
	scripts/setup.sh build

# Serves the hello example on http://127.0.0.1:8050/ until interrupted.
demo: setup
	exec $(BUILD_DIR)/bin/dash-host --config $(DEMO_CONFIG)

test: setup
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j2

# The Chromium test alone, without CTest.
e2e: setup
	node --test tests/e2e/hello.test.mjs

clean:
	rm -rf $(BUILD_DIR)
