package io.boucle.shared;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

    @Test
    void quotesWhatWouldSplitAFieldAndStartsWithAByteOrderMark() {
        String csv = new Csv("name", "note").row("Roux, SARL", "il a dit \"non\"\npuis oui").toString();

        assertThat(csv).isEqualTo("\uFEFFname,note\r\n\"Roux, SARL\",\"il a dit \"\"non\"\"\npuis oui\"\r\n");
    }

    @Test
    void textThatASpreadsheetWouldRunIsNeverAFormulaButNumbersStayNumbers() {
        String csv = new Csv("a", "b", "c", "d", "e").row("=HYPERLINK(\"x\")", "+33 1", "@SUM(A1)", new BigDecimal("-19.00"), null)
                .toString();

        assertThat(csv).endsWith("\"'=HYPERLINK(\"\"x\"\")\",'+33 1,'@SUM(A1),-19.00,\r\n");
    }
}
