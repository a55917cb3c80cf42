package io.boucle.backoffice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.boucle.fulfilment.Fulfilment;
import io.boucle.fulfilment.FulfilmentRefused;
import io.boucle.fulfilment.OrderFulfilment;
import io.boucle.fulfilment.PackingDocuments;
import io.boucle.fulfilment.Shipment;
import io.boucle.fulfilment.ShipmentNotices;
import io.boucle.fulfilment.ShipmentStatus;
import io.boucle.messaging.Messaging;
import io.boucle.order.OrderNumber;
import io.boucle.shared.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Shipping in the back office: the queues (to ship, late, click & collect), the pick list and
 * packing slips, a parcel shipped from the order page, its status set by hand, click & collect
 * (ready for pickup, the code checked at the counter), and previews of the customer's notices.
 * Owners and managers (the shop has no warehouse role).
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'MANAGER')")
class ShipmentPages {

    private final Fulfilment fulfilment;
    private final PackingDocuments documents;
    private final ShipmentNotices notices;
    private final MessageSource messages;

    ShipmentPages(Fulfilment fulfilment, PackingDocuments documents, ShipmentNotices notices, MessageSource messages) {
        this.fulfilment = fulfilment;
        this.documents = documents;
        this.notices = notices;
        this.messages = messages;
    }

    @GetMapping("/admin/shipments")
    String queues(@RequestParam(defaultValue = "") String q, Model model) {
        String text = q.length() > 100 ? q.substring(0, 100).strip() : q.strip();
        model.addAttribute("q", text);
        model.addAttribute("toShip", fulfilment.toShip(text));
        model.addAttribute("late", fulfilment.lateOrders(text));
        model.addAttribute("lateRefunds", fulfilment.lateRefundAlerts());
        model.addAttribute("pickups", fulfilment.clickAndCollect(text));
        model.addAttribute("carriers", fulfilment.carriers());
        model.addAttribute("today", fulfilment.today());
        return "backoffice/shipments";
    }

    @GetMapping("/admin/shipments/pick-list.pdf")
    ResponseEntity<byte[]> pickList(Locale locale) {
        return pdf(documents.pickList(locale), "pick-list-" + fulfilment.today() + ".pdf");
    }

    @GetMapping("/admin/orders/{number}/packing-slip.pdf")
    ResponseEntity<byte[]> packingSlip(@PathVariable String number, Locale locale) {
        try {
            OrderNumber parsed = new OrderNumber(number);
            return pdf(documents.packingSlip(parsed, locale), "packing-slip-" + parsed + ".pdf");
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @PostMapping("/admin/orders/{number}/shipments")
    String ship(@PathVariable String number, @RequestParam(defaultValue = "") String carrier,
            @RequestParam(defaultValue = "") String trackingNumber, @RequestParam Map<String, String> form,
            RedirectAttributes redirect, Locale locale) {
        OrderNumber order = orderNumber(number);
        Map<Integer, Integer> quantities = new LinkedHashMap<>();
        for (var field : form.entrySet()) {
            if (field.getKey().startsWith("qty-")) {
                try {
                    quantities.put(Integer.parseInt(field.getKey().substring(4)),
                            field.getValue().isBlank() ? 0 : Integer.parseInt(field.getValue().strip()));
                } catch (NumberFormatException e) {
                    redirect.addFlashAttribute("error", messages.getMessage("fulfilment.refused.quantityNumber", null, locale));
                    return "redirect:/admin/orders/" + order;
                }
            }
        }
        if (!quantities.isEmpty() && quantities.values().stream().allMatch(q -> q == 0)) {
            redirect.addFlashAttribute("error", messages.getMessage("fulfilment.refused.nothingInParcel", null, locale));
            return "redirect:/admin/orders/" + order;
        }
        try {
            Shipment shipment = fulfilment.ship(order, carrier, trackingNumber, quantities);
            redirect.addFlashAttribute("notice", messages.getMessage("admin.fulfilment.shippedNotice",
                    new Object[] { shipment.carrier().name(), shipment.trackingNumber() }, locale));
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
        }
        return "redirect:/admin/orders/" + order;
    }

    @PostMapping("/admin/shipments/{id}/status")
    String status(@PathVariable String id, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String detail, RedirectAttributes redirect, Locale locale) {
        UUID shipmentId;
        ShipmentStatus parsed;
        try {
            shipmentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Shipment shipment;
        try {
            parsed = ShipmentStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            shipment = fulfilment.updateStatus(shipmentId, parsed, null, detail);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            return "redirect:/admin/shipments";
        }
        redirect.addFlashAttribute("notice", messages.getMessage("admin.fulfilment.statusNotice",
                new Object[] { shipment.trackingNumber(), messages.getMessage("fulfilment.status." + parsed, null, locale) }, locale));
        return "redirect:/admin/orders/" + shipment.orderNumber();
    }

    @PostMapping("/admin/orders/{number}/ready-for-pickup")
    String ready(@PathVariable String number, RedirectAttributes redirect, Locale locale) {
        OrderNumber order = orderNumber(number);
        try {
            fulfilment.readyForPickup(order);
            redirect.addFlashAttribute("notice", messages.getMessage("admin.fulfilment.readyNotice", null, locale));
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
        }
        return "redirect:/admin/orders/" + order;
    }

    @PostMapping("/admin/shipments/pickup")
    String collect(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String code,
            RedirectAttributes redirect, Locale locale) {
        OrderNumber order;
        try {
            order = new OrderNumber(number.strip());
        } catch (NotFound | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", messages.getMessage("fulfilment.refused.notReady", null, locale));
            return "redirect:/admin/shipments";
        }
        try {
            OrderFulfilment collected = fulfilment.collect(order, code);
            redirect.addFlashAttribute("notice", messages.getMessage("admin.fulfilment.collectedNotice",
                    new Object[] { collected.number().value(), collected.customerName() }, locale));
        } catch (FulfilmentRefused e) {
            redirect.addFlashAttribute("error", refusal(e, locale));
            redirect.addFlashAttribute("number", order.value());
        }
        return "redirect:/admin/shipments";
    }

    record TemplatePreview(String template, String language, Messaging.Preview email, String sms) {
    }

    @GetMapping("/admin/shipments/templates")
    String templates(Model model) {
        List<TemplatePreview> previews = new ArrayList<>();
        for (String template : ShipmentNotices.TEMPLATES) {
            for (Locale language : List.of(Locale.FRENCH, Locale.ENGLISH)) {
                previews.add(new TemplatePreview(template, language.getLanguage(), notices.previewEmail(template, language),
                        notices.previewSms(template, language)));
            }
        }
        model.addAttribute("previews", previews);
        return "backoffice/shipment-templates";
    }

    @GetMapping("/admin/shipments/templates/{template}/{language}.html")
    ResponseEntity<String> templateHtml(@PathVariable String template, @PathVariable String language) {
        if (!ShipmentNotices.TEMPLATES.contains(template) || !List.of("fr", "en").contains(language)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(notices.previewEmail(template, Locale.forLanguageTag(language)).html());
    }

    private String refusal(FulfilmentRefused e, Locale locale) {
        return messages.getMessage("fulfilment.refused." + e.reason(), e.arguments(), e.getMessage(), locale);
    }

    private static OrderNumber orderNumber(String number) {
        try {
            return new OrderNumber(number);
        } catch (NotFound | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private static ResponseEntity<byte[]> pdf(byte[] content, String filename) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .body(content);
    }
}
