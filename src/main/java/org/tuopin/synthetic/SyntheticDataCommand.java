package org.tuopin.synthetic;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tuopin.base.DatabaseInfo;
import org.tuopin.base.DatabaseOwner;

/**
 * The command-line entry point of the generator: start the application with the profile {@code generate}
 * (no web server, see {@code application-generate.properties}); it fills the database, says what it wrote
 * and how long it took, and exits. See the README, "Synthetic national data set".
 */
@Component
@Profile("generate")
@Order(Integer.MAX_VALUE)
class SyntheticDataCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SyntheticDataCommand.class);

    private final DataSource dataSource;
    private final DatabaseInfo database;
    private final ConfigurableApplicationContext context;
    private final SyntheticDataGenerator.Options options;

    // the owner: the loader drops and rebuilds the roster's indexes, which only the tables' owner may (DD025)
    SyntheticDataCommand(DatabaseOwner owner, DatabaseInfo database, ConfigurableApplicationContext context,
                         @Value("${tuopin.generator.scale:1.0}") double scale,
                         @Value("${tuopin.generator.seed:2020}") long seed,
                         @Value("${tuopin.generator.allow-existing-data:false}") boolean allowExistingData,
                         @Value("${tuopin.generator.allow-external-database:false}") boolean allowExternalDatabase) {
        this.dataSource = owner.dataSource();
        this.database = database;
        this.context = context;
        this.options = new SyntheticDataGenerator.Options(scale, seed, allowExistingData, allowExternalDatabase);
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("Generating synthetic data at scale {} with seed {} into {}", options.scale(), options.seed(),
                database.description());
        int status = 0;
        try {
            SyntheticDataGenerator.Result result = new SyntheticDataGenerator(dataSource, database.embedded())
                    .generate(options);
            log.info("Synthetic data written: {}", result);
        } catch (SyntheticDataGenerator.Refused e) {
            log.error("Refused: {}", e.getMessage());
            status = 2;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
