# MangaAssist: the two commands a new machine needs (JDK 17 + Maven). See README.md.
MVN ?= mvn -B
JAVA ?= java
# Arguments for the service, e.g. make run ARGS="--mangaassist.local.redis.port=6380"
ARGS ?=
# Same flags as the pom's local.jvm.args: sqlite4java natives for DynamoDB Local, and log4j-core
# (not Spring's log4j-to-slf4j) as the in-process OpenSearch node's logger.
# -XX:TieredStopAtLevel=1: C1 only, as spring-boot:run does; startup is CPU-bound on 2 cores.
# Benchmarks start the service with the full JIT instead.
JVM_ARGS ?= -XX:TieredStopAtLevel=1 -Dsqlite4java.library.path=target/native-libs \
	-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.core.impl.Log4jContextFactory

SOURCES := pom.xml $(shell find src/main src/local -type f 2>/dev/null)

.PHONY: run test rules-test test-deps package-prod clean

## run: the local profile, every backend in this one process. Maven runs only when a source
## changed; otherwise the JVM starts straight away.
run: target/run.classpath
	$(JAVA) $(JVM_ARGS) -cp target/classes:$$(cat target/run.classpath) com.mangaassist.MangaAssistApplication $(ARGS)

target/run.classpath: $(SOURCES)
	$(MVN) -q process-classes dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=$@

## test: every test (real DynamoDB Local, OpenSearch, Redis, Bedrock stand-in, headless Chromium)
test: test-deps rules-test
	$(MVN) test

## rules-test: the Prometheus SLO recording and alerting rules in k8s/prometheus, checked and unit-tested by promtool
rules-test: test-deps
	cd k8s/prometheus && promtool check rules mangaassist-slo-rules.yaml && promtool test rules mangaassist-slo-rules.test.yaml

## test-deps: Debian's chromium and chromedriver (browser tests) and prometheus (promtool), installed when missing
test-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v promtool >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver prometheus; \
	fi

## package-prod: the production jar, without the local stand-ins (src/local) or their dependencies
package-prod:
	$(MVN) -Dprod -Dmaven.test.skip=true clean package

clean:
	$(MVN) -q clean
