# Sociale Kaart. The two commands a new machine needs:
#   make run    the service with demo data on http://localhost:8080
#   make test   every test, against a local Neo4j the run starts itself
.DEFAULT_GOAL := help
SHELL := /bin/bash

LAUNCHER_JAR := tools/neo4j-launcher/target/neo4j-launcher.jar

.PHONY: help
help:
	@echo "make run      start the service (local Neo4j + demo data) on http://localhost:8080"
	@echo "make test     run go vet, the generated-code check and all tests"
	@echo "make build    build bin/socialekaart"
	@echo "make generate regenerate the GraphQL code"
	@echo "make web      rebuild the web pages' CSS and script into internal/web/static"

.PHONY: deps
deps:
	@scripts/deps.sh

$(LAUNCHER_JAR): tools/neo4j-launcher/pom.xml $(shell find tools/neo4j-launcher/src -type f)
	mvn -q -B -f tools/neo4j-launcher/pom.xml package -DskipTests

.PHONY: build
build: deps $(LAUNCHER_JAR)
	go build -o bin/socialekaart ./cmd/socialekaart

.PHONY: run
run: build
	bin/socialekaart serve --dev-login

.PHONY: web
web:
	cd web && npm ci --no-audit --no-fund && node build.mjs

.PHONY: generate
generate:
	go generate ./...

.PHONY: test
test: deps $(LAUNCHER_JAR)
	@scripts/test.sh
