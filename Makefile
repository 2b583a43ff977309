# The two commands a newcomer needs: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: deps build test soak demo benchmark clean


deps:
	@./scripts/install-deps

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The killed book-in at the reliability issue's full size: 200,000 ICCIDs, SIGKILL at
# 20 random moments: ~4 minutes of one core (8 min wall on the busy dev VM);
# `make test` runs it on 10,000.
soak: deps
	$(SWIFT) build --build-tests
	PROVCTL_SOAK=1 $(SWIFT) test --skip-build --filter 'ReliabilityTests/Crashes/aKilledBookIn'

# A fresh ./demo-store built from the guide's walkthrough, then a short tour.
demo: deps
	$(SWIFT) build --product provctl
	"$$($(SWIFT) build --show-bin-path)/provctl" demo --store ./demo-store --force

# Benchmarks live in their own package so that `make test` never builds them.
benchmark: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build Benchmarks/.build
