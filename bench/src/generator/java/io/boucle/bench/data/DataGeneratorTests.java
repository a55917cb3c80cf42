package io.boucle.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;

/** The generator's rows that need no database: run with {@code ./mvnw -Pbench test -Dtest=DataGeneratorTests}. */
class DataGeneratorTests {

    @Test
    void fiftyFourCategoriesUnderSixRoots() {
        assertThat(Words.ROOTS).hasSize(6);
        List<String> slugs = new ArrayList<>();
        Words.ROOTS.forEach(root -> slugs.add(DataGenerator.categorySlug(root)));
        Words.leaves().forEach(leaf -> slugs.add(DataGenerator.categorySlug(leaf)));
        assertThat(slugs).hasSize(54).doesNotHaveDuplicates().allMatch(slug -> slug.matches("gen-[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void titlesAreTheSameForTheSameSeed() {
        Words.Leaf leaf = Words.leaves().getFirst();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            first.add(Words.title(leaf, a).fr());
            second.add(Words.title(leaf, b).fr());
        }
        assertThat(first).isEqualTo(second);
        assertThat(new HashSet<>(first)).hasSizeGreaterThan(10);
    }

    @Test
    void qualifiersAgreeWithTheirNoun() {
        Words.Word lamp = Words.Word.parse("f:Lampe frontale|headlamp");
        Words.Word light = Words.Word.parse("léger/légère|lightweight");
        assertThat(light.agreeingWith(lamp)).isEqualTo("légère");
        assertThat(light.agreeingWith(Words.Word.parse("m:Sécateur|pruning shears"))).isEqualTo("léger");
    }

    @Test
    void everySearchFindsWordsOfOneSubcategorysTitles() {
        for (String search : Words.SEARCHES) {
            boolean found = Words.leaves().stream().anyMatch(leaf -> {
                String words = java.util.stream.Stream.concat(leaf.nouns().stream(), leaf.materials().stream())
                        .map(word -> " " + Words.slug(word.fr()).replace('-', ' ') + " ").reduce("", String::concat);
                return java.util.Arrays.stream(search.split(" ")).allMatch(word -> words.contains(" " + word + " ")
                        || words.contains(" " + word));
            });
            assertThat(found).as(search).isTrue();
        }
    }

    @Test
    void slugsAreTheCatalogsAddresses() {
        assertThat(Words.slug("Théière fonte 1 L")).isEqualTo("theiere-fonte-1-l");
        assertThat(Words.slug("Pull col roulé laine d'agneau")).isEqualTo("pull-col-roule-laine-d-agneau");
    }

    @Test
    void thePasswordHashSignsInWithTheApplicationsEncoder() {
        String hash = DataGenerator.passwordHash();
        assertThat(hash).startsWith("{argon2}$argon2id$").isEqualTo(DataGenerator.passwordHash());
        var encoder = new DelegatingPasswordEncoder("argon2", java.util.Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
        assertThat(encoder.matches("boucle-bench", hash)).isTrue();
        assertThat(encoder.matches("boucle-bench!", hash)).isFalse();
    }

    @Test
    void deliveryPricesFollowTheDefaultGrid() {
        assertThat(DataGenerator.homePrice(400, 2000)).isEqualTo(495);
        assertThat(DataGenerator.homePrice(900, 2000)).isEqualTo(695);
        assertThat(DataGenerator.homePrice(900, 4000)).isEqualTo(495);
        assertThat(DataGenerator.homePrice(30000, 6000)).isZero();
        assertThat(DataGenerator.relayPrice(1500, 1000)).isEqualTo(495);
        assertThat(DataGenerator.roundedPrice(1234)).isEqualTo(1200);
        assertThat(DataGenerator.roundedPrice(1267)).isEqualTo(1290);
    }
}
