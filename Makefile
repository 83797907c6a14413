# scaffold: build, demo, test, install.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= release
BIN      = .build/$(CONFIG)/scaffold
VENV     = .venv/bin

.PHONY: all deps build demo test install clean

all: build

deps:
	@.ci/install-deps

# A statically linked Swift runtime starts in a few milliseconds instead of ~10.
build: deps
	$(SWIFT) build -c $(CONFIG) --product scaffold --static-swift-stdlib

# Quick start: build, then scaffold a Go service from the shipped golden paths into ./payments.
demo: build
	rm -rf payments
	$(BIN) new go-microservice payments --no-input --standalone

# Everything CI runs: unit and integration tests, the template language checked against
# Jinja2 itself, and every shipped golden path rendered and checked by real linters and builds.
test:
	@.ci/install-deps --test
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(VENV)/python Tests/Conformance/check.py --scaffold .build/debug/scaffold
	$(VENV)/python Tests/Conformance/fuzz.py --scaffold .build/debug/scaffold
	$(VENV)/python Tests/Conformance/ansible_filters.py --scaffold .build/debug/scaffold
	$(VENV)/python Tests/Imported/differential.py --scaffold .build/debug/scaffold
	SCAFFOLD=$(CURDIR)/.build/debug/scaffold VENV=$(CURDIR)/.venv Tests/Imported/takeover.sh
	.build/debug/scaffold-fuzz --seed 1 --seconds 20
	SCAFFOLD=$(CURDIR)/.build/debug/scaffold VENV=$(CURDIR)/.venv Tests/golden-paths/upgrade-scenario.sh
	SCAFFOLD=$(CURDIR)/.build/debug/scaffold VENV=$(CURDIR)/.venv Tests/golden-paths/validate.sh
	$(VENV)/python Tests/golden-paths/values_schema.py --scaffold .build/debug/scaffold

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/scaffold
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/scaffold
	rm -rf $(DESTDIR)$(PREFIX)/share/scaffold/golden-paths
	cp -R golden-paths $(DESTDIR)$(PREFIX)/share/scaffold/golden-paths

clean:
	rm -rf .build
