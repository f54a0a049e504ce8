# syntax=docker/dockerfile:1
# antpath server image: Payara Micro + antpath.war, configured by ANTPATH_* environment variables
# (docs/configuration.md, docs/deployment.md). Build and run:
#   docker build -t antpath .
#   docker run -p 8080:8080 -e ANTPATH_DB_URL=jdbc:postgresql://db:5432/antpath -e ANTPATH_DB_USER=antpath \
#     -e ANTPATH_DB_PASSWORD=... -e ANTPATH_VAULT_KEYS=prod-1:<base64 32 bytes> antpath
# Apply the schema alone (before an upgrade, with ANTPATH_DB_MIGRATE_ON_START=false on the servers):
#   docker run --rm -e ANTPATH_DB_URL=... -e ANTPATH_DB_USER=... -e ANTPATH_DB_PASSWORD=... antpath migrate
# compose.yaml runs PostgreSQL, the Claude API simulator and two antpath instances.

ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependency layer: only the build files, so it is rebuilt when a pom changes, not on every source change.
# Every module's pom is needed (the reactor refuses a missing module); ContainerFilesTest checks the list.
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY antpath-sdk/pom.xml antpath-sdk/
COPY antpath-claude-sim/pom.xml antpath-claude-sim/
COPY antpath-ejb/pom.xml antpath-ejb/
COPY antpath-web/pom.xml antpath-web/
COPY antpath-ear/pom.xml antpath-ear/
COPY antpath-testkit/pom.xml antpath-testkit/
COPY antpath-st/pom.xml antpath-st/
COPY antpath-server-st/pom.xml antpath-server-st/
RUN ./mvnw -B -q -ntp dependency:go-offline -pl antpath-web,antpath-claude-sim -am
COPY antpath-sdk antpath-sdk
COPY antpath-claude-sim antpath-claude-sim
COPY antpath-ejb antpath-ejb
COPY antpath-web antpath-web
COPY src src
RUN ./mvnw -B -q -ntp -DskipTests -DskipITs package -pl antpath-web,antpath-claude-sim -am

FROM ${RUNTIME_IMAGE}
# A fixed, unprivileged user (numeric, so runAsNonRoot can verify it); the storage folder is its only
# writable place besides Payara's root folder.
RUN groupadd --system --gid 10001 antpath \
    && useradd --system --uid 10001 --gid antpath --home-dir /opt/antpath --shell /usr/sbin/nologin antpath \
    && mkdir -p /opt/antpath/payara /var/lib/antpath/storage \
    && chown -R antpath:antpath /opt/antpath /var/lib/antpath
WORKDIR /opt/antpath
COPY --from=build /src/antpath-web/target/payara/payara-micro.jar payara-micro.jar
COPY --from=build /src/antpath-web/target/antpath.war antpath.war
COPY --from=build /src/antpath-web/target/antpath/WEB-INF migrate/WEB-INF
COPY --from=build /src/antpath-claude-sim/target/antpath-claude-sim-*.jar simulator/antpath-claude-sim.jar
COPY --from=build /src/antpath-claude-sim/target/lib simulator/lib
COPY server-config server-config
COPY --chmod=755 container/antpath container/healthcheck /usr/local/bin/
USER 10001:10001
ENV ANTPATH_MODE=production \
    ANTPATH_STORAGE_DIR=/var/lib/antpath/storage \
    ANTPATH_STARTUP_EXIT_ON_FAILURE=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
VOLUME ["/var/lib/antpath/storage"]
EXPOSE 8080
# /health/ready answers 200 once the schema is current and the database answers (bash only: the JRE
# image has no curl).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 CMD ["healthcheck"]
ENTRYPOINT ["antpath"]
CMD ["serve"]
