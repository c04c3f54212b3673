# MangaAssist: the two commands a new machine needs (JDK 17 + Maven). See README.md.
MVN ?= mvn -B
JAVA ?= java
# Arguments for the service and the local backends (each reads its own settings), e.g.
# make run ARGS="--mangaassist.local.redis.port=6380"
ARGS ?=
# -XX:TieredStopAtLevel=1: C1 only, as spring-boot:run does; startup is CPU-bound on 2 cores.
# Benchmarks start both processes with the full JIT instead.
SERVICE_JVM_ARGS ?= -XX:TieredStopAtLevel=1
# log4j-core (not Spring's log4j-to-slf4j) as the OpenSearch node's logger (DEPENDENCIES.md)
BACKENDS_LOG_ARGS := -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.core.impl.Log4jContextFactory
BACKENDS_JVM_ARGS ?= -XX:TieredStopAtLevel=1 $(BACKENDS_LOG_ARGS)
export SERVICE_JVM_ARGS BACKENDS_JVM_ARGS JAVA

# The service is the production jar (no src/local class, no backend server on its classpath); the
# backends run from the test classpath, where src/local and the servers' jars are.
SERVICE_JAR := target/mangaassist.jar
BACKENDS_CP := target/backends.classpath
BACKENDS_MAIN := -cp $$(cat $(BACKENDS_CP)) com.mangaassist.local.LocalBackends
SOURCES := pom.xml $(shell find src/main src/local src/test -type f 2>/dev/null)

.PHONY: run backends test test-fast rules-test test-deps bench bench-floor drills eval package-prod docs k8s-routes clean

## run: the chat page at http://localhost:8080/: the local backends (started, or reused when up) and
## the service as two processes. Maven runs only when a source changed.
run: $(SERVICE_JAR) $(BACKENDS_CP)
	tools/run-local.sh $(SERVICE_JAR) $(BACKENDS_CP) $(ARGS)

## backends: only the local backends (DynamoDB Local, OpenSearch + k-NN, Redis, the Bedrock stand-in),
## seeded with the service's tables and the indexed catalog, in the foreground
backends: $(BACKENDS_CP)
	$(JAVA) $(BACKENDS_JVM_ARGS) $(BACKENDS_MAIN) $(ARGS)

$(SERVICE_JAR) $(BACKENDS_CP) &: $(SOURCES)
	$(MVN) -q package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/backends.dependencies
	echo "target/test-classes:target/classes:$$(cat target/backends.dependencies)" > $(BACKENDS_CP)

## test: every test (real DynamoDB Local, OpenSearch, Redis, Bedrock stand-in, headless Chromium)
test: test-deps rules-test
	$(MVN) test

## docs: regenerates docs/configuration.md's settings table from the settings records (SettingsReferenceTest checks
## it) and k8s/base/routes
docs: $(BACKENDS_CP) k8s-routes
	$(JAVA) -cp $$(cat $(BACKENDS_CP)) com.mangaassist.config.SettingsReference

## k8s-routes: copies routes/*.yaml (the one source) into k8s/base/routes, which kustomize may read
## without flags (K8sManifestsTest checks the copy is byte for byte the same)
k8s-routes:
	rm -f k8s/base/routes/*.yaml
	cp routes/*.yaml k8s/base/routes/

## test-fast: the unit and route tiers only (no backends started: every fallback decision in seconds)
test-fast:
	$(MVN) test -DexcludedGroups=full-stack

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

## bench: the load benchmark (docs/performance.md): the backends, the service (the production jar, full
## JIT, JFR on) and the generator as three processes; with 2+ cores the service is pinned to CPU 0 and
## the backends and the generator to the rest (taskset). Closed-loop scenarios with their stand-in
## baselines, the open-loop capacity search, the heap per idle connection. Writes target/bench/
## report.md, report.json, capacity.svg, service.jfr and hot-methods.txt.
## BENCH_SCENARIOS = sessions:miss|mix:think-seconds, comma-separated; BENCH_OPTS = more -Dbench.* settings.
BENCH_SCENARIOS ?= 1:miss:1,1:mix:1,100:miss:5,100:mix:5,1000:miss:20,1000:mix:20,10000:miss:60,10000:mix:60
BENCH_DURATION ?= 60s
BENCH_OPTS ?=
BENCH_SERVICE_JVM_ARGS ?= -Xmx2g -XX:StartFlightRecording=filename=target/bench/service.jfr,settings=profile,dumponexit=true
BENCH_BACKENDS_JVM_ARGS ?= -Xmx3g $(BACKENDS_LOG_ARGS)
bench: $(SERVICE_JAR) $(BACKENDS_CP)
	mkdir -p target/bench
	ulimit -n $$(ulimit -Hn); \
	if [ "$$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then \
		SERVICE_CPUS="taskset -c 0"; OTHER_CPUS="taskset -c 1-$$(( $$(nproc) - 1 ))"; \
		PLACEMENT="service pinned to CPU 0 (taskset -c 0); backends and generator on CPUs 1-$$(( $$(nproc) - 1 )); $$(nproc) CPUs, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"; \
	else PLACEMENT="not pinned ($$(nproc) CPU): service, backends and generator share it"; fi; \
	$$OTHER_CPUS $(JAVA) $(BENCH_BACKENDS_JVM_ARGS) $(BACKENDS_MAIN) \
		--mangaassist.local.exit-with-parent=true $(ARGS) > target/bench/backends.log 2>&1 & BACKENDS=$$!; \
	$$SERVICE_CPUS $(JAVA) $(BENCH_SERVICE_JVM_ARGS) -jar $(SERVICE_JAR) --spring.profiles.active=local $(ARGS) \
		> target/bench/service.log 2>&1 & SERVICE=$$!; \
	$$OTHER_CPUS $(JAVA) -Xmx2g -cp $$(cat $(BACKENDS_CP)) -Dbench.scenarios=$(BENCH_SCENARIOS) -Dbench.duration=$(BENCH_DURATION) \
		-Dbench.placement="$$PLACEMENT" $(BENCH_OPTS) com.mangaassist.bench.Bench; STATUS=$$?; \
	kill $$SERVICE; wait $$SERVICE; kill $$BACKENDS; wait $$BACKENDS; \
	$(JAVA) -cp target/test-classes com.mangaassist.bench.JfrHotMethods target/bench/service.jfr target/bench/hot-methods.txt > /dev/null; \
	exit $$STATUS

## bench-floor: the round trip of one frame to a WebSocket server that only echoes it (pinned like the
## service), with the bench's client at the one-session pacing: the lowest "overhead" any service
## could show on this machine (docs/performance.md). FLOOR_FRAMES frames, FLOOR_PAUSE_MS mean pause.
FLOOR_FRAMES ?= 200
FLOOR_PAUSE_MS ?= 1000
bench-floor: $(BACKENDS_CP)
	if [ "$$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then \
		SERVICE_CPUS="taskset -c 0"; OTHER_CPUS="taskset -c 1-$$(( $$(nproc) - 1 ))"; fi; \
	$$SERVICE_CPUS $(JAVA) -cp $$(cat $(BACKENDS_CP)) com.mangaassist.bench.TransportFloor server 18555 & ECHO=$$!; \
	sleep 3; $$OTHER_CPUS $(JAVA) -cp $$(cat $(BACKENDS_CP)) com.mangaassist.bench.TransportFloor client 18555 \
		$(FLOOR_FRAMES) $(FLOOR_PAUSE_MS); STATUS=$$?; kill $$ECHO; wait $$ECHO; exit $$STATUS

## drills: issue 18's real faults against separate processes (docs/operations.md, "Drills"): the local
## backends, the service jar, and a proxy process in front of DynamoDB Local faulted with SIGSTOP/SIGKILL;
## SIGTERM and kill -9 of the service; a 4 MiB tmpfs journal disk filled, then remounted read-only (root).
## DRILLS = some of sigterm,kill9,hung,disk. Writes target/drills/report.md; fails when a check fails.
DRILLS ?= sigterm,kill9,hung,disk
drills: $(SERVICE_JAR) $(BACKENDS_CP)
	mkdir -p target/drills
	$(JAVA) -Xmx1g -cp $$(cat $(BACKENDS_CP)) -Ddrills=$(DRILLS) com.mangaassist.drill.Drills

## eval: retrieval quality (docs/retrieval.md): every labelled question of src/test/resources/eval/
## retrieval-set.jsonl asked of the service jar against the local backends; recall@1, recall@3 and MRR
## per category and split from the done frames' sources. Writes target/eval/retrieval.md and .json.
## ARGS go to the service, e.g. make eval ARGS="--mangaassist.rag.fusion=rrf"
eval: $(SERVICE_JAR) $(BACKENDS_CP)
	mkdir -p target/eval
	$(JAVA) -Xmx1g -cp $$(cat $(BACKENDS_CP)) com.mangaassist.eval.RetrievalEval $(ARGS)

## package-prod: target/mangaassist.jar alone (the jar make run starts), tests and src/local not compiled
package-prod:
	$(MVN) -Dmaven.test.skip=true clean package

clean:
	$(MVN) -q clean
