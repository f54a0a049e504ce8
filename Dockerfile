# antpath server image: Payara Micro + antpath.war, configured by ANTPATH_* environment variables
# (docs/configuration.md). Build: docker build -t antpath .   Run:
#   docker run -p 8080:8080 -e ANTPATH_DB_URL=jdbc:postgresql://db:5432/antpath -e ANTPATH_DB_USER=antpath \
#     -e ANTPATH_DB_PASSWORD=... -e ANTPATH_VAULT_KEYS=prod-1:<base64 32 bytes> antpath

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY antpath-sdk/pom.xml antpath-sdk/
COPY antpath-ejb/pom.xml antpath-ejb/
COPY antpath-web/pom.xml antpath-web/
COPY antpath-ear/pom.xml antpath-ear/
COPY antpath-testkit/pom.xml antpath-testkit/
COPY antpath-st/pom.xml antpath-st/
RUN ./mvnw -B -q -ntp dependency:go-offline -pl antpath-web -am || true
COPY . .
RUN ./mvnw -B -q -ntp -DskipTests package -pl antpath-web -am

FROM eclipse-temurin:21-jre
RUN useradd --system --home /opt/antpath antpath && mkdir -p /opt/antpath /var/lib/antpath/storage \
    && chown -R antpath /opt/antpath /var/lib/antpath
WORKDIR /opt/antpath
COPY --from=build /src/antpath-web/target/payara/payara-micro.jar payara-micro.jar
COPY --from=build /src/antpath-web/target/antpath.war antpath.war
COPY --from=build /src/antpath-web/target/antpath/WEB-INF migrate/WEB-INF
COPY server-config server-config
USER antpath
ENV ANTPATH_MODE=production \
    ANTPATH_STORAGE_DIR=/var/lib/antpath/storage \
    ANTPATH_STARTUP_EXIT_ON_FAILURE=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s CMD \
    curl -fsS http://127.0.0.1:8080/health/ready >/dev/null || exit 1
# Operators can run the migration alone: docker run ... antpath java -cp 'migrate/WEB-INF/classes:migrate/WEB-INF/lib/*' io.antpath.platform.db.MigrateCommand
ENTRYPOINT ["java", "-jar", "payara-micro.jar", "--deploy", "antpath.war", "--contextroot", "/", "--port", "8080", \
    "--rootdir", "/opt/antpath/payara", "--postbootcommandfile", "server-config/post-boot-commands.asadmin"]
