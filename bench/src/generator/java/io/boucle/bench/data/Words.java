package io.boucle.bench.data;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generated catalog's words: six root categories of eight subcategories each, and for every
 * subcategory the nouns, qualifiers, materials and sizes its product titles are made of, in French and
 * English ("Sécateur ergonomique acier forgé" / "Ergonomic forged steel pruning shears").
 */
final class Words {

    private Words() {
    }

    /** How a subcategory's products vary: clothes sizes, shoe sizes, colours, or single and packs of three. */
    enum Axis { SIZE, SHOE, COLOUR, PACK }

    /** A word in French (masculine/feminine when they differ, "léger/légère") and English. */
    record Word(String fr, String frFeminine, String en, boolean feminine) {

        /** "m:Sécateur|pruning shears", "léger/légère|lightweight", "acier|steel". */
        static Word parse(String spec) {
            boolean feminine = spec.startsWith("f:");
            String body = spec.startsWith("f:") || spec.startsWith("m:") ? spec.substring(2) : spec;
            int bar = body.indexOf('|');
            String fr = bar < 0 ? body : body.substring(0, bar);
            String en = bar < 0 ? body : body.substring(bar + 1);
            int slash = fr.indexOf('/');
            return slash < 0 ? new Word(fr, fr, en, feminine) : new Word(fr.substring(0, slash), fr.substring(slash + 1), en, feminine);
        }

        String agreeingWith(Word noun) {
            return noun.feminine() ? frFeminine : fr;
        }
    }

    record Leaf(String slug, Word name, String taxCategory, Axis axis, int minPrice, int maxPrice, int minGrams, int maxGrams,
                List<Word> nouns, List<Word> qualifiers, List<Word> materials, List<Word> sizes) {
    }

    record Root(String slug, Word name, List<Leaf> leaves) {
    }

    /** A product's title in both languages. */
    record Title(String fr, String en, Word noun, Word material) {
    }

    private static Leaf leaf(String slug, String name, String tax, Axis axis, int minPrice, int maxPrice, int minGrams,
            int maxGrams, String nouns, String qualifiers, String materials, String sizes) {
        return new Leaf(slug, Word.parse(name), tax, axis, minPrice, maxPrice, minGrams, maxGrams, words(nouns), words(qualifiers),
                words(materials), words(sizes));
    }

    private static List<Word> words(String specs) {
        return specs.isEmpty() ? List.of() : java.util.Arrays.stream(specs.split(";")).map(String::strip).map(Word::parse).toList();
    }

    static final String STANDARD = "STANDARD";
    static final String FOOD = "REDUCED_5_5";

    static final List<Root> ROOTS = List.of(
            new Root("jardin", Word.parse("Jardin|Garden"), List.of(
                    leaf("outils-de-coupe", "Outils de coupe|Cutting tools", STANDARD, Axis.COLOUR, 12, 89, 200, 1500,
                            "m:Sécateur|pruning shears; f:Cisaille à haies|hedge shears; f:Scie d'élagage|pruning saw; m:Coupe-branches|lopper",
                            "ergonomique|ergonomic; professionnel/professionnelle|professional; compact/compacte|compact; télescopique|telescopic; léger/légère|lightweight",
                            "acier|steel; acier forgé|forged steel; inox|stainless steel; carbone|carbon steel",
                            "Ø 20 mm|Ø 20 mm; Ø 25 mm|Ø 25 mm; 70 cm|70 cm"),
                    leaf("arrosage", "Arrosage|Watering", STANDARD, Axis.COLOUR, 9, 79, 300, 3000,
                            "m:Arrosoir|watering can; m:Tuyau d'arrosage|garden hose; m:Pistolet d'arrosage|spray gun; m:Asperseur|sprinkler",
                            "robuste|sturdy; réglable|adjustable; compact/compacte|compact; anti-torsion|kink-free",
                            "zinc|zinc; laiton|brass; acier galvanisé|galvanised steel; caoutchouc|rubber",
                            "5 L|5 L; 10 L|10 L; 15 m|15 m; 25 m|25 m"),
                    leaf("pots-et-jardinieres", "Pots et jardinières|Pots and planters", STANDARD, Axis.COLOUR, 8, 120, 500, 12000,
                            "m:Pot|pot; f:Jardinière|planter; m:Bac à fleurs|flower box; f:Étiquette de jardin|garden label",
                            "rond/ronde|round; carré/carrée|square; suspendu/suspendue|hanging; émaillé/émaillée|glazed",
                            "terre cuite|terracotta; ardoise|slate; zinc|zinc; chêne|oak",
                            "Ø 30 cm|Ø 30 cm; Ø 40 cm|Ø 40 cm; 60 cm|60 cm; lot de 10|set of 10"),
                    leaf("mobilier-de-jardin", "Mobilier de jardin|Garden furniture", STANDARD, Axis.COLOUR, 45, 690, 3000, 40000,
                            "f:Chaise de jardin|garden chair; f:Table de jardin|garden table; m:Banc|bench; m:Transat|deckchair",
                            "pliant/pliante|folding; empilable|stackable; massif/massive|solid; classique|classic",
                            "chêne|oak; teck|teak; acier|steel; rotin|rattan; acacia|acacia",
                            "2 places|2-seater; 4 personnes|4-person; 6 personnes|6-person"),
                    leaf("eclairage-exterieur", "Éclairage extérieur|Outdoor lighting", STANDARD, Axis.COLOUR, 15, 180, 200, 4000,
                            "f:Lanterne|lantern; f:Guirlande lumineuse|string lights; f:Borne solaire|solar bollard; m:Projecteur|floodlight",
                            "solaire|solar; étanche|waterproof; rechargeable|rechargeable; design|designer",
                            "laiton|brass; acier|steel; verre|glass; aluminium|aluminium",
                            "300 lm|300 lm; 800 lm|800 lm; 10 m|10 m"),
                    leaf("semis-et-potager", "Semis et potager|Seeds and vegetable garden", STANDARD, Axis.PACK, 6, 65, 100, 3000,
                            "m:Semoir|seeder; f:Serre de semis|propagator; m:Plantoir|dibber; m:Carré potager|raised bed",
                            "pratique|handy; surélevé/surélevée|raised; traditionnel/traditionnelle|traditional",
                            "bois|wood; bambou|bamboo; mélèze|larch; frêne|ash",
                            "40 cm|40 cm; 80 cm|80 cm; 120 cm|120 cm"),
                    leaf("gants-et-protection", "Gants et protection|Gloves and protection", STANDARD, Axis.SIZE, 9, 59, 100, 800,
                            "f:Paire de gants|pair of gloves; m:Tablier de jardinier|gardening apron; f:Genouillère|knee pad",
                            "renforcé/renforcée|reinforced; respirant/respirante|breathable; imperméable|waterproof",
                            "cuir|leather; coton|cotton; nitrile|nitrile; toile|canvas", ""),
                    leaf("oiseaux-et-insectes", "Oiseaux et insectes|Birds and insects", STANDARD, Axis.COLOUR, 12, 95, 300, 3000,
                            "m:Nichoir|nest box; f:Mangeoire|bird feeder; m:Hôtel à insectes|insect hotel; m:Abreuvoir|bird bath",
                            "suspendu/suspendue|hanging; rustique|rustic; artisanal/artisanale|handmade",
                            "chêne|oak; pin|pine; ardoise|slate; céramique|ceramic", ""))),
            new Root("bricolage", Word.parse("Bricolage|DIY"), List.of(
                    leaf("outils-a-main", "Outils à main|Hand tools", STANDARD, Axis.PACK, 7, 89, 100, 1500,
                            "m:Tournevis|screwdriver; m:Marteau|hammer; f:Pince universelle|combination pliers; m:Jeu de tournevis|screwdriver set",
                            "isolé/isolée|insulated; magnétique|magnetic; professionnel/professionnelle|professional; compact/compacte|compact",
                            "acier chrome-vanadium|chrome vanadium steel; bois de frêne|ash wood; acier|steel",
                            "6 pièces|6 pieces; 12 pièces|12 pieces; 300 g|300 g"),
                    leaf("mesure-et-tracage", "Mesure et traçage|Measuring and marking", STANDARD, Axis.PACK, 5, 79, 100, 1200,
                            "m:Mètre ruban|tape measure; m:Niveau à bulle|spirit level; f:Équerre|square; m:Crayon de menuisier|carpenter's pencil",
                            "magnétique|magnetic; précis/précise|precise; robuste|sturdy",
                            "aluminium|aluminium; acier|steel; hêtre|beech",
                            "5 m|5 m; 8 m|8 m; 60 cm|60 cm; 120 cm|120 cm"),
                    leaf("lampes-portables", "Lampes portables|Portable lights", STANDARD, Axis.COLOUR, 12, 120, 80, 900,
                            "f:Lampe frontale|headlamp; f:Lampe torche|torch; f:Baladeuse|work light; f:Lampe de poche|pocket torch",
                            "rechargeable|rechargeable; étanche|waterproof; compact/compacte|compact; puissant/puissante|powerful",
                            "aluminium|aluminium; LED|LED", "300 lm|300 lm; 500 lm|500 lm; 1000 lm|1000 lm"),
                    leaf("quincaillerie", "Quincaillerie|Hardware", STANDARD, Axis.PACK, 3, 49, 50, 1000,
                            "m:Crochet mural|wall hook; f:Poignée de porte|door handle; f:Boîte de vis|box of screws; m:Bouton de meuble|cabinet knob",
                            "ancien/ancienne|antique-style; brossé/brossée|brushed; classique|classic",
                            "laiton|brass; fer forgé|wrought iron; inox|stainless steel; porcelaine|porcelain",
                            "lot de 4|set of 4; lot de 10|set of 10"),
                    leaf("peinture", "Peinture|Painting", STANDARD, Axis.PACK, 4, 69, 100, 3500,
                            "m:Pinceau|brush; m:Rouleau|roller; m:Pot de peinture|paint tin; f:Brosse à rechampir|sash brush",
                            "mat/mate|matt; satiné/satinée|satin; professionnel/professionnelle|professional",
                            "soie naturelle|natural bristle; microfibre|microfibre; acrylique|acrylic",
                            "0,5 L|0.5 L; 2,5 L|2.5 L; 40 mm|40 mm"),
                    leaf("rangement-atelier", "Rangement d'atelier|Workshop storage", STANDARD, Axis.COLOUR, 15, 390, 800, 30000,
                            "f:Boîte à outils|toolbox; f:Servante d'atelier|tool trolley; m:Panneau perforé|pegboard; m:Établi|workbench",
                            "modulable|modular; robuste|sturdy; pliant/pliante|folding",
                            "acier|steel; bois|wood; hêtre|beech", "3 tiroirs|3 drawers; 5 tiroirs|5 drawers; 120 cm|120 cm"),
                    leaf("electricite", "Électricité|Electrics", STANDARD, Axis.COLOUR, 6, 75, 100, 1500,
                            "f:Rallonge|extension lead; f:Multiprise|power strip; m:Détecteur de tension|voltage tester; m:Enrouleur|cable reel",
                            "parafoudre|surge-protected; compact/compacte|compact; plat/plate|flat",
                            "textile|fabric; caoutchouc|rubber", "3 m|3 m; 5 m|5 m; 25 m|25 m"),
                    leaf("collage-et-fixation", "Collage et fixation|Gluing and fixing", STANDARD, Axis.PACK, 5, 65, 100, 1500,
                            "m:Serre-joint|clamp; m:Pistolet à colle|glue gun; f:Agrafeuse murale|staple gun; f:Cheville|wall plug",
                            "rapide|quick; professionnel/professionnelle|professional; léger/légère|lightweight",
                            "acier|steel; nylon|nylon", "lot de 2|set of 2; 30 cm|30 cm"))),
            new Root("maison", Word.parse("Maison|Home"), List.of(
                    leaf("coussins-et-plaids", "Coussins et plaids|Cushions and throws", STANDARD, Axis.COLOUR, 19, 149, 300, 2000,
                            "m:Coussin|cushion; m:Plaid|throw; f:Housse de coussin|cushion cover",
                            "lavé/lavée|washed; chiné/chinée|marled; doux/douce|soft; brodé/brodée|embroidered",
                            "lin|linen; laine|wool; coton bio|organic cotton; velours|velvet",
                            "40 × 40 cm|40 × 40 cm; 50 × 50 cm|50 × 50 cm; 130 × 170 cm|130 × 170 cm"),
                    leaf("luminaires", "Luminaires|Lighting", STANDARD, Axis.COLOUR, 29, 320, 500, 6000,
                            "f:Lampe de chevet|bedside lamp; f:Suspension|pendant light; m:Lampadaire|floor lamp; f:Applique|wall light",
                            "orientable|adjustable; rétro|retro; minimaliste|minimalist",
                            "chêne|oak; laiton|brass; lin|linen; céramique|ceramic", ""),
                    leaf("art-de-la-table", "Art de la table|Tableware", STANDARD, Axis.COLOUR, 9, 129, 300, 3000,
                            "f:Assiette|plate; m:Bol|bowl; f:Carafe|carafe; m:Dessous-de-plat|trivet",
                            "artisanal/artisanale|handmade; émaillé/émaillée|glazed; rustique|rustic",
                            "grès|stoneware; porcelaine|porcelain; verre|glass; ardoise|slate",
                            "lot de 4|set of 4; lot de 6|set of 6; 1 L|1 L"),
                    leaf("cuisine", "Cuisine|Kitchen", STANDARD, Axis.COLOUR, 12, 189, 200, 5000,
                            "f:Théière|teapot; f:Casserole|saucepan; f:Planche à découper|chopping board; m:Moulin à poivre|pepper mill",
                            "traditionnel/traditionnelle|traditional; épais/épaisse|thick; compact/compacte|compact",
                            "fonte|cast iron; inox|stainless steel; chêne|oak; olivier|olive wood",
                            "1 L|1 L; 20 cm|20 cm; 24 cm|24 cm"),
                    leaf("savons-et-soins", "Savons et soins|Soaps and care", STANDARD, Axis.PACK, 4, 29, 50, 400,
                            "m:Savon|soap; m:Shampooing solide|solid shampoo; m:Baume|balm; f:Crème pour les mains|hand cream",
                            "surgras/surgras|superfatted; artisanal/artisanale|handmade; doux/douce|gentle; bio|organic",
                            "lavande|lavender; miel|honey; argile|clay; huile d'olive|olive oil; lait d'ânesse|donkey milk",
                            "100 g|100 g; 150 g|150 g"),
                    leaf("linge-de-lit", "Linge de lit|Bed linen", STANDARD, Axis.COLOUR, 19, 189, 400, 3000,
                            "f:Housse de couette|duvet cover; m:Drap|sheet; f:Taie d'oreiller|pillowcase",
                            "lavé/lavée|washed; uni/unie|plain; rayé/rayée|striped",
                            "lin|linen; coton|cotton; percale de coton|cotton percale",
                            "140 × 200 cm|140 × 200 cm; 240 × 220 cm|240 × 220 cm; 65 × 65 cm|65 × 65 cm"),
                    leaf("rangement", "Rangement|Storage", STANDARD, Axis.COLOUR, 9, 249, 300, 15000,
                            "m:Panier|basket; f:Boîte|box; f:Étagère|shelf; m:Porte-manteau|coat rack",
                            "tressé/tressée|woven; empilable|stackable; mural/murale|wall-mounted",
                            "osier|wicker; chêne|oak; métal|metal; jonc de mer|seagrass", "S|S; M|M; L|L"),
                    leaf("decoration", "Décoration|Decoration", STANDARD, Axis.COLOUR, 9, 199, 200, 6000,
                            "m:Miroir|mirror; m:Vase|vase; m:Cadre photo|photo frame; f:Bougie parfumée|scented candle",
                            "rond/ronde|round; ancien/ancienne|antique; artisanal/artisanale|handmade",
                            "laiton|brass; verre soufflé|blown glass; chêne|oak; céramique|ceramic", ""))),
            new Root("mode", Word.parse("Mode|Fashion"), List.of(
                    leaf("pulls-et-gilets", "Pulls et gilets|Jumpers and cardigans", STANDARD, Axis.SIZE, 39, 229, 250, 900,
                            "m:Pull|jumper; m:Gilet|cardigan; m:Sweat|sweatshirt",
                            "col rond|crew-neck; col roulé|roll-neck; torsadé/torsadée|cable-knit; ample|loose-fit",
                            "laine mérinos|merino wool; laine d'agneau|lambswool; coton bio|organic cotton; cachemire|cashmere", ""),
                    leaf("chemises", "Chemises|Shirts", STANDARD, Axis.SIZE, 35, 129, 200, 500,
                            "f:Chemise|shirt; f:Surchemise|overshirt; f:Blouse|blouse",
                            "ajusté/ajustée|slim-fit; oversize|oversized; rayé/rayée|striped",
                            "lin|linen; coton|cotton; flanelle|flannel; denim|denim", ""),
                    leaf("pantalons", "Pantalons|Trousers", STANDARD, Axis.SIZE, 39, 149, 300, 900,
                            "m:Pantalon|trousers; m:Jean|jeans; m:Short|shorts",
                            "droit/droite|straight; large|wide-leg; chino|chino",
                            "velours côtelé|corduroy; lin|linen; denim brut|raw denim; coton|cotton", ""),
                    leaf("manteaux", "Manteaux et vestes|Coats and jackets", STANDARD, Axis.SIZE, 89, 490, 800, 2500,
                            "m:Manteau|coat; f:Veste|jacket; f:Parka|parka; m:Caban|pea coat",
                            "imperméable|waterproof; matelassé/matelassée|quilted; long/longue|long",
                            "laine|wool; coton ciré|waxed cotton; lin|linen", ""),
                    leaf("chaussures", "Chaussures|Shoes", STANDARD, Axis.SHOE, 59, 259, 500, 1600,
                            "f:Bottine|ankle boot; m:Mocassin|loafer; f:Basket|trainer; f:Sandale|sandal",
                            "cousu/cousue|stitched; classique|classic; souple|soft",
                            "cuir|leather; daim|suede; toile|canvas", ""),
                    leaf("sacs", "Sacs|Bags", STANDARD, Axis.COLOUR, 29, 289, 300, 1800,
                            "m:Sac à dos|backpack; m:Cabas|tote bag; f:Sacoche|messenger bag; m:Sac banane|bum bag",
                            "imperméable|waterproof; urbain/urbaine|urban; léger/légère|lightweight",
                            "cuir|leather; toile cirée|waxed canvas; coton recyclé|recycled cotton",
                            "20 L|20 L; 30 L|30 L"),
                    leaf("bagagerie", "Bagagerie|Luggage", STANDARD, Axis.COLOUR, 49, 390, 900, 5000,
                            "f:Valise|suitcase; m:Sac de voyage|travel bag; f:Trousse de toilette|toiletry bag",
                            "cabine|cabin; rigide|hard-shell; souple|soft",
                            "cuir|leather; toile|canvas; polycarbonate|polycarbonate", "40 L|40 L; 60 L|60 L; 90 L|90 L"),
                    leaf("accessoires-mode", "Accessoires de mode|Fashion accessories", STANDARD, Axis.COLOUR, 15, 149, 50, 500,
                            "f:Écharpe|scarf; m:Bonnet|beanie; f:Ceinture|belt; m:Portefeuille|wallet",
                            "tricoté/tricotée|knitted; fin/fine|fine; réversible|reversible",
                            "laine|wool; cuir|leather; cachemire|cashmere; lin|linen", ""))),
            new Root("epicerie", Word.parse("Épicerie|Grocery"), List.of(
                    leaf("confitures", "Confitures|Jams", FOOD, Axis.PACK, 4, 12, 300, 500,
                            "f:Confiture|jam; f:Gelée|jelly; f:Pâte à tartiner|spread",
                            "extra|extra; artisanal/artisanale|artisan; allégé/allégée|reduced-sugar",
                            "abricot|apricot; fraise|strawberry; figue|fig; mirabelle|mirabelle plum; orange amère|bitter orange; noisette|hazelnut",
                            "250 g|250 g; 370 g|370 g"),
                    leaf("miels", "Miels|Honeys", FOOD, Axis.PACK, 6, 22, 300, 1100,
                            "m:Miel|honey", "crémeux/crémeuse|creamy; liquide|runny; bio|organic",
                            "acacia|acacia; lavande|lavender; châtaignier|chestnut; montagne|mountain; tilleul|lime blossom",
                            "250 g|250 g; 500 g|500 g; 1 kg|1 kg"),
                    leaf("cafes", "Cafés|Coffees", FOOD, Axis.PACK, 7, 32, 250, 1100,
                            "m:Café en grains|coffee beans; m:Café moulu|ground coffee",
                            "bio|organic; doux/douce|mild; corsé/corsée|strong",
                            "Éthiopie|Ethiopia; Colombie|Colombia; Pérou|Peru; Brésil|Brazil", "250 g|250 g; 1 kg|1 kg"),
                    leaf("thes-et-infusions", "Thés et infusions|Teas and infusions", FOOD, Axis.PACK, 5, 24, 100, 400,
                            "m:Thé vert|green tea; m:Thé noir|black tea; f:Infusion|herbal tea",
                            "bio|organic; fumé/fumée|smoked; vrac|loose-leaf",
                            "menthe|mint; jasmin|jasmine; verveine|verbena; bergamote|bergamot", "100 g|100 g; 250 g|250 g"),
                    leaf("huiles-et-vinaigres", "Huiles et vinaigres|Oils and vinegars", FOOD, Axis.PACK, 6, 35, 500, 1500,
                            "f:Huile d'olive|olive oil; m:Vinaigre|vinegar; f:Huile de noix|walnut oil",
                            "vierge extra|extra virgin; fruité/fruitée|fruity; artisanal/artisanale|artisan",
                            "Provence|Provence; Nyons|Nyons; Xérès|sherry; cidre|cider", "50 cl|50 cl; 75 cl|75 cl"),
                    leaf("biscuits", "Biscuits|Biscuits", FOOD, Axis.PACK, 3, 14, 150, 600,
                            "m:Sablé|shortbread; f:Galette|butter biscuit; m:Biscuit|biscuit",
                            "pur beurre|all-butter; croustillant/croustillante|crunchy; bio|organic",
                            "beurre salé|salted butter; chocolat|chocolate; citron|lemon; amande|almond", "125 g|125 g; 250 g|250 g"),
                    leaf("conserves", "Conserves|Preserves", FOOD, Axis.PACK, 4, 19, 150, 900,
                            "m:Pâté|pâté; f:Rillettes|rillettes; f:Soupe de poissons|fish soup",
                            "artisanal/artisanale|artisan; breton/bretonne|Breton; traditionnel/traditionnelle|traditional",
                            "thon|tuna; canard|duck; sardine|sardine; maquereau|mackerel", "180 g|180 g; 780 ml|780 ml"),
                    leaf("chocolats", "Chocolats|Chocolates", FOOD, Axis.PACK, 3, 29, 100, 600,
                            "f:Tablette de chocolat|chocolate bar; m:Chocolat chaud|hot chocolate; m:Ballotin de pralinés|box of pralines",
                            "bio|organic; grand cru|single-origin; artisanal/artisanale|artisan",
                            "noir 70 %|70% dark; lait|milk; noisettes|hazelnuts; caramel|caramel", "100 g|100 g; 250 g|250 g"))),
            new Root("loisirs", Word.parse("Loisirs|Leisure"), List.of(
                    leaf("papeterie", "Papeterie|Stationery", STANDARD, Axis.COLOUR, 5, 89, 50, 600,
                            "m:Agenda|diary; m:Carnet|notebook; m:Stylo plume|fountain pen; f:Trousse|pencil case",
                            "relié/reliée|bound; pointillé/pointillée|dotted; classique|classic",
                            "cuir|leather; papier recyclé|recycled paper; lin|linen", "A5|A5; A6|A6"),
                    leaf("musique", "Musique|Music", STANDARD, Axis.COLOUR, 25, 890, 300, 5000,
                            "f:Guitare|guitar; m:Ukulélé|ukulele; m:Harmonica|harmonica; m:Pupitre|music stand",
                            "acoustique|acoustic; folk|folk; classique|classical; électro-acoustique|electro-acoustic",
                            "épicéa|spruce; acajou|mahogany; érable|maple", "4/4|4/4; 3/4|3/4"),
                    leaf("randonnee", "Randonnée|Hiking", STANDARD, Axis.COLOUR, 9, 189, 100, 2500,
                            "f:Gourde|water bottle; m:Bâton de marche|walking pole; f:Gamelle|mess tin; m:Réchaud|camping stove; m:Sac à dos de randonnée|hiking backpack",
                            "isotherme|insulated; pliant/pliante|folding; ultraléger/ultralégère|ultralight",
                            "inox|stainless steel; aluminium|aluminium; titane|titanium", "750 ml|750 ml; 1 L|1 L; 35 L|35 L"),
                    leaf("jeux-de-societe", "Jeux de société|Board games", STANDARD, Axis.PACK, 9, 79, 200, 2500,
                            "m:Jeu d'échecs|chess set; m:Puzzle|jigsaw puzzle; m:Jeu de cartes|card game; m:Jeu de dames|draughts set",
                            "familial/familiale|family; classique|classic; de voyage|travel",
                            "bois|wood; chêne|oak; carton|cardboard", "500 pièces|500 pieces; 1000 pièces|1000 pieces"),
                    leaf("animaux", "Animaux|Pets", STANDARD, Axis.SIZE, 6, 119, 100, 3000,
                            "f:Gamelle pour chien|dog bowl; m:Collier|collar; m:Panier pour chat|cat bed; f:Laisse|lead",
                            "antidérapant/antidérapante|non-slip; réglable|adjustable; douillet/douillette|cosy",
                            "inox|stainless steel; cuir|leather; céramique|ceramic; coton|cotton", ""),
                    leaf("velo", "Vélo|Cycling", STANDARD, Axis.COLOUR, 9, 149, 100, 2000,
                            "f:Sacoche de vélo|bike pannier; m:Antivol|lock; f:Sonnette|bell; m:Panier de vélo|bike basket",
                            "étanche|waterproof; renforcé/renforcée|reinforced; classique|classic",
                            "acier|steel; cuir|leather; toile cirée|waxed canvas; osier|wicker", "12 L|12 L; 20 L|20 L"),
                    leaf("beaux-arts", "Beaux-arts|Fine arts", STANDARD, Axis.PACK, 5, 149, 100, 4000,
                            "m:Carnet de croquis|sketchbook; f:Boîte d'aquarelle|watercolour set; m:Chevalet|easel; m:Crayon graphite|graphite pencil",
                            "extra-fin/extra-fine|extra-fine; de voyage|travel; professionnel/professionnelle|professional",
                            "hêtre|beech; papier coton|cotton paper; métal|metal", "12 couleurs|12 colours; 24 couleurs|24 colours; A4|A4"),
                    leaf("sport", "Sport et yoga|Sport and yoga", STANDARD, Axis.COLOUR, 9, 99, 200, 2500,
                            "m:Tapis de yoga|yoga mat; f:Corde à sauter|skipping rope; f:Brique de yoga|yoga block; m:Coussin de méditation|meditation cushion",
                            "antidérapant/antidérapante|non-slip; épais/épaisse|thick; léger/légère|lightweight",
                            "liège|cork; caoutchouc naturel|natural rubber; coton|cotton; sarrasin|buckwheat", "4 mm|4 mm; 6 mm|6 mm"))));

    /** The searches a benchmark runs: words of the generated titles (and "theiere", in both catalogs). */
    static final List<String> SEARCHES = List.of("secateur", "laine", "sac a dos", "lampe frontale", "coussin lin", "valise cuir",
            "confiture", "guitare", "tournevis", "savon", "chene", "ardoise", "gamelle", "agenda", "theiere", "sacoche");

    static final List<Word> COLOURS = words("Noir|Black; Vert sapin|Forest green; Bleu nuit|Midnight blue; Naturel|Natural;"
            + " Terracotta|Terracotta; Gris anthracite|Charcoal grey; Moutarde|Mustard; Écru|Ecru");
    static final List<String> SIZES = List.of("XS", "S", "M", "L", "XL", "XXL");

    static final List<String> BRAND_FIRST = List.of("Atelier", "Maison", "Forges", "Comptoir", "Manufacture", "Ateliers");
    static final List<String> BRAND_PLACE = List.of("du Morvan", "de l'Aubrac", "des Vosges", "du Jura", "de Cornouaille",
            "du Quercy", "des Landes", "de la Brenne");

    static final List<String> FIRST_NAMES = List.of("Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Alice",
            "Lina", "Rose", "Anna", "Zoé", "Juliette", "Emma", "Sarah", "Nina", "Hugo", "Lucas", "Louis", "Gabriel", "Arthur",
            "Jules", "Adam", "Raphaël", "Paul", "Nathan", "Théo", "Tom", "Noé", "Sacha", "Mathis", "Victor", "Martin", "Yanis",
            "Éloïse", "Margaux", "Hélène", "Sophie", "Julien", "Antoine");
    static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
            "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
            "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
            "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas");
    static final List<String> STREETS = List.of("rue de la République", "avenue Jean-Jaurès", "rue Victor-Hugo",
            "boulevard Gambetta", "rue Pasteur", "rue du Moulin", "place de l'Église", "chemin des Vignes", "rue des Écoles",
            "allée des Tilleuls", "rue Nationale", "impasse des Lilas", "rue de la Gare", "quai des Bateliers");
    /** Postal code and city. */
    static final List<String[]> CITIES = List.of(new String[] {"75011", "Paris"}, new String[] {"75015", "Paris"},
            new String[] {"69003", "Lyon"}, new String[] {"13006", "Marseille"}, new String[] {"31000", "Toulouse"},
            new String[] {"33000", "Bordeaux"}, new String[] {"44000", "Nantes"}, new String[] {"59000", "Lille"},
            new String[] {"67000", "Strasbourg"}, new String[] {"34000", "Montpellier"}, new String[] {"35000", "Rennes"},
            new String[] {"21000", "Dijon"}, new String[] {"37000", "Tours"}, new String[] {"63000", "Clermont-Ferrand"},
            new String[] {"29200", "Brest"}, new String[] {"38000", "Grenoble"}, new String[] {"49000", "Angers"},
            new String[] {"87000", "Limoges"}, new String[] {"64000", "Pau"}, new String[] {"80000", "Amiens"});

    static List<Leaf> leaves() {
        return ROOTS.stream().flatMap(root -> root.leaves().stream()).toList();
    }

    static Root rootOf(Leaf leaf) {
        return ROOTS.stream().filter(root -> root.leaves().contains(leaf)).findFirst().orElseThrow();
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    /** A title of the leaf's words: noun, most often a qualifier agreeing with it, a material, sometimes a size. */
    static Title title(Leaf leaf, SplittableRandom random) {
        Word noun = pick(leaf.nouns(), random);
        Word qualifier = random.nextInt(10) < 7 ? pick(leaf.qualifiers(), random) : null;
        Word material = pick(leaf.materials(), random);
        Word size = !leaf.sizes().isEmpty() && random.nextInt(10) < 4 ? pick(leaf.sizes(), random) : null;
        StringBuilder fr = new StringBuilder(noun.fr());
        StringBuilder en = new StringBuilder();
        if (qualifier != null) {
            fr.append(' ').append(qualifier.agreeingWith(noun));
            en.append(capitalised(qualifier.en())).append(' ');
        }
        fr.append(' ').append(material.fr());
        en.append(en.isEmpty() ? capitalised(material.en()) : material.en()).append(' ').append(noun.en());
        if (size != null) {
            fr.append(' ').append(size.fr());
            en.append(' ').append(size.en());
        }
        return new Title(fr.toString(), en.toString(), noun, material);
    }

    private static String capitalised(String text) {
        return Character.isUpperCase(text.charAt(0)) ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** As the catalog makes an address of a title: "Théière fonte" → "theiere-fonte". */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
