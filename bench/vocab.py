"""Word material for the benchmark corpus: professional Dutch and English.

Fictional and non-graphic on purpose: methods, procedures, cooperation,
awareness and training. Lists are ordered roughly from common to rare; the
generator draws from them with a Zipf-like weight so term frequencies look
like a real knowledge base (a few very common words, a long tail).
"""

from __future__ import annotations

TOPICS_NL = [
    "slachtofferidentificatie", "digitaal forensisch onderzoek", "ketensamenwerking",
    "internationale samenwerking", "preventie", "bewustwording", "voorlichting",
    "opsporing", "vervolging", "weging van meldingen", "werkvoorraad", "beeldmateriaal",
    "hashdatabases", "metadata-analyse", "veiligstelling van gegevens", "rechtshulpverzoeken",
    "meldingen van providers", "triage van gegevensdragers", "daderidentificatie",
    "slachtofferondersteuning", "nazorg", "recidivebeperking", "reisbewegingen van daders",
    "kindersekstoerisme", "livestreaming", "online lokken", "seksuele afpersing",
    "notice-and-takedown", "bewaartermijnen", "werken onder dekmantel", "barrièremodel",
    "opleiding van rechercheurs", "welzijn van beeldbeoordelaars", "dataminimalisatie",
    "informatie-uitwisseling", "verwijzingen uit het buitenland", "ouderavonden",
    "lespakketten", "jeugdhulpverlening", "regionale zedenteams", "landelijke coördinatie",
    "financieel rechercheren", "betalingsverkeer", "cryptovaluta", "sporenonderzoek",
    "bewijsvoering", "verhoortechnieken", "kindvriendelijk horen", "zorgcoördinatie",
    "signalering op scholen", "meldcode", "risicotaxatie", "toezicht op veroordeelden",
    "reisverboden", "paspoortmaatregelen", "liaison officers", "gezamenlijke onderzoeksteams",
    "evaluatieonderzoek", "kennisdeling", "kwaliteitsborging", "privacytoets",
    "gegevensbescherming", "archivering", "werkprocessen", "capaciteitsplanning",
]
TOPICS_EN = [
    "victim identification", "digital forensics", "chain cooperation",
    "international cooperation", "prevention", "awareness", "public information",
    "investigation", "prosecution", "referral triage", "case backlog", "imagery review",
    "hash databases", "metadata analysis", "data preservation", "mutual legal assistance",
    "provider referrals", "device triage", "offender identification", "victim support",
    "aftercare", "reoffending reduction", "travel patterns of offenders",
    "child sex tourism", "live streaming", "online grooming", "sexual extortion",
    "notice and takedown", "retention periods", "online undercover work", "barrier model",
    "investigator training", "reviewer wellbeing", "data minimisation",
    "information exchange", "foreign referrals", "parent evenings", "school programmes",
    "youth care", "regional teams", "national coordination", "financial investigation",
    "payment flows", "cryptocurrency tracing", "trace analysis", "evidence handling",
    "interview techniques", "child-friendly interviewing", "care coordination",
    "school-based detection", "reporting protocol", "risk assessment",
    "supervision of convicted offenders", "travel bans", "passport measures",
    "liaison officers", "joint investigation teams", "evaluation research",
    "knowledge sharing", "quality assurance", "privacy impact assessment",
    "data protection", "record keeping", "work processes", "capacity planning",
]
ACTORS_NL = [
    "de recherche", "het openbaar ministerie", "de officier van justitie", "het meldpunt",
    "de provider", "de jeugdzorg", "de school", "de gemeente", "het zedenteam",
    "de digitale recherche", "de liaison officer", "de ketenpartners", "het expertisecentrum",
    "de hulpverlening", "de reclassering", "de marechaussee", "het ministerie",
    "de projectgroep", "de stuurgroep", "de beeldbeoordelaars", "de trainers",
]
ACTORS_EN = [
    "the investigation team", "the prosecution service", "the public prosecutor",
    "the hotline", "the provider", "youth care", "the school", "the municipality",
    "the regional unit", "the digital investigators", "the liaison officer",
    "the chain partners", "the expertise centre", "victim services", "the probation service",
    "border police", "the ministry", "the project group", "the steering group",
    "the image reviewers", "the trainers",
]
VERBS_NL = [
    "ontwikkelde", "evalueerde", "verbeterde", "testte", "beschreef", "verankerde",
    "vereenvoudigde", "versnelde", "bundelde", "coördineerde", "ondersteunde", "toetste",
]
VERBS_EN = [
    "developed", "evaluated", "improved", "tested", "described", "embedded", "simplified",
    "accelerated", "combined", "coordinated", "supported", "reviewed",
]
GOALS_NL = [
    "slachtoffers sneller te identificeren", "meldingen eerder te wegen",
    "de werkvoorraad te verkleinen", "gegevens tijdig veilig te stellen",
    "partners beter te informeren", "ouders en leerlingen bewust te maken",
    "daders bij vertrek naar het buitenland te signaleren", "dubbel werk te voorkomen",
    "de kwaliteit van dossiers te verhogen", "kennis breder te delen",
    "beeldbeoordelaars te ontlasten", "verzoeken aan providers te standaardiseren",
]
GOALS_EN = [
    "identify victims sooner", "prioritise referrals earlier", "reduce the case backlog",
    "preserve data in time", "keep partners better informed",
    "raise awareness among parents and pupils", "flag offenders travelling abroad",
    "avoid duplicate work", "raise the quality of case files", "share knowledge more widely",
    "relieve image reviewers", "standardise requests to providers",
]
RESULTS_NL = [
    "De doorlooptijd daalde merkbaar.", "Meer zaken konden binnen de termijn worden afgerond.",
    "Partners gaven aan de werkwijze te willen voortzetten.",
    "De evaluatie liet een duidelijke verbetering zien.",
    "Het aantal herhaalde verzoeken nam af.", "De aanpak is overgenomen door andere eenheden.",
    "Er zijn afspraken vastgelegd in een convenant.",
    "De training wordt nu jaarlijks gegeven.",
]
RESULTS_EN = [
    "Lead times dropped noticeably.", "More cases were closed within the deadline.",
    "Partners asked to continue the approach.", "The evaluation showed a clear improvement.",
    "Repeat requests became less frequent.", "Other units have adopted the approach.",
    "Agreements were laid down in a covenant.", "The training now runs every year.",
]
PHRASES_NL = [
    "digitale sporen", "vaste contactpersoon", "beveiligd portaal", "landelijke werkwijze",
    "internationale meldingen", "onbekende slachtoffers", "actueel misbruik",
    "gezamenlijke intake", "korte lijnen", "heldere afspraken",
]
PHRASES_EN = [
    "digital traces", "single point of contact", "secure portal", "national procedure",
    "international referrals", "unidentified victims", "ongoing abuse", "joint intake",
    "short lines", "clear agreements",
]
TAGS = [
    "triage", "hashdatabase", "provider", "meldpunt", "training", "voorlichting", "jeugd",
    "ouders", "scholen", "rechtshulp", "europol", "interpol", "livestream", "sextortion",
    "grooming", "weging", "werkvoorraad", "bewaartermijn", "veiligstelling", "vordering",
    "metadata", "camera", "forensisch", "evaluatie", "pilot", "protocol", "convenant",
    "privacy", "welzijn", "nazorg", "reisverbod", "paspoort", "liaison", "jit", "om",
    "zedenteam", "cryptovaluta", "betalingen", "dekmantel", "barrièremodel", "onderwijs",
    "ketensamenwerking", "richtlijn", "handreiking", "checklist", "e-learning", "casus",
    "kwaliteit", "capaciteit", "registratie",
]
REGIONS = [
    "Landelijk", "Noord", "Oost", "Zuid", "West", "Midden", "Randstad", "Grensregio",
    "Caribisch gebied", "Zuidoost-Azië", "Europa",
]
AREAS = [
    "forensisch onderzoek gegevensdragers", "triage beeldmateriaal", "hashdatabases",
    "metadata-analyse", "slachtofferidentificatie", "internationale rechtshulp",
    "financieel rechercheren", "verhoren van kinderen", "preventie en voorlichting",
    "online undercover", "provider-samenwerking", "reisbewegingen", "risicotaxatie",
    "nazorg slachtoffers", "opleiding", "beleidsadvies", "wetgeving", "data-analyse",
    "victim identification", "digital forensics", "school programmes", "mutual legal assistance",
]
ROLES_NL = [
    "Digitaal rechercheur", "Zedenrechercheur", "Officier van justitie", "Beleidsadviseur",
    "Analist", "Trainer", "Projectleider", "Liaison officer", "Onderzoeker", "Teamleider",
]
FIRST_NAMES = [
    "Anouk", "Bas", "Carlijn", "Daan", "Eva", "Floor", "Gijs", "Hanna", "Ivo", "Jet", "Koen",
    "Lotte", "Maarten", "Nina", "Olaf", "Pien", "Quinten", "Roos", "Sem", "Tess", "Ugo",
    "Vera", "Wout", "Xandra", "Yara", "Zeno",
]
NAME_PARTS_A = [
    "Linde", "Koren", "Haver", "Brouw", "Zuid", "Oost", "Wilde", "Veld", "Berk", "Hazel",
    "Esch", "Dorre", "Mole", "Riet", "Steen", "Wolde", "Kamp", "Horst", "Ter", "Ven",
]
NAME_PARTS_B = [
    "hoek", "blom", "kamp", "ershof", "beek", "boer", "veld", "stra", "huis", "dijk", "wijk",
    "laar", "meer", "hout", "brink", "mans", "sma", "inga", "ink", "rade",
]
ORG_TYPES = {
    "police": ("Regionale Eenheid", "Landelijke Eenheid", "Team Digitale Opsporing"),
    "prosecution": ("Parket", "Landelijk Parket", "Arrondissementsparket"),
    "ministry": ("Ministerie van Rechtshandhaving", "Directie Jeugdbescherming"),
    "ngo": ("Stichting", "Vereniging", "Platform"),
    "provider": ("Provider", "Hostingbedrijf", "Platformdienst"),
    "international": ("European Liaison Office", "International Desk", "Regional Bureau"),
    "academic": ("Hogeschool", "Universiteit", "Lectoraat"),
    "other": ("Kenniscentrum", "Adviesbureau"),
}
COUNTRIES = ["NL", "NL", "NL", "NL", "BE", "DE", "GB", "FR", "PH", "TH", "KH", "US"]
# Syllables for fictional project, place and case names: they give the lexicon a
# realistic long tail of rare words (what prefix and fuzzy queries must scan).
SYLLABLES = [
    "ka", "lo", "mi", "ver", "an", "del", "to", "rin", "sa", "bo", "len", "dra", "quo", "ne",
    "vis", "tor", "al", "mo", "ze", "pha", "ur", "gil", "ben", "co", "fa", "ri", "nu", "stel",
    "hav", "em", "ox", "ly", "pre", "dun", "wes", "ta", "kor", "ia", "mar", "sil",
]
