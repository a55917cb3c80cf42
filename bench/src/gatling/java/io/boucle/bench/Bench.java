package io.boucle.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * What every simulation is given as system properties (bench/checkout.sh sets them; each has a
 * default for a shop started by hand on port 8080), and the HTTP client they share.
 */
final class Bench {

    /** Demo SKUs of new goods, at standard and reduced VAT: orders spread over them as over a shop's best sellers. */
    static final String DEMO_SKUS = String.join(",",
            "TSHIRT-EPAIS-S", "TSHIRT-EPAIS-M", "TSHIRT-EPAIS-L", "TSHIRT-EPAIS-XL", "CHEM-OXFORD-M", "CHEM-OXFORD-L",
            "PULL-MERINOS-F-M", "JEAN-DROIT-38", "BONNET-COTES-ANTHRACITE", "ECHARPE-AGNEAU-GRIS", "BASKET-BLANC-40",
            "KIT-ENTRETIEN-CUIR", "MUG-GRES-SABLE", "TORCHONS-LIN-ROUGE", "POELE-ACIER-24", "ANTIVOL-U-16",
            "ECLAIRAGE-USB-PAIRE", "CASQUE-URBAIN-M", "LIVRE-REPARER", "LIVRE-FRANCE-VELO", "CAFE-ETHIO-250",
            "SENCHA-BIO-100", "SABLES-BEURRE-200", "JEU-BLOCS-60");

    private Bench() {
    }

    static String baseUrl() {
        return System.getProperty("bench.baseUrl", "http://127.0.0.1:8080");
    }

    /** The nodes visitors are shared out between: {@code bench.baseUrls} (comma-separated), else the one base URL. */
    static List<String> baseUrls() {
        List<String> urls = Arrays.stream(text("bench.baseUrls", baseUrl()).split(",")).map(String::strip)
                .filter(url -> !url.isEmpty()).toList();
        return urls.isEmpty() ? List.of(baseUrl()) : urls;
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)).strip());
    }

    static double decimal(String name, double fallback) {
        return Double.parseDouble(System.getProperty(name, Double.toString(fallback)).strip());
    }

    static Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(integer(name, fallback));
    }

    static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is required");
        }
        return value.strip();
    }

    static List<String> skus() {
        return Arrays.stream(text("bench.skus", DEMO_SKUS).split(",")).map(String::strip).filter(sku -> !sku.isEmpty()).toList();
    }

    /** Where a simulation writes its summary for the script: {@code bench.summary}, or nowhere. */
    static Path summaryFile() {
        String path = System.getProperty("bench.summary");
        return path == null || path.isBlank() ? null : Path.of(path);
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One client for every virtual user, as a shop front or an app's back end calls the API: a
     * shared pool of keep-alive connections (growing as needed), no cache. JSON in and out.
     */
    static HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http.baseUrls(baseUrls())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .acceptLanguageHeader("fr")
                .userAgentHeader("boucle-bench")
                .disableCaching()
                .warmUp(baseUrls().getFirst() + "/actuator/health");
        return Boolean.parseBoolean(text("bench.shareConnections", "true")) ? protocol.shareConnections() : protocol;
    }
}
