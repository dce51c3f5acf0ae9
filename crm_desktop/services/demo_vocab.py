"""Word lists for the demo data: real names, places, firms and phrases per country.

Lists are space- or ``|``-separated strings to keep the file short. A name
written ``masculine/feminine`` (Greek and Kazakh family names, Greek job
titles) has a form for each gender; other entries serve both.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _items(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


def gendered(entry: str, female: bool) -> str:
    """The masculine or feminine form of ``masc/fem`` (an entry without ``/`` serves both)."""
    masc, _, fem = entry.partition("/")
    return (fem or masc) if female else masc


@dataclass(frozen=True, slots=True)
class PhonePlan:
    """A kind of number: the national significant number as a pattern (``#`` = any digit,
    ``[abc]`` = one of) and how its digits are grouped when written."""

    pattern: tuple[str, ...]  # alternatives for the fixed leading digits
    length: int  # digits of the national significant number
    groups: tuple[int, ...]
    label: str


@dataclass(frozen=True, slots=True)
class Locale:
    code: str  # language: el, hu, pt, ro, kk, en
    country: str  # ISO 3166 alpha-2
    country_name: str
    zone: str
    currency: str
    calling_code: str
    trunk: str  # national prefix as typed before the number ("06 ", "0", "8 ")
    family_first: bool  # Hungarian order: "Kovács Árpád"
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family: tuple[str, ...]
    middle_f: tuple[str, ...]  # second given names (Portuguese) or empty
    middle_m: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    postal: str  # pattern: # digit, A letter
    org_pattern: str  # "{root} {kind} {form}"
    org_roots: tuple[str, ...]
    org_kinds: tuple[str, ...]  # "word:industry"
    org_forms: tuple[str, ...]
    tld: str
    mail_domains: tuple[str, ...]
    phones: tuple[PhonePlan, ...]
    titles: tuple[str, ...]
    texts: dict[str, tuple[str, ...]]  # call, mail, meet, note, buy, notes, task, contact


# fmt: off
P = PhonePlan

GREEK = Locale(
    "el", "GR", "Greece", "Europe/Athens", "EUR", "30", "", False,
    _words("Γιώργος Νίκος Δημήτρης Κώστας Γιάννης Παναγιώτης Βασίλης Χρήστος Αντώνης "
           "Σπύρος Μιχάλης Θανάσης Στέλιος Αλέξανδρος Ευάγγελος Θοδωρής"),
    _words("Ελένη Μαρία Αικατερίνη Βασιλική Σοφία Αγγελική Δέσποινα Κωνσταντίνα Ευαγγελία "
           "Χριστίνα Ιωάννα Γεωργία Φωτεινή Αναστασία Ειρήνη Παρασκευή"),
    _words("Παπαδόπουλος/Παπαδοπούλου Νικολάου Γεωργίου Παπαγεωργίου Ιωάννου Οικονόμου "
           "Βασιλείου Δημητρίου Αντωνίου Κωνσταντίνου Παπαδάκης/Παπαδάκη "
           "Καραγιάννης/Καραγιάννη Μαυρίδης/Μαυρίδου Σταυρόπουλος/Σταυροπούλου "
           "Γεωργιάδης/Γεωργιάδου Πετρόπουλος/Πετροπούλου Χατζηδάκης/Χατζηδάκη "
           "Λαμπράκης/Λαμπράκη Αλεξίου Μακρής/Μακρή Βλάχος/Βλάχου Αθανασίου"),
    (), (),
    _words("Αθήνα Θεσσαλονίκη Πάτρα Ηράκλειο Λάρισα Βόλος Ιωάννινα Χανιά Καλαμάτα"),
    _items("Ερμού | Λεωφόρος Κηφισίας | Πανεπιστημίου | Τσιμισκή | Εγνατία | Αγίου Νικολάου"),
    "### ##",
    "{root} {kind} {form}",
    _items("Αιγαίο | Όλυμπος | Κρήτη | Μακεδονία | Ήπειρος | Ιόνιο | Αθηνά | Ερμής | Πήγασος"),
    _items("Τρόφιμα:food | Μεταφορική:logistics | Κατασκευαστική:construction | "
           "Πληροφορική:IT | Εμπορική:wholesale | Συμβουλευτική:consulting | "
           "Ξενοδοχειακή:hospitality | Ναυτιλιακή:shipping"),
    _items("Α.Ε. | Ο.Ε. | Ε.Π.Ε. | Ι.Κ.Ε."),
    "gr", _words("gmail.com yahoo.gr otenet.gr hotmail.com"),
    (P(("69",), 10, (3, 3, 4), "mobile"), P(("210",), 10, (3, 3, 4), "work"),
     P(("2310",), 10, (4, 6), "work")),
    _items("Διευθύνων Σύμβουλος/Διευθύνουσα Σύμβουλος | Υπεύθυνος Πωλήσεων/Υπεύθυνη Πωλήσεων | "
           "Λογιστής/Λογίστρια | Διευθυντής Αγορών/Διευθύντρια Αγορών | Μηχανικός | "
           "Ιδιοκτήτης/Ιδιοκτήτρια | Sales Manager"),
    {
        "call": _items("Τηλεφώνημα για την προσφορά | Κλήση για παράδοση | Ενημέρωση τιμών"),
        "mail": _items("Αποστολή τιμοκαταλόγου | Επιβεβαίωση παραγγελίας | Ερώτηση για τιμολόγιο"),
        "meet": _items("Συνάντηση στο γραφείο | Παρουσίαση προϊόντων | Γνωριμία με την ομάδα"),
        "note": _items("Σημείωση από την έκθεση | Εσωτερική σημείωση"),
        "buy": _items("Παραγγελία ελαιολάδου | Αγορά ανταλλακτικών | Ανανέωση συνδρομής"),
        "notes": _items("Ζήτησε νέα προσφορά μέχρι την Παρασκευή. | Θέλει δείγματα για τη νέα "
                        "σεζόν. | Ικανοποιημένη με την τελευταία παράδοση. | Να ξανακαλέσουμε "
                        "μετά τις γιορτές. | Ενδιαφέρεται για μεγαλύτερες ποσότητες."),
        "task": _items("Αποστολή προσφοράς | Τηλεφώνημα υπενθύμισης | Έλεγχος πληρωμής"),
        "contact": _items("Γνωριστήκαμε στη ΔΕΘ. | Προτιμά επικοινωνία το πρωί. | "
                          "Έχει δύο παιδιά, του αρέσει το ψάρεμα."),
        "product": _items("ελαιόλαδο | φέτα | μέλι θυμαρίσιο | κρασί Νεμέας | ανταλλακτικά"),
    },
)

HUNGARIAN = Locale(
    "hu", "HU", "Hungary", "Europe/Budapest", "HUF", "36", "06 ", True,
    _words("Árpád László István József Zoltán Gábor Péter Attila Balázs Ferenc Tamás Gergő "
           "Levente Bence Dávid Csaba Sándor Imre"),
    _words("Zsófia Katalin Erzsébet Anna Éva Krisztina Andrea Ildikó Judit Réka Eszter Noémi "
           "Dóra Orsolya Boglárka Zsuzsanna Ágnes Tünde"),
    _words("Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács "
           "Juhász Mészáros Simon Rácz Fekete Szőke Erdős Fazekas Pintér Bíró Kocsis Vörös "
           "Szűcs Lengyel Halász"),
    (), (),
    _words("Budapest Debrecen Szeged Miskolc Pécs Győr Nyíregyháza Kecskemét Székesfehérvár"),
    _items("Andrássy út | Váci utca | Rákóczi út | Kossuth Lajos utca | Petőfi Sándor utca | "
           "Bajcsy-Zsilinszky út"),
    "####",
    "{root} {kind} {form}",
    _items("Duna | Tisza | Balaton | Mátra | Pannon | Alföld | Bakony | Kárpát | Zemplén | Bükk"),
    _items("Építő:construction | Fűszer:food | Informatika:IT | Logisztika:logistics | "
           "Kereskedelmi:wholesale | Tanácsadó:consulting | Szálloda:hospitality | "
           "Bútor:furniture | Pékség:food"),
    _items("Kft. | Zrt. | Bt. | Kft."),
    "hu", _words("gmail.com freemail.hu citromail.hu t-online.hu"),
    (P(("20", "30", "70"), 9, (2, 3, 4), "mobile"), P(("1",), 8, (1, 3, 4), "work")),
    _items("ügyvezető | értékesítési vezető | beszerző | könyvelő | műszakvezető | tulajdonos | "
           "Key Account Manager"),
    {
        "call": _items("Telefon az árajánlatról | Egyeztetés a szállításról | Visszahívás"),
        "mail": _items("Árlista elküldve | Megrendelés visszaigazolása | Kérdés a számláról"),
        "meet": _items("Személyes találkozó az irodában | Termékbemutató | Éves értékelés"),
        "note": _items("Jegyzet a vásárról | Belső feljegyzés"),
        "buy": _items("Fűszerpaprika rendelés | Alkatrész vásárlás | Előfizetés megújítása"),
        "notes": _items("Új ajánlatot kér péntekig. | Mintákat szeretne a tavaszi szezonra. | "
                        "Elégedett a legutóbbi szállítással. | Az ünnepek után hívjuk újra. | "
                        "Nagyobb mennyiség érdekli."),
        "task": _items("Ajánlat küldése | Emlékeztető hívás | Fizetés ellenőrzése"),
        "contact": _items("A HUNGEXPO-n ismerkedtünk meg. | Reggel érhető el a legjobban. | "
                          "Szereti a vörösbort, Tokaj rajongó."),
        "product": _items("fűszerpaprika | tokaji aszú | pick szalámi | alkatrész | "
                          "szoftverlicenc"),
    },
)

PORTUGUESE = Locale(
    "pt", "PT", "Portugal", "Europe/Lisbon", "EUR", "351", "", False,
    _words("João José António Francisco Manuel Rui Pedro Tiago Gonçalo Luís Miguel Nuno "
           "Duarte Sebastião Afonso Vasco"),
    _words("Maria Ana Beatriz Inês Leonor Mariana Catarina Sofia Joana Matilde Margarida "
           "Teresa Filipa Rita Carolina Benedita"),
    _words("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa "
           "Fernandes Gonçalves Gomes Lopes Marques Alves Ribeiro Pinto Carvalho Teixeira "
           "Magalhães Conceição Araújo Simões Brandão Figueiredo"),
    _items("da Conceição | Rita | João | Inês | de Fátima | Luísa"),
    _items("Pedro | Miguel | Maria | Luís | Tomás | Gonçalo"),
    _words("Lisboa Porto Braga Coimbra Faro Aveiro Setúbal Évora Funchal Guimarães"),
    _items("Rua Augusta | Avenida da Liberdade | Rua de Santa Catarina | Rua do Ouro | "
           "Avenida dos Aliados | Rua Garrett"),
    "####-###",
    "{kind} {root}, {form}",
    _items("do Minho | do Douro | do Tejo | do Algarve | do Alentejo | da Estrela | dos Açores | "
           "de Sintra | do Mondego"),
    _items("Têxteis:textiles | Construções:construction | Vinhos:wine | Informática:IT | "
           "Transportes:logistics | Comércio:wholesale | Cortiças:manufacturing | "
           "Hotelaria:hospitality | Conservas:food"),
    _items("Lda. | S.A. | Unipessoal Lda."),
    "pt", _words("gmail.com sapo.pt hotmail.com outlook.pt"),
    (P(("91", "92", "93", "96"), 9, (3, 3, 3), "mobile"), P(("21", "22"), 9, (3, 3, 3), "work")),
    _items("diretor-geral | gestora de compras | responsável comercial | contabilista | "
           "engenheiro de produção | sócio-gerente | Export Manager"),
    {
        "call": _items("Chamada sobre a proposta | Confirmar entrega | Acompanhamento"),
        "mail": _items("Envio da tabela de preços | Confirmação da encomenda | "
                       "Pedido de fatura"),
        "meet": _items("Reunião no escritório | Apresentação de produtos | Visita à fábrica"),
        "note": _items("Nota da feira | Nota interna"),
        "buy": _items("Encomenda de cortiça | Compra de vinho do Porto | Renovação da assinatura"),
        "notes": _items("Pediu nova proposta até sexta-feira. | Quer amostras para a nova "
                        "coleção. | Satisfeito com a última entrega. | Voltar a ligar depois "
                        "do verão. | Interessado em volumes maiores."),
        "task": _items("Enviar proposta | Ligar para lembrar | Verificar pagamento"),
        "contact": _items("Conhecemo-nos na FIL. | Prefere contacto por e-mail. | "
                          "Adora futebol, sócio do Benfica."),
        "product": _items("cortiça | vinho do Porto | azulejos | conservas de sardinha | têxteis"),
    },
)

ROMANIAN = Locale(
    "ro", "RO", "Romania", "Europe/Bucharest", "RON", "40", "0", False,
    _words("Ștefan Andrei Alexandru Mihai Ion Gheorghe Vasile Constantin Dumitru Răzvan Bogdan "
           "Cristian Florin Ionuț Cătălin Marius Tudor"),
    _words("Ioana Maria Elena Andreea Alexandra Mihaela Ana Cristina Gabriela Roxana Oana "
           "Irina Ștefania Daniela Simona Bianca Ana-Maria Larisa"),
    _words("Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu "
           "Mureșan Constantinescu Dinu Munteanu Lungu Moldovan Bălan Șerban Țurcanu Neagu "
           "Oprea Vasilescu Mihăilescu Căpraru Dragomir"),
    (), (),
    _words("București Cluj-Napoca Timișoara Iași Constanța Brașov Craiova Sibiu Oradea"),
    _items("Strada Lipscani | Bulevardul Unirii | Calea Victoriei | Strada Mihai Eminescu | "
           "Bulevardul Ștefan cel Mare | Strada Avram Iancu"),
    "######",
    "{root} {kind} {form}",
    _items("Carpați | Dunărea | Transilvania | Bucegi | Olt | Mureș | Argeș | Delta | Banat | "
           "Dobrogea"),
    _items("Construct:construction | Logistic:logistics | Agro:agriculture | Soft:IT | "
           "Trading:wholesale | Consulting:consulting | Turism:hospitality | Mobila:furniture"),
    _items("SRL | SA | SRL"),
    "ro", _words("gmail.com yahoo.ro yahoo.com outlook.com"),
    (P(("72", "74", "75", "76"), 9, (3, 3, 3), "mobile"), P(("21",), 9, (2, 3, 4), "work")),
    _items("director general | manager vânzări | achizitor | contabil-șef | inginer | "
           "administrator | Business Developer"),
    {
        "call": _items("Apel despre ofertă | Confirmare livrare | Revenire telefonică"),
        "mail": _items("Trimis lista de prețuri | Confirmare comandă | Întrebare despre factură"),
        "meet": _items("Întâlnire la birou | Prezentare produse | Vizită în fabrică"),
        "note": _items("Notă de la târg | Notă internă"),
        "buy": _items("Comandă de piese | Achiziție mobilier | Reînnoire abonament"),
        "notes": _items("A cerut o ofertă nouă până vineri. | Vrea mostre pentru sezonul de "
                        "primăvară. | Mulțumit de ultima livrare. | Revenim după sărbători. | "
                        "Interesat de cantități mai mari."),
        "task": _items("Trimite oferta | Apel de reamintire | Verifică plata"),
        "contact": _items("Ne-am cunoscut la Indagra. | Preferă să fie sunat după-amiaza. | "
                          "Pasionat de drumeții în Bucegi."),
        "product": _items("piese de schimb | mobilier | vin de Cotnari | licență software"),
    },
)

KAZAKH = Locale(
    "kk", "KZ", "Kazakhstan", "Asia/Almaty", "KZT", "7", "8 ", False,
    _words("Ақжол Нұрлан Ерлан Асхат Дәурен Бауыржан Ерболат Жандос Қанат Серік Талғат "
           "Мұрат Әлихан Арман Ержан Ёлкин Тимур"),
    _words("Айгүл Гүлнара Әсел Жансая Айжан Мөлдір Дана Сәуле Ақмарал Балжан Назерке Динара "
           "Аружан Томирис Жұлдыз"),
    _words("Сейітқали Нұрланов/Нұрланова Жұмабаев/Жұмабаева Ахметов/Ахметова Омаров/Омарова "
           "Сәрсенбаев/Сәрсенбаева Қасымов/Қасымова Әбдірахманов/Әбдірахманова "
           "Байжанов/Байжанова Есенов/Есенова Тоқтаров/Тоқтарова Ибраев/Ибраева "
           "Серікбаев/Серікбаева Қайратұлы/Қайратқызы Мұхамеджанов/Мұхамеджанова Төлеген"),
    (), (),
    _words("Алматы Астана Шымкент Қарағанды Ақтөбе Атырау Павлодар Өскемен Тараз"),
    _items("Абай даңғылы | Достық даңғылы | Төле би көшесі | Қабанбай батыр көшесі | "
           "Сәтбаев көшесі | Жібек жолы көшесі"),
    "######",
    "«{root} {kind}» {form}",
    _items("Алатау | Алтын Дала | Байтерек | Қазына | Ертіс | Сарыарқа | Жетісу | Самұрық | "
           "Көкшетау"),
    _items("Құрылыс:construction | Логистика:logistics | Агро:agriculture | Сауда:wholesale | "
           "Консалтинг:consulting | Тех:IT | Энерго:energy | Фарм:pharma"),
    _items("ЖШС | АҚ | ЖШС"),
    "kz", _words("gmail.com mail.ru mail.kz yandex.kz"),
    (P(("701", "702", "705", "707", "747", "771", "775", "777"), 10, (3, 3, 2, 2), "mobile"),
     P(("727",), 10, (3, 3, 2, 2), "work")),
    _items("бас директор | сату менеджері | бас есепші | сатып алу жөніндегі маман | инженер | "
           "құрылтайшы | Regional Manager"),
    {
        "call": _items("Ұсыныс бойынша қоңырау | Жеткізуді растау | Кері қоңырау"),
        "mail": _items("Баға тізімі жіберілді | Тапсырысты растау | Шот-фактура туралы сұрақ"),
        "meet": _items("Кеңседе кездесу | Өнім таныстырылымы | Жылдық қорытынды"),
        "note": _items("Көрмеден жазба | Ішкі жазба"),
        "buy": _items("Қосалқы бөлшектерге тапсырыс | Жабдық сатып алу | Жазылымды жаңарту"),
        "notes": _items("Жұмаға дейін жаңа ұсыныс сұрады. | Көктемгі маусымға үлгілер қажет. | "
                        "Соңғы жеткізуге риза. | Мерекеден кейін қайта хабарласу. | "
                        "Үлкен көлемге қызығушылық танытты."),
        "task": _items("Ұсыныс жіберу | Еске салу қоңырауы | Төлемді тексеру"),
        "contact": _items("Астанадағы көрмеде таныстық. | Таңертең хабарласқанды жөн көреді. | "
                          "Домбыра тартады."),
        "product": _items("қосалқы бөлшектер | жабдық | бағдарламалық лицензия | тыңайтқыш"),
    },
)

_EN_GIVEN_M = _words("James Oliver William Jack Harry George Thomas Michael David Daniel "
                     "Robert Christopher Matthew Samuel")
_EN_GIVEN_F = _words("Emily Olivia Charlotte Amelia Sophie Emma Jessica Hannah Sarah Grace Lucy "
                     "Chloe Elizabeth Megan")
_EN_FAMILY = _words("Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson "
                    "Roberts Walker Wright Robinson Thompson Hughes Clarke O'Brien Murphy "
                    "Anderson Miller Baker Mitchell Cooper")
_EN_TITLES = _items("Managing Director | Head of Procurement | Sales Manager | Finance Director | "
                    "Operations Manager | Founder | Office Manager | Buyer")
_EN_TEXTS = {
    "call": _items("Call about the quote | Delivery check-in | Follow-up call"),
    "mail": _items("Sent the price list | Order confirmation | Invoice question"),
    "meet": _items("Meeting at their office | Product demo | Quarterly review"),
    "note": _items("Note from the trade fair | Internal note"),
    "buy": _items("Spare parts order | Licence purchase | Subscription renewal"),
    "notes": _items("Asked for a new quote by Friday. | Wants samples for the spring range. | "
                    "Happy with the last delivery. | Call back after the holidays. | "
                    "Interested in larger volumes."),
    "task": _items("Send the proposal | Reminder call | Check the payment | Prepare the contract"),
    "contact": _items("Met at the trade fair. | Prefers e-mail to calls. | Keen cyclist."),
    "product": _items("spare parts | software licence | consulting days | office furniture"),
}

ENGLISH_GB = Locale(
    "en", "GB", "United Kingdom", "Europe/London", "GBP", "44", "0", False,
    _EN_GIVEN_M, _EN_GIVEN_F, _EN_FAMILY, (), (),
    _words("London Manchester Birmingham Leeds Bristol Edinburgh Glasgow Cardiff"),
    _items("High Street | Station Road | Church Lane | Victoria Road | Park Avenue"),
    "A## #AA",
    "{root} {kind} {form}",
    _items("Hartley | Brightwater | Thames | Pennine | Kingsbridge | Ashford | Northgate | "
           "Cotswold | Albion"),
    _items("Analytics:IT | Logistics:logistics | Builders:construction | Foods:food | "
           "Trading:wholesale | Consulting:consulting | Hotels:hospitality | Furniture:furniture"),
    _items("Ltd | Ltd | plc | LLP"),
    "co.uk", _words("gmail.com outlook.com btinternet.com yahoo.co.uk"),
    (P(("77", "78", "79"), 10, (4, 6), "mobile"), P(("20",), 10, (2, 4, 4), "work")),
    _EN_TITLES, _EN_TEXTS,
)

ENGLISH_US = Locale(
    "en", "US", "United States", "America/New_York", "USD", "1", "", False,
    _EN_GIVEN_M, _EN_GIVEN_F, _EN_FAMILY, (), (),
    _words("Boston Chicago Austin Seattle Denver Atlanta Philadelphia Portland"),
    _items("Main Street | Oak Avenue | Maple Drive | Washington Street | Elm Street"),
    "#####",
    "{root} {kind} {form}",
    _items("Lakeside | Summit | Pioneer | Evergreen | Liberty | Riverside | Granite | Keystone | "
           "Hudson"),
    _items("Analytics:IT | Logistics:logistics | Builders:construction | Foods:food | "
           "Supply:wholesale | Consulting:consulting | Hospitality:hospitality | Labs:pharma"),
    _items("Inc. | LLC | Corp."),
    "com", _words("gmail.com outlook.com yahoo.com icloud.com"),
    (P(("212", "312", "415", "617", "512", "206", "303", "404"), 10, (3, 3, 4), "mobile"),),
    _EN_TITLES, _EN_TEXTS,
)

#: (locale, weight): how often a contact comes from each country.
LOCALES: tuple[tuple[Locale, int], ...] = (
    (GREEK, 18), (HUNGARIAN, 18), (PORTUGUESE, 17), (ROMANIAN, 17), (KAZAKH, 12),
    (ENGLISH_GB, 10), (ENGLISH_US, 8),
)

#: Greek and Cyrillic letters (already folded: lowercase, no accents) to ASCII, for e-mails.
TRANSLIT = {
    **dict(zip("αβγδεζηθικλμνξοπρστυφχψω",
               _words("a v g d e z i th i k l m n x o p r s t y f ch ps o"), strict=True)),
    **dict(zip("абвгдежзийклмнопрстуфхцчшщъыьэюя",
               _words("a b v g d e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"),
               strict=True)),
    **dict(zip("әғқңөұүһі", _words("a g q n o u u h i"), strict=True)),
}
TRANSLIT_PAIRS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("γγ", "ng"), ("μπ", "b"))

TAGS = _words(
    "vip newsletter wholesale partner supplier reseller distributor press investor "
    "key-account b2b b2c retail export import christmas-card beta-tester speaker sponsor "
    "board decision-maker trade-fair-2026 webinar renewal churn-risk referral-giver "
    "törzsvásárló συνεργάτης parceiro cliente-fidel"
)
#: (name, channel, cost in major units or 0, currency, days before today it started, days long)
LEAD_SOURCES = (
    ("web form", "web", 0, "EUR", 0, 0),
    ("referral", "word of mouth", 0, "EUR", 0, 0),
    ("trade fair 2026", "event", 18_500, "EUR", 40, 4),
    ("Google Ads", "paid search", 12_000, "EUR", 180, 150),
    ("cold call", "phone", 0, "EUR", 0, 0),
    ("LinkedIn campaign", "social", 6_500, "EUR", 120, 60),
    ("newsletter sign-up", "e-mail", 0, "EUR", 0, 0),
    ("partner referral", "partner", 0, "EUR", 0, 0),
    ("HUNGEXPO 2025", "event", 2_400_000, "HUF", 400, 3),
    ("Facebook Ads", "social", 3_000, "EUR", 90, 90),
    ("webinar", "web", 800, "EUR", 60, 1),
    ("walk-in", "shop", 0, "EUR", 0, 0),
)
CONSENT_PURPOSES = (
    ("newsletter", "web form", "I would like to receive the monthly newsletter."),
    ("marketing calls", "phone", "Agreed on the phone to be called about offers."),
    ("data processing", "paper", "Signed the data processing form."),
)
DATE_LABELS = ("Anniversary", "First purchase", "Name day", "Company founded")
CHANNELS = ("email", "phone", "sms", "messenger", "in_person")
INTERESTS = _items("sailing | wine | football | photography | hiking | chess | cooking | jazz")
CLOSE_REASONS_WON = _items("best price | fast delivery | long relationship")
CLOSE_REASONS_LOST = _items("price too high | chose a competitor | budget cut | no decision")
