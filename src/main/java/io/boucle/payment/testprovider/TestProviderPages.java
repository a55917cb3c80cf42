package io.boucle.payment.testprovider;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Optional;

import io.boucle.payment.PaymentId;
import io.boucle.payment.PaymentStatus;
import io.boucle.payment.provider.PaymentRecords;
import io.boucle.payment.provider.ProviderPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The test provider's own site: the hosted card form, the 3-D Secure challenge and the wallet. Each
 * page acts once; afterwards (a reload, the back button, a second submit) it only sends the shopper
 * back to the shop's return address, with {@code payment=<id>}.
 *
 * <p>The card number posted to the hosted form is read here, turned into an outcome, a brand and the
 * last four digits, and dropped: it is neither stored nor logged, and never reaches the payment records.
 */
@Controller
@RequestMapping("/pay/test")
class TestProviderPages {

    private static final Logger log = LoggerFactory.getLogger(TestProviderPages.class);

    private final PaymentRecords records;

    TestProviderPages(PaymentRecords records) {
        this.records = records;
    }

    static String cardPath(PaymentId id) {
        return "/pay/test/card/" + id;
    }

    static String challengePath(PaymentId id) {
        return "/pay/test/3ds/" + id;
    }

    static String walletPath(PaymentId id) {
        return "/pay/test/wallet/" + id;
    }

    // Hosted card form

    @GetMapping("/card/{id}")
    String cardForm(@PathVariable String id, Model model, Locale locale) {
        ProviderPayment payment = payment(id);
        if (!waitsForCard(payment)) {
            return leave(payment);
        }
        return cardPage(payment, model, locale, null);
    }

    @PostMapping("/card/{id}")
    String submitCard(@PathVariable String id, @RequestParam(required = false) String number,
            @RequestParam(required = false) String expiry, @RequestParam(required = false) String cvc,
            @RequestParam(required = false) String action, Model model, Locale locale) {
        ProviderPayment payment = payment(id);
        if (!waitsForCard(payment)) {
            return leave(payment);
        }
        if ("cancel".equals(action)) {
            settle(() -> records.cancelled(payment.id()));
            return leave(payment);
        }
        Optional<String> digits = TestCards.digits(number);
        if (digits.isEmpty()) {
            return cardPage(payment, model, locale, "testpay.card.error.number");
        }
        if (expiry == null || !expiry.strip().matches("(0[1-9]|1[0-2]) ?/ ?[0-9]{2}")) {
            return cardPage(payment, model, locale, "testpay.card.error.expiry");
        }
        if (cvc == null || !cvc.strip().matches("[0-9]{3,4}")) {
            return cardPage(payment, model, locale, "testpay.card.error.cvc");
        }
        TestCards.TestCard card = TestCards.forNumber(digits.get());
        switch (card.behaviour()) {
            case FRICTIONLESS, REFUND_FAILS -> settle(() -> records.captured(payment.id(), card.card(), false));
            case CHALLENGE -> {
                records.actionChanged(payment.id(), challengePath(payment.id()), card.card(), true);
                return "redirect:" + challengePath(payment.id());
            }
            default -> settle(() -> records.declined(payment.id(), card.behaviour().declineCode, card.card()));
        }
        return leave(payment);
    }

    private String cardPage(ProviderPayment payment, Model model, Locale locale, String error) {
        describe(payment, model, locale);
        model.addAttribute("error", error);
        return "payment/test/card";
    }

    private static boolean waitsForCard(ProviderPayment payment) {
        return payment.status() == PaymentStatus.REQUIRES_ACTION && "hosted_card".equals(payment.method())
                && !payment.challenged();
    }

    // 3-D Secure challenge

    @GetMapping("/3ds/{id}")
    String challenge(@PathVariable String id, Model model, Locale locale) {
        ProviderPayment payment = payment(id);
        if (!waitsForChallenge(payment)) {
            return leave(payment);
        }
        describe(payment, model, locale);
        return "payment/test/challenge";
    }

    @PostMapping("/3ds/{id}")
    String answerChallenge(@PathVariable String id, @RequestParam(required = false) String action) {
        ProviderPayment payment = payment(id);
        if (waitsForChallenge(payment)) {
            if ("complete".equals(action)) {
                settle(() -> records.captured(payment.id(), null, true));
            } else if ("fail".equals(action)) {
                settle(() -> records.declined(payment.id(), "authentication_failed", null));
            } else {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "action must be complete or fail");
            }
        }
        return leave(payment);
    }

    private static boolean waitsForChallenge(ProviderPayment payment) {
        return payment.status() == PaymentStatus.REQUIRES_ACTION && payment.challenged();
    }

    // Wallet

    @GetMapping("/wallet/{id}")
    String wallet(@PathVariable String id, Model model, Locale locale) {
        ProviderPayment payment = payment(id);
        if (!waitsForWallet(payment)) {
            return leave(payment);
        }
        describe(payment, model, locale);
        return "payment/test/wallet";
    }

    @PostMapping("/wallet/{id}")
    String answerWallet(@PathVariable String id, @RequestParam(required = false) String action) {
        ProviderPayment payment = payment(id);
        if (waitsForWallet(payment)) {
            if ("approve".equals(action)) {
                settle(() -> records.captured(payment.id(), null, false));
            } else if ("cancel".equals(action)) {
                settle(() -> records.cancelled(payment.id()));
            } else {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "action must be approve or cancel");
            }
        }
        return leave(payment);
    }

    private static boolean waitsForWallet(ProviderPayment payment) {
        return payment.status() == PaymentStatus.REQUIRES_ACTION && "wallet".equals(payment.method());
    }

    // Shared

    private ProviderPayment payment(String id) {
        PaymentId paymentId;
        try {
            paymentId = PaymentId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return records.find(paymentId)
                .filter(payment -> TestProvider.NAME.equals(payment.provider()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Records an outcome; one that another request recorded first is not an error here. */
    private static void settle(java.util.function.BooleanSupplier report) {
        try {
            report.getAsBoolean();
        } catch (IllegalStateException e) {
            log.info("Test provider page acted on a settled payment: {}", e.getMessage());
        }
    }

    /** Back to the shop, or to a page saying where the payment stands when the shop gave no address. */
    private String leave(ProviderPayment payment) {
        if (payment.returnUrl() != null) {
            return "redirect:" + payment.returnUrl();
        }
        return "redirect:/pay/test/done/" + payment.id();
    }

    @GetMapping("/done/{id}")
    String done(@PathVariable String id, Model model, Locale locale) {
        ProviderPayment payment = payment(id);
        describe(payment, model, locale);
        model.addAttribute("status", payment.status().name());
        return "payment/test/done";
    }

    private static void describe(ProviderPayment payment, Model model, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(payment.amount().currency());
        model.addAttribute("payment", payment);
        model.addAttribute("amount", format.format(payment.amount().amount()));
        model.addAttribute("returnUrl", payment.returnUrl());
    }
}
