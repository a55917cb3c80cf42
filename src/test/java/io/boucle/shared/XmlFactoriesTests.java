package io.boucle.shared;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmlFactoriesTests {

    @Test
    void lookUpsGiveTheJdksImplementationsOnEveryThreadWhateverTheClassPathOffers() throws Exception {
        XmlFactories.nameTheJdkImplementations();

        // Saxon, on the class path, offers a TransformerFactory that a class path scan would find.
        assertThat(System.getProperty("javax.xml.transform.TransformerFactory")).isNotBlank();
        Class<?>[] found = new Class<?>[4];
        Thread lookUp = Thread.ofPlatform().unstarted(() -> {
            found[0] = TransformerFactory.newInstance().getClass();
            found[1] = DocumentBuilderFactory.newInstance().getClass();
            found[2] = SAXParserFactory.newInstance().getClass();
            found[3] = XPathFactory.newInstance().getClass();
        });
        lookUp.setContextClassLoader(ClassLoader.getSystemClassLoader());
        lookUp.start();
        lookUp.join();

        assertThat(found).containsExactly(TransformerFactory.newDefaultInstance().getClass(),
                DocumentBuilderFactory.newDefaultInstance().getClass(), SAXParserFactory.newDefaultInstance().getClass(),
                XPathFactory.newDefaultInstance().getClass());
        assertThat(TransformerFactory.newInstance().getClass().getName()).doesNotContain("saxon");
    }
}
