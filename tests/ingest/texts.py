"""Short Polish (and one English) news texts written for these tests; facts real, sentences our own."""
from __future__ import annotations

#: Every Polish letter with a diacritic, upper and lower case; only ASCII punctuation, so it encodes in
#: UTF-8, cp1250 and ISO-8859-2 alike. "Babiš" adds a Czech letter that is 0xB9 in ISO-8859-2 (= 'ą' in cp1250).
PL_PARAGRAPH = (
    "Prezydent Czech Petr Pavel powierzył w grudniu misję tworzenia rządu Andrejowi Babišowi. "
    "Źródła w Brukseli oceniają, że nowy gabinet w Pradze będzie ostrożniej wspierał Ukrainę w wojnie "
    "i chętniej współpracował z Węgrami, co zaskoczyło część środowisk w Polsce.\n"
    "Litwa, Łotwa i Estonia zapowiedziały wspólne ćwiczenia wojsk na wschodniej flance NATO. "
    "W październiku agencja BNS nadała pilną depeszę: \"LITWA ZAMYKA GRANICĘ Z BIAŁORUSIĄ\". "
    "Władze w Wilnie tłumaczyły, że z terytorium białoruskiego nadlatują balony z przemycanymi papierosami. "
    "Ćwiczenia ŚCIŚLE ZGRANE Z PAŃSTWAMI NORDYCKIMI potrwają do końca miesiąca, a ŹRÓDŁA wojskowe mówią o "
    "ŻOŁNIERZACH z dziewięciu państw. Ósmego dnia manewrów zaplanowano desant na wybrzeżu."
)

#: Typographic quotes and dashes (cp1250 0x84 0x94 0x96): in cp1250 but not in ISO-8859-2.
PL_CP1250_PUNCTUATION = (
    "Sekretarz generalny NATO Mark Rutte powiedział w Hadze, że sojusz jest „silniejszy niż kiedykolwiek” – "
    "a państwa członkowskie zobowiązały się przeznaczać na obronność pięć procent PKB. "
    "Hiszpania zastrzegła, że nie osiągnie tego poziomu – źródła w Madrycie mówią o „elastycznym” podejściu."
)

PL_SHORT = (
    "Przywódcy państw NATO zebrali się w Hadze na dwudniowym szczycie. "
    "Rozmowy dotyczyły przede wszystkim wydatków na obronność i wsparcia dla Ukrainy."
)

PL_SECOND = (
    "Parlament Europejski przyjął w środę rezolucję wzywającą do zaostrzenia sankcji wobec Rosji. "
    "Za dokumentem głosowała zdecydowana większość europosłów."
)

EN_PARAGRAPH = (
    "NATO leaders met in The Hague for a two-day summit and agreed to raise defence spending "
    "to five per cent of GDP within a decade, the alliance said in a statement."
)

POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

HTML_ARTICLE = """<!DOCTYPE html>
<html lang="pl-PL">
<head>
<meta charset="{charset}">
<title>Szczyt NATO w Hadze | Serwis Testowy</title>
<meta property="og:site_name" content="Serwis Testowy">
<meta property="og:title" content="Szczyt NATO w Hadze">
<meta property="article:published_time" content="2025-06-25T10:15:00+02:00">
<link rel="canonical" href="https://serwis.example/swiat/szczyt-nato-w-hadze">
</head>
<body>
<nav><a href="/">Strona główna</a> <a href="/swiat">Świat</a> <a href="/kontakt">Kontakt</a></nav>
<article>
<h1>Szczyt NATO w Hadze</h1>
<p>Przywódcy państw NATO zebrali się w środę w Hadze, gdzie uzgodnili zwiększenie wydatków na obronność
do pięciu procent PKB w ciągu dekady.</p>
<p>Sekretarz generalny sojuszu Mark Rutte podkreślił, że decyzja wzmacnia bezpieczeństwo całej wspólnoty
transatlantyckiej. Źródła dyplomatyczne wskazują, że najwięcej wątpliwości zgłaszała Hiszpania.</p>
</article>
<footer>Wszelkie prawa zastrzeżone. Regulamin serwisu.</footer>
</body>
</html>
"""
