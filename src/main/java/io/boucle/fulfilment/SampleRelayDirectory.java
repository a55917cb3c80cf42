package io.boucle.fulfilment;

import java.util.List;
import java.util.Optional;

import io.boucle.shared.CountryCode;

/**
 * A made-up relay network for the demo shop and the tests: shops with invented names and
 * addresses, in real cities and postal codes (Paris, Lyon, Marseille, Bordeaux, Lille, Nantes,
 * Toulouse, Brussels). Used until a carrier's {@link PickupPointDirectory} is configured.
 */
final class SampleRelayDirectory implements PickupPointDirectory {

    private static final String WEEK = "Lun–sam 09:00–19:00";
    private static final String LONG_WEEK = "Lun–dim 08:00–21:00";
    private static final String SHORT_WEEK = "Mar–sam 10:00–18:30";

    static final List<PickupPoint> POINTS = List.of(
            fr("FR-75011-A", "Tabac de la Roquette", "52 rue de la Petite Roquette", "75011", "Paris", WEEK),
            fr("FR-75011-B", "Épicerie Voltaire", "118 boulevard des Tisserands", "75011", "Paris", LONG_WEEK),
            fr("FR-75011-C", "Pressing Oberkampf", "9 passage des Fileurs", "75011", "Paris", SHORT_WEEK),
            fr("FR-75010-A", "Librairie du Canal", "31 quai des Mariniers", "75010", "Paris", WEEK),
            fr("FR-75012-A", "Fleurs de Reuilly", "7 rue des Jardiniers", "75012", "Paris", SHORT_WEEK),
            fr("FR-75003-A", "Papeterie du Marais", "16 rue des Relieurs", "75003", "Paris", WEEK),
            fr("FR-75018-A", "Cordonnerie des Abbesses", "4 rue des Cordiers", "75018", "Paris", SHORT_WEEK),
            fr("FR-75020-A", "Supérette Ménilmontant", "77 rue des Vignerons", "75020", "Paris", LONG_WEEK),
            fr("FR-69001-A", "Bureau de tabac des Terreaux", "2 rue des Soyeux", "69001", "Lyon", WEEK),
            fr("FR-69002-A", "Librairie Bellecour", "21 rue des Imprimeurs", "69002", "Lyon", WEEK),
            fr("FR-69003-A", "Épicerie Part-Dieu", "45 rue des Canuts", "69003", "Lyon", LONG_WEEK),
            fr("FR-69003-B", "Pressing Montchat", "8 place des Tanneurs", "69003", "Lyon", SHORT_WEEK),
            fr("FR-69006-A", "Fleuriste des Brotteaux", "12 rue des Maraîchers", "69006", "Lyon", SHORT_WEEK),
            fr("FR-69007-A", "Tabac de la Guillotière", "63 rue des Bateliers", "69007", "Lyon", WEEK),
            fr("FR-13001-A", "Presse du Vieux-Port", "5 rue des Pêcheurs", "13001", "Marseille", WEEK),
            fr("FR-13001-B", "Épicerie Noailles", "28 rue des Épices", "13001", "Marseille", LONG_WEEK),
            fr("FR-13005-A", "Cordonnerie Baille", "40 rue des Savonniers", "13005", "Marseille", SHORT_WEEK),
            fr("FR-13006-A", "Librairie Castellane", "17 rue des Santonniers", "13006", "Marseille", WEEK),
            fr("FR-33000-A", "Tabac des Chartrons", "88 quai des Tonneliers", "33000", "Bordeaux", WEEK),
            fr("FR-33000-B", "Épicerie Saint-Pierre", "6 rue des Vinaigriers", "33000", "Bordeaux", LONG_WEEK),
            fr("FR-33800-A", "Pressing Capucins", "23 rue des Boulangers", "33800", "Bordeaux", SHORT_WEEK),
            fr("FR-59000-A", "Librairie du Vieux-Lille", "14 rue des Drapiers", "59000", "Lille", WEEK),
            fr("FR-59000-B", "Supérette Wazemmes", "57 rue des Brasseurs", "59000", "Lille", LONG_WEEK),
            fr("FR-59800-A", "Tabac de la Gare", "3 rue des Cheminots", "59800", "Lille", WEEK),
            fr("FR-44000-A", "Presse Graslin", "19 rue des Armateurs", "44000", "Nantes", WEEK),
            fr("FR-44000-B", "Épicerie de l'Île", "72 quai des Chantiers", "44000", "Nantes", LONG_WEEK),
            fr("FR-44100-A", "Fleurs de Chantenay", "11 rue des Cordiers", "44100", "Nantes", SHORT_WEEK),
            fr("FR-31000-A", "Librairie du Capitole", "26 rue des Briquetiers", "31000", "Toulouse", WEEK),
            fr("FR-31000-B", "Tabac Saint-Cyprien", "9 rue des Teinturiers", "31000", "Toulouse", WEEK),
            new PickupPoint("BE-1000-A", "Librairie des Marolles", "15 rue des Chaudronniers", "1000", "Bruxelles",
                    CountryCode.of("BE"), WEEK),
            new PickupPoint("BE-1050-A", "Épicerie d'Ixelles", "42 rue des Orfèvres", "1050", "Ixelles",
                    CountryCode.of("BE"), LONG_WEEK),
            new PickupPoint("BE-4000-A", "Tabac du Carré", "8 rue des Houilleurs", "4000", "Liège",
                    CountryCode.of("BE"), WEEK));

    @Override
    public List<PickupPoint> near(CountryCode country, String postalCode, int limit) {
        return PostalProximity.nearest(POINTS, country, postalCode, limit);
    }

    @Override
    public Optional<PickupPoint> find(String id) {
        return POINTS.stream().filter(point -> point.id().equals(id)).findFirst();
    }

    private static PickupPoint fr(String id, String name, String line1, String postalCode, String city, String hours) {
        return new PickupPoint(id, name, line1, postalCode, city, CountryCode.FRANCE, hours);
    }
}
