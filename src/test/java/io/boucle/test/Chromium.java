package io.boucle.test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Debian's Chromium driven by Playwright, headless, for the browser tests. Test classes marked
 * {@link BrowserTest} get one; without the package they are skipped.
 */
public final class Chromium implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium() {
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    public static Chromium launch() {
        return new Chromium();
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /**
     * Sets the {@link Browser} fields of a browser test's instance. The Chromium is kept in the
     * class's store, so it is launched once per class (Playwright's objects belong to the thread
     * that made them) and closed with the store when the class is done.
     */
    static final class Extension implements TestInstancePostProcessor {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

        @Override
        public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
            ExtensionContext owner = context;
            while (owner.getTestMethod().isPresent()) {
                owner = owner.getParent().orElseThrow();
            }
            Chromium chromium = owner.getStore(NAMESPACE).computeIfAbsent(Chromium.class, type -> launch(), Chromium.class);
            for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getType() == Browser.class) {
                        field.setAccessible(true);
                        field.set(instance, chromium.browser());
                    }
                }
            }
        }
    }
}
