package io.boucle.staff;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets only a few password hashes be computed at once. Each Argon2 hash takes 16 MiB and tens of
 * milliseconds by design; without a bound, a burst of sign-in attempts on virtual threads would
 * exhaust memory and CPU. Attempts that wait too long are refused instead.
 */
class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrentHashes) {
        this.delegate = delegate;
        this.permits = new Semaphore(Math.max(concurrentHashes, 1), true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(java.util.function.Supplier<T> hashing) {
        try {
            if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new AuthenticationServiceException("too many sign-in attempts at once; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthenticationServiceException("interrupted");
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
