package io.boucle.payment.testprovider;

import java.util.LinkedHashMap;
import java.util.Map;

import io.boucle.payment.PaymentId;
import io.boucle.payment.PaymentMethod;
import io.boucle.payment.provider.PaymentProvider;
import io.boucle.payment.provider.ProviderOutcome;
import io.boucle.payment.provider.ProviderPayment;
import io.boucle.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The built-in provider of the demo and the tests: it answers at once, and its pages under
 * {@code /pay/test} stand for a real provider's site. Refunds succeed at once, except those of the
 * test card made for that ({@code tok_refund_fails}).
 * <p>
 * Like a real provider, it keeps what it answered to each attempt: the latest {@value #REMEMBERED}
 * answers, in memory. Asked to {@linkplain #recover recover} an attempt, it gives that answer again,
 * or a decline {@value #NOT_RECEIVED} when it has none: it never received the attempt. Unlike a real
 * provider it forgets when the application restarts; an attempt left processing then fails, which
 * costs nothing, as nothing real was charged.
 */
@Component
class TestProvider implements PaymentProvider {

    static final String NAME = "test";

    /** The decline code of an attempt the test provider never received. */
    static final String NOT_RECEIVED = "not_received";

    /** How many answers it remembers. */
    static final int REMEMBERED = 20_000;

    private final Map<PaymentId, ProviderOutcome> answers = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PaymentId, ProviderOutcome> eldest) {
                    return size() > REMEMBERED;
                }
            });

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(PaymentMethod method) {
        if (method instanceof PaymentMethod.Card(String token) && TestCards.forToken(token).isEmpty()) {
            throw new IllegalArgumentException("unknown test token '" + token + "': use one of "
                    + new java.util.TreeSet<>(TestCards.TOKENS.keySet()));
        }
        if (method instanceof PaymentMethod.GiftCard) {
            throw new IllegalArgumentException("gift cards are not taken by a provider");
        }
    }

    @Override
    public ProviderOutcome start(ProviderPayment payment) {
        ProviderOutcome outcome = answer(payment);
        answers.putIfAbsent(payment.id(), outcome);
        return outcome;
    }

    @Override
    public ProviderOutcome recover(ProviderPayment payment) {
        ProviderOutcome known = answers.get(payment.id());
        return known != null ? known : new ProviderOutcome.Declined(null, NOT_RECEIVED, null, false);
    }

    private ProviderOutcome answer(ProviderPayment payment) {
        String reference = "test_" + payment.id();
        return switch (payment.paymentMethod()) {
            case PaymentMethod.Card(String token) -> {
                TestCards.TestCard card = TestCards.forToken(token).orElseThrow();
                yield switch (card.behaviour()) {
                    case FRICTIONLESS, REFUND_FAILS -> new ProviderOutcome.Captured(reference, card.card(), false);
                    case CHALLENGE -> new ProviderOutcome.RequiresAction(reference, TestProviderPages.challengePath(payment.id()),
                            card.card(), true);
                    default -> new ProviderOutcome.Declined(reference, card.behaviour().declineCode, card.card(), false);
                };
            }
            case PaymentMethod.HostedCard hosted ->
                    new ProviderOutcome.RequiresAction(reference, TestProviderPages.cardPath(payment.id()), null, false);
            case PaymentMethod.Wallet wallet ->
                    new ProviderOutcome.RequiresAction(reference, TestProviderPages.walletPath(payment.id()), null, false);
            case PaymentMethod.Instalments instalments -> new ProviderOutcome.Captured(reference, null, false);
            case PaymentMethod.GiftCard giftCard -> throw new IllegalArgumentException("gift cards are not taken by a provider");
        };
    }

    @Override
    public RefundOutcome refund(ProviderPayment payment, Money amount, String refundKey) {
        if (TestCards.refundFails(payment.card())) {
            return new RefundOutcome.Failed(TestCards.REFUND_FAILURE);
        }
        return new RefundOutcome.Succeeded("test_refund_" + refundKey);
    }
}
