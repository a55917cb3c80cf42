package io.boucle.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    static final String STAFF_TOKEN = "staffToken";

    @Bean
    OpenAPI boucleOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Boucle API").version("v1")
                        .description("Store endpoints are public; /api/v1/admin endpoints need a staff API token. "
                                + "Errors are application/problem+json (RFC 9457).")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(STAFF_TOKEN,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A staff API token, e.g. the one printed when the shop first starts.")));
    }
}
