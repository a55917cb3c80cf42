package io.boucle.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that exercise the API's error handling. */
@RestController
class ProblemExampleApi {

    record Echo(@NotBlank String name, @Min(0) int quantity) {
    }

    @PostMapping("/api/v1/test/echo")
    Echo echo(@Valid @RequestBody Echo echo) {
        return echo;
    }

    @GetMapping("/api/v1/test/boom")
    Echo boom() {
        throw new IllegalCallerException("secret detail");
    }
}
