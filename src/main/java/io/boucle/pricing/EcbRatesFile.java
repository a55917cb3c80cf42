package io.boucle.pricing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import io.boucle.shared.ExchangeRate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the ECB's euro reference-rates files: the daily {@code eurofxref-daily.xml}, and the 90-day and
 * historical files, which hold one dated {@code Cube} per day:
 *
 * <pre>{@code
 * <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 *   <Cube><Cube time="2026-11-20"><Cube currency="USD" rate="1.0834"/>…</Cube></Cube>
 * </gesmes:Envelope>
 * }</pre>
 *
 * The parser refuses any document type declaration, so no entity, external or internal, is ever expanded.
 */
final class EcbRatesFile {

    static final String ECB_NAMESPACE = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";
    static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern RATE = Pattern.compile("\\d{1,9}(\\.\\d{1,8})?");

    private EcbRatesFile() {
    }

    /** Every rate of the file, by day then currency, in the file's order. */
    static List<ExchangeRate> parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new InvalidRatesFile("the file is empty");
        }
        if (xml.length > MAX_BYTES) {
            throw new InvalidRatesFile("the file is larger than " + MAX_BYTES / 1024 + " KB");
        }
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new InvalidRatesFile("not well-formed XML, or it declares a document type: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new InvalidRatesFile("the file could not be read: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName())) {
            throw new InvalidRatesFile("not an ECB reference-rates file: the root element is <" + root.getNodeName()
                    + ">, not <gesmes:Envelope>");
        }
        List<ExchangeRate> rates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        NodeList cubes = root.getElementsByTagNameNS(ECB_NAMESPACE, "Cube");
        int days = 0;
        for (int i = 0; i < cubes.getLength(); i++) {
            Element day = (Element) cubes.item(i);
            if (!day.hasAttribute("time")) {
                continue;
            }
            days++;
            LocalDate date;
            try {
                date = LocalDate.parse(day.getAttribute("time"));
            } catch (DateTimeParseException e) {
                throw new InvalidRatesFile("the day '" + day.getAttribute("time") + "' is not a date YYYY-MM-DD");
            }
            for (Node child = day.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element cube && "Cube".equals(cube.getLocalName())) {
                    rates.add(rate(cube, date, seen));
                }
            }
        }
        if (days == 0) {
            throw new InvalidRatesFile("no day of rates (<Cube time=\"YYYY-MM-DD\">) in the file");
        }
        if (rates.isEmpty()) {
            throw new InvalidRatesFile("no rate (<Cube currency=\"USD\" rate=\"1.0834\"/>) in the file");
        }
        return List.copyOf(rates);
    }

    private static ExchangeRate rate(Element cube, LocalDate date, Set<String> seen) {
        String code = cube.getAttribute("currency");
        String rate = cube.getAttribute("rate");
        if (!CODE.matcher(code).matches() || code.equals("EUR")) {
            throw new InvalidRatesFile(date + ": '" + code + "' is not a currency code");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRatesFile(date + ": '" + code + "' is not an ISO 4217 currency");
        }
        if (!RATE.matcher(rate).matches() || new BigDecimal(rate).signum() <= 0) {
            throw new InvalidRatesFile(date + " " + code + ": the rate '" + rate + "' is not a positive decimal number");
        }
        if (!seen.add(code + "@" + date)) {
            throw new InvalidRatesFile(date + " " + code + ": given twice");
        }
        return new ExchangeRate(currency, new BigDecimal(rate), date);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
