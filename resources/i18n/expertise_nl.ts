<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AdmitForm</name>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Kiezen…</translation>
    </message>
    <message>
        <source>&amp;Clearance:</source>
        <translation>&amp;Machtiging:</translation>
    </message>
    <message>
        <source>Admit a request</source>
        <translation>Een verzoek toelaten</translation>
    </message>
    <message>
        <source>Open a request</source>
        <translation>Een verzoek openen</translation>
    </message>
    <message>
        <source>Request &amp;file:</source>
        <translation>Verzoek&amp;bestand:</translation>
    </message>
    <message>
        <source>The member can read entries up to and including this classification.</source>
        <translation>Het lid kan items lezen tot en met deze rubricering.</translation>
    </message>
</context>
<context>
    <name>BarrierView</name>
    <message>
        <source>Barrier model</source>
        <translation>Barrièremodel</translation>
    </message>
    <message>
        <source>Each cell: measures (advice notes, innovation projects, best practices) / open bottlenecks with that theme and phase. Click a cell to list them.</source>
        <translation>Elke cel: maatregelen (adviezen, innovatieprojecten, best practices) / open knelpunten met dat thema en die fase. Klik op een cel om ze te tonen.</translation>
    </message>
    <message>
        <source>Count up to &amp;level:</source>
        <translation>Tel tot &amp;niveau:</translation>
    </message>
    <message>
        <source>Barrier model: themes by phase</source>
        <translation>Barrièremodel: thema&apos;s per fase</translation>
    </message>
    <message>
        <source>Choose a cell to see its entries.</source>
        <translation>Kies een cel om de items te zien.</translation>
    </message>
    <message>
        <source>Entries of the chosen cell</source>
        <translation>Items van de gekozen cel</translation>
    </message>
    <message>
        <source>nothing counted</source>
        <translation>niets geteld</translation>
    </message>
    <message>
        <source>{theme} × {phase}</source>
        <translation>{theme} × {phase}</translation>
    </message>
    <message>
        <source>No measures or open bottlenecks here.</source>
        <translation>Hier zijn geen maatregelen of open knelpunten.</translation>
    </message>
</context>
<context>
    <name>ClassificationBanner</name>
    <message>
        <source>Classification</source>
        <translation>Rubricering</translation>
    </message>
    <message>
        <source>Classification: {level}</source>
        <translation>Rubricering: {level}</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>Reload (discard my changes)</source>
        <translation>Opnieuw laden (mijn wijzigingen weggooien)</translation>
    </message>
    <message>
        <source>Keep mine (replace theirs)</source>
        <translation>Mijn versie houden (de andere vervangen)</translation>
    </message>
    <message>
        <source>This entry was changed elsewhere (now revision {revision}) while you edited it. Autosave is paused; your text is still here.</source>
        <translation>Dit item is elders gewijzigd (nu versie {revision}) terwijl u het bewerkte. Automatisch opslaan is gepauzeerd; uw tekst staat er nog.</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Sync conflicts</source>
        <translation>Synchronisatieconflicten</translation>
    </message>
    <message>
        <source>These entries were changed on this laptop and by a teammate.</source>
        <translation>Deze items zijn op deze laptop én door een teamgenoot gewijzigd.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Deze laptop</translation>
    </message>
    <message>
        <source>Teammate&apos;s version</source>
        <translation>Versie van de teamgenoot</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>&amp;Mijn versie houden</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>&amp;Hun versie nemen</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>&amp;Beide houden</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(verwijderd)</translation>
    </message>
</context>
<context>
    <name>CoursePackMenu</name>
    <message>
        <source>Add to course pack…</source>
        <translation>Aan lespakket toevoegen…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>No course packs yet</source>
        <translation>Nog geen lespakketten</translation>
    </message>
    <message>
        <source>Add to course pack</source>
        <translation>Aan lespakket toevoegen</translation>
    </message>
</context>
<context>
    <name>CoursePackView</name>
    <message>
        <source>Course packs</source>
        <translation>Lespakketten</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Om&amp;hoog</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Omlaa&amp;g</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Trainer note</source>
        <translation>Trainersnotitie</translation>
    </message>
    <message>
        <source>Trainer note for the selected entry (optional)</source>
        <translation>Trainersnotitie bij het gekozen item (optioneel)</translation>
    </message>
    <message>
        <source>&amp;Save note</source>
        <translation>Notitie &amp;opslaan</translation>
    </message>
    <message>
        <source>Preview of the whole course pack</source>
        <translation>Voorbeeld van het hele lespakket</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>{count} entries · up to {level}</source>
        <translation>{count} items · tot en met {level}</translation>
    </message>
    <message>
        <source>No course pack yet: press New… to make one.</source>
        <translation>Nog geen lespakket: kies Nieuw… om er een te maken.</translation>
    </message>
    <message>
        <source>Classification ceiling: {level}</source>
        <translation>Rubriceringsplafond: {level}</translation>
    </message>
    <message>
        <source>Audience: {audience}</source>
        <translation>Doelgroep: {audience}</translation>
    </message>
    <message>
        <source>{count} entries are above the ceiling and will be left out.</source>
        <translation>{count} items liggen boven het plafond en worden weggelaten.</translation>
    </message>
    <message>
        <source>Delete course pack</source>
        <translation>Lespakket verwijderen</translation>
    </message>
    <message>
        <source>Delete the course pack “{title}”? The entries themselves stay.</source>
        <translation>Lespakket “{title}” verwijderen? De items zelf blijven bestaan.</translation>
    </message>
</context>
<context>
    <name>CoursePacks</name>
    <message>
        <source>“{title}” is {level}, above the ceiling of the course pack{pack} ({ceiling}). Nothing was added.</source>
        <translation>“{title}” is {level}, boven het plafond van het lespakket{pack} ({ceiling}). Er is niets toegevoegd.</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>De bewerking is mislukt.</translation>
    </message>
</context>
<context>
    <name>CreateForm</name>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Uw naam:</translation>
    </message>
    <message>
        <source>Create a team on a server</source>
        <translation>Een team op een server aanmaken</translation>
    </message>
    <message>
        <source>Database &amp;password:</source>
        <translation>Database&amp;wachtwoord:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>Team &amp;name:</source>
        <translation>Team&amp;naam:</translation>
    </message>
    <message>
        <source>The database must be empty; its role becomes the team admin. The password is kept only in a secure OS keyring, and only if you tick the box.</source>
        <translation>De database moet leeg zijn; de rol ervan wordt de beheerder van het team. Het wachtwoord wordt alleen bewaard in een veilige sleutelhanger van het systeem, en alleen als u het vakje aanvinkt.</translation>
    </message>
</context>
<context>
    <name>CreateHub</name>
    <message>
        <source>Choose a folder for the new hub.</source>
        <translation>Kies een map voor de nieuwe hub.</translation>
    </message>
    <message>
        <source>Choose a new or empty folder; this one already holds files.</source>
        <translation>Kies een nieuwe of lege map; deze map bevat al bestanden.</translation>
    </message>
</context>
<context>
    <name>CreateHubDialog</name>
    <message>
        <source>Create a new hub</source>
        <translation>Nieuwe hub maken</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Create a &amp;recovery key (shown once, to print or save)</source>
        <translation>Een &amp;herstelsleutel maken (eenmalig getoond, om af te drukken of op te slaan)</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>&amp;Maken</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Herhaal de wachtwoordzin</translation>
    </message>
    <message>
        <source>New hub folder</source>
        <translation>Map voor nieuwe hub</translation>
    </message>
    <message>
        <source>New hub &amp;folder:</source>
        <translation>&amp;Map voor nieuwe hub:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Wachtwoordzin:</translation>
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation>&amp;Herhalen:</translation>
    </message>
    <message>
        <source>Choose a folder for the new hub</source>
        <translation>Kies een map voor de nieuwe hub</translation>
    </message>
    <message>
        <source>Creating the hub…</source>
        <translation>Hub wordt gemaakt…</translation>
    </message>
</context>
<context>
    <name>DeletedTable</name>
    <message>
        <source>Entry deleted here</source>
        <translation>Hier verwijderd item</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Keuze</translation>
    </message>
    <message>
        <source>Entries deleted here</source>
        <translation>Hier verwijderde items</translation>
    </message>
    <message>
        <source>Leave deleted</source>
        <translation>Verwijderd laten</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Terugzetten</translation>
    </message>
</context>
<context>
    <name>DowngradeTable</name>
    <message>
        <source>Entry</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>In pack</source>
        <translation>In pakket</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Rubricering</translation>
    </message>
    <message>
        <source>Lower classifications</source>
        <translation>Lagere rubriceringen</translation>
    </message>
    <message>
        <source>Keep the classification here</source>
        <translation>Rubricering hier behouden</translation>
    </message>
    <message>
        <source>Accept the lower classification</source>
        <translation>Lagere rubricering accepteren</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
    <message>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Undo the last text change (Ctrl+Z)</source>
        <translation>Laatste tekstwijziging ongedaan maken (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Opnieuw</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Opnieuw (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>Show or hide the preview</source>
        <translation>Voorbeeld tonen of verbergen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Save now (Ctrl+S); changes are also saved automatically</source>
        <translation>Nu opslaan (Ctrl+S); wijzigingen worden ook automatisch opgeslagen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>Text (Markdown)</source>
        <translation>Tekst (Markdown)</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Openen…</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Nog niet opgeslagen</translation>
    </message>
    <message>
        <source>Not saved yet: your text was kept</source>
        <translation>Nog niet opgeslagen: uw tekst is bewaard</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Opgeslagen</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>A title is needed before the entry can be saved</source>
        <translation>Het item heeft een titel nodig voordat het kan worden opgeslagen</translation>
    </message>
    <message>
        <source>Please enter a title.</source>
        <translation>Voer een titel in.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Saved at {time}</source>
        <translation>Opgeslagen om {time}</translation>
    </message>
    <message>
        <source>Not saved: changed elsewhere</source>
        <translation>Niet opgeslagen: elders gewijzigd</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Niet opgeslagen</translation>
    </message>
    <message>
        <source>Your text is kept in the editor: press Save again once this is solved.</source>
        <translation>Uw tekst blijft in de editor staan: klik opnieuw op Opslaan zodra dit is opgelost.</translation>
    </message>
    <message>
        <source>Your last changes to the previous entry were not saved.
{reason}</source>
        <translation>Uw laatste wijzigingen aan het vorige item zijn niet opgeslagen.
{reason}</translation>
    </message>
    <message>
        <source>&amp;Reopen the changes</source>
        <translation>Wijzigingen &amp;terughalen</translation>
    </message>
    <message>
        <source>&amp;Discard them</source>
        <translation>&amp;Weggooien</translation>
    </message>
    <message>
        <source>Not saved: the entry was changed elsewhere.</source>
        <translation>Niet opgeslagen: het item is elders gewijzigd.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Niet opgeslagen: {reason}</translation>
    </message>
    <message>
        <source>Not saved: an unexpected error occurred.</source>
        <translation>Niet opgeslagen: er trad een onverwachte fout op.</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Wijzigingen weggooien?</translation>
    </message>
    <message>
        <source>These changes have not been saved. Close and discard them?</source>
        <translation>Deze wijzigingen zijn niet opgeslagen. Sluiten en ze weggooien?</translation>
    </message>
</context>
<context>
    <name>EntryList</name>
    <message>
        <source>Filter titles…</source>
        <translation>Titels filteren…</translation>
    </message>
    <message>
        <source>Filter the list by title</source>
        <translation>Lijst filteren op titel</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Items</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Rubricering</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Bijgewerkt</translation>
    </message>
    <message>
        <source>{status} · review due</source>
        <translation>{status} · herziening nodig</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bewerken</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Geschiedenis…</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>Kopie &amp;opslaan…</translation>
    </message>
    <message>
        <source>Select an entry to read it.</source>
        <translation>Kies een item om het te lezen.</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>Tekst van het item</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>Gegevens van het item</translation>
    </message>
    <message>
        <source>Entries that link here</source>
        <translation>Items die hiernaar verwijzen</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Bijlagen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Linked from</source>
        <translation>Verwezen vanuit</translation>
    </message>
    <message>
        <source>Linked from ({n})</source>
        <translation>Verwezen vanuit ({n})</translation>
    </message>
    <message>
        <source>Attachments ({n})</source>
        <translation>Bijlagen ({n})</translation>
    </message>
    <message>
        <source>This entry could not be opened.</source>
        <translation>Dit item kon niet worden geopend.</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>versie {n}</translation>
    </message>
    <message>
        <source>updated {date}</source>
        <translation>bijgewerkt {date}</translation>
    </message>
    <message>
        <source>review overdue</source>
        <translation>herziening te laat</translation>
    </message>
    <message>
        <source>deleted entry</source>
        <translation>verwijderd item</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nee</translation>
    </message>
    <message>
        <source>{kb} KB</source>
        <translation>{kb} kB</translation>
    </message>
    <message>
        <source>Links of type &apos;{scheme}&apos; are not opened.</source>
        <translation>Links van het type &apos;{scheme}&apos; worden niet geopend.</translation>
    </message>
    <message>
        <source>Save a copy of the attachment</source>
        <translation>Kopie van de bijlage opslaan</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Kopie opslaan</translation>
    </message>
    <message>
        <source>The copy could not be saved.</source>
        <translation>De kopie kon niet worden opgeslagen.</translation>
    </message>
    <message>
        <source>Saved a copy to {path}</source>
        <translation>Kopie opgeslagen in {path}</translation>
    </message>
</context>
<context>
    <name>ExpertFinder</name>
    <message>
        <source>Find an expert</source>
        <translation>Expert zoeken</translation>
    </message>
    <message>
        <source>Topic, e.g. grooming, live streaming, victim identification</source>
        <translation>Onderwerp, bijv. grooming, livestreaming, slachtofferidentificatie</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Experts found</source>
        <translation>Gevonden experts</translation>
    </message>
    <message>
        <source>Areas:</source>
        <translation>Gebieden:</translation>
    </message>
    <message>
        <source>Wrote or led:</source>
        <translation>Schreef of leidde:</translation>
    </message>
    <message>
        <source>Experts are ranked by their areas of expertise and by the entries they wrote, own or lead.</source>
        <translation>Experts worden gerangschikt op hun expertisegebieden en op de items die zij schreven, beheren of leiden.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>{count} experts found</source>
        <translation>{count} experts gevonden</translation>
    </message>
    <message>
        <source>No expert found for this topic.</source>
        <translation>Geen expert gevonden voor dit onderwerp.</translation>
    </message>
    <message>
        <source>{rank}. {name}, {share}% match. {reasons}</source>
        <translation>{rank}. {name}, {share}% overeenkomst. {reasons}</translation>
    </message>
    <message>
        <source>The search failed. {reason}</source>
        <translation>Het zoeken is mislukt. {reason}</translation>
    </message>
</context>
<context>
    <name>ExportBar</name>
    <message>
        <source>Include trainer &amp;notes</source>
        <translation>&amp;Trainersnotities meenemen</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>&amp;PDF exporteren…</translation>
    </message>
    <message>
        <source>Export &amp;HTML…</source>
        <translation>&amp;HTML exporteren…</translation>
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation>&amp;Markdown exporteren…</translation>
    </message>
    <message>
        <source>Export course pack</source>
        <translation>Lespakket exporteren</translation>
    </message>
    <message>
        <source>Export course pack to folder</source>
        <translation>Lespakket exporteren naar map</translation>
    </message>
    <message>
        <source>Exporting course pack…</source>
        <translation>Lespakket exporteren…</translation>
    </message>
    <message>
        <source>Export stopped: possible personal data.</source>
        <translation>Export gestopt: mogelijk persoonsgegevens.</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export geannuleerd; er is niets geschreven.</translation>
    </message>
    <message>
        <source>Exported {count} entries to {path}.</source>
        <translation>{count} items geëxporteerd naar {path}.</translation>
    </message>
    <message>
        <source>{count} above the ceiling were left out.</source>
        <translation>{count} boven het plafond zijn weggelaten.</translation>
    </message>
</context>
<context>
    <name>ExportPackDialog</name>
    <message>
        <source>Export knowledge pack</source>
        <translation>Kennispakket exporteren</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Pakketbestand</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Classification ceiling</source>
        <translation>Rubriceringsplafond</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Saved search</source>
        <translation>Opgeslagen zoekopdracht</translation>
    </message>
    <message>
        <source>Course pack</source>
        <translation>Lespakket</translation>
    </message>
    <message>
        <source>Include experts (personal data)</source>
        <translation>Experts meenemen (persoonsgegevens)</translation>
    </message>
    <message>
        <source>Publisher name</source>
        <translation>Naam uitgever</translation>
    </message>
    <message>
        <source>Publisher fingerprint</source>
        <translation>Vingerafdruk uitgever</translation>
    </message>
    <message>
        <source>Pack passphrase</source>
        <translation>Wachtwoordzin pakket</translation>
    </message>
    <message>
        <source>Repeat pack passphrase</source>
        <translation>Wachtwoordzin pakket herhalen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Ceiling</source>
        <translation>&amp;Plafond</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Soort</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>T&amp;hema</translation>
    </message>
    <message>
        <source>T&amp;ag</source>
        <translation>T&amp;ag</translation>
    </message>
    <message>
        <source>&amp;Saved search</source>
        <translation>&amp;Opgeslagen zoekopdracht</translation>
    </message>
    <message>
        <source>C&amp;ourse pack</source>
        <translation>&amp;Lespakket</translation>
    </message>
    <message>
        <source>&amp;Publisher</source>
        <translation>&amp;Uitgever</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Vingerafdruk</translation>
    </message>
    <message>
        <source>Pack &amp;passphrase</source>
        <translation>&amp;Wachtwoordzin pakket</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>&amp;Herhalen</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>Save knowledge pack</source>
        <translation>Kennispakket opslaan</translation>
    </message>
    <message>
        <source>Knowledge packs (*.ekp)</source>
        <translation>Kennispakketten (*.ekp)</translation>
    </message>
    <message>
        <source>Choose where to save the pack.</source>
        <translation>Kies waar het pakket wordt opgeslagen.</translation>
    </message>
    <message>
        <source>The pack passphrase needs at least 8 characters.</source>
        <translation>De wachtwoordzin van het pakket moet minstens 8 tekens hebben.</translation>
    </message>
    <message>
        <source>The two pack passphrases differ.</source>
        <translation>De twee wachtwoordzinnen van het pakket verschillen.</translation>
    </message>
    <message>
        <source>Experts are personal data: tick “Include experts” to export them.</source>
        <translation>Experts zijn persoonsgegevens: vink “Experts meenemen” aan om ze te exporteren.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Exporting knowledge pack…</source>
        <translation>Kennispakket exporteren…</translation>
    </message>
    <message>
        <source>Pack written: {n} entries, {a} attachments.</source>
        <translation>Pakket geschreven: {n} items, {a} bijlagen.</translation>
    </message>
    <message>
        <source>Export stopped: possible personal data.</source>
        <translation>Export gestopt: mogelijk persoonsgegevens.</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>De export is mislukt.</translation>
    </message>
</context>
<context>
    <name>FacetTree</name>
    <message>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Rubricering</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thema&apos;s</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Revision history</source>
        <translation>Versiegeschiedenis</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Versies</translation>
    </message>
    <message>
        <source>Changes compared with the current version</source>
        <translation>Wijzigingen ten opzichte van de huidige versie</translation>
    </message>
    <message>
        <source>&amp;Restore this revision</source>
        <translation>Deze versie &amp;terugzetten</translation>
    </message>
    <message>
        <source>Revision {n} — {when} — {who}</source>
        <translation>Versie {n} — {when} — {who}</translation>
    </message>
    <message>
        <source>This entry has no earlier revisions.</source>
        <translation>Dit item heeft geen eerdere versies.</translation>
    </message>
    <message>
        <source>This is the current version.</source>
        <translation>Dit is de huidige versie.</translation>
    </message>
    <message>
        <source>Changes from revision {old} to the current revision {new}.</source>
        <translation>Wijzigingen van versie {old} naar de huidige versie {new}.</translation>
    </message>
    <message>
        <source>Restore revision</source>
        <translation>Versie terugzetten</translation>
    </message>
    <message>
        <source>Restore revision {n}? The current text is kept as a revision, so this can be undone.</source>
        <translation>Versie {n} terugzetten? De huidige tekst blijft bewaard als versie, dus dit kan ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>The revision could not be restored.</source>
        <translation>De versie kon niet worden teruggezet.</translation>
    </message>
</context>
<context>
    <name>HubWatch</name>
    <message>
        <source>The hub folder {folder} can no longer be reached (drive removed or network share gone), so the hub was locked. Everything saved is safe in the hub; unsaved text is kept in memory. Reconnect the drive: the hub can be unlocked again as soon as it is back.</source>
        <translation>De hubmap {folder} is niet meer bereikbaar (schijf verwijderd of netwerkmap weg), daarom is de hub vergrendeld. Alles wat is opgeslagen staat veilig in de hub; niet-opgeslagen tekst wordt in het geheugen bewaard. Sluit de schijf weer aan: de hub kan weer worden ontgrendeld zodra hij terug is.</translation>
    </message>
    <message>
        <source>The hub folder is back. Enter the passphrase to unlock it again.</source>
        <translation>De hubmap is terug. Voer de wachtwoordzin in om de hub weer te ontgrendelen.</translation>
    </message>
</context>
<context>
    <name>ImportPackDialog</name>
    <message>
        <source>Import knowledge pack</source>
        <translation>Kennispakket importeren</translation>
    </message>
    <message>
        <source>Pack file</source>
        <translation>Pakketbestand</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Publisher fingerprint</source>
        <translation>Vingerafdruk uitgever</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and trust it</source>
        <translation>Ik heb deze vingerafdruk met de uitgever vergeleken en vertrouw hem</translation>
    </message>
    <message>
        <source>Pack passphrase</source>
        <translation>Wachtwoordzin pakket</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicten</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>In pack</source>
        <translation>In pakket</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Keuze</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Controleren</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Vingerafdruk</translation>
    </message>
    <message>
        <source>Pack &amp;passphrase</source>
        <translation>&amp;Wachtwoordzin pakket</translation>
    </message>
    <message>
        <source>Open knowledge pack</source>
        <translation>Kennispakket openen</translation>
    </message>
    <message>
        <source>Knowledge packs (*.ekp)</source>
        <translation>Kennispakketten (*.ekp)</translation>
    </message>
    <message>
        <source>Created {created}, ceiling {ceiling}, {n} entries.</source>
        <translation>Gemaakt {created}, plafond {ceiling}, {n} items.</translation>
    </message>
    <message>
        <source> Includes experts (personal data).</source>
        <translation> Bevat experts (persoonsgegevens).</translation>
    </message>
    <message>
        <source>Warning: a trusted publisher of this name uses another key. This pack cannot be imported; ask the publisher whether its key changed.</source>
        <translation>Waarschuwing: een vertrouwde uitgever met deze naam gebruikt een andere sleutel. Dit pakket kan niet worden geïmporteerd; vraag de uitgever of de sleutel is gewijzigd.</translation>
    </message>
    <message>
        <source>Published by this hub.</source>
        <translation>Uitgegeven door deze hub.</translation>
    </message>
    <message>
        <source>A trusted publisher.</source>
        <translation>Een vertrouwde uitgever.</translation>
    </message>
    <message>
        <source>A new publisher. Compare the fingerprint with the publisher by phone or in person before you trust it.</source>
        <translation>Een nieuwe uitgever. Vergelijk de vingerafdruk telefonisch of persoonlijk met de uitgever voordat u deze vertrouwt.</translation>
    </message>
    <message>
        <source>Checking the pack…</source>
        <translation>Pakket controleren…</translation>
    </message>
    <message>
        <source>{add} new, {update} updated, {conflict} conflicts, {same} unchanged, {deleted} deleted here (skipped unless restored), {lower} with a lower classification (kept unless accepted).</source>
        <translation>{add} nieuw, {update} bijgewerkt, {conflict} conflicten, {same} ongewijzigd, {deleted} hier verwijderd (overgeslagen tenzij teruggezet), {lower} met een lagere rubricering (behouden tenzij geaccepteerd).</translation>
    </message>
    <message>
        <source>Imported: {new} new, {updated} updated, {both} kept both; {later} conflicts left for later; {refused} lower classifications refused; {skipped} entries deleted here skipped; {kept} attachments removed by the publisher kept here.</source>
        <translation>Geïmporteerd: {new} nieuw, {updated} bijgewerkt, {both} beide behouden; {later} conflicten voor later; {refused} lagere rubriceringen geweigerd; {skipped} hier verwijderde items overgeslagen; {kept} door de uitgever verwijderde bijlagen hier behouden.</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Later beslissen</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Mijn versie houden</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>De andere versie nemen</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide bewaren</translation>
    </message>
    <message>
        <source>Importing the pack…</source>
        <translation>Pakket importeren…</translation>
    </message>
    <message>
        <source>The pack could not be read.</source>
        <translation>Het pakket kon niet worden gelezen.</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>Import finished</source>
        <translation>Import voltooid</translation>
    </message>
    <message>
        <source>Values read by their label ({n}):</source>
        <translation>Waarden gelezen via hun label ({n}):</translation>
    </message>
    <message>
        <source>Drafts created for missing references ({n}):</source>
        <translation>Concepten gemaakt voor ontbrekende verwijzingen ({n}):</translation>
    </message>
    <message>
        <source>{kind} “{title}”, named by {field} in {source}</source>
        <translation>{kind} “{title}”, genoemd in {field} in {source}</translation>
    </message>
</context>
<context>
    <name>KeyChanges</name>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Wachtwoordzin wijzigen…</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>De wachtwoordzin is gewijzigd.</translation>
    </message>
    <message>
        <source>Re-keying the hub…</source>
        <translation>De hub krijgt een nieuwe sleutel…</translation>
    </message>
    <message>
        <source>The hub was re-keyed. The old passphrase, the old recovery key and old copies of vault.json open nothing.</source>
        <translation>De hub heeft een nieuwe sleutel. De oude wachtwoordzin, de oude herstelsleutel en oude kopieën van vault.json openen niets meer.</translation>
    </message>
    <message>
        <source>Your new recovery key</source>
        <translation>Uw nieuwe herstelsleutel</translation>
    </message>
    <message>
        <source>The re-key was cancelled; nothing was changed.</source>
        <translation>Het vervangen van de sleutel is geannuleerd; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Re-keying needs about {needed} MB free on the hub&apos;s disk; {free} MB are free. Make room and try again; nothing was changed.</source>
        <translation>Een nieuwe sleutel vraagt ongeveer {needed} MB vrije ruimte op de schijf van de hub; er is {free} MB vrij. Maak ruimte en probeer het opnieuw; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>That new passphrase cannot be used; nothing was changed.</source>
        <translation>Die nieuwe wachtwoordzin kan niet worden gebruikt; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>A file of the hub failed its integrity check, so nothing was changed. Run Check (expertise check) and restore the damaged part from a backup first.</source>
        <translation>Een bestand van de hub kwam niet door de integriteitscontrole, dus er is niets gewijzigd. Voer eerst Controleren uit (expertise check) en herstel het beschadigde deel uit een back-up.</translation>
    </message>
    <message>
        <source>The change did not finish. Lock the hub and open it again: it opens with the old or the new passphrase and has lost nothing.</source>
        <translation>De wijziging is niet afgerond. Vergrendel de hub en open hem opnieuw: hij opent met de oude of de nieuwe wachtwoordzin en er is niets verloren.</translation>
    </message>
    <message>
        <source>Passphrase and keys</source>
        <translation>Wachtwoordzin en sleutels</translation>
    </message>
</context>
<context>
    <name>LongJobs</name>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Import geannuleerd: er is niets geïmporteerd.</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>Bestanden importeren</translation>
    </message>
    <message>
        <source>Markdown and CSV (*.md *.csv)</source>
        <translation>Markdown en CSV (*.md *.csv)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Map importeren</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importeren…</translation>
    </message>
    <message>
        <source>Imported: {new} new, {updated} updated, {same} unchanged.</source>
        <translation>Geïmporteerd: {new} nieuw, {updated} bijgewerkt, {same} ongewijzigd.</translation>
    </message>
    <message>
        <source>Export as Markdown to</source>
        <translation>Exporteren als Markdown naar</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>Exporteren als JSON</translation>
    </message>
    <message>
        <source>Exported {n} entries.</source>
        <translation>{n} items geëxporteerd.</translation>
    </message>
    <message>
        <source>Back up into folder</source>
        <translation>Back-up maken in map</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Back-up maken…</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Back-up geschreven naar {path}</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>Zoekindex opnieuw opbouwen…</translation>
    </message>
    <message>
        <source>The search index was rebuilt.</source>
        <translation>De zoekindex is opnieuw opgebouwd.</translation>
    </message>
    <message>
        <source>Rebuilding the search index was cancelled.</source>
        <translation>Het opnieuw opbouwen van de zoekindex is geannuleerd.</translation>
    </message>
    <message>
        <source>Progress report {year} written: {files}</source>
        <translation>Voortgangsrapportage {year} geschreven: {files}</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nieuw</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>Bestanden &amp;importeren…</translation>
    </message>
    <message>
        <source>Import a &amp;folder…</source>
        <translation>&amp;Map importeren…</translation>
    </message>
    <message>
        <source>Import a folder, &amp;drafts for missing references…</source>
        <translation>Map importeren, &amp;concepten voor ontbrekende verwijzingen…</translation>
    </message>
    <message>
        <source>Export as &amp;Markdown…</source>
        <translation>Exporteren als &amp;Markdown…</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>Exporteren als &amp;JSON…</translation>
    </message>
    <message>
        <source>Export a &amp;knowledge pack…</source>
        <translation>&amp;Kennispakket exporteren…</translation>
    </message>
    <message>
        <source>Import a kno&amp;wledge pack…</source>
        <translation>Kennispakket i&amp;mporteren…</translation>
    </message>
    <message>
        <source>&amp;Progress report…</source>
        <translation>&amp;Voortgangsrapportage…</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynchroniseren</translation>
    </message>
    <message>
        <source>Sync &amp;conflicts…</source>
        <translation>Synchronisatie&amp;conflicten…</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Team…</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Back-up maken…</translation>
    </message>
    <message>
        <source>&amp;Rebuild the search index</source>
        <translation>&amp;Zoekindex opnieuw opbouwen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Entry</source>
        <translation>&amp;Item</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bewerken</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Geschiedenis…</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>Find an e&amp;xpert</source>
        <translation>E&amp;xpert zoeken</translation>
    </message>
    <message>
        <source>&amp;Course packs</source>
        <translation>&amp;Lespakketten</translation>
    </message>
    <message>
        <source>&amp;Barrier model</source>
        <translation>&amp;Barrièremodel</translation>
    </message>
    <message>
        <source>&amp;Due for upkeep</source>
        <translation>On&amp;derhoud nodig</translation>
    </message>
    <message>
        <source>Se&amp;ctions</source>
        <translation>&amp;Onderdelen</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Lijst</translation>
    </message>
    <message>
        <source>Entry &amp;text</source>
        <translation>&amp;Tekst van het item</translation>
    </message>
    <message>
        <source>&amp;Filter the list</source>
        <translation>Lijst &amp;filteren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Expertise Hub</source>
        <translation>Expertise Hub</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Ontgrendeld</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bewerken</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Geschiedenis…</translation>
    </message>
    <message>
        <source>Open entry: {level}</source>
        <translation>Open item: {level}</translation>
    </message>
</context>
<context>
    <name>MarkdownEdit</name>
    <message>
        <source>Write the text in Markdown. Type [[ to link to another entry.</source>
        <translation>Schrijf de tekst in Markdown. Typ [[ om naar een ander item te verwijzen.</translation>
    </message>
    <message>
        <source>Link to entry</source>
        <translation>Link naar item</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>{theme} × {phase}: {advice} advice notes, {innovation} innovation projects, {practice} best practices; {bottlenecks} open bottlenecks</source>
        <translation>{theme} × {phase}: {advice} adviezen, {innovation} innovatieprojecten, {practice} best practices; {bottlenecks} open knelpunten</translation>
    </message>
</context>
<context>
    <name>MetadataForm</name>
    <message>
        <source>General</source>
        <translation>Algemeen</translation>
    </message>
    <message>
        <source>Upkeep</source>
        <translation>Onderhoud</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Datum wissen</translation>
    </message>
    <message>
        <source>Works for police or public prosecution</source>
        <translation>Werkt bij politie of Openbaar Ministerie</translation>
    </message>
    <message>
        <source>Verified today</source>
        <translation>Vandaag gecontroleerd</translation>
    </message>
    <message>
        <source>Record that the details were checked with the expert today</source>
        <translation>Vastleggen dat de gegevens vandaag met de expert zijn nagelopen</translation>
    </message>
    <message>
        <source>Review date has passed: this entry is stale.</source>
        <translation>De herzieningsdatum is verstreken: dit item is verouderd.</translation>
    </message>
    <message>
        <source>Needs verification: details not checked with the expert in the past year.</source>
        <translation>Controle nodig: gegevens zijn het afgelopen jaar niet met de expert nagelopen.</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Re-key the hub</source>
        <translation>De hub een nieuwe sleutel geven</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>De wachtwoordzin wijzigen</translation>
    </message>
    <message>
        <source>&amp;Re-key</source>
        <translation>&amp;Nieuwe sleutel</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Wijzigen</translation>
    </message>
    <message>
        <source>Use this when your passphrase, your recovery key or a copy of the hub may be known to someone. A new key is made and every file of the hub is encrypted again; this takes about as long as a backup and needs about the hub&apos;s size free on the disk. Afterwards the old passphrase, the old recovery key and old copies of vault.json open nothing. Backups made before stay readable with the old passphrase.</source>
        <translation>Gebruik dit als uw wachtwoordzin, uw herstelsleutel of een kopie van de hub mogelijk bij iemand anders bekend is. Er wordt een nieuwe sleutel gemaakt en elk bestand van de hub wordt opnieuw versleuteld; dat duurt ongeveer zo lang als een back-up en vraagt ongeveer de grootte van de hub aan vrije schijfruimte. Daarna openen de oude wachtwoordzin, de oude herstelsleutel en oude kopieën van vault.json niets meer. Eerder gemaakte back-ups blijven leesbaar met de oude wachtwoordzin.</translation>
    </message>
    <message>
        <source>Only the wrap of the key changes, so this is instant. Anyone who copied the hub before can still open that copy with the old passphrase: if your passphrase may be known to someone, use Re-key instead.</source>
        <translation>Alleen de verpakking van de sleutel verandert, dus dit gaat direct. Wie de hub eerder heeft gekopieerd, kan die kopie nog openen met de oude wachtwoordzin: is uw wachtwoordzin mogelijk bij iemand anders bekend, gebruik dan Nieuwe sleutel.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Nieuwe wachtwoordzin</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Herhaal de nieuwe wachtwoordzin</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nieuwe wachtwoordzin:</translation>
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation>&amp;Herhalen:</translation>
    </message>
</context>
<context>
    <name>OsFault</name>
    <message>
        <source>the hub</source>
        <translation>de hub</translation>
    </message>
    <message>
        <source>The disk holding {place} is full.</source>
        <translation>De schijf met {place} is vol.</translation>
    </message>
    <message>
        <source>Your disk quota on {place} is used up.</source>
        <translation>Uw schijfquotum op {place} is op.</translation>
    </message>
    <message>
        <source>Permission denied on {place}.</source>
        <translation>Geen toestemming voor {place}.</translation>
    </message>
    <message>
        <source>This hub is read-only.</source>
        <translation>Deze hub is alleen-lezen.</translation>
    </message>
    <message>
        <source>{place} is read-only.</source>
        <translation>{place} is alleen-lezen.</translation>
    </message>
    <message>
        <source>The disk holding {place} reported a read/write error.</source>
        <translation>De schijf met {place} meldde een lees-/schrijffout.</translation>
    </message>
    <message>
        <source>{place} is no longer there (drive removed or network share gone).</source>
        <translation>{place} is er niet meer (schijf verwijderd of netwerkmap weg).</translation>
    </message>
    <message>
        <source>A file name under {place} is too long for that file system.</source>
        <translation>Een bestandsnaam onder {place} is te lang voor dat bestandssysteem.</translation>
    </message>
    <message>
        <source>The change itself was saved; the search index catches up on the next open.</source>
        <translation>De wijziging zelf is opgeslagen; de zoekindex wordt bij de volgende keer openen bijgewerkt.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>This needs about {need} MB and {free} MB is free. Free {short} MB and try again.</source>
        <translation>Dit vraagt ongeveer {need} MB en er is {free} MB vrij. Maak {short} MB vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Less than 1 MB is free. Free some space and try again.</source>
        <translation>Er is minder dan 1 MB vrij. Maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>{free} MB is free. Free some space and try again.</source>
        <translation>Er is {free} MB vrij. Maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Free some space and try again.</source>
        <translation>Maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Delete files or ask for a larger quota, then try again.</source>
        <translation>Verwijder bestanden of vraag een groter quotum aan en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <source>Check that your account may write there.</source>
        <translation>Controleer of uw account daar mag schrijven.</translation>
    </message>
    <message>
        <source>The hub can be searched and read; copy it to a writable folder to change it.</source>
        <translation>De hub kan worden doorzocht en gelezen; kopieer hem naar een beschrijfbare map om hem te wijzigen.</translation>
    </message>
    <message>
        <source>Check the drive or its cable, then try again.</source>
        <translation>Controleer de schijf of de kabel en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Reconnect it and try again; everything saved is safe.</source>
        <translation>Sluit hem weer aan en probeer het opnieuw; alles wat is opgeslagen is veilig.</translation>
    </message>
    <message>
        <source>Choose a shorter folder path.</source>
        <translation>Kies een korter mappad.</translation>
    </message>
    <message>
        <source>Expertise Hub</source>
        <translation>Expertise Hub</translation>
    </message>
</context>
<context>
    <name>PackDialog</name>
    <message>
        <source>Edit course pack</source>
        <translation>Lespakket bewerken</translation>
    </message>
    <message>
        <source>New course pack</source>
        <translation>Nieuw lespakket</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Doelgroep</translation>
    </message>
    <message>
        <source>e.g. new investigators, prosecutors</source>
        <translation>bijv. nieuwe rechercheurs, officieren van justitie</translation>
    </message>
    <message>
        <source>Classification ceiling</source>
        <translation>Rubriceringsplafond</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Audience</source>
        <translation>&amp;Doelgroep</translation>
    </message>
    <message>
        <source>&amp;Ceiling</source>
        <translation>&amp;Plafond</translation>
    </message>
    <message>
        <source>&amp;Description</source>
        <translation>&amp;Beschrijving</translation>
    </message>
</context>
<context>
    <name>PackItemList</name>
    <message>
        <source>Entries in the course pack</source>
        <translation>Items in het lespakket</translation>
    </message>
    <message>
        <source>note</source>
        <translation>notitie</translation>
    </message>
    <message>
        <source>Above the pack&apos;s ceiling: left out of exports</source>
        <translation>Boven het plafond van het pakket: niet in exports</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <source>&amp;Password of {role}:</source>
        <translation>&amp;Wachtwoord van {role}:</translation>
    </message>
    <message>
        <source>Team server password</source>
        <translation>Wachtwoord van de teamserver</translation>
    </message>
    <message>
        <source>Team sync uses it until the hub locks; it is kept only in memory unless you choose to remember it.</source>
        <translation>Teamsynchronisatie gebruikt het tot de hub vergrendelt; het blijft alleen in het geheugen, tenzij u kiest om het te onthouden.</translation>
    </message>
</context>
<context>
    <name>PatternText</name>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Possible personal data here ({pattern}): example cases and practices must be anonymised.</source>
        <translation>Mogelijk persoonsgegevens hier ({pattern}): voorbeeldzaken en praktijken moeten geanonimiseerd zijn.</translation>
    </message>
    <message>
        <source>1 possible personal data</source>
        <translation>1 mogelijk persoonsgegeven</translation>
    </message>
    <message>
        <source>{count} possible personal data</source>
        <translation>{count} mogelijke persoonsgegevens</translation>
    </message>
    <message>
        <source>citizen service number (BSN)</source>
        <translation>burgerservicenummer (BSN)</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>telefoonnummer</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>e-mailadres</translation>
    </message>
    <message>
        <source>bank account (IBAN)</source>
        <translation>bankrekening (IBAN)</translation>
    </message>
    <message>
        <source>postcode and house number</source>
        <translation>postcode en huisnummer</translation>
    </message>
    <message>
        <source>licence plate</source>
        <translation>kenteken</translation>
    </message>
    <message>
        <source>date of birth</source>
        <translation>geboortedatum</translation>
    </message>
    <message>
        <source>name of an expert in this hub</source>
        <translation>naam van een expert in deze hub</translation>
    </message>
</context>
<context>
    <name>PersonalDataDialog</name>
    <message>
        <source>Possible personal data</source>
        <translation>Mogelijk persoonsgegevens</translation>
    </message>
    <message>
        <source>This export would carry text that looks like personal data. Example cases and practices must be anonymised. Tick each item once you have checked that it may be shared, or cancel and correct the text.</source>
        <translation>Deze export zou tekst bevatten die op persoonsgegevens lijkt. Voorbeeldzaken en praktijken moeten geanonimiseerd zijn. Vink elk item aan zodra u hebt gecontroleerd dat het gedeeld mag worden, of annuleer en verbeter de tekst.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Patroon</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>Toch exporteren</translation>
    </message>
    <message>
        <source>{done} of {total} confirmed</source>
        <translation>{done} van {total} bevestigd</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
    <message>
        <source>The preview shows the beginning only; the whole text is saved.</source>
        <translation>Het voorbeeld toont alleen het begin; de hele tekst wordt opgeslagen.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annuleren…</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>De bewerking is mislukt.</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>This hub is read-only: copy it to a writable folder to change it.</source>
        <translation>Deze hub is alleen-lezen: kopieer hem naar een beschrijfbare map om hem te wijzigen.</translation>
    </message>
    <message>
        <source>Limited search: this read-only hub&apos;s index is out of date and cannot be rebuilt here, so results come from a plain word scan (no ranking, stemming or facets).</source>
        <translation>Beperkt zoeken: de zoekindex van deze alleen-lezen hub is verouderd en kan hier niet opnieuw worden opgebouwd, dus de resultaten komen uit een eenvoudige woordscan (geen rangschikking, stamvormen of facetten).</translation>
    </message>
    <message>
        <source>Unlocked, read-only</source>
        <translation>Ontgrendeld, alleen-lezen</translation>
    </message>
    <message>
        <source>Search notice</source>
        <translation>Zoekmelding</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>Uw herstelsleutel</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Herstelsleutel</translation>
    </message>
    <message>
        <source>I have &amp;printed or saved the recovery key safely</source>
        <translation>Ik heb de herstelsleutel veilig &amp;afgedrukt of opgeslagen</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Afdrukken…</translation>
    </message>
    <message>
        <source>&amp;Save to file…</source>
        <translation>&amp;Opslaan als bestand…</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Doorgaan</translation>
    </message>
    <message>
        <source>This key opens the hub if the passphrase is forgotten. It is shown only now: print it or save it somewhere safe, away from this laptop. Anyone with the key can open the hub.</source>
        <translation>Met deze sleutel opent u de hub als de wachtwoordzin vergeten is. Hij wordt alleen nu getoond: druk hem af of bewaar hem op een veilige plek, niet bij deze laptop. Iedereen met de sleutel kan de hub openen.</translation>
    </message>
    <message>
        <source>Expertise Hub recovery key</source>
        <translation>Herstelsleutel Expertise Hub</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Herstelsleutel opslaan</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Progress report</source>
        <translation>Voortgangsrapportage</translation>
    </message>
    <message>
        <source>Report year</source>
        <translation>Verslagjaar</translation>
    </message>
    <message>
        <source>Classification ceiling</source>
        <translation>Rubriceringsplafond</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Taal van de rapportage</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>DOCX (editable)</source>
        <translation>DOCX (bewerkbaar)</translation>
    </message>
    <message>
        <source>PDF and DOCX</source>
        <translation>PDF en DOCX</translation>
    </message>
    <message>
        <source>Report file</source>
        <translation>Bestand van de rapportage</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>&amp;Write report</source>
        <translation>Rapportage &amp;schrijven</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Jaar</translation>
    </message>
    <message>
        <source>&amp;Ceiling</source>
        <translation>&amp;Plafond</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormaat</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Save progress report</source>
        <translation>Voortgangsrapportage opslaan</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx)</source>
        <translation>Rapportages (*.pdf *.docx)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Kies waar de rapportage moet worden opgeslagen.</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>De rapportage wordt geschreven…</translation>
    </message>
    <message>
        <source>Writing the progress report…</source>
        <translation>De voortgangsrapportage wordt geschreven…</translation>
    </message>
    <message>
        <source>Writing the report was cancelled.</source>
        <translation>Het schrijven van de rapportage is geannuleerd.</translation>
    </message>
    <message>
        <source>The report failed.</source>
        <translation>De rapportage is mislukt.</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Kiezen…</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Herhaal het:</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Uw naam:</translation>
    </message>
    <message>
        <source>Choose a &amp;password:</source>
        <translation>Kies een &amp;wachtwoord:</translation>
    </message>
    <message>
        <source>Request &amp;file:</source>
        <translation>Verzoek&amp;bestand:</translation>
    </message>
    <message>
        <source>Request to join a team</source>
        <translation>Verzoek om lid te worden van een team</translation>
    </message>
    <message>
        <source>Save the request</source>
        <translation>Het verzoek opslaan</translation>
    </message>
    <message>
        <source>Server &amp;URL (optional):</source>
        <translation>Server-&amp;URL (optioneel):</translation>
    </message>
    <message>
        <source>The file holds your public keys and no secret: hand it to the admin.</source>
        <translation>Het bestand bevat uw publieke sleutels en geen geheim: geef het aan de beheerder.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Het wachtwoord moet minstens {n} tekens hebben.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>De twee wachtwoorden verschillen.</translation>
    </message>
</context>
<context>
    <name>RowsField</name>
    <message>
        <source>Add…</source>
        <translation>Toevoegen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Rij toevoegen</translation>
    </message>
    <message>
        <source>Edit the row</source>
        <translation>Rij bewerken</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Datum wissen</translation>
    </message>
</context>
<context>
    <name>SafeBrowser</name>
    <message>
        <source>Open link outside Expertise Hub?</source>
        <translation>Link buiten Expertise Hub openen?</translation>
    </message>
    <message>
        <source>This link opens in another program and leaves the encrypted hub:

{url}

Open it?</source>
        <translation>Deze link opent in een ander programma en verlaat de versleutelde hub:

{url}

Openen?</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search everything (Ctrl+K)</source>
        <translation>Alles doorzoeken (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>Relevantie</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Nieuwste eerst</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sorteren op</translation>
    </message>
    <message>
        <source>Save search…</source>
        <translation>Zoekopdracht opslaan…</translation>
    </message>
    <message>
        <source>Show more results</source>
        <translation>Meer resultaten tonen</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Search saved.</source>
        <translation>Zoekopdracht opgeslagen.</translation>
    </message>
    <message>
        <source>Search failed: {reason}</source>
        <translation>Zoeken mislukt: {reason}</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>Zoeken mislukt.</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Geen resultaten</translation>
    </message>
    <message>
        <source>{shown} of {total} results</source>
        <translation>{shown} van {total} resultaten</translation>
    </message>
    <message>
        <source>The query is too long.</source>
        <translation>De zoekopdracht is te lang.</translation>
    </message>
    <message>
        <source>The query could not be read; check quotes and brackets.</source>
        <translation>De zoekopdracht kon niet worden gelezen; controleer aanhalingstekens en haakjes.</translation>
    </message>
    <message>
        <source>Did you mean: {suggestion}?</source>
        <translation>Bedoelde u: {suggestion}?</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Zoekopdracht opslaan</translation>
    </message>
    <message>
        <source>Name for this search:</source>
        <translation>Naam voor deze zoekopdracht:</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Remember the key of this hub on this device</source>
        <translation>De sleutel van deze hub op dit apparaat onthouden</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Zoals het systeem</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Vergrendelen na dit aantal minuten zonder activiteit</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>Lock when &amp;idle for:</source>
        <translation>Vergrendelen na &amp;inactiviteit van:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thema:</translation>
    </message>
    <message>
        <source>Passphrase and keys</source>
        <translation>Wachtwoordzin en sleutels</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>&amp;Wachtwoordzin wijzigen…</translation>
    </message>
    <message>
        <source>&amp;Re-key…</source>
        <translation>&amp;Nieuwe sleutel…</translation>
    </message>
    <message>
        <source>Change passphrase is instant. Re-key makes a new key and encrypts the whole hub again: use it if your passphrase may be known to someone.</source>
        <translation>Wachtwoordzin wijzigen gaat direct. Nieuwe sleutel maakt een nieuwe sleutel en versleutelt de hele hub opnieuw: gebruik dat als uw wachtwoordzin mogelijk bij iemand anders bekend is.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>Alle items</translation>
    </message>
    <message>
        <source>Course packs</source>
        <translation>Lespakketten</translation>
    </message>
    <message>
        <source>Barrier model</source>
        <translation>Barrièremodel</translation>
    </message>
    <message>
        <source>Due for upkeep</source>
        <translation>Onderhoud nodig</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Opgeslagen zoekopdrachten</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Thema&apos;s</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>SnippetDelegate</name>
    <message>
        <source>Title match</source>
        <translation>Titel komt overeen</translation>
    </message>
</context>
<context>
    <name>Strength</name>
    <message>
        <source>Use at least {n} characters; several unrelated words work well.</source>
        <translation>Gebruik minstens {n} tekens; een paar losse woorden werkt goed.</translation>
    </message>
    <message>
        <source>Strength: weak. Make it longer, e.g. four or more unrelated words.</source>
        <translation>Sterkte: zwak. Maak hem langer, bijvoorbeeld vier of meer losse woorden.</translation>
    </message>
    <message>
        <source>Strength: fair. A few more words would make it strong.</source>
        <translation>Sterkte: redelijk. Met een paar woorden meer wordt hij sterk.</translation>
    </message>
    <message>
        <source>Strength: strong.</source>
        <translation>Sterkte: sterk.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>De wachtwoordzin moet minstens {n} tekens hebben.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De twee wachtwoordzinnen zijn niet gelijk.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Syncing…</source>
        <translation>Synchroniseren…</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisatie mislukt</translation>
    </message>
    <message>
        <source>Conflicts: {count}</source>
        <translation>Conflicten: {count}</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>Zojuist gesynchroniseerd</translation>
    </message>
    <message>
        <source>Synced {minutes} min ago</source>
        <translation>{minutes} min geleden gesynchroniseerd</translation>
    </message>
    <message>
        <source>Enter the password…</source>
        <translation>Wachtwoord invoeren…</translation>
    </message>
    <message>
        <source>Last synced at {time}</source>
        <translation>Laatst gesynchroniseerd om {time}</translation>
    </message>
    <message>
        <source>The server refused this password (or this member is no longer in the team). Check it and try again.</source>
        <translation>De server weigerde dit wachtwoord (of dit lid hoort niet meer bij het team). Controleer het en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Offline, will retry</source>
        <translation>Offline, probeert het later opnieuw</translation>
    </message>
    <message>
        <source>Team sync needs the server password</source>
        <translation>Teamsynchronisatie heeft het serverwachtwoord nodig</translation>
    </message>
    <message>
        <source>The team server refused the password</source>
        <translation>De teamserver weigerde het wachtwoord</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source> (admin)</source>
        <translation> (beheerder)</translation>
    </message>
    <message>
        <source>{name} (you)</source>
        <translation>{name} (u)</translation>
    </message>
    <message>
        <source>&amp;Admit a request…</source>
        <translation>Verzoek &amp;toelaten…</translation>
    </message>
    <message>
        <source>&amp;Create a team on a server…</source>
        <translation>&amp;Team op een server aanmaken…</translation>
    </message>
    <message>
        <source>&amp;Request to join…</source>
        <translation>&amp;Verzoek om lid te worden…</translation>
    </message>
    <message>
        <source>(not admitted yet)</source>
        <translation>(nog niet toegelaten)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(onbekend)</translation>
    </message>
    <message>
        <source>Cannot read the request: {reason}</source>
        <translation>Kan het verzoek niet lezen: {reason}</translation>
    </message>
    <message>
        <source>Clearance</source>
        <translation>Machtiging</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Laatste synchronisatie:</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Lid</translation>
    </message>
    <message>
        <source>Re&amp;fresh from server</source>
        <translation>&amp;Bijwerken van de server</translation>
    </message>
    <message>
        <source>Re&amp;move member…</source>
        <translation>Lid &amp;verwijderen…</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Lid verwijderen</translation>
    </message>
    <message>
        <source>Remove {name} from the team?

Their database role is dropped and new keys are made for every level they held: what the team writes from now on is unreadable to them.

What they already synced stays on their laptop: removal cannot take it back.</source>
        <translation>{name} uit het team verwijderen?

De databaserol wordt verwijderd en er komen nieuwe sleutels voor elk niveau dat dit lid had: wat het team vanaf nu schrijft, is voor hem of haar onleesbaar.

Wat al gesynchroniseerd is, blijft op de laptop van dit lid: verwijderen kan dat niet terughalen.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>Team:</translation>
    </message>
    <message>
        <source>The server could not be reached: {problem}</source>
        <translation>De server was niet bereikbaar: {problem}</translation>
    </message>
    <message>
        <source>The team operation failed.</source>
        <translation>De teambewerking is mislukt.</translation>
    </message>
    <message>
        <source>This hub is a member of a team.</source>
        <translation>Deze hub is lid van een team.</translation>
    </message>
    <message>
        <source>You:</source>
        <translation>U:</translation>
    </message>
    <message>
        <source>Your request is made. Once the admin has admitted it, sync or refresh to join.</source>
        <translation>Uw verzoek is gemaakt. Zodra de beheerder het heeft toegelaten, synchroniseert of vernieuwt u om lid te worden.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>verwijderd</translation>
    </message>
    <message>
        <source>{role}, clearance {clearance}</source>
        <translation>{role}, machtiging {clearance}</translation>
    </message>
</context>
<context>
    <name>TeamForms</name>
    <message>
        <source>Re&amp;member on this device</source>
        <translation>Ont&amp;houden op dit apparaat</translation>
    </message>
</context>
<context>
    <name>TeamIntro</name>
    <message>
        <source>Not in a team yet</source>
        <translation>Nog geen lid van een team</translation>
    </message>
    <message>
        <source>A team shares its entries through a PostgreSQL database that agency IT runs. Each laptop keeps its own encrypted hub and works offline; the server only ever receives encrypted items.</source>
        <translation>Een team deelt zijn items via een PostgreSQL-database die de IT-afdeling beheert. Elke laptop houdt zijn eigen versleutelde hub en werkt offline; de server ontvangt alleen versleutelde items.</translation>
    </message>
    <message>
        <source>Start a team:</source>
        <translation>Een team starten:</translation>
    </message>
    <message>
        <source>The team admin creates it on an empty database; the server URL names the admin&apos;s database role.</source>
        <translation>De teambeheerder maakt het aan op een lege database; de server-URL noemt de databaserol van de beheerder.</translation>
    </message>
    <message>
        <source>Join a team:</source>
        <translation>Lid worden:</translation>
    </message>
    <message>
        <source>Choose your server password and save a request file. Hand the file to the team&apos;s admin; once you are admitted, sync or refresh to join.</source>
        <translation>Kies uw serverwachtwoord en sla een verzoekbestand op. Geef het bestand aan de beheerder van het team; synchroniseer of werk bij zodra u bent toegelaten.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Expertise Hub</source>
        <translation>Expertise Hub</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Use the &amp;recovery key instead</source>
        <translation>In plaats daarvan de &amp;herstelsleutel gebruiken</translation>
    </message>
    <message>
        <source>Re&amp;member on this device</source>
        <translation>Ont&amp;houden op dit apparaat</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
    <message>
        <source>Unlock with the &amp;key remembered here</source>
        <translation>Ontgrendelen met de hier onthouden &amp;sleutel</translation>
    </message>
    <message>
        <source>&amp;Create a new hub…</source>
        <translation>Nieuwe hub &amp;maken…</translation>
    </message>
    <message>
        <source>Open the &amp;demo hub</source>
        <translation>&amp;Demohub openen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Unlock a hub</source>
        <translation>Hub ontgrendelen</translation>
    </message>
    <message>
        <source>Everything in a hub is encrypted. Enter its passphrase to open it.</source>
        <translation>Alles in een hub is versleuteld. Voer de wachtwoordzin in om hem te openen.</translation>
    </message>
    <message>
        <source>Hub folder</source>
        <translation>Hubmap</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtwoordzin</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Wachtwoordzin:</translation>
    </message>
    <message>
        <source>Hub &amp;folder:</source>
        <translation>Hub&amp;map:</translation>
    </message>
    <message>
        <source>&amp;Recovery key:</source>
        <translation>&amp;Herstelsleutel:</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Herstelsleutel</translation>
    </message>
    <message>
        <source>Choose a hub folder</source>
        <translation>Kies een hubmap</translation>
    </message>
    <message>
        <source>Choose a hub folder first.</source>
        <translation>Kies eerst een hubmap.</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Voer de wachtwoordzin in.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Ontgrendelen…</translation>
    </message>
</context>
<context>
    <name>UnlockErrors</name>
    <message>
        <source>That passphrase does not unlock this hub. Check it and try again.</source>
        <translation>Deze wachtwoordzin ontgrendelt deze hub niet. Controleer hem en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>This folder is not an Expertise Hub.</source>
        <translation>Deze map is geen Expertise Hub.</translation>
    </message>
    <message>
        <source>This hub is already open in another window or program.</source>
        <translation>Deze hub is al geopend in een ander venster of programma.</translation>
    </message>
    <message>
        <source>This hub failed an integrity check. Restore it from a backup.</source>
        <translation>Deze hub is niet door een integriteitscontrole gekomen. Zet hem terug vanuit een back-up.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this device.</source>
        <translation>Op dit apparaat is geen veilige sleutelkluis beschikbaar.</translation>
    </message>
    <message>
        <source>The hub could not be opened with what was entered.</source>
        <translation>De hub kon met de ingevoerde gegevens niet worden geopend.</translation>
    </message>
    <message>
        <source>The hub could not be opened.</source>
        <translation>De hub kon niet worden geopend.</translation>
    </message>
    <message>
        <source>Something went wrong while opening the hub.</source>
        <translation>Er ging iets mis bij het openen van de hub.</translation>
    </message>
    <message>
        <source>Not available: this device has no secure keyring (Windows Credential Locker, macOS Keychain or a Secret Service).</source>
        <translation>Niet beschikbaar: dit apparaat heeft geen veilige sleutelkluis (Windows Referentiebeheer, macOS-sleutelhanger of een Secret Service).</translation>
    </message>
</context>
<context>
    <name>Upkeep</name>
    <message>
        <source>Review date passed</source>
        <translation>Herzieningsdatum verstreken</translation>
    </message>
    <message>
        <source>Review due within {days} days</source>
        <translation>Herziening binnen {days} dagen</translation>
    </message>
    <message>
        <source>Experts without recorded consent</source>
        <translation>Experts zonder vastgelegde toestemming</translation>
    </message>
    <message>
        <source>Experts not confirmed for over a year (consent or verification)</source>
        <translation>Experts al meer dan een jaar niet bevestigd (toestemming of verificatie)</translation>
    </message>
    <message>
        <source>Open bottlenecks without a change for 90 days</source>
        <translation>Open knelpunten al 90 dagen zonder wijziging</translation>
    </message>
    <message>
        <source>Example cases without a follow-up for 90 days</source>
        <translation>Voorbeeldzaken al 90 dagen zonder vervolg</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
</context>
<context>
    <name>UpkeepDashboard</name>
    <message>
        <source>Due for upkeep</source>
        <translation>Onderhoud nodig</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Reviews due &amp;within:</source>
        <translation>Herzieningen &amp;binnen:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Due for upkeep, by reason</source>
        <translation>Onderhoud nodig, per reden</translation>
    </message>
    <message>
        <source>{count} lines need attention on {today}. Open a line to go to its entry.</source>
        <translation>{count} regels vragen aandacht op {today}. Open een regel om naar het item te gaan.</translation>
    </message>
    <message>
        <source>Nothing is due: no review date passed or within {days} days, every expert confirmed within the year, no quiet bottleneck or example case.</source>
        <translation>Er is niets te doen: geen herzieningsdatum verstreken of binnen {days} dagen, elke expert binnen het jaar bevestigd, geen stilgevallen knelpunt of voorbeeldzaak.</translation>
    </message>
</context>
<context>
    <name>WorkCycleView</name>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>Nog niets vastgelegd.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Tijdlijn</translation>
    </message>
    <message>
        <source>Agenda items</source>
        <translation>Agendapunten</translation>
    </message>
    <message>
        <source>Follow-ups ({n})</source>
        <translation>Vervolgstappen ({n})</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Statusverloop</translation>
    </message>
    <message>
        <source>Agenda items ({n})</source>
        <translation>Agendapunten ({n})</translation>
    </message>
    <message>
        <source>deleted expert</source>
        <translation>verwijderde expert</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Vervolgstap</translation>
    </message>
    <message>
        <source>revision {n}, saved by {who}</source>
        <translation>revisie {n}, opgeslagen door {who}</translation>
    </message>
    <message>
        <source>deleted bottleneck</source>
        <translation>verwijderd knelpunt</translation>
    </message>
    <message>
        <source>deleted organisation</source>
        <translation>verwijderde organisatie</translation>
    </message>
</context>
</TS>
