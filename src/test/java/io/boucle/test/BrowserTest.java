package io.boucle.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test: enabled where Debian's Chromium is installed (no browser can be downloaded
 * here), and its {@link com.microsoft.playwright.Browser} fields set to a Chromium launched for
 * the class and closed after its last test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@BrowserTest
@ExtendWith(Chromium.Extension.class)
public @interface BrowserTest {
}
