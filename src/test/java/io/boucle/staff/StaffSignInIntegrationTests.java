package io.boucle.staff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.boucle.shared.EmailAddress;
import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Security checks a password only for an account it was given unlocked. */
@IntegrationTest
class StaffSignInIntegrationTests {

    @Autowired
    StaffSignIn signIn;

    @Autowired
    StaffAccounts accounts;

    @Test
    void parallelAttemptsForOneAccountGetNoMorePasswordChecksThanTheLimit() throws Exception {
        String email = "parallel-" + UUID.randomUUID() + "@boucle.test";
        accounts.open(EmailAddress.of(email), "Staff", "a-long-enough-password", EnumSet.of(Role.SUPPORT), Locale.FRENCH);
        int attempts = 30;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UserDetails>> results = new ArrayList<>();
        try (ExecutorService guessers = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                String typed = i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT);
                results.add(guessers.submit(() -> {
                    start.await();
                    return signIn.loadUserByUsername(typed);
                }));
            }
            start.countDown();
        }
        int unlocked = 0;
        for (Future<UserDetails> result : results) {
            unlocked += result.get().isAccountNonLocked() ? 1 : 0;
        }

        assertThat(unlocked).as("attempts whose password may be checked").isEqualTo(StaffSignIn.MAX_FAILURES);
        assertThat(signIn.loadUserByUsername(email).isAccountNonLocked()).isFalse();
    }
}
