# Indaba: the two commands of the quick start are `make run` and `make test`.
SWIFT ?= swift
DB ?= var/indaba.sqlite
DEMO ?= fixtures/asknet/asknet.yaml
INDABA = .build/debug/indaba

.PHONY: run test build deps lint demo-regenerate clean

## run: install what is missing, build, load the demo network into $(DB) (if empty) and show it
run: build
	@mkdir -p $(dir $(DB))
	@$(INDABA) init --db $(DB)
	@$(INDABA) import --db $(DB) --if-empty $(DEMO)
	@echo
	@$(INDABA) org list --db $(DB)
	@echo
	@$(INDABA) series show --db $(DB) asknet/webinars/inclusive-spaces
	@echo
	@echo "Explore further with: $(INDABA) --help   (add --db $(DB) to each command, or export INDABA_DB=$(DB))"

## test: install what is missing, build and run every test
test: deps
	$(SWIFT) test --disable-xctest

build: deps
	$(SWIFT) build

deps:
	@scripts/install-deps.sh

## demo-regenerate: rebuild the demo fixture from its generator (the result is committed)
demo-regenerate:
	python3 fixtures/asknet/generate.py

clean:
	rm -rf .build var

## lint: check formatting (.swift-format); `swift format --in-place --recursive Sources Tests` fixes it
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
