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

.PHONY: run test rules-test test-deps bench package-prod clean

## run: the local profile, every backend in this one process. Maven runs only when a source
## changed; otherwise the JVM starts straight away.
run: target/run.classpath
	$(JAVA) $(JVM_ARGS) -cp target/classes:$$(cat target/run.classpath) com.mangaassist.MangaAssistApplication $(ARGS)

target/run.classpath: $(SOURCES)
	$(MVN) -q process-classes dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=$@

## test: every test (real DynamoDB Local, OpenSearch, Redis, Bedrock stand-in, headless Chromium)
test: test-deps rules-test
	$(MVN) test

## rules-test: the Prometheus SLO recording and alerting rules, unwrapped from k8s/'s PrometheusRule into a
## plain rules file, checked and unit-tested by promtool
rules-test: test-deps
	mkdir -p target/prometheus
	sed '1,/^spec:/d; s/^  //' k8s/prometheus/mangaassist-slo-rule.yaml > target/prometheus/mangaassist-slo-rules.yaml
	cp k8s/prometheus/mangaassist-slo-rules.test.yaml target/prometheus/
	cd target/prometheus && promtool check rules mangaassist-slo-rules.yaml && promtool test rules mangaassist-slo-rules.test.yaml

## test-deps: Debian's chromium and chromedriver (browser tests), prometheus (promtool) and kubectl (renders
## k8s/), installed when missing
test-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v promtool >/dev/null || ! command -v kubectl >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver prometheus kubectl; \
	fi

## bench: the load benchmark (docs/performance.md ("Performance")): starts the service (full JIT, JFR on), runs the
## generator as its own process against it, writes target/bench/report.md, report.json, service.jfr
## and hot-methods.txt. BENCH_SCENARIOS = sessions:miss|mix:think-seconds, comma-separated.
BENCH_SCENARIOS ?= 1:miss:1,1:mix:1,100:miss:5,100:mix:5,1000:miss:20,1000:mix:20,10000:miss:60,10000:mix:60
BENCH_DURATION ?= 60s
BENCH_JVM_ARGS ?= -Xmx4g -Dsqlite4java.library.path=target/native-libs \
	-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.core.impl.Log4jContextFactory \
	-XX:StartFlightRecording=filename=target/bench/service.jfr,settings=profile,dumponexit=true
bench: target/run.classpath target/bench.classpath
	mkdir -p target/bench
	ulimit -n $$(ulimit -Hn); \
	$(JAVA) $(BENCH_JVM_ARGS) -cp target/classes:$$(cat target/run.classpath) com.mangaassist.MangaAssistApplication $(ARGS) \
		> target/bench/service.log 2>&1 & SERVICE=$$!; \
	$(JAVA) -Xmx2g -cp target/test-classes:target/classes:$$(cat target/bench.classpath) \
		-Dbench.scenarios=$(BENCH_SCENARIOS) -Dbench.duration=$(BENCH_DURATION) com.mangaassist.bench.Bench; STATUS=$$?; \
	kill $$SERVICE; wait $$SERVICE; \
	$(JAVA) -cp target/test-classes com.mangaassist.bench.JfrHotMethods target/bench/service.jfr target/bench/hot-methods.txt > /dev/null; \
	exit $$STATUS

target/bench.classpath: $(SOURCES) $(shell find src/test -type f 2>/dev/null)
	$(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$@

## package-prod: the production jar, without the local stand-ins (src/local) or their dependencies
package-prod:
	$(MVN) -Dprod -Dmaven.test.skip=true clean package

clean:
	$(MVN) -q clean
