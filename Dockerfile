# Build: Maven on a JDK 21 image. The Vaadin production bundle ships prebuilt, so no Node.js is needed.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY frontend frontend
COPY src src
RUN ./mvnw -B -ntp -DskipTests package && cp target/tuopin-*.jar /tmp/app.jar

# Run: a JRE 21 image as an unprivileged user.
FROM eclipse-temurin:21-jre
RUN groupadd --system tuopin && useradd --system --gid tuopin --home-dir /app tuopin \
    && mkdir -p /app/data && chown -R tuopin:tuopin /app
WORKDIR /app
COPY --from=build /tmp/app.jar /app/tuopin.jar
USER tuopin
EXPOSE 8080
# With SPRING_DATASOURCE_URL set (see docker-compose.yml) the app uses that PostgreSQL; without it,
# it starts an embedded one with its data in /app/data/pg (mount a volume there to keep it).
ENV TUOPIN_EMBEDDED_DB_DIR=/app/data/pg
# No demo accounts in the image, whatever the database: the first administrator comes from a one-time setup
# secret (TUOPIN_BOOTSTRAP_ADMIN_PASSWORD_FILE=/run/secrets/..., see the README)
ENV TUOPIN_DEMO_ENABLED=false
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tuopin.jar"]
