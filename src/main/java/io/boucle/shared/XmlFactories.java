package io.boucle.shared;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.xpath.XPathFactory;

/**
 * Names the JDK's own XML implementations in the system properties the JAXP factories read first.
 * <p>
 * Without such a property, every {@code TransformerFactory.newInstance()} (and its siblings) scans the
 * service files of every jar on the class path, reading and verifying the signature of each signed jar (Saxon's,
 * Bouncy Castle's) on the way. Libraries that make a factory per document pay that each time: PDFBox's XMP
 * serializer does, once per Factur-X file, which profiled as a third of the file's CPU. With the properties
 * set, a factory is one class look-up by name.
 * <p>
 * The JDK's implementations are the ones every thread reaches: a class found in the application's jars (Saxon
 * provides a {@code TransformerFactory}) is not visible from every thread's context class loader (the common
 * fork-join pool's is the system one), so which implementation a look-up found already depended on the thread.
 * Code that needs Saxon asks for it by name. A property set before (on the command line) is kept.
 */
public final class XmlFactories {

    private static volatile boolean named;

    private XmlFactories() {
    }

    /** Sets the properties once; later calls do nothing. */
    public static void nameTheJdkImplementations() {
        if (named) {
            return;
        }
        synchronized (XmlFactories.class) {
            name(TransformerFactory.class.getName(), TransformerFactory.newDefaultInstance());
            name(DocumentBuilderFactory.class.getName(), DocumentBuilderFactory.newDefaultInstance());
            name(SAXParserFactory.class.getName(), SAXParserFactory.newDefaultInstance());
            name(XPathFactory.DEFAULT_PROPERTY_NAME + ":" + XPathFactory.DEFAULT_OBJECT_MODEL_URI, XPathFactory.newDefaultInstance());
            named = true;
        }
    }

    private static void name(String property, Object implementation) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, implementation.getClass().getName());
        }
    }
}
