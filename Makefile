# The two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: deps build test demo benchmark clean


deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# A fresh ./demo-store built from the guide's walkthrough, then a short tour.
demo: deps
	$(SWIFT) build --product provctl
	"$$($(SWIFT) build --show-bin-path)/provctl" demo --store ./demo-store --force

# Benchmarks live in their own package so that `make test` never builds them.
benchmark: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build Benchmarks/.build
