# BorderMap: `make serve` and `make test` work on a fresh Debian 12.
SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the build and the tests need. GDAL and PROJ's tools are the test oracles;
# strace watches which files the server opens (bordermapTests/PathTraversalTests).
APT_PACKAGES := pkg-config libgeos-dev libproj-dev proj-data proj-bin libpng-dev libsqlite3-dev \
	libfreetype-dev fonts-dejavu-core fonts-noto-core gdal-bin pngcheck python3-pil sqlite3 \
	libjs-leaflet chromium curl libtiff-dev libgeotiff-dev systemd nginx-light wrk strace
# WITH_POSTGRES=1 (e.g. `make test WITH_POSTGRES=1`, as .ci/run does) also installs PostgreSQL 15
# and PostGIS, so that the PostgreSQL incident store tests run against a real server instead of
# being skipped (with a warning).
WITH_POSTGRES ?=
ifneq ($(WITH_POSTGRES),)
APT_PACKAGES += postgresql-15 postgresql-15-postgis-3 postgresql-15-pgrouting
endif
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := shapefile dbf wkb geojson csv

.PHONY: setup build release serve test fuzz bench clean oracles

# The tests' own Python virtual environment with the independent references from PyPI
# (Tests/TestSupport/PythonOracle.swift): PySAL for Gi*, Moran's I and FDR, pymannkendall for
# trends, scikit-learn for DBSCAN, networkx for shortest paths; schemathesis checks the server
# against its OpenAPI description (Tests/TileServerTests/OpenAPIConformanceTests.swift).
ORACLE_VENV := .build-oracles/venv
ORACLE_PACKAGES := esda==2.9.0 libpysal==4.14.1 pymannkendall==1.4.3 scikit-learn==1.9.1 networkx==3.6.1 pyproj==3.7.2 numpy scipy \
	schemathesis==4.32.5

## setup: install the missing Debian packages (apt-get; sudo only when not root)
setup:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## build: debug build of the library, the CLI and the tests
build: setup
	$(SWIFT) build --build-tests

release: setup
	$(SWIFT) build -c release --product bordermap

## serve: install, build (release) and serve Styles/ over Shapefiles/ and a demo incident
## database on http://127.0.0.1:8080/ (SERVE_ARGS adds options, e.g. SERVE_ARGS="--port 9000")
serve: release
	.build/release/bordermap serve $(SERVE_ARGS)

## oracles: the tests' Python virtual environment (once; delete .build-oracles to refresh)
oracles: $(ORACLE_VENV)/.installed
# Depends on the Makefile, so that a venv made before a package was added here gets it.
$(ORACLE_VENV)/.installed: Makefile
	python3 -m venv $(ORACLE_VENV)
	$(ORACLE_VENV)/bin/pip install -q --disable-pip-version-check $(ORACLE_PACKAGES)
	touch $@

## test: install, build and run every test (bordermapTests/FuzzReplayTests also replays Fuzz/corpus/
## and any Fuzz/artifacts/ through bordermap-fuzz, which the build makes too)
test: build oracles
	$(SWIFT) test --skip-build

## fuzz: libFuzzer on each reader for FUZZ_SECONDS (default 600) each
fuzz: setup
	$(SWIFT) build --scratch-path .build-fuzz -c debug --product bordermap-fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library
	@mkdir -p Fuzz/corpus-work Fuzz/artifacts
	@failed=""; for t in $(FUZZ_TARGETS); do \
		mkdir -p Fuzz/corpus-work/$$t; \
		echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
		FUZZ_TARGET=$$t .build-fuzz/debug/bordermap-fuzz Fuzz/corpus-work/$$t Fuzz/corpus/$$t \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
			-artifact_prefix=Fuzz/artifacts/$$t- -print_final_stats=1 || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found problems in:$$failed (see Fuzz/artifacts/)"; exit 1; fi

## bench: side-by-side benchmarks (see Benchmarks/README.md; the incident store ones are run by hand:
## Benchmarks/incidents.sh, and Benchmarks/incidents-postgres.sh after `make setup WITH_POSTGRES=1`)
bench: setup
	bash Benchmarks/foundation.sh

clean:
	rm -rf .build .build-fuzz

## bench-serve: the tile server against nginx and Mapnik (Benchmarks/README.md, issue 5)
.PHONY: bench-serve
bench-serve: release
	bash Benchmarks/serve.sh

## install: release build, then install-files (PREFIX=/usr/local; DESTDIR for packaging)
## install-files: install an already built binary (BIN_DIR, default .build/release):
##   PREFIX/lib/bordermap/  the binary, its resource bundles and the Swift runtime libraries it
##                          links (found through its $ORIGIN run path), so no toolchain is needed
##   PREFIX/bin/bordermap   a link to it
##   PREFIX/share/bordermap Styles/, Shapefiles/ (found from any working directory), README.md,
##                          bordermap.conf (example) and bordermap.service (systemd unit)
PREFIX ?= /usr/local
BIN_DIR ?= .build/release
.PHONY: install install-files
install: release
	$(MAKE) install-files BIN_DIR=.build/release
install-files:
	@test -x $(BIN_DIR)/bordermap || { echo "$(BIN_DIR)/bordermap is missing: run make release (or make install)"; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/bordermap $(DESTDIR)$(PREFIX)/share/bordermap
	install -m 755 $(BIN_DIR)/bordermap $(DESTDIR)$(PREFIX)/lib/bordermap/bordermap
	for bundle in $(BIN_DIR)/*.resources; do rm -rf $(DESTDIR)$(PREFIX)/lib/bordermap/$$(basename $$bundle); \
		cp -R $$bundle $(DESTDIR)$(PREFIX)/lib/bordermap/; done
	toolchain=$$(dirname $$(dirname $$(readlink -f $$(command -v $(SWIFT)))))/lib/swift/linux; \
	for lib in $$(ldd $(BIN_DIR)/bordermap | awk '$$3 ~ "^'"$$toolchain"'/" { print $$3 }'); do \
		install -m 644 $$lib $(DESTDIR)$(PREFIX)/lib/bordermap/; done
	ln -sfn ../lib/bordermap/bordermap $(DESTDIR)$(PREFIX)/bin/bordermap
	rm -rf $(DESTDIR)$(PREFIX)/share/bordermap/Styles $(DESTDIR)$(PREFIX)/share/bordermap/Shapefiles
	cp -R Styles Shapefiles README.md $(DESTDIR)$(PREFIX)/share/bordermap/
	install -m 644 packaging/bordermap.conf $(DESTDIR)$(PREFIX)/share/bordermap/bordermap.conf
	sed 's|@PREFIX@|$(PREFIX)|g' packaging/bordermap.service.in > $(DESTDIR)$(PREFIX)/share/bordermap/bordermap.service
	@echo "installed $(DESTDIR)$(PREFIX)/bin/bordermap; the systemd unit and an example configuration are in $(PREFIX)/share/bordermap/"

## cluster: PostgreSQL, three servers and nginx in front on 127.0.0.1 until Ctrl-C
## (Benchmarks/cluster.sh; needs `make setup WITH_POSTGRES=1`); bench-cluster: LISTEN latency
.PHONY: cluster bench-cluster
cluster: release
	bash Benchmarks/cluster.sh up
bench-cluster: release
	bash Benchmarks/cluster.sh bench
