package io.boucle.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link Money} checked against generated inputs.
 *
 * <p>Plain JUnit: every property runs {@value #CASES} cases for each fixed seed in {@link #seeds()}, so runs
 * are deterministic. Each case draws its values from its own {@link Random}, seeded from the run's seed. When
 * a case fails, the failure message starts with the seed, the case number, the case's own seed and every
 * generated value, which is enough to turn it into an example test.
 */
class MoneyPropertyTests {

    private static final long LIMIT = 1_000_000_000_000L;
    private static final int CASES = 1_000;
    private static final List<Currency> CURRENCIES =
            List.of("EUR", "JPY", "BHD", "USD").stream().map(Currency::getInstance).toList();

    static LongStream seeds() {
        return LongStream.of(1L, 42L, 20_250_101L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void allocationByWeightsNeverLosesOrCreatesAMinorUnit(long seed) {
        Set<Integer> signs = new HashSet<>();
        Set<Currency> currencies = new HashSet<>();
        forEachCase(seed, (random, run) -> {
            long minor = minorAmount(random);
            Currency currency = currency(random);
            long[] weights = weights(random);
            signs.add(Long.signum(minor));
            currencies.add(currency);

            verify(run + ": minor=" + minor + ", currency=" + currency + ", weights=" + Arrays.toString(weights), () -> {
                Money total = Money.ofMinor(minor, currency);

                List<Money> parts = total.allocate(weights);

                assertThat(parts).as("one part per weight").hasSize(weights.length);
                assertThat(parts.stream().reduce(Money.zero(currency), Money::plus)).as("parts add up").isEqualTo(total);
                assertThat(parts.stream().mapToLong(Money::minorUnits).sum()).as("minor units add up").isEqualTo(minor);
                assertEachPartIsWithinOneMinorUnitOfItsShare(total,
                        Arrays.stream(weights).mapToObj(BigDecimal::valueOf).toList(), parts);
            });
        });
        assertThat(signs).as("amount signs generated for seed %d", seed).containsExactlyInAnyOrder(-1, 0, 1);
        assertThat(currencies).as("currencies generated for seed %d", seed).containsExactlyInAnyOrderElementsOf(CURRENCIES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void allocationByDecimalProportionsNeverLosesOrCreatesAMinorUnit(long seed) {
        forEachCase(seed, (random, run) -> {
            long minor = minorAmount(random);
            Currency currency = currency(random);
            List<BigDecimal> proportions = proportions(random, 8, 4);

            verify(run + ": minor=" + minor + ", currency=" + currency + ", proportions=" + proportions, () -> {
                Money total = Money.ofMinor(minor, currency);

                List<Money> parts = total.allocate(proportions);

                assertThat(parts).as("one part per proportion").hasSize(proportions.size());
                assertThat(parts.stream().reduce(Money.zero(currency), Money::plus)).as("parts add up").isEqualTo(total);
                assertThat(parts.stream().mapToLong(Money::minorUnits).sum()).as("minor units add up").isEqualTo(minor);
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void eachAllocatedPartIsWithinOneMinorUnitOfItsExactShare(long seed) {
        forEachCase(seed, (random, run) -> {
            long minor = minorAmount(random);
            Currency currency = currency(random);
            List<BigDecimal> proportions = proportions(random, 8, 3);

            verify(run + ": minor=" + minor + ", currency=" + currency + ", proportions=" + proportions, () -> {
                Money total = Money.ofMinor(minor, currency);

                List<Money> parts = total.allocate(proportions);

                assertEachPartIsWithinOneMinorUnitOfItsShare(total, proportions, parts);
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void splitPartsDifferByAtMostOneMinorUnitLargestFirstAndAddUp(long seed) {
        forEachCase(seed, (random, run) -> {
            long minor = minorAmount(random);
            Currency currency = currency(random);
            int count = random.nextInt(10) == 0 ? random.nextInt(2) * 49 + 1 : random.nextInt(1, 51);

            verify(run + ": minor=" + minor + ", currency=" + currency + ", count=" + count, () -> {
                Money total = Money.ofMinor(minor, currency);

                List<Money> parts = total.split(count);

                assertThat(parts).as("number of parts").hasSize(count);
                List<Long> magnitudes = parts.stream().map(p -> Math.abs(p.minorUnits())).toList();
                assertThat(magnitudes).as("largest parts first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
                assertThat(magnitudes.getFirst() - magnitudes.getLast()).as("largest minus smallest part, in minor units")
                        .isBetween(0L, 1L);
                assertThat(parts).as("parts never have the opposite sign of the total")
                        .allSatisfy(p -> assertThat(p.amount().signum()).isIn(0, Long.signum(minor)));
                assertThat(parts.stream().mapToLong(Money::minorUnits).sum()).as("minor units add up").isEqualTo(minor);
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void minusUndoesPlusAndPlusUndoesMinus(long seed) {
        forEachCase(seed, (random, run) -> {
            BigDecimal a = decimal(random, 1_000_000_000L, 6);
            BigDecimal b = decimal(random, 1_000_000_000L, 6);

            verify(run + ": a=" + a + ", b=" + b, () -> {
                Money x = Money.of(a, Money.EUR);
                Money y = Money.of(b, Money.EUR);

                assertThat(x.plus(y).minus(y)).as("(x + y) - y").isEqualTo(x);
                assertThat(x.minus(y).plus(y)).as("(x - y) + y").isEqualTo(x);
                assertThat(x.plus(y)).as("x + y = y + x").isEqualTo(y.plus(x));
                assertThat(x.plus(y.negate())).as("x + (-y) = x - y").isEqualTo(x.minus(y));
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalityIgnoresTrailingZeros(long seed) {
        forEachCase(seed, (random, run) -> {
            BigDecimal a = decimal(random, 1_000_000_000L, 6);
            int extraZeros = random.nextInt(0, 13);
            Currency currency = currency(random);

            verify(run + ": a=" + a + ", extraZeros=" + extraZeros + ", currency=" + currency, () -> {
                BigDecimal padded = new BigDecimal(a.unscaledValue().multiply(BigInteger.TEN.pow(extraZeros)),
                        a.scale() + extraZeros);

                Money plain = Money.of(a, currency);
                Money withZeros = Money.of(padded, currency);

                assertThat(withZeros).as("equals and hashCode of " + padded).isEqualTo(plain).hasSameHashCodeAs(plain);
                assertThat(withZeros.toString()).as("toString of " + padded).isEqualTo(plain.toString());
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalityAndHashCodeAgreeWithNumericComparison(long seed) {
        forEachCase(seed, (random, run) -> {
            BigDecimal a = decimal(random, 1_000L, 3);
            BigDecimal b = switch (random.nextInt(4)) {
                case 0 -> a.setScale(a.scale() + random.nextInt(0, 4)); // same number, maybe more trailing zeros
                case 1 -> a.add(new BigDecimal(random.nextBoolean() ? "0.001" : "-0.001")); // a neighbour
                default -> decimal(random, 1_000L, 3);
            };

            verify(run + ": a=" + a.toPlainString() + ", b=" + b.toPlainString(), () -> {
                Money x = Money.euros(a.toPlainString());
                Money y = Money.euros(b.toPlainString());
                int expected = a.compareTo(b);

                assertThat(x.equals(y)).as("x.equals(y)").isEqualTo(expected == 0);
                assertThat(y.equals(x)).as("y.equals(x)").isEqualTo(expected == 0);
                assertThat(Integer.signum(x.compareTo(y))).as("sign of x.compareTo(y)").isEqualTo(expected);
                assertThat(Integer.signum(y.compareTo(x))).as("sign of y.compareTo(x)").isEqualTo(-expected);
                if (expected == 0) {
                    assertThat(x.hashCode()).as("hashCode of equal amounts").isEqualTo(y.hashCode());
                }
            });
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void minorUnitsRoundTrip(long seed) {
        forEachCase(seed, (random, run) -> {
            long minor = minorAmount(random);
            Currency currency = currency(random);

            verify(run + ": minor=" + minor + ", currency=" + currency, () -> {
                Money money = Money.ofMinor(minor, currency);

                assertThat(money.minorUnits()).as("minorUnits of " + money).isEqualTo(minor);
                assertThat(money.isRoundedToMinorUnit()).as("isRoundedToMinorUnit of " + money).isTrue();
            });
        });
    }

    @Test
    void aFailingCaseReportsItsGeneratedInput() {
        assertThatThrownBy(() -> verify("seed 7, case 3 (case seed 99): minor=-5", () -> assertThat(1).isEqualTo(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Falsified by seed 7, case 3 (case seed 99): minor=-5")
                .hasMessageContaining("expected: 2");
        assertThatThrownBy(() -> verify("seed 7, case 4 (case seed 98): count=0", () -> Money.euros("1").split(0)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Falsified by seed 7, case 4 (case seed 98): count=0")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    // --- checks ---

    /**
     * Each part is less than one minor unit from its exact share {@code total * p / sum}, never has the opposite
     * sign of the total, and is zero when its proportion is zero. Compared scaled by {@code sum} to stay exact.
     */
    private static void assertEachPartIsWithinOneMinorUnitOfItsShare(
            Money total, List<BigDecimal> proportions, List<Money> parts) {
        BigDecimal sum = proportions.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal minorUnit = BigDecimal.ONE.movePointLeft(total.currency().getDefaultFractionDigits());
        assertThat(parts).as("one part per proportion").hasSize(proportions.size());
        for (int i = 0; i < parts.size(); i++) {
            Money part = parts.get(i);
            BigDecimal scaledError = part.amount().multiply(sum).subtract(total.amount().multiply(proportions.get(i)));
            assertThat(scaledError.abs()).as("part %d (%s) times the proportions' sum %s, minus the total times %s",
                    i, part, sum, proportions.get(i)).isLessThan(minorUnit.multiply(sum));
            assertThat(part.amount().signum()).as("sign of part %d (%s)", i, part).isIn(0, total.amount().signum());
            if (proportions.get(i).signum() == 0) {
                assertThat(part.isZero()).as("part %d (%s) has proportion zero", i, part).isTrue();
            }
        }
    }

    // --- running cases ---

    @FunctionalInterface
    private interface Case {
        void run(Random random, String run);
    }

    /** Runs {@value #CASES} cases, each with its own {@link Random} seeded from {@code seed}. */
    private static void forEachCase(long seed, Case check) {
        Random caseSeeds = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            long caseSeed = caseSeeds.nextLong();
            check.run(new Random(caseSeed), "seed " + seed + ", case " + i + " (case seed " + caseSeed + ")");
        }
    }

    /** Runs the checks of one case; any failure, assertion or exception, is reported with the case's input. */
    private static void verify(String input, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("Falsified by " + input + System.lineSeparator() + e.getMessage(), e);
        }
    }

    // --- generators: uniform values, with the edges mixed in ---

    private static Currency currency(Random random) {
        return CURRENCIES.get(random.nextInt(CURRENCIES.size()));
    }

    /** A minor-unit amount in [-LIMIT, LIMIT]: positive, negative and zero, small and large. */
    private static long minorAmount(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> pick(random, 0L, 1L, -1L, LIMIT, -LIMIT, LIMIT - 1, -(LIMIT - 1));
            case 1 -> random.nextLong(-1_000L, 1_001L);
            default -> random.nextLong(-LIMIT, LIMIT + 1);
        };
    }

    /** 1 to 12 whole weights in [0, 1000], not all zero. */
    private static long[] weights(Random random) {
        while (true) {
            long[] weights = new long[random.nextInt(1, 13)];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = switch (random.nextInt(10)) {
                    case 0, 1 -> 0L;
                    case 2 -> pick(random, 1L, 1_000L);
                    default -> random.nextLong(0L, 1_001L);
                };
            }
            if (Arrays.stream(weights).anyMatch(w -> w > 0)) {
                return weights;
            }
        }
    }

    /** 1 to {@code maxSize} decimal proportions in [0, 1000] with up to {@code maxScale} decimals, not all zero. */
    private static List<BigDecimal> proportions(Random random, int maxSize, int maxScale) {
        while (true) {
            int size = random.nextInt(1, maxSize + 1);
            List<BigDecimal> proportions = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int scale = random.nextInt(0, maxScale + 1);
                proportions.add(switch (random.nextInt(10)) {
                    case 0, 1 -> BigDecimal.valueOf(0, scale);
                    case 2 -> pick(random, BigDecimal.ONE.movePointLeft(maxScale), new BigDecimal("1000"));
                    default -> BigDecimal.valueOf(random.nextLong(0L, 1_000L * pow10(scale) + 1), scale);
                });
            }
            if (proportions.stream().anyMatch(p -> p.signum() > 0)) {
                return List.copyOf(proportions);
            }
        }
    }

    /** A decimal in [-bound, bound] with up to {@code maxScale} decimals. */
    private static BigDecimal decimal(Random random, long bound, int maxScale) {
        if (random.nextInt(10) == 0) {
            BigDecimal smallest = BigDecimal.ONE.movePointLeft(maxScale);
            return pick(random, BigDecimal.ZERO, smallest, smallest.negate(), BigDecimal.valueOf(bound),
                    BigDecimal.valueOf(-bound));
        }
        int scale = random.nextInt(0, maxScale + 1);
        long unscaledBound = bound * pow10(scale);
        return BigDecimal.valueOf(random.nextLong(-unscaledBound, unscaledBound + 1), scale);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static long pow10(int exponent) {
        return LongStream.range(0, exponent).reduce(1L, (power, ignored) -> power * 10);
    }
}
