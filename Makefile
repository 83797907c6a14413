# scaffold: build, demo, test, install.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= release
BIN      = .build/$(CONFIG)/scaffold
VENV     = .venv/bin

.PHONY: all deps build demo test unit conformance install clean

all: build

deps:
	@.ci/install-deps

build: deps
	$(SWIFT) build -c $(CONFIG) --product scaffold

# Quick start: build, then scaffold a Go service from the shipped golden paths into ./payments.
demo: build
	rm -rf payments
	$(BIN) new go-microservice payments --no-input

# Everything CI runs.
test: 
	@.ci/install-deps --test
	$(SWIFT) build
	$(SWIFT) test

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/scaffold
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/scaffold
	rm -rf $(DESTDIR)$(PREFIX)/share/scaffold/golden-paths
	cp -R golden-paths $(DESTDIR)$(PREFIX)/share/scaffold/golden-paths

clean:
	rm -rf .build
