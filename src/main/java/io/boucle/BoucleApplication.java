package io.boucle;

import io.boucle.invoicing.InvoiceChainCommand;
import io.boucle.shared.XmlFactories;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Boucle: one deployable application, one top-level package per capability of the sales cycle.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Boucle", sharedModules = "shared")
public class BoucleApplication {

    public static void main(String[] args) {
        XmlFactories.nameTheJdkImplementations();
        if (InvoiceChainCommand.requested(args)) {
            System.exit(InvoiceChainCommand.run(BoucleApplication.class, args, System.out));
        }
        SpringApplication.run(BoucleApplication.class, args);
    }
}
