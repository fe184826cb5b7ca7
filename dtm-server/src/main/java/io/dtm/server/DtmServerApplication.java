package io.dtm.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the DTM-compatible coordinator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DtmServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(DtmServerApplication.class, args);
	}

}
