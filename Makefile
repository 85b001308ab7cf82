# Indaba: the two commands of the quick start are `make run` and `make test`.
SWIFT ?= swift
DB ?= var/indaba.sqlite
DEMO ?= fixtures/asknet/asknet.yaml
HOST ?= 127.0.0.1
PORT ?= 8080
INDABA = .build/debug/indaba

.PHONY: run test build deps lint demo-regenerate clean

## run: install what is missing, build, load the demo network into $(DB) (if empty) and serve it on $(PORT)
run: build
	@mkdir -p $(dir $(DB))
	@$(INDABA) init --db $(DB)
	@$(INDABA) import --db $(DB) --if-empty $(DEMO)
	@$(INDABA) base-url --db $(DB) http://$(HOST):$(PORT) > /dev/null 2>&1
	@$(INDABA) plugin enable feeds --db $(DB) --org asknet > /dev/null
	@$(INDABA) plugin enable retention --db $(DB) --org asknet > /dev/null
	@$(INDABA) retention target asknet/webinars/inclusive-spaces --metric women-enrolled --minimum 50 \
		--db $(DB) --org asknet > /dev/null
	@$(INDABA) retention target asknet/webinars/inclusive-spaces --metric completion --minimum 60 \
		--db $(DB) --org asknet > /dev/null
	@$(INDABA) plugin enable messages --db $(DB) --org asknet > /dev/null
	@$(INDABA) plugin enable case-studies --db $(DB) --org asknet > /dev/null
	@$(INDABA) case-studies import --db $(DB) --org asknet fixtures/case-studies > /dev/null
	@$(INDABA) plugin enable certificates --db $(DB) --org asknet --set verificationBaseURL=http://$(HOST):$(PORT) \
		--set 'rules=[{"series": "asknet/webinars/inclusive-spaces", "minimumSessions": 3, "requiredKinds": ["feedback", "offlineExercise"]}]' > /dev/null
	@umask 077; $(INDABA) token create --db $(DB) --role networkCoordinator --org asknet --label "make run" \
		--expires-in-days 1 2>/dev/null > $(dir $(DB))demo-token
	@echo "A demo coordinator token (valid one day) is in $(dir $(DB))demo-token: export TOKEN=\$$(cat $(dir $(DB))demo-token)"
	@echo "Try: curl http://$(HOST):$(PORT)/api/v1/series   and   curl -H \"Authorization: Bearer \$$TOKEN\" http://$(HOST):$(PORT)/api/v1/people"
	@echo "Case studies: curl 'http://$(HOST):$(PORT)/public/orgs/1/case-studies/studies?q=radio'   (indaba case-studies search QUERY --org asknet)"
	@echo "Web pages: http://$(HOST):$(PORT)/   Staff sign-in link (one use, 15 minutes):"
	@$(INDABA) user login-link --db $(DB) --org asknet --role networkCoordinator 2>/dev/null
	@echo "A fresh sign-in link at any time (links print http://$(HOST):$(PORT), recorded with 'indaba base-url'):"
	@echo "  $(INDABA) user login-link --db $(DB) --org asknet --role networkCoordinator"
	@echo "Subscribe: webcal://$(HOST):$(PORT)/public/orgs/1/feeds/network/calendar.ics (and feed.rss, feed.atom, calendar.xcs, schedule.xml)"
	@echo "Certificates: $(INDABA) certificates issue asknet/webinars/inclusive-spaces --org asknet --db $(DB) --out var/certificates"
	@echo "Participants' own pages: http://$(HOST):$(PORT)/me (a link for one: $(INDABA) person sign-in-link EMAIL --db $(DB))"
	@echo "Mail: written as .eml files into $(dir $(DB))outbox/ (production: --sendmail PATH, see README)"
	@$(INDABA) serve --db $(DB) --host $(HOST) --port $(PORT) --mail-directory $(dir $(DB))outbox

## test: install what is missing, build and run every test (those that need a process of their own after the others)
test: deps
	$(SWIFT) test --disable-xctest
	INDABA_TESTS_ALONE=1 $(SWIFT) test --disable-xctest --skip-build --filter AloneTests

build: deps
	$(SWIFT) build

deps:
	@scripts/install-deps.sh

## demo-regenerate: rebuild the demo fixture from its generator (the result is committed)
demo-regenerate:
	python3 fixtures/asknet/generate.py

clean:
	rm -rf .build var

## lint: check formatting (.swift-format); `swift format --in-place --recursive Sources Plugins Tests BuildTools` fixes it
lint:
	$(SWIFT) format lint --strict --recursive Sources Plugins Tests BuildTools Package.swift
