# MangaAssist: the two commands a new machine needs (JDK 17 + Maven). See README.md.
MVN ?= mvn -B

.PHONY: run test package-prod clean

## run: the local profile, every backend in this one process; chat page at http://localhost:8080/
run:
	$(MVN) -q spring-boot:run

## test: every test (real DynamoDB Local, OpenSearch, Redis, Bedrock stand-in)
test:
	$(MVN) test

## package-prod: the production jar, without the local stand-ins (src/local) or their dependencies
package-prod:
	$(MVN) -Dprod -Dmaven.test.skip=true clean package

clean:
	$(MVN) -q clean
