<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AlertsPanel</name>
    <message>
        <source>No alerts: no trigger rules adopted</source>
        <translation>Aucune alerte : aucune règle d&apos;alerte adoptée</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Entités</translation>
    </message>
    <message>
        <source>Last fired</source>
        <translation>Dernier déclenchement</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
    <message>
        <source>high</source>
        <translation>élevé</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>moyen</translation>
    </message>
    <message>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>prise en compte</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>résolue</translation>
    </message>
    <message>
        <source>Click a feature to select it and zoom to it on the map</source>
        <translation>Cliquez sur une entité pour la sélectionner et zoomer dessus sur la carte</translation>
    </message>
    <message>
        <source>Features that fired it:</source>
        <translation>Entités qui l&apos;ont déclenchée :</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>Afficher les résolues</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Prendre en compte</translation>
    </message>
    <message>
        <source>Mark the alert as seen; it stays listed until its condition no longer holds</source>
        <translation>Marquer l&apos;alerte comme vue ; elle reste listée jusqu&apos;à ce que sa condition ne soit plus remplie</translation>
    </message>
    <message>
        <source>Export CAP…</source>
        <translation>Exporter en CAP…</translation>
    </message>
    <message>
        <source>Write the alert as a CAP 1.2 XML message</source>
        <translation>Écrire l&apos;alerte comme message XML CAP 1.2</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Aucun espace de travail ouvert</translation>
    </message>
    <message numerus="yes">
        <source>{active} active, {other} other; %Ln rule(s) adopted</source>
        <translation>
            <numerusform>{active} actives, {other} autres ; %Ln règle adoptée</numerusform>
            <numerusform>{active} actives, {other} autres ; %Ln règles adoptées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No active alerts: %Ln adopted rule(s) have not fired</source>
        <translation>
            <numerusform>Aucune alerte active : %Ln règle adoptée ne s&apos;est pas déclenchée</numerusform>
            <numerusform>Aucune alerte active : %Ln règles adoptées ne se sont pas déclenchées</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts: the adopted trigger rules have not fired</source>
        <translation>Aucune alerte : les règles d&apos;alerte adoptées ne se sont pas déclenchées</translation>
    </message>
    <message>
        <source>Select an alert to see why it fired.</source>
        <translation>Sélectionnez une alerte pour voir pourquoi elle s&apos;est déclenchée.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;rule &lt;i&gt;{rule}&lt;/i&gt; · level {level} · {state} · TLP:{tlp}</source>
        <translation>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;règle &lt;i&gt;{rule}&lt;/i&gt; · niveau {level} · {state} · TLP:{tlp}</translation>
    </message>
    <message>
        <source>about: {kind} “{name}”</source>
        <translation>concerne : {kind} « {name} »</translation>
    </message>
    <message>
        <source>because of: {kind} “{name}”</source>
        <translation>à cause de : {kind} « {name} »</translation>
    </message>
    <message>
        <source>(no longer in the workspace)</source>
        <translation>(n&apos;est plus dans l&apos;espace de travail)</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… et {n} de plus</translation>
    </message>
    <message>
        <source>Acknowledged: {headline}</source>
        <translation>Prise en compte : {headline}</translation>
    </message>
    <message>
        <source>Export alert as CAP 1.2</source>
        <translation>Exporter l&apos;alerte en CAP 1.2</translation>
    </message>
    <message>
        <source>CAP XML (*.xml)</source>
        <translation>CAP XML (*.xml)</translation>
    </message>
    <message>
        <source>Wrote CAP 1.2 {msg_type} ({status}) to {path}</source>
        <translation>CAP 1.2 {msg_type} ({status}) écrit dans {path}</translation>
    </message>
</context>
<context>
    <name>ApplyRevertBar</name>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Rétablir</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Layer shown in the table</source>
        <translation>Couche affichée dans la table</translation>
    </message>
    <message>
        <source>Filter rows (any column contains…)</source>
        <translation>Filtrer les lignes (une colonne contient…)</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>chargement…</translation>
    </message>
    <message>
        <source>Reading {layer}</source>
        <translation>Lecture de {layer}</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>lecture impossible : {reason}</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} sur {total}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln entité</numerusform>
            <numerusform>%Ln entités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln sélectionnée</numerusform>
            <numerusform>%Ln sélectionnées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AudienceProductDialog</name>
    <message>
        <source>Our own people ({us}): everything we hold</source>
        <translation>Notre propre personnel ({us}) : tout ce que nous détenons</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Avec</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Counts / detail</source>
        <translation>Nombres / détail</translation>
    </message>
    <message>
        <source>export</source>
        <translation>export</translation>
    </message>
    <message>
        <source>import</source>
        <translation>import</translation>
    </message>
    <message>
        <source>refused import</source>
        <translation>import refusé</translation>
    </message>
    <message>
        <source>{org}: {sent} sent, {withheld} withheld</source>
        <translation>{org} : {sent} envoyées, {withheld} retenues</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Rapport…</translation>
    </message>
    <message>
        <source>Partners&apos; witnesses</source>
        <translation>Témoins des partenaires</translation>
    </message>
    <message>
        <source>A witness is what a partner&apos;s packages showed you of its audit log, signed by you: the partner checks its own log against it. A partner&apos;s witness of your log proves your log still holds what it saw, even if someone rewrote the log here.</source>
        <translation>Un témoin est ce que les paquets d&apos;un partenaire vous ont montré de son journal d&apos;audit, signé par vous : le partenaire y confronte son propre journal. Le témoin d&apos;un partenaire sur votre journal prouve que votre journal contient toujours ce qu&apos;il a vu, même si quelqu&apos;un a réécrit le journal ici.</translation>
    </message>
    <message>
        <source>Write a witness for a partner…</source>
        <translation>Écrire un témoin pour un partenaire…</translation>
    </message>
    <message>
        <source>Sign what a partner&apos;s packages showed you of its log, for it to check its own log against</source>
        <translation>Signer ce que les paquets d&apos;un partenaire vous ont montré de son journal, pour qu&apos;il y confronte son propre journal</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness…</source>
        <translation>Vérifier le témoin d&apos;un partenaire…</translation>
    </message>
    <message>
        <source>Check that your log still holds every entry a partner saw of it</source>
        <translation>Vérifier que votre journal contient toujours chaque entrée qu&apos;un partenaire en a vue</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %Ln entry(ies), the hash chain verifies.</source>
        <translation>
            <numerusform>Le journal d&apos;audit est intact : %Ln entrée, la chaîne de hachage est vérifiée.</numerusform>
            <numerusform>Le journal d&apos;audit est intact : %Ln entrées, la chaîne de hachage est vérifiée.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log was tampered with, from entry {seq}: {problems}. Entries from there on cannot be trusted.</source>
        <translation>Le journal d&apos;audit a été falsifié à partir de l&apos;entrée {seq} : {problems}. Les entrées à partir de là ne sont pas fiables.</translation>
    </message>
    <message>
        <source>The sharing report for a protocol review (HTML or PDF), or the raw log as CSV</source>
        <translation>Le rapport de partage pour l&apos;examen du protocole (HTML ou PDF), ou le journal brut en CSV</translation>
    </message>
    <message>
        <source>Sharing report</source>
        <translation>Rapport de partage</translation>
    </message>
    <message>
        <source>Sharing report (*.html);;Sharing report, PDF (*.pdf);;Raw log, CSV (*.csv)</source>
        <translation>Rapport de partage (*.html);;Rapport de partage, PDF (*.pdf);;Journal brut, CSV (*.csv)</translation>
    </message>
    <message>
        <source>No report written: {reason}</source>
        <translation>Aucun rapport écrit : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file}: %Ln entry(ies).</source>
        <translation>
            <numerusform>{file} écrit : %Ln entrée.</numerusform>
            <numerusform>{file} écrit : %Ln entrées.</numerusform>
        </translation>
    </message>
    <message>
        <source>WARNING: the hash chain does not verify.</source>
        <translation>ATTENTION : la chaîne de hachage n&apos;est pas vérifiée.</translation>
    </message>
    <message numerus="yes">
        <source>{label} ({org}): %Ln package(s) seen, up to entry {seq}</source>
        <translation>
            <numerusform>{label} ({org}) : %Ln paquet vu, jusqu&apos;à l&apos;entrée {seq}</numerusform>
            <numerusform>{label} ({org}) : %Ln paquets vus, jusqu&apos;à l&apos;entrée {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: this workspace has no keys yet (Sharing ▸ Own identity…).</source>
        <translation>Aucun témoin écrit : cet espace de travail n&apos;a pas encore de clés (Partage ▸ Identité propre…).</translation>
    </message>
    <message>
        <source>No witness was written: no partner&apos;s package has shown you its audit log yet. A witness can be written for a partner once you have received a package from it.</source>
        <translation>Aucun témoin écrit : aucun paquet de partenaire ne vous a encore montré son journal d&apos;audit. Un témoin peut être écrit pour un partenaire dès que vous avez reçu un paquet de sa part.</translation>
    </message>
    <message>
        <source>Write a witness</source>
        <translation>Écrire un témoin</translation>
    </message>
    <message>
        <source>The witness is for (it checks its own log against it):</source>
        <translation>Le témoin est destiné à (il y confronte son propre journal) :</translation>
    </message>
    <message>
        <source>Witness for {partner}</source>
        <translation>Témoin pour {partner}</translation>
    </message>
    <message>
        <source>Audit witness (*.json)</source>
        <translation>Témoin d&apos;audit (*.json)</translation>
    </message>
    <message>
        <source>The witness is signed with your organisation&apos;s key.</source>
        <translation>Le témoin est signé avec la clé de votre organisation.</translation>
    </message>
    <message>
        <source>Signing the witness…</source>
        <translation>Signature du témoin…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the witness for {who} to {file}: the %Ln audit log head(s) its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</source>
        <translation>
            <numerusform>Témoin pour {who} écrit dans {file} : la %Ln tête de journal d&apos;audit que ses paquets vous ont montrées, jusqu&apos;à l&apos;entrée {seq}. Remettez-le à {who} (clé USB, courriel) ; {who} vérifie son journal avec « Vérifier le témoin d&apos;un partenaire… » dans son journal d&apos;audit.</numerusform>
            <numerusform>Témoin pour {who} écrit dans {file} : les %Ln têtes de journal d&apos;audit que ses paquets vous ont montrées, jusqu&apos;à l&apos;entrée {seq}. Remettez-le à {who} (clé USB, courriel) ; {who} vérifie son journal avec « Vérifier le témoin d&apos;un partenaire… » dans son journal d&apos;audit.</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: {reason}</source>
        <translation>Aucun témoin écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no witness was written.</source>
        <translation>Annulé : aucun témoin écrit.</translation>
    </message>
    <message>
        <source>Writing the witness</source>
        <translation>Écriture du témoin</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness</source>
        <translation>Vérifier le témoin d&apos;un partenaire</translation>
    </message>
    <message>
        <source>Audit witness (*.json);;All files (*)</source>
        <translation>Témoin d&apos;audit (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>(field {field})</source>
        <translation>(champ {field})</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ {file} was refused:&lt;/b&gt; {reason}{where}. It proves nothing about your log: ask the partner for a new witness.</source>
        <translation>&lt;b&gt;✖ {file} a été refusé :&lt;/b&gt; {reason}{where}. Il ne prouve rien sur votre journal : demandez un nouveau témoin au partenaire.</translation>
    </message>
    <message numerus="yes">
        <source>its witness of {when} holds %Ln head(s), up to entry {seq}</source>
        <translation>
            <numerusform>son témoin du {when} contient %Ln tête, jusqu&apos;à l&apos;entrée {seq}</numerusform>
            <numerusform>son témoin du {when} contient %Ln têtes, jusqu&apos;à l&apos;entrée {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;✔ Our log still holds everything {who} saw:&lt;/b&gt; {seen}, and each matches.</source>
        <translation>&lt;b&gt;✔ Notre journal contient toujours tout ce que {who} a vu :&lt;/b&gt; {seen}, et chacune correspond.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… et {n} de plus</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ Our log no longer holds what {who} saw&lt;/b&gt; ({seen}); from entry {seq} on it cannot be trusted:</source>
        <translation>&lt;b&gt;✖ Notre journal ne contient plus ce que {who} a vu&lt;/b&gt; ({seen}) ; à partir de l&apos;entrée {seq}, il n&apos;est pas fiable :</translation>
    </message>
    <message>
        <source>Keep the witness file and the workspace as they are, and tell {who}.</source>
        <translation>Conservez le fichier témoin et l&apos;espace de travail tels quels, et prévenez {who}.</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <source>Briefing map</source>
        <translation>Carte de briefing</translation>
    </message>
    <message>
        <source>One HTML file of the chosen layers for people outside the app: it opens in any browser with no network. It holds only what the sharing policy lets the audience see; what is withheld is counted on the map, never shown.</source>
        <translation>Un seul fichier HTML des couches choisies pour des personnes hors de l&apos;application : il s&apos;ouvre dans n&apos;importe quel navigateur sans réseau. Il ne contient que ce que la politique de partage permet au public de voir ; ce qui est retenu est compté sur la carte, jamais montré.</translation>
    </message>
    <message>
        <source>where to write the briefing map (.html)</source>
        <translation>où écrire la carte de briefing (.html)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Valide le</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Write the briefing map for the chosen audience</source>
        <translation>Écrire la carte de briefing pour le public choisi</translation>
    </message>
    <message>
        <source>Write the briefing map to</source>
        <translation>Écrire la carte de briefing dans</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Choisissez au moins une couche.</translation>
    </message>
    <message>
        <source>Choose where to write the briefing map.</source>
        <translation>Choisissez où écrire la carte de briefing.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>{file} écrit ({size} octets) : TLP:{tlp}, pour {audience}. {withheld}</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted on the map, not shown.</source>
        <translation>{n} entité(s) retenue(s) par la politique de partage sont comptées sur la carte, non montrées.</translation>
    </message>
    <message>
        <source>No briefing map was written: {reason}</source>
        <translation>Aucune carte de briefing n&apos;a été écrite : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no briefing map was written.</source>
        <translation>Annulé : aucune carte de briefing n&apos;a été écrite.</translation>
    </message>
    <message>
        <source>Writing the briefing map</source>
        <translation>Écriture de la carte de briefing</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Save as PNG…</source>
        <translation>Enregistrer en PNG…</translation>
    </message>
</context>
<context>
    <name>CheckThenImportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>Scenario clock</source>
        <translation>Horloge du scénario</translation>
    </message>
    <message>
        <source>Set the scenario time to</source>
        <translation>Régler l&apos;heure du scénario sur</translation>
    </message>
    <message>
        <source>T+0</source>
        <translation>T+0</translation>
    </message>
    <message>
        <source>Back to the exercise&apos;s start</source>
        <translation>Revenir au début de l&apos;exercice</translation>
    </message>
    <message>
        <source>Scenario seconds per wall-clock second: 1 is real time, 10 runs ten scenario minutes a minute</source>
        <translation>Secondes du scénario par seconde réelle : 1 est le temps réel, 10 fait passer dix minutes du scénario par minute</translation>
    </message>
    <message>
        <source>Running (unchecked: paused)</source>
        <translation>En marche (décoché : en pause)</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>Accélération</translation>
    </message>
    <message>
        <source>The scenario clock does not read: set the scenario time.</source>
        <translation>L&apos;horloge du scénario est illisible : réglez l&apos;heure du scénario.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>running at ×{speed}</source>
        <translation>en marche à ×{speed}</translation>
    </message>
    <message>
        <source>Now {elapsed} · {time}, {state}.</source>
        <translation>Maintenant {elapsed} · {time}, {state}.</translation>
    </message>
    <message>
        <source>The clock was not changed: {reason}</source>
        <translation>L&apos;horloge n&apos;a pas été modifiée : {reason}</translation>
    </message>
    <message>
        <source>Scenario clock set: {time}, {state}.</source>
        <translation>Horloge du scénario réglée : {time}, {state}.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>unreadable geometry</source>
        <translation>géométrie illisible</translation>
    </message>
    <message>
        <source>{geometry} at {where}</source>
        <translation>{geometry} à {where}</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln vertices)</source>
        <translation>
            <numerusform>(%Ln sommet)</numerusform>
            <numerusform>(%Ln sommets)</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>La mienne</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>La leur</translation>
    </message>
    <message>
        <source>Changes of features made by someone else than their originator: never merged until their originator accepts them</source>
        <translation>Modifications d&apos;entités faites par un autre que leur émetteur : jamais fusionnées tant que leur émetteur ne les accepte pas</translation>
    </message>
    <message>
        <source>Select on map</source>
        <translation>Sélectionner sur la carte</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Garder la leur</translation>
    </message>
    <message>
        <source>{layer}: {name} — from {sender}; differs: {fields}</source>
        <translation>{layer} : {name} — de {sender} ; diffère : {fields}</translation>
    </message>
    <message>
        <source>history only</source>
        <translation>historique seulement</translation>
    </message>
    <message>
        <source>{layer} {uuid}, detected {when}, package {package}</source>
        <translation>{layer} {uuid}, détecté le {when}, paquet {package}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</source>
        <translation>
            <numerusform>&lt;b&gt;Conflits&lt;/b&gt; — %Ln où les deux parties ont modifié une entité</numerusform>
            <numerusform>&lt;b&gt;Conflits&lt;/b&gt; — %Ln où les deux parties ont modifié une entité</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;Conflits&lt;/b&gt; — aucun en cours</translation>
    </message>
    <message>
        <source>Select a proposal to see what it changes; Accept or Reject decides it.</source>
        <translation>Sélectionnez une proposition pour voir ce qu&apos;elle modifie ; Accepter ou Rejeter la tranche.</translation>
    </message>
    <message>
        <source>Your proposals wait for their originators&apos; decision (dashed on the map); Withdraw takes one back.</source>
        <translation>Vos propositions attendent la décision de leurs émetteurs (en pointillé sur la carte) ; Retirer en reprend une.</translation>
    </message>
    <message>
        <source>No open conflicts or proposals: every received change merged cleanly.</source>
        <translation>Aucun conflit ni proposition en cours : chaque modification reçue a été fusionnée sans problème.</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {originator}&apos;s {layer} {uuid}</source>
        <translation>{proposer} propose une modification de {layer} {uuid} de {originator}</translation>
    </message>
    <message>
        <source>waiting for {originator}</source>
        <translation>en attente de {originator}</translation>
    </message>
    <message>
        <source>{layer} {uuid}, proposed {when} on version {version}</source>
        <translation>{layer} {uuid}, proposée le {when} sur la version {version}</translation>
    </message>
    <message>
        <source>received from {org}</source>
        <translation>reçue de {org}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — {received} to decide, {ours} of yours waiting</source>
        <translation>&lt;b&gt;Propositions&lt;/b&gt; — {received} à trancher, {ours} des vôtres en attente</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;Propositions&lt;/b&gt; — aucune en cours</translation>
    </message>
    <message>
        <source>Now (v{version})</source>
        <translation>Actuelle (v{version})</translation>
    </message>
    <message>
        <source>Proposed by {proposer}</source>
        <translation>Proposée par {proposer}</translation>
    </message>
    <message>
        <source>Highlighted: what the proposal changes. Only the feature&apos;s originator makes it a new version; accepting a proposal about another organisation&apos;s feature proposes it to them in your name.</source>
        <translation>En surbrillance : ce que la proposition modifie. Seul l&apos;émetteur de l&apos;entité en fait une nouvelle version ; accepter une proposition sur l&apos;entité d&apos;une autre organisation la lui propose en votre nom.</translation>
    </message>
    <message>
        <source>Not decided: {reason}</source>
        <translation>Non tranchée : {reason}</translation>
    </message>
    <message>
        <source>Rejected {proposer}&apos;s proposal for {feature}: the feature stays as it is.</source>
        <translation>Proposition de {proposer} pour {feature} rejetée : l&apos;entité reste telle quelle.</translation>
    </message>
    <message>
        <source>Accepted {proposer}&apos;s proposal: {feature} is now version {version}.</source>
        <translation>Proposition de {proposer} acceptée : {feature} est maintenant en version {version}.</translation>
    </message>
    <message>
        <source>Forwarded {proposer}&apos;s proposal to {originator} as your own: it goes in your next package to them; they decide.</source>
        <translation>Proposition de {proposer} transmise à {originator} en votre nom : elle part dans votre prochain paquet pour lui ; il tranche.</translation>
    </message>
    <message>
        <source>Not withdrawn: {reason}</source>
        <translation>Non retirée : {reason}</translation>
    </message>
    <message>
        <source>Withdrew your proposal for {layer} {uuid}….</source>
        <translation>Votre proposition pour {layer} {uuid}… a été retirée.</translation>
    </message>
    <message>
        <source>Mine (v{version})</source>
        <translation>La mienne (v{version})</translation>
    </message>
    <message>
        <source>Theirs, from {sender} (v{version})</source>
        <translation>La leur, de {sender} (v{version})</translation>
    </message>
    <message>
        <source>Highlighted: what differs. Keeping a version stores it as a new version above both; your partners receive your decision with the next package.</source>
        <translation>En surbrillance : ce qui diffère. Garder une version l&apos;enregistre comme nouvelle version au-dessus des deux ; vos partenaires reçoivent votre décision avec le prochain paquet.</translation>
    </message>
    <message>
        <source>The version we hold is a deletion: there is nothing of it on the map.</source>
        <translation>La version que nous détenons est une suppression : il n&apos;y a rien à montrer sur la carte.</translation>
    </message>
    <message>
        <source>Not resolved: {reason}</source>
        <translation>Non résolu : {reason}</translation>
    </message>
    <message>
        <source>Kept mine for {layer} {uuid}… as version {version}.</source>
        <translation>La mienne gardée pour {layer} {uuid}… en version {version}.</translation>
    </message>
    <message>
        <source>Kept theirs for {layer} {uuid}… as version {version}.</source>
        <translation>La leur gardée pour {layer} {uuid}… en version {version}.</translation>
    </message>
</context>
<context>
    <name>CorridorRiskView</name>
    <message>
        <source>Danger along the corridor over its whole width, from the danger zones valid now; the score&apos;s formula is in docs/analysis.md</source>
        <translation>Danger le long du couloir sur toute sa largeur, d&apos;après les zones de danger valides maintenant ; la formule du score est dans docs/analysis.md</translation>
    </message>
    <message>
        <source>&lt;b&gt;Risk now&lt;/b&gt; ({at}): {score}</source>
        <translation>&lt;b&gt;Risque actuel&lt;/b&gt; ({at}) : {score}</translation>
    </message>
    <message>
        <source>worst severity {severity}</source>
        <translation>gravité maximale {severity}</translation>
    </message>
    <message>
        <source>{danger} of {length} km in danger</source>
        <translation>{danger} km sur {length} en danger</translation>
    </message>
    <message numerus="yes">
        <source>%Ln zone(s)</source>
        <translation>
            <numerusform>%Ln zone</numerusform>
            <numerusform>%Ln zones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln facility(ies) within {reach} km</source>
        <translation>
            <numerusform>%Ln site à moins de {reach} km</numerusform>
            <numerusform>%Ln sites à moins de {reach} km</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>the chart could not be written as a PNG there</source>
        <translation>le graphique n&apos;a pas pu être écrit en PNG à cet endroit</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Aucun espace de travail ouvert.</translation>
    </message>
    <message>
        <source>People exposed over time, by severity</source>
        <translation>Personnes exposées dans le temps, par gravité</translation>
    </message>
    <message>
        <source>People exposed over time, by hazard</source>
        <translation>Personnes exposées dans le temps, par aléa</translation>
    </message>
    <message>
        <source>Corridors: status and risk</source>
        <translation>Corridors : statut et risque</translation>
    </message>
    <message>
        <source>Needs coverage by sector</source>
        <translation>Couverture des besoins par secteur</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>Remplissage des abris</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>The dashboard could not be computed: {reason}</source>
        <translation>Le tableau de bord n&apos;a pas pu être calculé : {reason}</translation>
    </message>
    <message>
        <source>Figures at {moment}; exposure from {start} to {end}.</source>
        <translation>Chiffres au {moment} ; exposition du {start} au {end}.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>Aucun corridor n&apos;est valide à ce moment.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share} : {stock} sur {demand} {unit}</translation>
    </message>
    <message>
        <source>No needs to cover.</source>
        <translation>Aucun besoin à couvrir.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} personnes ({share})</translation>
    </message>
    <message>
        <source>No shelter with a capacity.</source>
        <translation>Aucun abri avec une capacité.</translation>
    </message>
    <message numerus="yes">
        <source>Fullest first; %n emptier shelter(s) not charted.</source>
        <translation>
            <numerusform>Les plus pleins d&apos;abord ; %n abri moins plein non représenté.</numerusform>
            <numerusform>Les plus pleins d&apos;abord ; %n abris moins pleins non représentés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fullest first.</source>
        <translation>Les plus pleins d&apos;abord.</translation>
    </message>
    <message>
        <source>{status}, risk {risk} ({share} in danger)</source>
        <translation>{status}, risque {risk} ({share} en danger)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>map time</source>
        <translation>heure de la carte</translation>
    </message>
    <message>
        <source>No need location lies in a danger zone over this time range.</source>
        <translation>Aucun lieu de besoin ne se trouve dans une zone de danger sur cette période.</translation>
    </message>
    <message>
        <source>Each person once, at the worst severity reaching them.</source>
        <translation>Chaque personne une fois, à la gravité la plus élevée qui l&apos;atteint.</translation>
    </message>
    <message>
        <source>A person exposed to two hazards is under both.</source>
        <translation>Une personne exposée à deux aléas figure sous les deux.</translation>
    </message>
    <message>
        <source>Save the chart as PNG</source>
        <translation>Enregistrer le graphique en PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>Impossible d&apos;écrire {path} : {reason}</translation>
    </message>
    <message>
        <source>Saved the chart “{title}” to {path}.</source>
        <translation>Graphique « {title} » enregistré dans {path}.</translation>
    </message>
</context>
<context>
    <name>DateTimeWidget</name>
    <message>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <source>The current time</source>
        <translation>L&apos;heure actuelle</translation>
    </message>
    <message>
        <source>Scenario time</source>
        <translation>Heure du scénario</translation>
    </message>
    <message>
        <source>The scenario&apos;s “now”: {at}</source>
        <translation>Le « maintenant » du scénario : {at}</translation>
    </message>
    <message>
        <source>This workspace is not a scenario (no scenario time)</source>
        <translation>Cet espace de travail n&apos;est pas un scénario (pas d&apos;heure de scénario)</translation>
    </message>
</context>
<context>
    <name>DecisionReportDialog</name>
    <message>
        <source>Decision report</source>
        <translation>Rapport des décisions</translation>
    </message>
    <message>
        <source>Per inject and organisation: the time to see it, to raise and acknowledge the alert, to decide and to inform partners, and the sharing decisions taken. Give each participant&apos;s exercise workspace (its whole, verified record) or, failing that, its audit log as CSV (times to see and to inform only). This workspace ({file}) says what was played when.</source>
        <translation>Par inject et par organisation : le temps pour le voir, pour lever et accuser réception de l&apos;alerte, pour décider et pour informer les partenaires, et les décisions de partage prises. Donnez l&apos;espace de travail d&apos;exercice de chaque participant (son registre complet et vérifié) ou, à défaut, son journal d&apos;audit en CSV (temps pour voir et pour informer seulement). Cet espace de travail ({file}) indique ce qui a été joué et quand.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registre</translation>
    </message>
    <message>
        <source>A CSV&apos;s organisation can be typed: by default its file&apos;s name</source>
        <translation>L&apos;organisation d&apos;un CSV peut être saisie : par défaut le nom de son fichier</translation>
    </message>
    <message>
        <source>Add workspaces…</source>
        <translation>Ajouter des espaces de travail…</translation>
    </message>
    <message>
        <source>Add audit CSV…</source>
        <translation>Ajouter un CSV d&apos;audit…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>the inject file played (.toml)</source>
        <translation>le fichier d&apos;injects joué (.toml)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>the report: .html, or .pdf</source>
        <translation>le rapport : .html ou .pdf</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>Injects</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation>Ouvrir le rapport</translation>
    </message>
    <message>
        <source>Participants&apos; records</source>
        <translation>Registres des participants</translation>
    </message>
    <message>
        <source>The workspace&apos;s own organisation</source>
        <translation>L&apos;organisation propre à l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Participants&apos; exercise workspaces</source>
        <translation>Espaces de travail d&apos;exercice des participants</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espace de travail GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Participants&apos; audit logs</source>
        <translation>Journaux d&apos;audit des participants</translation>
    </message>
    <message>
        <source>Audit log, CSV (*.csv)</source>
        <translation>Journal d&apos;audit, CSV (*.csv)</translation>
    </message>
    <message>
        <source>Inject file</source>
        <translation>Fichier d&apos;injects</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>Fichiers d&apos;injects (*.toml)</translation>
    </message>
    <message>
        <source>Write the report to</source>
        <translation>Écrire le rapport dans</translation>
    </message>
    <message>
        <source>Report, HTML (*.html);;Report, PDF (*.pdf)</source>
        <translation>Rapport, HTML (*.html);;Rapport, PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Add at least one participant&apos;s record.</source>
        <translation>Ajoutez le registre d&apos;au moins un participant.</translation>
    </message>
    <message>
        <source>Choose the inject file.</source>
        <translation>Choisissez le fichier d&apos;injects.</translation>
    </message>
    <message>
        <source>No inject file {file}.</source>
        <translation>Pas de fichier d&apos;injects {file}.</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>Choisissez où écrire le rapport.</translation>
    </message>
    <message>
        <source>The report is written as .html or .pdf.</source>
        <translation>Le rapport s&apos;écrit en .html ou en .pdf.</translation>
    </message>
    <message>
        <source>Written {file}: {injects} inject(s), {orgs} organisation(s).</source>
        <translation>{file} écrit : {injects} inject(s), {orgs} organisation(s).</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>Aucun rapport n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Annulé : aucun rapport n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Writing the decision report</source>
        <translation>Écriture du rapport des décisions</translation>
    </message>
    <message>
        <source>Decision report written to {file}.</source>
        <translation>Rapport des décisions écrit dans {file}.</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>{kind} &apos;{name}&apos;</source>
        <translation>{kind} « {name} »</translation>
    </message>
    <message>
        <source>{kind} {id}</source>
        <translation>{kind} {id}</translation>
    </message>
    <message>
        <source>click the corners, double-click to close the area</source>
        <translation>cliquez sur les sommets, double-cliquez pour fermer la zone</translation>
    </message>
    <message>
        <source>click along the route, double-click to finish</source>
        <translation>cliquez le long de l&apos;itinéraire, double-cliquez pour terminer</translation>
    </message>
    <message>
        <source>click where it is</source>
        <translation>cliquez à son emplacement</translation>
    </message>
    <message>
        <source>New {kind}: {hint}; Esc cancels, Backspace removes the last point.</source>
        <translation>Nouvel élément ({kind}) : {hint} ; Échap annule, Retour arrière supprime le dernier point.</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>Tracé annulé.</translation>
    </message>
    <message>
        <source>New feature discarded.</source>
        <translation>Nouvelle entité abandonnée.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: only {owner} changes it. Your edits are sent to {owner} as proposals; {owner} decides.</source>
        <translation>{kind} de {owner} : seul {owner} le modifie. Vos modifications sont envoyées à {owner} comme propositions ; {owner} tranche.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: {owner} named you an editor, so your edits are stored as new versions (only {owner} deletes it or sets its marking).</source>
        <translation>{kind} de {owner} : {owner} vous a désigné éditeur, vos modifications sont donc enregistrées comme nouvelles versions (seul {owner} le supprime ou fixe son marquage).</translation>
    </message>
    <message>
        <source>You cannot change it: {reason}.</source>
        <translation>Vous ne pouvez pas le modifier : {reason}.</translation>
    </message>
    <message>
        <source>Your proposal is waiting for {owner}&apos;s decision (dashed on the map).</source>
        <translation>Votre proposition attend la décision de {owner} (en pointillé sur la carte).</translation>
    </message>
    <message>
        <source>{who} proposed a change: decide it in the Conflicts and proposals panel.</source>
        <translation>{who} a proposé une modification : tranchez-la dans le panneau Conflits et propositions.</translation>
    </message>
    <message>
        <source>Received from {owner}: you may only make its marking stricter. The stricter marking governs what you pass on; {owner}&apos;s version is kept (no new version).</source>
        <translation>Reçu de {owner} : vous pouvez seulement rendre son marquage plus strict. Le marquage plus strict régit ce que vous transmettez ; la version de {owner} est conservée (pas de nouvelle version).</translation>
    </message>
    <message>
        <source>Saved {fields} of {feature} as a new version.</source>
        <translation>{fields} de {feature} enregistré comme nouvelle version.</translation>
    </message>
    <message>
        <source>Marking of {feature} not changed: {reason}</source>
        <translation>Marquage de {feature} non modifié : {reason}</translation>
    </message>
    <message>
        <source>Marking of {feature} unchanged ({level}).</source>
        <translation>Marquage de {feature} inchangé ({level}).</translation>
    </message>
    <message>
        <source>Marking restricted on {feature}: {level} for what we pass on (its originator&apos;s version is kept).</source>
        <translation>Marquage restreint sur {feature} : {level} pour ce que nous transmettons (la version de l&apos;émetteur est conservée).</translation>
    </message>
    <message>
        <source>Marking saved on {feature}: {level}.</source>
        <translation>Marquage enregistré sur {feature} : {level}.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was written.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié {feature} entre-temps : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Saved the new shape of {feature} as a new version (Ctrl+Z undoes it).</source>
        <translation>Nouvelle forme de {feature} enregistrée comme nouvelle version (Ctrl+Z l&apos;annule).</translation>
    </message>
    <message>
        <source>Someone else changed the shape of {feature} meanwhile: nothing was written.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié la forme de {feature} entre-temps : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>Leur version est gardée ; vos modifications sont abandonnées.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln feature(s) ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>%Ln entité supprimée ({features}) ; suppression de {proposed} proposée à {owners} (Ctrl+Z l&apos;annule).</numerusform>
            <numerusform>%Ln entités supprimées ({features}) ; suppression de {proposed} proposée à {owners} (Ctrl+Z l&apos;annule).</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {features} (Ctrl+Z undoes it).</source>
        <translation>Supprimé : {features} (Ctrl+Z l&apos;annule).</translation>
    </message>
    <message>
        <source>Proposed the deletion of {features} to {owners} (Ctrl+Z undoes it).</source>
        <translation>Suppression de {features} proposée à {owners} (Ctrl+Z l&apos;annule).</translation>
    </message>
    <message>
        <source>Kept their version; nothing was deleted.</source>
        <translation>Leur version est gardée ; rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was deleted.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié {feature} entre-temps : rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: someone else changed it meanwhile.</source>
        <translation>Impossible d&apos;annuler « {edit} » : quelqu&apos;un d&apos;autre l&apos;a modifié entre-temps.</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: someone else changed it meanwhile.</source>
        <translation>Impossible de rétablir « {edit} » : quelqu&apos;un d&apos;autre l&apos;a modifié entre-temps.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more</source>
        <translation>
            <numerusform>%Ln de plus</numerusform>
            <numerusform>%Ln de plus</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: {reasons}</source>
        <translation>Rien n&apos;a été supprimé : {reasons}</translation>
    </message>
    <message>
        <source>Added {feature} — saved.</source>
        <translation>Ajouté : {feature} — enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln feature(s)</source>
        <translation>
            <numerusform>Supprimer %Ln entité</numerusform>
            <numerusform>Supprimer %Ln entités</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change {kind} {name}: {reason}</source>
        <translation>Vous ne pouvez pas modifier {kind} {name} : {reason}</translation>
    </message>
    <message>
        <source>Proposed to {owner}: your change of {kind} {name} waits for {owner}&apos;s decision (Ctrl+Z withdraws it).</source>
        <translation>Proposé à {owner} : votre modification de {kind} {name} attend la décision de {owner} (Ctrl+Z la retire).</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Deleting it will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>Cet élément ({kind}) appartient à {owner}. Sa suppression sera envoyée à {owner} comme proposition ; {owner} tranche. La proposer ?</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Your change will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>Cet élément ({kind}) appartient à {owner}. Votre modification sera envoyée à {owner} comme proposition ; {owner} tranche. La proposer ?</translation>
    </message>
    <message>
        <source>{n} of the selected features belong to other organisations ({owners}). Deleting them will be sent to them as proposals; they decide. Propose their deletion?</source>
        <translation>{n} des entités sélectionnées appartiennent à d&apos;autres organisations ({owners}). Leur suppression leur sera envoyée comme propositions ; elles tranchent. Proposer leur suppression ?</translation>
    </message>
    <message>
        <source>Propose to the originator</source>
        <translation>Proposer à l&apos;émetteur</translation>
    </message>
    <message>
        <source>Until it is decided, the map shows your proposal dashed in magenta; Undo withdraws it.</source>
        <translation>Tant qu&apos;elle n&apos;est pas tranchée, la carte montre votre proposition en pointillé magenta ; Annuler la retire.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Proposer</translation>
    </message>
    <message>
        <source>Not proposed: nothing was changed.</source>
        <translation>Non proposé : rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>EditorsDialog</name>
    <message>
        <source>Editors may change fields and geometry with you; only you set the marking, name editors or delete.</source>
        <translation>Les éditeurs peuvent modifier les champs et la géométrie avec vous ; vous seul fixez le marquage, désignez les éditeurs ou supprimez.</translation>
    </message>
    <message>
        <source>Editors may change fields and geometry with {org}; only {org} sets the marking, names editors or deletes.</source>
        <translation>Les éditeurs peuvent modifier les champs et la géométrie avec {org} ; seul {org} fixe le marquage, désigne les éditeurs ou supprime.</translation>
    </message>
    <message>
        <source>(you)</source>
        <translation>(vous)</translation>
    </message>
    <message>
        <source>Editors: {names}</source>
        <translation>Éditeurs : {names}</translation>
    </message>
    <message>
        <source>Editors: none (only you change it)</source>
        <translation>Éditeurs : aucun (vous seul le modifiez)</translation>
    </message>
    <message>
        <source>Editors named by {owner}: {names}</source>
        <translation>Éditeurs désignés par {owner} : {names}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) of ours given a new version</source>
        <translation>
            <numerusform>%Ln de nos entités ayant reçu une nouvelle version</numerusform>
            <numerusform>%Ln de nos entités ayant reçu une nouvelle version</numerusform>
        </translation>
    </message>
    <message>
        <source>Editors of a layer</source>
        <translation>Éditeurs d&apos;une couche</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Editors</source>
        <translation>Éditeurs</translation>
    </message>
    <message>
        <source>Partners who may edit</source>
        <translation>Partenaires autorisés à modifier</translation>
    </message>
    <message>
        <source>Save editors</source>
        <translation>Enregistrer les éditeurs</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {owner}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, de {owner}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</translation>
    </message>
    <message>
        <source>Only {owner} names the editors of its feature.</source>
        <translation>Seul {owner} désigne les éditeurs de son entité.</translation>
    </message>
    <message>
        <source>Saving gives the feature a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>L&apos;enregistrement donne une nouvelle version à l&apos;entité, transmise par votre prochain paquet. Édition&#xa0;▸&#xa0;Annuler revient en arrière.</translation>
    </message>
    <message>
        <source>The default editors of every {kind} of ours that has no editors of its own.</source>
        <translation>Les éditeurs par défaut de chacun de nos éléments ({kind}) qui n&apos;a pas ses propres éditeurs.</translation>
    </message>
    <message>
        <source>Saving gives {count} {kind} of ours a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>L&apos;enregistrement donne une nouvelle version à {count} de nos éléments ({kind}), transmise par votre prochain paquet. Édition&#xa0;▸&#xa0;Annuler revient en arrière.</translation>
    </message>
    <message>
        <source>This workspace belongs to no organisation yet: make its keys in Sharing ▸ Own identity… first.</source>
        <translation>Cet espace de travail n&apos;appartient encore à aucune organisation : créez d&apos;abord ses clés dans Partage ▸ Identité propre…</translation>
    </message>
    <message>
        <source>Your partner directory is empty: add partners in Sharing ▸ Partners and keys… first.</source>
        <translation>Votre répertoire de partenaires est vide : ajoutez d&apos;abord des partenaires dans Partage ▸ Partenaires et clés…</translation>
    </message>
    <message>
        <source>{label} ({org}, not in your partner directory)</source>
        <translation>{label} ({org}, absent de votre répertoire de partenaires)</translation>
    </message>
    <message>
        <source>key revoked</source>
        <translation>clé révoquée</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>Rien n&apos;a été modifié : {reason}</translation>
    </message>
</context>
<context>
    <name>EnumWidget</name>
    <message>
        <source>(any)</source>
        <translation>(tous)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>HumanOps — an error happened</source>
        <translation>HumanOps — une erreur s&apos;est produite</translation>
    </message>
    <message>
        <source>What you saved is safe: every edit is saved as it is made, and the task that failed did not finish. You can go on working; if it happens again, send a problem report.</source>
        <translation>Ce que vous avez enregistré est en sécurité : chaque modification est enregistrée au moment où elle est faite, et la tâche qui a échoué ne s&apos;est pas terminée. Vous pouvez continuer à travailler ; si cela se reproduit, envoyez un rapport de problème.</translation>
    </message>
    <message>
        <source>The details are in the log file:
{path}</source>
        <translation>Les détails sont dans le fichier journal :
{path}</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Afficher les détails</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Copy the error, the versions and the log path, to paste in a message</source>
        <translation>Copier l&apos;erreur, les versions et le chemin du journal, à coller dans un message</translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation>Signaler un problème…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>Enregistrer un zip des fichiers journaux et des versions à envoyer à votre contact d&apos;assistance (ni espace de travail, ni clés, ni entités)</translation>
    </message>
    <message>
        <source> (while: {where})</source>
        <translation> (pendant : {where})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong{where}.&lt;/b&gt;&lt;br&gt;{summary}</source>
        <translation>&lt;b&gt;Un problème est survenu{where}.&lt;/b&gt;&lt;br&gt;{summary}</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the details and the log.</source>
        <translation>
            <numerusform>%n autre erreur s&apos;est produite depuis ; elle figure dans les détails et le journal.</numerusform>
            <numerusform>%n autres erreurs se sont produites depuis ; elles figurent dans les détails et le journal.</numerusform>
        </translation>
    </message>
    <message>
        <source>The details are copied: paste them in a message to your support contact.</source>
        <translation>Les détails sont copiés : collez-les dans un message à votre contact d&apos;assistance.</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Masquer les détails</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>thread {name}</source>
        <translation>fil d&apos;exécution {name}</translation>
    </message>
    <message>
        <source>a background thread</source>
        <translation>un fil d&apos;exécution en arrière-plan</translation>
    </message>
</context>
<context>
    <name>ExerciseBanner</name>
    <message>
        <source>EXERCISE — {name}</source>
        <translation>EXERCICE — {name}</translation>
    </message>
    <message>
        <source>This workspace is an exercise: everything made from it is marked so, and it never exchanges packages with real workspaces.</source>
        <translation>Cet espace de travail est un exercice : tout ce qui en sort est marqué comme tel, et il n’échange jamais de paquets avec des espaces de travail réels.</translation>
    </message>
</context>
<context>
    <name>ExerciseClock</name>
    <message>
        <source>Scenario clock of the exercise: validity, expiry and alerts follow it</source>
        <translation>Horloge du scénario de l’exercice : validité, expiration et alertes la suivent</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>Régler…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>Régler l&apos;heure du scénario, l&apos;accélération, ou le mettre en pause</translation>
    </message>
    <message>
        <source>Scenario clock…</source>
        <translation>Horloge du scénario…</translation>
    </message>
    <message>
        <source>Scenario clock unreadable: set it with humanops exercise clock --start</source>
        <translation>Horloge du scénario illisible : réglez-la avec humanops exercise clock --start</translation>
    </message>
    <message>
        <source>×{speed}</source>
        <translation>×{speed}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>Exercise {elapsed} · {time} · {state}</source>
        <translation>Exercice {elapsed} · {time} · {state}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Run the scenario clock again</source>
        <translation>Relancer l’horloge du scénario</translation>
    </message>
    <message>
        <source>Stop the scenario clock where it is</source>
        <translation>Arrêter l’horloge du scénario là où elle est</translation>
    </message>
</context>
<context>
    <name>ExerciseMenu</name>
    <message>
        <source>E&amp;xercise</source>
        <translation>E&amp;xercice</translation>
    </message>
    <message>
        <source>Scenario &amp;clock…</source>
        <translation>&amp;Horloge du scénario…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>Régler l&apos;heure du scénario, l&apos;accélération, ou le mettre en pause</translation>
    </message>
    <message>
        <source>&amp;Decision report…</source>
        <translation>Rapport des &amp;décisions…</translation>
    </message>
    <message>
        <source>Per inject and organisation, the time to see, alert, decide and inform (HTML or PDF)</source>
        <translation>Par inject et par organisation, le temps pour voir, alerter, décider et informer (HTML ou PDF)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>taking a consistent copy of the workspace</source>
        <translation>copie cohérente de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>where to write: .gpkg, .geojson, .csv or .kml</source>
        <translation>où écrire : .gpkg, .geojson, .csv ou .kml</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>One file per layer, named after it (FILE_layer)</source>
        <translation>Un fichier par couche, nommé d&apos;après elle (FICHIER_couche)</translation>
    </message>
    <message>
        <source>One file with a &apos;layer&apos; column (import splits it again)</source>
        <translation>Un seul fichier avec une colonne « layer » (l&apos;import le redécoupe)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Several layers</source>
        <translation>Plusieurs couches</translation>
    </message>
    <message>
        <source>GeoPackage, styled for QGIS (*.gpkg)</source>
        <translation>GeoPackage, avec styles pour QGIS (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON, one layer (*.geojson)</source>
        <translation>GeoJSON, une couche (*.geojson)</translation>
    </message>
    <message>
        <source>CSV with HXL tags, one layer (*.csv)</source>
        <translation>CSV avec étiquettes HXL, une couche (*.csv)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Choisissez un fichier.</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Choisissez au moins une couche.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>The file must end in .gpkg, .geojson, .csv or .kml.</source>
        <translation>Le fichier doit se terminer par .gpkg, .geojson, .csv ou .kml.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) are marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</source>
        <translation>
            <numerusform>%Ln entité est marquée au-dessus de TLP:CLEAR ({levels}). Un fichier ordinaire n&apos;applique aucun marquage : gardez-le pour vos propres outils, et partagez avec les partenaires par un paquet d&apos;échange.</numerusform>
            <numerusform>%Ln entités sont marquées au-dessus de TLP:CLEAR ({levels}). Un fichier ordinaire n&apos;applique aucun marquage : gardez-le pour vos propres outils, et partagez avec les partenaires par un paquet d&apos;échange.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Exporté vers {file}</translation>
    </message>
    <message>
        <source>Export failed, no file was written: {reason}</source>
        <translation>L&apos;export a échoué, aucun fichier n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Annulé : aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>FailureNotices</name>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Signaler un problème…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>Enregistrer un zip des fichiers journaux et des versions à envoyer à votre contact d&apos;assistance (ni espace de travail, ni clés, ni entités)</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of HumanOps failed to load</source>
        <translation>
            <numerusform>%n partie de HumanOps n&apos;a pas pu être chargée</numerusform>
            <numerusform>%n parties de HumanOps n&apos;ont pas pu être chargées</numerusform>
        </translation>
    </message>
    <message>
        <source>{text}: details…</source>
        <translation>{text} : détails…</translation>
    </message>
    <message>
        <source>Could not load {names}: their menus and panels are missing; the rest works. Help menu for details.</source>
        <translation>Impossible de charger {names} : leurs menus et panneaux manquent ; le reste fonctionne. Détails dans le menu Aide.</translation>
    </message>
    <message>
        <source>The log file has the details: {path}</source>
        <translation>Le fichier journal contient les détails : {path}</translation>
    </message>
    <message>
        <source>No log file is written.</source>
        <translation>Aucun fichier journal n&apos;est écrit.</translation>
    </message>
    <message>
        <source>&lt;p&gt;These parts could not be loaded, so their menus, panels and toolbars are missing:&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;The rest of HumanOps works. Reinstalling usually helps; if not, send a problem report (Help → Report a problem…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ces parties n&apos;ont pas pu être chargées ; leurs menus, panneaux et barres d&apos;outils manquent donc :&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;Le reste de HumanOps fonctionne. Une réinstallation aide en général ; sinon, envoyez un rapport de problème (Aide → Signaler un problème…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Parts of HumanOps failed to load</source>
        <translation>Des parties de HumanOps n&apos;ont pas pu être chargées</translation>
    </message>
    <message>
        <source>{title} failed to load: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>{title} n&apos;a pas pu être chargé : {reason}. La couche est signalée dans le panneau Couches, avec Réessayer.</translation>
    </message>
    <message>
        <source>{title} failed to draw: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>{title} n&apos;a pas pu être dessiné : {reason}. La couche est signalée dans le panneau Couches, avec Réessayer.</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Select one feature on the map or in the table to see its fields.</source>
        <translation>Sélectionnez une entité sur la carte ou dans la table pour voir ses champs.</translation>
    </message>
    <message>
        <source>Store the changed fields as a new version (undoable)</source>
        <translation>Enregistrer les champs modifiés comme nouvelle version (annulable)</translation>
    </message>
    <message>
        <source>Editors…</source>
        <translation>Éditeurs…</translation>
    </message>
    <message>
        <source>The organisations that may change this feature&apos;s fields and geometry with its originator</source>
        <translation>Les organisations autorisées à modifier les champs et la géométrie de cette entité avec son émetteur</translation>
    </message>
    <message>
        <source>Editors may change its fields and geometry with its originator; only the originator sets the marking, names editors or deletes it</source>
        <translation>Les éditeurs peuvent modifier ses champs et sa géométrie avec son émetteur ; seul l&apos;émetteur fixe le marquage, désigne les éditeurs ou la supprime</translation>
    </message>
    <message>
        <source>Propose…</source>
        <translation>Proposer…</translation>
    </message>
    <message>
        <source>Send the changed fields to the feature&apos;s originator as a proposal (undoable)</source>
        <translation>Envoyer les champs modifiés à l&apos;émetteur de l&apos;entité comme proposition (annulable)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {originator}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, de {originator}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</translation>
    </message>
</context>
<context>
    <name>FeatureTableModel</name>
    <message>
        <source>Releasable to</source>
        <translation>Diffusable à</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restrictions</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Originator</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>set</source>
        <translation>renseigné</translation>
    </message>
    <message>
        <source>Untick to leave the field empty</source>
        <translation>Décochez pour laisser le champ vide</translation>
    </message>
    <message>
        <source>{value} cannot be shown here</source>
        <translation>{value} ne peut pas être affiché ici</translation>
    </message>
    <message>
        <source>{reason} (as stored): choose a valid value</source>
        <translation>{reason} (valeur enregistrée) : choisissez une valeur valide</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>HumanOps — start</source>
        <translation>HumanOps — démarrage</translation>
    </message>
    <message>
        <source>Welcome to HumanOps</source>
        <translation>Bienvenue dans HumanOps</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>Bon retour</translation>
    </message>
    <message>
        <source>HumanOps keeps a common operational picture of a response — danger zones, corridors, civilian needs and facilities — in one workspace file, and shares it with partners in signed, encrypted packages that respect each feature&apos;s marking. Nothing needs a network.</source>
        <translation>HumanOps tient une image opérationnelle commune d&apos;une réponse — zones de danger, couloirs, besoins des civils et sites — dans un seul fichier d&apos;espace de travail, et la partage avec les partenaires en paquets signés et chiffrés qui respectent le marquage de chaque entité. Rien n&apos;exige de réseau.</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espaces de travail récents</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Forget the ones not found</source>
        <translation>Oublier ceux introuvables</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Ouvrir la démo</translation>
    </message>
    <message>
        <source>A fresh copy of Kavera, a fictional region, with three partners and their own workspaces beside it, to try everything: drawing, planning, sending and receiving packages.</source>
        <translation>Une copie neuve de Kavera, une région fictive, avec trois partenaires et leurs propres espaces de travail à côté, pour tout essayer : dessiner, planifier, envoyer et recevoir des paquets.</translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation>Créer un nouvel espace de travail</translation>
    </message>
    <message>
        <source>For your organisation: its id and name, its keys, and the response&apos;s sharing protocol if there is one.</source>
        <translation>Pour votre organisation : son identifiant et son nom, ses clés, et le protocole de partage de la réponse s&apos;il y en a un.</translation>
    </message>
    <message>
        <source>Open an existing workspace</source>
        <translation>Ouvrir un espace de travail existant</translation>
    </message>
    <message>
        <source>A workspace file (.gpkg) made by HumanOps: yours, or a copy from a colleague.</source>
        <translation>Un fichier d&apos;espace de travail (.gpkg) créé par HumanOps : le vôtre, ou une copie d&apos;un collègue.</translation>
    </message>
    <message>
        <source>Continue without a workspace</source>
        <translation>Continuer sans espace de travail</translation>
    </message>
    <message>
        <source>{0}  (not found)</source>
        <translation>{0}  (introuvable)</translation>
    </message>
    <message>
        <source>{0} was moved or deleted.</source>
        <translation>{0} a été déplacé ou supprimé.</translation>
    </message>
    <message>
        <source>{0} is not there any more (moved or deleted): it was taken off the list.</source>
        <translation>{0} n&apos;est plus là (déplacé ou supprimé) : il a été retiré de la liste.</translation>
    </message>
    <message>
        <source>The workspaces not found were taken off the list.</source>
        <translation>Les espaces de travail introuvables ont été retirés de la liste.</translation>
    </message>
    <message>
        <source>Where should the demo go?</source>
        <translation>Où placer la démo ?</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espace de travail GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>{0} exists already: choose a new name for the demo (nothing is overwritten).</source>
        <translation>{0} existe déjà : choisissez un nouveau nom pour la démo (rien n&apos;est écrasé).</translation>
    </message>
    <message>
        <source>Writing the demo to {0}…</source>
        <translation>Écriture de la démo dans {0}…</translation>
    </message>
    <message>
        <source>The demo&apos;s keys have the passphrase “{0}” (Sharing menu).</source>
        <translation>Les clés de la démo ont la phrase secrète « {0} » (menu Partage).</translation>
    </message>
    <message>
        <source>The partners&apos; own workspaces are in {0}.</source>
        <translation>Les espaces de travail des partenaires sont dans {0}.</translation>
    </message>
    <message>
        <source>The demo was not written: {0}</source>
        <translation>La démo n&apos;a pas été écrite : {0}</translation>
    </message>
    <message>
        <source>Cancelled: no demo was written.</source>
        <translation>Annulé : aucune démo n&apos;a été écrite.</translation>
    </message>
    <message>
        <source>Writing the demo</source>
        <translation>Écriture de la démo</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>Espace de travail GeoPackage (*.gpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{0} is a GeoPackage, but not a HumanOps workspace: create a workspace, then import it (File › Import).</source>
        <translation>{0} est un GeoPackage, mais pas un espace de travail HumanOps : créez un espace de travail, puis importez-le (Fichier › Importer).</translation>
    </message>
    <message>
        <source>{0} is not a HumanOps workspace (not a GeoPackage, or not readable).</source>
        <translation>{0} n&apos;est pas un espace de travail HumanOps (pas un GeoPackage, ou illisible).</translation>
    </message>
    <message>
        <source>No workspace open: File › Open recent, Open workspace (Ctrl+O) or New workspace (Ctrl+N).</source>
        <translation>Aucun espace de travail ouvert : Fichier › Ouvrir un fichier récent, Ouvrir un espace de travail (Ctrl+O) ou Nouvel espace de travail (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>FrameModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Geodata (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;CAP alerts and feeds (*.cap *.xml *.atom *.rss);;Cursor on Target (*.cot *.xml);;All files (*)</source>
        <translation>Données géographiques (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;Alertes et flux CAP (*.cap *.xml *.atom *.rss);;Cursor on Target (CoT) (*.cot *.xml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>GeoJSON, GeoPackage, CSV with HXL tags, KML or zipped Shapefile</source>
        <translation>GeoJSON, GeoPackage, CSV avec étiquettes HXL, KML ou Shapefile zippé</translation>
    </message>
    <message>
        <source>Automatic (from the file&apos;s layer names and fields)</source>
        <translation>Automatique (d&apos;après les noms de couches et les champs du fichier)</translation>
    </message>
    <message>
        <source>Import the valid features and skip the rejected ones</source>
        <translation>Importer les entités valides et ignorer celles qui sont rejetées</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Into layer</source>
        <translation>Dans la couche</translation>
    </message>
    <message>
        <source>Choose a file, then Check to see what the import would do. Nothing is written until you press Import.</source>
        <translation>Choisissez un fichier, puis Vérifier pour voir ce que ferait l&apos;import. Rien n&apos;est écrit avant que vous appuyiez sur Importer.</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Rapport d&apos;import</translation>
    </message>
    <message>
        <source>Read the file and report what would be imported (dry run)</source>
        <translation>Lire le fichier et indiquer ce qui serait importé (essai à blanc)</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>Profile {name} saved in the workspace.</source>
        <translation>Profil {name} enregistré dans l&apos;espace de travail.</translation>
    </message>
    <message>
        <source>Profile not saved: {reason}</source>
        <translation>Profil non enregistré : {reason}</translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>Enregistrement du profil</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>Check failed, nothing was written: {reason}</source>
        <translation>La vérification a échoué, rien n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Import failed, nothing was written: {reason}</source>
        <translation>L&apos;import a échoué, rien n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>Vérification du fichier</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>read {read}, would import {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>lues {read}, importerait {imported}, réparées {repaired}, rejetées {rejected}</translation>
    </message>
    <message>
        <source>read {read}, imported {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>lues {read}, importées {imported}, réparées {repaired}, rejetées {rejected}</translation>
    </message>
    <message>
        <source>Nothing would be written: {reason}</source>
        <translation>Rien ne serait écrit : {reason}</translation>
    </message>
    <message>
        <source>Ready to import: {counts}. Press Import to write.</source>
        <translation>Prêt à importer : {counts}. Appuyez sur Importer pour écrire.</translation>
    </message>
    <message>
        <source>Imported: {counts}. Each feature is stored with its marking.</source>
        <translation>Importé : {counts}. Chaque entité est enregistrée avec son marquage.</translation>
    </message>
    <message>
        <source>source CRS {crs}</source>
        <translation>SCR source {crs}</translation>
    </message>
    <message>
        <source>Matched fields ({n})</source>
        <translation>Champs reconnus ({n})</translation>
    </message>
    <message>
        <source>Unmapped columns, not imported ({n})</source>
        <translation>Colonnes sans correspondance, non importées ({n})</translation>
    </message>
    <message>
        <source>Defaulted</source>
        <translation>Valeurs par défaut</translation>
    </message>
    <message>
        <source>Missing required fields: {fields}</source>
        <translation>Champs obligatoires manquants : {fields}</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>remarque : {note}</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>refusé : {reason}</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>Problèmes ({n})</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <source>repaired</source>
        <translation>réparée</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… et {n} de plus</translation>
    </message>
    <message>
        <source>skipped source layer {name}: {reason}</source>
        <translation>couche source ignorée {name} : {reason}</translation>
    </message>
</context>
<context>
    <name>InjectPanel</name>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>due</source>
        <translation>à jouer</translation>
    </message>
    <message>
        <source>played</source>
        <translation>joué</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sauté</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Open injects…</source>
        <translation>Ouvrir les injects…</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Run the scenario clock and play each inject as it falls due</source>
        <translation>Faire tourner l&apos;horloge du scénario et jouer chaque inject à son échéance</translation>
    </message>
    <message>
        <source>Skip next</source>
        <translation>Sauter le suivant</translation>
    </message>
    <message>
        <source>Play next now</source>
        <translation>Jouer le suivant maintenant</translation>
    </message>
    <message>
        <source>Injects are played in an exercise workspace (humanops exercise init).</source>
        <translation>Les injects se jouent dans un espace de travail d&apos;exercice (humanops exercise init).</translation>
    </message>
    <message>
        <source>Open the exercise&apos;s inject file (TOML).</source>
        <translation>Ouvrez le fichier d&apos;injects de l&apos;exercice (TOML).</translation>
    </message>
    <message>
        <source>Open injects</source>
        <translation>Ouvrir les injects</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>Fichiers d&apos;injects (*.toml)</translation>
    </message>
    <message>
        <source>{n} injects from {file}</source>
        <translation>{n} injects de {file}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Skipped {inject}</source>
        <translation>{inject} sauté</translation>
    </message>
    <message>
        <source>Play injects</source>
        <translation>Jouer les injects</translation>
    </message>
    <message>
        <source>The injects&apos; packages are signed with your organisation&apos;s keys.</source>
        <translation>Les paquets des injects sont signés avec les clés de votre organisation.</translation>
    </message>
    <message>
        <source>Not played: no passphrase given.</source>
        <translation>Non joué : aucune phrase secrète donnée.</translation>
    </message>
    <message>
        <source>The package for {org} is imported into its exercise workspace {file}, opened with {org}&apos;s keys: type {org}&apos;s passphrase (asked once for this session).</source>
        <translation>Le paquet pour {org} est importé dans son espace de travail d&apos;exercice {file}, ouvert avec les clés de {org} : tapez la phrase secrète de {org} (demandée une fois pour cette session).</translation>
    </message>
    <message>
        <source>Not played: no passphrase given for {org}.</source>
        <translation>Non joué : aucune phrase secrète donnée pour {org}.</translation>
    </message>
    <message>
        <source>Played: {injects}</source>
        <translation>Joué : {injects}</translation>
    </message>
</context>
<context>
    <name>KeyboardShortcutsWindow</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Filter: an action, a menu or a key</source>
        <translation>Filtrer : une action, un menu ou une touche</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Toolbars and the map</source>
        <translation>Barres d’outils et carte</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Draw the selected layer higher (above others)</source>
        <translation>Dessiner la couche sélectionnée plus haut (au-dessus des autres)</translation>
    </message>
    <message>
        <source>Draw the selected layer lower</source>
        <translation>Dessiner la couche sélectionnée plus bas</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>Zoomer sur la couche</translation>
    </message>
    <message>
        <source>Zoom the map to the selected layer</source>
        <translation>Zoomer la carte sur la couche sélectionnée</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Read the selected layer again: it failed to load</source>
        <translation>Relire la couche sélectionnée : son chargement a échoué</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>Opacité de la couche sélectionnée</translation>
    </message>
    <message>
        <source>size: {field} (up to {value})</source>
        <translation>taille : {field} (jusqu&apos;à {value})</translation>
    </message>
    <message>
        <source>band: true {field}</source>
        <translation>bande : {field} réelle</translation>
    </message>
    <message>
        <source>Counting features</source>
        <translation>Comptage des entités</translation>
    </message>
    <message>
        <source>failed to draw</source>
        <translation>affichage impossible</translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation>chargement impossible</translation>
    </message>
    <message>
        <source>{title} — {state}</source>
        <translation>{title} — {state}</translation>
    </message>
    <message>
        <source>FAILED: {title} {state}.
Reason: {reason}

The map is missing or out of date for this layer: no {title_lower} on the map does not mean there are none.
Right-click → Retry loading, or the Retry button below. The log has the details.</source>
        <translation>ÉCHEC : {title} {state}.
Raison : {reason}

La carte est incomplète ou périmée pour cette couche : l&apos;absence de {title_lower} sur la carte ne veut pas dire qu&apos;il n&apos;y en a pas.
Clic droit → Réessayer le chargement, ou le bouton Réessayer ci-dessous. Le journal contient les détails.</translation>
    </message>
    <message>
        <source>{title} — retrying…</source>
        <translation>{title} — nouvel essai…</translation>
    </message>
    <message>
        <source>Retry loading</source>
        <translation>Réessayer le chargement</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Draw danger zone</source>
        <translation>Tracer une zone de danger</translation>
    </message>
    <message>
        <source>+ danger zone</source>
        <translation>+ zone de danger</translation>
    </message>
    <message>
        <source>Draw corridor</source>
        <translation>Tracer un couloir</translation>
    </message>
    <message>
        <source>+ corridor</source>
        <translation>+ couloir</translation>
    </message>
    <message>
        <source>Draw need</source>
        <translation>Placer un besoin</translation>
    </message>
    <message>
        <source>+ need</source>
        <translation>+ besoin</translation>
    </message>
    <message>
        <source>Draw facility</source>
        <translation>Placer un site</translation>
    </message>
    <message>
        <source>+ facility</source>
        <translation>+ site</translation>
    </message>
    <message>
        <source>Draw incident</source>
        <translation>Placer un incident</translation>
    </message>
    <message>
        <source>+ incident</source>
        <translation>+ incident</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Nouvel espace de travail…</translation>
    </message>
    <message>
        <source>Create an empty workspace file</source>
        <translation>Créer un fichier d&apos;espace de travail vide</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>Open a workspace GeoPackage</source>
        <translation>Ouvrir un GeoPackage d&apos;espace de travail</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>Ouvrir une base d&apos;é&amp;quipe…</translation>
    </message>
    <message>
        <source>Open a workspace in a PostgreSQL/PostGIS database the team shares</source>
        <translation>Ouvrir un espace de travail dans une base PostgreSQL/PostGIS partagée par l&apos;équipe</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Edits are saved as they are made; this folds the journal into the file</source>
        <translation>Les modifications sont enregistrées au fur et à mesure ; ceci intègre le journal dans le fichier</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…</source>
        <translation>Importer GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Export layers to a file</source>
        <translation>Exporter des couches vers un fichier</translation>
    </message>
    <message>
        <source>Export &amp;map image…</source>
        <translation>Exporter l&apos;image de la &amp;carte…</translation>
    </message>
    <message>
        <source>The map as shown, as a PNG or PDF with its TLP banner, legend and scale</source>
        <translation>La carte telle qu&apos;elle est affichée, en PNG ou en PDF, avec son bandeau TLP, sa légende et son échelle</translation>
    </message>
    <message>
        <source>Situation re&amp;port…</source>
        <translation>Rapport de si&amp;tuation…</translation>
    </message>
    <message>
        <source>A PDF report for a partner: map, exposure, corridors, needs, alerts</source>
        <translation>Un rapport PDF pour un partenaire : carte, exposition, corridors, besoins, alertes</translation>
    </message>
    <message>
        <source>&amp;Briefing map…</source>
        <translation>Carte de &amp;briefing…</translation>
    </message>
    <message>
        <source>One HTML file of what a partner may see, to open in any browser with no network</source>
        <translation>Un seul fichier HTML de ce qu&apos;un partenaire peut voir, à ouvrir dans n&apos;importe quel navigateur sans réseau</translation>
    </message>
    <message>
        <source>&amp;TAK data package…</source>
        <translation>Paquet de données T&amp;AK…</translation>
    </message>
    <message>
        <source>What a partner may see, as a data package for its ATAK or WinTAK teams</source>
        <translation>Ce qu&apos;un partenaire peut voir, en paquet de données pour ses équipes ATAK ou WinTAK</translation>
    </message>
    <message>
        <source>New e&amp;xercise…</source>
        <translation>Nouvel e&amp;xercice…</translation>
    </message>
    <message>
        <source>Copy this workspace as an exercise: flagged everywhere, isolated from real data, on its own scenario clock</source>
        <translation>Copier cet espace de travail comme exercice : signalé partout, isolé des données réelles, sur sa propre horloge de scénario</translation>
    </message>
    <message>
        <source>S&amp;ync with the team database</source>
        <translation>S&amp;ynchroniser avec la base de l’équipe</translation>
    </message>
    <message>
        <source>&amp;Close workspace</source>
        <translation>&amp;Fermer l&apos;espace de travail</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;Delete selected features</source>
        <translation>&amp;Supprimer les entités sélectionnées</translation>
    </message>
    <message>
        <source>Delete the selected features (undoable)</source>
        <translation>Supprimer les entités sélectionnées (annulable)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>Select every feature of the current layer</source>
        <translation>Sélectionner toutes les entités de la couche courante</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Effacer la sélection</translation>
    </message>
    <message>
        <source>Cancel drawing</source>
        <translation>Annuler le tracé</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>Zoom sur l&apos;&amp;emprise totale</translation>
    </message>
    <message>
        <source>Show every layer</source>
        <translation>Afficher toutes les couches</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Zoom sur la &amp;sélection</translation>
    </message>
    <message>
        <source>Show the selected features</source>
        <translation>Afficher les entités sélectionnées</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <comment>toolbar</comment>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <comment>toolbar</comment>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>Full extent</source>
        <comment>toolbar</comment>
        <translation>Emprise totale</translation>
    </message>
    <message>
        <source>Selection</source>
        <comment>toolbar: zoom to the selection</comment>
        <translation>Sélection</translation>
    </message>
    <message>
        <source>Show &amp;markings</source>
        <translation>Afficher les &amp;marquages</translation>
    </message>
    <message>
        <source>Show each feature&apos;s TLP marking on the map</source>
        <translation>Afficher le marquage TLP de chaque entité sur la carte</translation>
    </message>
    <message>
        <source>R&amp;eplay…</source>
        <translation>Re&amp;jouer…</translation>
    </message>
    <message>
        <source>Play the workspace&apos;s recorded history on the map, read-only: the picture as it was at each moment something changed</source>
        <translation>Rejouer sur la carte l&apos;historique enregistré de l&apos;espace de travail, en lecture seule : la situation telle qu&apos;elle était à chaque moment où quelque chose a changé</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <source>Re-read the map and panels for changes made in other tools (QGIS, scripts) and check them</source>
        <translation>Relire la carte et les panneaux pour les modifications faites dans d&apos;autres outils (QGIS, scripts) et les vérifier</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Déplacer</translation>
    </message>
    <message>
        <source>Drag to move the map</source>
        <translation>Faites glisser pour déplacer la carte</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>&amp;Sélectionner</translation>
    </message>
    <message>
        <source>Click or drag a rectangle to select features</source>
        <translation>Cliquez ou tracez un rectangle pour sélectionner des entités</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>&amp;Identifier</translation>
    </message>
    <message>
        <source>Click a feature to see its fields</source>
        <translation>Cliquez sur une entité pour voir ses champs</translation>
    </message>
    <message>
        <source>Edit &amp;vertices</source>
        <translation>Modifier les &amp;sommets</translation>
    </message>
    <message>
        <source>Drag the vertices of the selected feature</source>
        <translation>Faites glisser les sommets de l&apos;entité sélectionnée</translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation>&amp;Accrochage</translation>
    </message>
    <message>
        <source>New and moved vertices snap to nearby vertices and roads</source>
        <translation>Les sommets nouveaux ou déplacés s&apos;accrochent aux sommets et routes proches</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>Mesurer une &amp;distance</translation>
    </message>
    <message>
        <source>Click points along a way: each segment and the total, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>Cliquez des points le long d’un trajet : chaque segment et le total, sur l’ellipsoïde ; double-clic ou Entrée termine, Échap efface</translation>
    </message>
    <message>
        <source>Distance</source>
        <comment>toolbar: measure a distance</comment>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>Mesurer une &amp;surface</translation>
    </message>
    <message>
        <source>Click the corners of an area: its area and perimeter, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>Cliquez les coins d’une zone : sa surface et son périmètre, sur l’ellipsoïde ; double-clic ou Entrée termine, Échap efface</translation>
    </message>
    <message>
        <source>Area</source>
        <comment>toolbar: measure an area</comment>
        <translation>Surface</translation>
    </message>
    <message>
        <source>then click on the map; Esc cancels</source>
        <translation>puis cliquez sur la carte ; Échap annule</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>Find a feature by its name, or go to a place: lat,lon, degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS</source>
        <translation>Trouver une entité par son nom, ou aller à un lieu : lat,lon, degrés (17°45&apos;30&quot;S 128°30&apos;E) ou MGRS</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>Réinitialiser la &amp;disposition</translation>
    </message>
    <message>
        <source>Put the panels and toolbars back where they were at first</source>
        <translation>Remettre les panneaux et les barres d’outils à leur place d’origine</translation>
    </message>
    <message>
        <source>Reopen the last workspace at start</source>
        <translation>Rouvrir le dernier espace de travail au démarrage</translation>
    </message>
    <message>
        <source>Open the workspace used last when HumanOps starts, if it is still there; otherwise the start page</source>
        <translation>Ouvrir le dernier espace de travail utilisé au démarrage de HumanOps, s’il est toujours là ; sinon la page d’accueil</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guide de l’utilisateur</translation>
    </message>
    <message>
        <source>How to use HumanOps, in short</source>
        <translation>Comment utiliser HumanOps, en bref</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Every shortcut of the app, from its menus</source>
        <translation>Tous les raccourcis de l’application, tirés de ses menus</translation>
    </message>
    <message>
        <source>&amp;About HumanOps</source>
        <translation>À &amp;propos de HumanOps</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Ouvrir un fichier &amp;récent</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;Couche</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barre d&apos;outils principale</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Tracé</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Takes effect when HumanOps restarts</source>
        <translation>Prend effet au redémarrage de HumanOps</translation>
    </message>
    <message>
        <source>HumanOps will start in {language} next time.</source>
        <translation>HumanOps démarrera en {language} la prochaine fois.</translation>
    </message>
    <message>
        <source>For now {variable}={value} decides the language: it overrides this choice.</source>
        <translation>Pour l&apos;instant {variable}={value} fixe la langue : il l&apos;emporte sur ce choix.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>window hook {name}</source>
        <translation>extension de fenêtre {name}</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>Marquage</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Table attributaire</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>panel “{title}”</source>
        <translation>panneau « {title} »</translation>
    </message>
    <message>
        <source>Cursor position, WGS 84</source>
        <translation>Position du curseur, WGS 84</translation>
    </message>
    <message>
        <source>Cursor position on the military grid (MGRS), or UTM</source>
        <translation>Position du curseur sur le quadrillage militaire (MGRS), ou UTM</translation>
    </message>
    <message>
        <source>Map scale at the centre of the view</source>
        <translation>Échelle de la carte au centre de la vue</translation>
    </message>
    <message>
        <source>{name} stays open.</source>
        <translation>{name} reste ouvert.</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Impossible d&apos;ouvrir l&apos;espace de travail</translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s), organisation {org}.</source>
        <translation>
            <numerusform>{name} ouvert : %Ln entité, organisation {org}.</numerusform>
            <numerusform>{name} ouvert : %Ln entités, organisation {org}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s).</source>
        <translation>
            <numerusform>{name} ouvert : %Ln entité.</numerusform>
            <numerusform>{name} ouvert : %Ln entités.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>Espace de travail GeoPackage (*.gpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in the team database the moment it is made.</source>
        <translation>Enregistré. Chaque modification est stockée dans la base d&apos;équipe dès qu&apos;elle est faite.</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in {name} the moment it is made; the file is complete on its own (copy it, send it, open it in QGIS).</source>
        <translation>Enregistré. Chaque modification est stockée dans {name} dès qu&apos;elle est faite ; le fichier est complet à lui seul (copiez-le, envoyez-le, ouvrez-le dans QGIS).</translation>
    </message>
    <message>
        <source>a drawing that is not finished</source>
        <translation>un dessin non terminé</translation>
    </message>
    <message>
        <source>a new feature whose form is not yet confirmed</source>
        <translation>une nouvelle entité dont le formulaire n&apos;est pas encore confirmé</translation>
    </message>
    <message>
        <source>changed fields not yet applied</source>
        <translation>des champs modifiés pas encore appliqués</translation>
    </message>
    <message>
        <source>a changed marking not yet applied</source>
        <translation>un marquage modifié pas encore appliqué</translation>
    </message>
    <message>
        <source>Unsaved work</source>
        <translation>Travail non enregistré</translation>
    </message>
    <message>
        <source>There is {items}.

Save it before closing?</source>
        <translation>Non enregistré : {items}.

Enregistrer avant de fermer ?</translation>
    </message>
    <message>
        <source>; </source>
        <translation> ; </translation>
    </message>
    <message>
        <source>The new feature&apos;s form has a problem: fix it or discard it, then close again.</source>
        <translation>Le formulaire de la nouvelle entité a un problème : corrigez-le ou abandonnez-le, puis fermez à nouveau.</translation>
    </message>
    <message>
        <source>Confirm the new feature&apos;s form, then close again.</source>
        <translation>Confirmez le formulaire de la nouvelle entité, puis fermez à nouveau.</translation>
    </message>
    <message>
        <source>The drawing has too few points to be saved: continue it or discard it.</source>
        <translation>Le dessin a trop peu de points pour être enregistré : continuez-le ou abandonnez-le.</translation>
    </message>
    <message>
        <source>The fields cannot be applied: see the message in the panel.</source>
        <translation>Les champs ne peuvent pas être appliqués : voir le message dans le panneau.</translation>
    </message>
    <message>
        <source>The marking cannot be applied: see the message in the panel.</source>
        <translation>Le marquage ne peut pas être appliqué : voir le message dans le panneau.</translation>
    </message>
    <message>
        <source>Answer the question about proposing your change first.</source>
        <translation>Répondez d&apos;abord à la question sur la proposition de votre modification.</translation>
    </message>
    <message>
        <source>The panels and toolbars are back in their first places.</source>
        <translation>Les panneaux et les barres d’outils sont revenus à leur place d’origine.</translation>
    </message>
    <message>
        <source>HumanOps will open the last workspace when it starts.</source>
        <translation>HumanOps ouvrira le dernier espace de travail au démarrage.</translation>
    </message>
    <message>
        <source>HumanOps will start on the start page.</source>
        <translation>HumanOps démarrera sur la page d’accueil.</translation>
    </message>
    <message>
        <source>Selected {feature} ({place} of {count} here: click again for the next, right-click to choose).</source>
        <translation>{feature} sélectionné ({place} sur {count} ici : cliquez à nouveau pour le suivant, clic droit pour choisir).</translation>
    </message>
    <message>
        <source>Selected {feature}.</source>
        <translation>{feature} sélectionné.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Selected %Ln feature(s) of {layer}.</source>
        <translation>
            <numerusform>%Ln entité de « {layer} » sélectionnée.</numerusform>
            <numerusform>%Ln entités de « {layer} » sélectionnées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapping to vertices and roads on.</source>
        <translation>Accrochage aux sommets et aux routes activé.</translation>
    </message>
    <message>
        <source>Snapping to vertices and roads off.</source>
        <translation>Accrochage aux sommets et aux routes désactivé.</translation>
    </message>
    <message>
        <source>Showing features of all times.</source>
        <translation>Affichage des entités de toutes les périodes.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) selected.</source>
        <translation>
            <numerusform>%Ln entité sélectionnée.</numerusform>
            <numerusform>%Ln entités sélectionnées.</numerusform>
        </translation>
    </message>
    <message>
        <source>The form cannot show this feature until the tool that wrote it fixes it: {reason}</source>
        <translation>Le formulaire ne peut pas afficher cette entité tant que l&apos;outil qui l&apos;a écrite ne l&apos;a pas corrigée : {reason}</translation>
    </message>
    <message>
        <source>The panel keeps your unapplied changes: Apply or Revert them.</source>
        <translation>Le panneau conserve vos modifications non appliquées : appliquez-les ou annulez-les.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln feature(s).</source>
        <translation>
            <numerusform>%Ln entité importée.</numerusform>
            <numerusform>%Ln entités importées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Map written to {file}.</source>
        <translation>Carte écrite dans {file}.</translation>
    </message>
    <message>
        <source>Situation report written to {file}.</source>
        <translation>Rapport de situation écrit dans {file}.</translation>
    </message>
    <message>
        <source>Briefing map written to {file}.</source>
        <translation>Carte de briefing écrite dans {file}.</translation>
    </message>
    <message>
        <source>TAK brief written to {file}.</source>
        <translation>Brief TAK écrit dans {file}.</translation>
    </message>
    <message>
        <source>internal error in “{entry}”: {error}: {message}</source>
        <translation>erreur interne dans « {entry} » : {error} : {message}</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>aucun ouvert</translation>
    </message>
    <message>
        <source>About HumanOps</source>
        <translation>À propos de HumanOps</translation>
    </message>
    <message>
        <source>&lt;p&gt;An offline common operational picture for the partners of a humanitarian response: danger zones, corridors, civilian needs and facilities, shared through signed, encrypted files that enforce TLP 2.0 markings.&lt;/p&gt;&lt;p&gt;Workspace: {workspace}&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Une situation opérationnelle commune, hors ligne, pour les partenaires d&apos;une réponse humanitaire : zones de danger, couloirs, besoins des civils et infrastructures, partagés au moyen de fichiers signés et chiffrés qui font respecter les marquages TLP 2.0.&lt;/p&gt;&lt;p&gt;Espace de travail : {workspace}&lt;/p&gt;&lt;p&gt;Sous licence Apache 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reopened {name}, the last workspace used (File › Reopen the last workspace at start).</source>
        <translation>{name} rouvert, le dernier espace de travail utilisé (Fichier › Rouvrir le dernier espace de travail au démarrage).</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>{layer} are still loading: click again in a moment to list these features.</source>
        <translation>{layer} sont encore en cours de chargement : cliquez de nouveau dans un instant pour lister ces entités.</translation>
    </message>
    <message>
        <source>Loading {layers}…</source>
        <translation>Chargement de {layers}…</translation>
    </message>
    <message>
        <source>{layer} failed to load</source>
        <translation>{layer} : chargement impossible</translation>
    </message>
    <message>
        <source>{layer} failed to draw</source>
        <translation>{layer} : affichage impossible</translation>
    </message>
    <message>
        <source>{failures}: the map may be missing some or all of them. See the Layers panel.</source>
        <translation>{failures} : la carte peut en manquer une partie ou la totalité. Voir le panneau Couches.</translation>
    </message>
    <message>
        <source>drawing the map ({part})</source>
        <translation>dessin de la carte ({part})</translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>Recipients can spread this to the world; there is no limit on disclosure.</source>
        <translation>Les destinataires peuvent diffuser ceci au monde entier ; la divulgation n&apos;a aucune limite.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can spread this within their community.</source>
        <translation>Divulgation limitée : les destinataires peuvent diffuser ceci au sein de leur communauté.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can only spread this on a need-to-know basis within their organisation and its clients.</source>
        <translation>Divulgation limitée : les destinataires ne peuvent diffuser ceci qu&apos;en fonction du besoin d&apos;en connaître, au sein de leur organisation et de ses clients.</translation>
    </message>
    <message>
        <source>Limited disclosure: restricted to the recipient&apos;s organisation only.</source>
        <translation>Divulgation limitée : réservée à la seule organisation du destinataire.</translation>
    </message>
    <message>
        <source>For the eyes and ears of individual recipients only; no further disclosure.</source>
        <translation>Pour les yeux et les oreilles des seuls destinataires individuels ; aucune divulgation ultérieure.</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>all times</source>
        <translation>toutes périodes</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>Réalisé le {time} par {who}</translation>
    </message>
    <message>
        <source>Made {time}</source>
        <translation>Réalisé le {time}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>Valide le {time}</translation>
    </message>
    <message>
        <source>the basemap</source>
        <translation>le fond de carte</translation>
    </message>
    <message>
        <source>the labels</source>
        <translation>les étiquettes</translation>
    </message>
    <message>
        <source>the markings</source>
        <translation>les marquages</translation>
    </message>
    <message>
        <source>{what} could not be drawn: {reason}</source>
        <translation>Impossible de dessiner {what} : {reason}</translation>
    </message>
    <message>
        <source>Made with HumanOps by {who} · valid at {time}</source>
        <translation>Réalisé avec HumanOps par {who} · valide le {time}</translation>
    </message>
    <message>
        <source>Made with HumanOps · valid at {time}</source>
        <translation>Réalisé avec HumanOps · valide le {time}</translation>
    </message>
    <message>
        <source>Basemap: {name} · Web Mercator</source>
        <translation>Fond de carte : {name} · Web Mercator</translation>
    </message>
    <message>
        <source>writing the PNG</source>
        <translation>écriture du PNG</translation>
    </message>
    <message>
        <source>could not write the PNG image (is the folder writable, the disk full?)</source>
        <translation>impossible d&apos;écrire l&apos;image PNG (le dossier est-il accessible en écriture, le disque plein ?)</translation>
    </message>
    <message>
        <source>written</source>
        <translation>écrit</translation>
    </message>
    <message>
        <source>writing the PDF</source>
        <translation>écriture du PDF</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <source>Export map image</source>
        <translation>Exporter l&apos;image de la carte</translation>
    </message>
    <message>
        <source>The map as it is shown now, with everything it draws: not filtered for a partner. The TLP banner of the highest marking drawn, the date and the valid-at time are always on it.</source>
        <translation>La carte telle qu&apos;elle est affichée maintenant, avec tout ce qu&apos;elle dessine : rien n&apos;est filtré pour un partenaire. Le bandeau TLP du marquage le plus élevé dessiné, la date et l&apos;heure de validité y figurent toujours.</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Image PNG</translation>
    </message>
    <message>
        <source>PDF document (one page)</source>
        <translation>Document PDF (une page)</translation>
    </message>
    <message>
        <source>Map of {workspace}</source>
        <translation>Carte de {workspace}</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>{dpi} dpi</source>
        <translation>{dpi} ppp</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>map at {dpi} dpi</source>
        <translation>carte à {dpi} ppp</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>Barre d&apos;échelle</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>Flèche du nord</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <source>where to write the map (.png or .pdf)</source>
        <translation>où écrire la carte (.png ou .pdf)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Inclure</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>Dessin de l&apos;aperçu…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>{title} failed to load: not on this map</source>
        <translation>{title} n&apos;a pas pu être chargé : absent de cette carte</translation>
    </message>
    <message>
        <source>Our map as shown: not filtered for any partner</source>
        <translation>Notre carte telle qu&apos;affichée : non filtrée pour un partenaire</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the map to</source>
        <translation>Exporter la carte vers</translation>
    </message>
    <message>
        <source>Waiting for {layers} to load…</source>
        <translation>En attente du chargement de {layers}…</translation>
    </message>
    <message>
        <source>Choose where to write the map.</source>
        <translation>Choisissez où écrire la carte.</translation>
    </message>
    <message>
        <source>Preview: TLP:{tlp}</source>
        <translation>Aperçu : TLP:{tlp}</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <translation>Dessin de la carte…</translation>
    </message>
    <message>
        <source>No map was written: {reason}</source>
        <translation>Aucune carte n&apos;a été écrite : {reason}</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes), marked TLP:{tlp}.</source>
        <translation>{file} écrit ({size} octets), marqué TLP:{tlp}.</translation>
    </message>
    <message>
        <source>Cancelled: no map was written.</source>
        <translation>Annulé : aucune carte n&apos;a été écrite.</translation>
    </message>
    <message>
        <source>Writing the map</source>
        <translation>Écriture de la carte</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>Select…</source>
        <translation>Sélectionner…</translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message>
        <source>(none: guess from the file)</source>
        <translation>(aucun : deviner d&apos;après le fichier)</translation>
    </message>
    <message>
        <source>Field mapping (required fields marked *)</source>
        <translation>Correspondance des champs (champs obligatoires marqués *)</translation>
    </message>
    <message>
        <source>name, e.g. kobo-shelters</source>
        <translation>nom, p. ex. kobo-abris</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Enregistrer le profil</translation>
    </message>
    <message>
        <source>Keep this mapping in the workspace for the next file of the same shape</source>
        <translation>Conserver cette correspondance dans l&apos;espace de travail pour le prochain fichier de même forme</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Preview: Check reads the file and shows its first rows as they would be imported.</source>
        <translation>Aperçu : Vérifier lit le fichier et montre ses premières lignes telles qu&apos;elles seraient importées.</translation>
    </message>
    <message numerus="yes">
        <source>Preview: the first %Ln row(s) as they would be imported (nothing is written until Import).</source>
        <translation>
            <numerusform>Aperçu : la première ligne (%Ln) telle(s) qu&apos;elle(s) serai(en)t importée(s) (rien n&apos;est écrit avant Importer).</numerusform>
            <numerusform>Aperçu : les %Ln premières lignes telle(s) qu&apos;elle(s) serai(en)t importée(s) (rien n&apos;est écrit avant Importer).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>(not imported)</source>
        <translation>(non importé)</translation>
    </message>
    <message>
        <source>(one value for all)</source>
        <translation>(une valeur pour toutes)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>From column</source>
        <translation>Depuis la colonne</translation>
    </message>
    <message>
        <source>Value for every feature</source>
        <translation>Valeur pour chaque entité</translation>
    </message>
    <message>
        <source>{name} ({type}), required</source>
        <translation>{name} ({type}), obligatoire</translation>
    </message>
    <message>
        <source>{name} ({type})</source>
        <translation>{name} ({type})</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
</context>
<context>
    <name>MarkingEditor</name>
    <message>
        <source>Anyone: no limit on disclosure.</source>
        <translation>Tout le monde : aucune limite de diffusion.</translation>
    </message>
    <message>
        <source>Members of the communities the originator shares with; not public.</source>
        <translation>Membres des communautés avec lesquelles l&apos;émetteur partage ; non public.</translation>
    </message>
    <message>
        <source>Only the organisations named below, and only to those who need to know.</source>
        <translation>Seulement les organisations nommées ci-dessous, et seulement aux personnes qui ont besoin d&apos;en connaître.</translation>
    </message>
    <message>
        <source>Only the organisations named below; they do not pass it on.</source>
        <translation>Seulement les organisations nommées ci-dessous ; elles ne le transmettent pas.</translation>
    </message>
    <message>
        <source>Only the named recipients, for their eyes: never passed on.</source>
        <translation>Seulement les destinataires nommés, pour eux seuls : jamais transmis.</translation>
    </message>
    <message>
        <source>No onward sharing</source>
        <translation>Pas de rediffusion</translation>
    </message>
    <message>
        <source>Recipients never pass it on, whatever its TLP level</source>
        <translation>Les destinataires ne le transmettent jamais, quel que soit son niveau TLP</translation>
    </message>
    <message>
        <source>No public release</source>
        <translation>Pas de publication</translation>
    </message>
    <message>
        <source>Never published, even in public briefings</source>
        <translation>Jamais publié, même dans les notes d&apos;information publiques</translation>
    </message>
    <message>
        <source>Protection-sensitive</source>
        <translation>Sensible (protection)</translation>
    </message>
    <message>
        <source>Data about people at risk: handle as protection data</source>
        <translation>Données sur des personnes à risque : à traiter comme données de protection</translation>
    </message>
    <message>
        <source>{name} ({id}, community)</source>
        <translation>{name} ({id}, communauté)</translation>
    </message>
    <message>
        <source>Organisations and communities this feature may be given to</source>
        <translation>Organisations et communautés auxquelles cette entité peut être remise</translation>
    </message>
    <message>
        <source>organisation or community ids, comma-separated</source>
        <translation>identifiants d&apos;organisations ou de communautés, séparés par des virgules</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacte</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>grille</translation>
    </message>
    <message>
        <source>admin area</source>
        <translation>zone administrative</translation>
    </message>
    <message>
        <source>Exact location, or generalised to a grid cell or an administrative area for those not entitled to the exact location</source>
        <translation>Emplacement exact, ou généralisé à une maille de grille ou à une zone administrative pour ceux qui n&apos;ont pas droit à l&apos;emplacement exact</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>m</translation>
    </message>
    <message>
        <source>no suppression</source>
        <translation>pas de suppression</translation>
    </message>
    <message>
        <source>withhold below</source>
        <translation>retenir en dessous de</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>Cells or areas with fewer people than this are withheld (k-anonymity)</source>
        <translation>Les mailles ou zones comptant moins de personnes que cela sont retenues (k-anonymat)</translation>
    </message>
    <message>
        <source>TLP 2.0 level</source>
        <translation>Niveau TLP 2.0</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>Diffusable à</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restrictions</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>other ids not in the directory, comma-separated</source>
        <translation>autres identifiants absents du répertoire, séparés par des virgules</translation>
    </message>
    <message>
        <source>No partner directory yet: type the ids.</source>
        <translation>Pas encore de répertoire de partenaires : saisissez les identifiants.</translation>
    </message>
    <message>
        <source>The expiry is in the past: the feature will no longer be shared with anyone.</source>
        <translation>L&apos;expiration est passée : l&apos;entité ne sera plus partagée avec personne.</translation>
    </message>
</context>
<context>
    <name>MarkingPanel</name>
    <message>
        <source>Select one feature to see and change its marking.</source>
        <translation>Sélectionnez une entité pour voir et modifier son marquage.</translation>
    </message>
    <message>
        <source>Store the new marking as a new version (undoable)</source>
        <translation>Enregistrer le nouveau marquage comme nouvelle version (annulable)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>Marking of &lt;b&gt;{name}&lt;/b&gt; — {kind}</source>
        <translation>Marquage de &lt;b&gt;{name}&lt;/b&gt; — {kind}</translation>
    </message>
    <message>
        <source>Keep the stricter marking for what you pass on (its originator&apos;s version is kept; undoable)</source>
        <translation>Garder le marquage plus strict pour ce que vous transmettez (la version de l&apos;émetteur est conservée ; annulable)</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation>Non autorisé : {reason}</translation>
    </message>
</context>
<context>
    <name>MeasureTool</name>
    <message>
        <source>{n} m</source>
        <translation>{n} m</translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation>{n} km</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n} m²</translation>
    </message>
    <message>
        <source>{n} ha</source>
        <translation>{n} ha</translation>
    </message>
    <message>
        <source>{n} km²</source>
        <translation>{n} km²</translation>
    </message>
    <message>
        <source>Area: click at least three corners (double-click or Enter ends, Esc clears).</source>
        <translation>Surface : cliquez au moins trois coins (double-clic ou Entrée termine, Échap efface).</translation>
    </message>
    <message>
        <source>Area {area} · perimeter {perimeter} (sides {segments})</source>
        <translation>Surface {area} · périmètre {perimeter} (côtés {segments})</translation>
    </message>
    <message>
        <source>Distance: click the next point (double-click or Enter ends, Esc clears).</source>
        <translation>Distance : cliquez le point suivant (double-clic ou Entrée termine, Échap efface).</translation>
    </message>
    <message>
        <source>Distance {total} (segments {segments})</source>
        <translation>Distance {total} (segments {segments})</translation>
    </message>
</context>
<context>
    <name>NewExerciseDialog</name>
    <message>
        <source>New exercise</source>
        <translation>Nouvel exercice</translation>
    </message>
    <message>
        <source>A copy of this workspace flagged as an exercise: “EXERCISE — name” on the map, the title bar and everything made from it; it never exchanges packages with real workspaces, and runs on its own scenario clock, paused at T+0 until you start it. This workspace is only read.</source>
        <translation>Une copie de cet espace de travail signalée comme exercice : « EXERCISE — nom » sur la carte, dans la barre de titre et sur tout ce qui en est tiré ; elle n&apos;échange jamais de paquets avec des espaces de travail réels et suit sa propre horloge de scénario, en pause à T+0 jusqu&apos;à ce que vous la démarriez. Cet espace de travail est seulement lu.</translation>
    </message>
    <message>
        <source>e.g. Kavera Flood 2026 (the same name for every participant)</source>
        <translation>p. ex. Kavera Flood 2026 (le même nom pour chaque participant)</translation>
    </message>
    <message>
        <source>The scenario time at T+0 (default: this workspace&apos;s own clock)</source>
        <translation>L&apos;heure du scénario à T+0 (par défaut : l&apos;horloge propre à cet espace de travail)</translation>
    </message>
    <message>
        <source>the new exercise workspace (.gpkg)</source>
        <translation>le nouvel espace de travail d&apos;exercice (.gpkg)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Controller</source>
        <translation>Contrôleur</translation>
    </message>
    <message>
        <source>Starts at (T+0)</source>
        <translation>Commence à (T+0)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Open the exercise</source>
        <translation>Ouvrir l&apos;exercice</translation>
    </message>
    <message>
        <source>Open the new exercise in this window (this workspace closes)</source>
        <translation>Ouvrir le nouvel exercice dans cette fenêtre (cet espace de travail se ferme)</translation>
    </message>
    <message>
        <source>{org} (us)</source>
        <translation>{org} (nous)</translation>
    </message>
    <message>
        <source>Write the exercise to</source>
        <translation>Écrire l&apos;exercice dans</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espace de travail GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>This workspace is the exercise “{name}”: an exercise is made from a real workspace or the demo, never from another exercise (its audit log, alerts and played injects would come along and be counted in the new exercise&apos;s report). Open the workspace it was made from.</source>
        <translation>Cet espace de travail est l&apos;exercice « {name} » : un exercice se fait à partir d&apos;un espace de travail réel ou de la démo, jamais d&apos;un autre exercice (son journal d&apos;audit, ses alertes et ses injects joués suivraient et seraient comptés dans le rapport du nouvel exercice). Ouvrez l&apos;espace de travail dont il a été tiré.</translation>
    </message>
    <message>
        <source>An exercise is copied from a workspace file (GeoPackage): copy a team database to a file first (humanops copy).</source>
        <translation>Un exercice se copie depuis un fichier d&apos;espace de travail (GeoPackage) : copiez d&apos;abord une base d&apos;équipe dans un fichier (humanops copy).</translation>
    </message>
    <message>
        <source>Give the exercise a name.</source>
        <translation>Donnez un nom à l&apos;exercice.</translation>
    </message>
    <message>
        <source>The name must be 1 to 80 printable characters on one line.</source>
        <translation>Le nom doit compter de 1 à 80 caractères imprimables sur une ligne.</translation>
    </message>
    <message>
        <source>Choose where to write the exercise.</source>
        <translation>Choisissez où écrire l&apos;exercice.</translation>
    </message>
    <message>
        <source>A workspace file must end in .gpkg.</source>
        <translation>Un fichier d&apos;espace de travail doit finir par .gpkg.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>{file} exists already: an exercise is written to a new file.</source>
        <translation>{file} existe déjà : un exercice s&apos;écrit dans un nouveau fichier.</translation>
    </message>
    <message>
        <source>Made {file}: {banner}, controller {controller}. Its scenario clock is paused at T+0: open it and press Resume (or Exercise › Scenario clock…) to start.</source>
        <translation>{file} créé : {banner}, contrôleur {controller}. Son horloge de scénario est en pause à T+0 : ouvrez-le et appuyez sur Reprendre (ou Exercice › Horloge du scénario…) pour démarrer.</translation>
    </message>
    <message>
        <source>No exercise was made: {reason}</source>
        <translation>Aucun exercice n&apos;a été créé : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no exercise was made.</source>
        <translation>Annulé : aucun exercice n&apos;a été créé.</translation>
    </message>
    <message>
        <source>Making the exercise</source>
        <translation>Création de l&apos;exercice</translation>
    </message>
</context>
<context>
    <name>NewFeatureDialog</name>
    <message>
        <source>at {lat}, {lon}</source>
        <translation>à {lat}, {lon}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln vertices</source>
        <translation>
            <numerusform>%Ln sommet</numerusform>
            <numerusform>%Ln sommets</numerusform>
        </translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>Nouvel élément : {kind}</translation>
    </message>
    <message>
        <source>&lt;b&gt;New {kind}&lt;/b&gt; ({where}). Fields marked * are required.</source>
        <translation>&lt;b&gt;Nouvel élément : {kind}&lt;/b&gt; ({where}). Les champs marqués * sont obligatoires.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Marking (the layer&apos;s default)</source>
        <translation>Marquage (par défaut de la couche)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>Nouvel espace de travail</translation>
    </message>
    <message>
        <source>A workspace is one GeoPackage file holding your layers, partners and keys. It also opens in QGIS.</source>
        <translation>Un espace de travail est un fichier GeoPackage unique contenant vos couches, partenaires et clés. Il s&apos;ouvre aussi dans QGIS.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>p. ex. medaid</translation>
    </message>
    <message>
        <source>The originator of every feature you draw: only an originator changes its features. Partners know you by it.</source>
        <translation>L&apos;émetteur de chaque entité que vous tracez : seul un émetteur modifie ses entités. Les partenaires vous connaissent par lui.</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>p. ex. MedAid Relief</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>Identifiant de l&apos;organisation</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>Nom de l&apos;organisation</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>Fichier de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Make our keys now (to sign and open packages)</source>
        <translation>Créer nos clés maintenant (pour signer et ouvrir les paquets)</translation>
    </message>
    <message>
        <source>The private keys stay in the workspace, encrypted with this passphrase. Whoever holds both can sign in your organisation&apos;s name; without the passphrase nobody, you included, can send or open packages. It is never stored.</source>
        <translation>Les clés privées restent dans l&apos;espace de travail, chiffrées avec cette phrase secrète. Qui détient les deux peut signer au nom de votre organisation ; sans la phrase secrète, personne, vous compris, ne peut envoyer ou ouvrir de paquets. Elle n&apos;est jamais enregistrée.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Phrase secrète (à nouveau)</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Robustesse</translation>
    </message>
    <message>
        <source>optional: the response&apos;s information sharing protocol (.toml)</source>
        <translation>facultatif : le protocole de partage d&apos;informations de la réponse (.toml)</translation>
    </message>
    <message>
        <source>Sharing protocol</source>
        <translation>Protocole de partage</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Créer l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Use several words or a long sentence: length beats symbols.</source>
        <translation>Utilisez plusieurs mots ou une longue phrase : la longueur l&apos;emporte sur les symboles.</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>très faible</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>good</source>
        <translation>bonne</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>forte</translation>
    </message>
    <message>
        <source>Strength: {0}.</source>
        <translation>Robustesse : {0}.</translation>
    </message>
    <message>
        <source>Add more words to make it harder to guess.</source>
        <translation>Ajoutez des mots pour la rendre plus difficile à deviner.</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espace de travail GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Information sharing protocol</source>
        <translation>Protocole de partage d&apos;informations</translation>
    </message>
    <message>
        <source>Sharing protocol (*.toml);;All files (*)</source>
        <translation>Protocole de partage (*.toml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Your organisation&apos;s name goes on its contact card: it is needed with keys.</source>
        <translation>Le nom de votre organisation figure sur sa carte de contact : il est nécessaire avec les clés.</translation>
    </message>
    <message>
        <source>Choose where the workspace file goes.</source>
        <translation>Choisissez où placer le fichier de l&apos;espace de travail.</translation>
    </message>
    <message>
        <source>Nothing was written: correct what is marked in red.</source>
        <translation>Rien n&apos;a été écrit : corrigez ce qui est marqué en rouge.</translation>
    </message>
    <message>
        <source>Creating {0}…</source>
        <translation>Création de {0}…</translation>
    </message>
    <message>
        <source>Nothing was written: {0}</source>
        <translation>Rien n&apos;a été écrit : {0}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Creating the workspace</source>
        <translation>Création de l&apos;espace de travail</translation>
    </message>
</context>
<context>
    <name>NumberWidget</name>
    <message>
        <source>set</source>
        <translation>renseigné</translation>
    </message>
    <message>
        <source>Untick to leave it to the operation (see the help)</source>
        <translation>Décochez pour laisser l&apos;opération en décider (voir l&apos;aide)</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>est obligatoire</translation>
    </message>
    <message>
        <source>{parameter}: {reason}</source>
        <translation>{parameter} : {reason}</translation>
    </message>
    <message>
        <source>Fix the values marked in red, then Run again.</source>
        <translation>Corrigez les valeurs marquées en rouge, puis relancez.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Done. {summary}</source>
        <translation>Terminé. {summary}</translation>
    </message>
    <message>
        <source>Stopped: nothing was changed.</source>
        <translation>Arrêté : rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Annulé : rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Click on the map: {place}. Esc cancels.</source>
        <translation>Cliquez sur la carte : {place}. Échap annule.</translation>
    </message>
    <message>
        <source>{place}: picked on the map.</source>
        <translation>{place} : choisi sur la carte.</translation>
    </message>
</context>
<context>
    <name>OwnIdentityDialog</name>
    <message>
        <source>Own identity</source>
        <translation>Identité propre</translation>
    </message>
    <message>
        <source>This workspace has no keys yet. Your organisation needs them to sign what it sends and to open what partners send it. The private keys stay in this workspace, encrypted with a passphrase; partners get only the public half, in your contact card.</source>
        <translation>Cet espace de travail n&apos;a pas encore de clés. Votre organisation en a besoin pour signer ce qu&apos;elle envoie et ouvrir ce que les partenaires lui envoient. Les clés privées restent dans cet espace de travail, chiffrées avec une phrase secrète ; les partenaires ne reçoivent que la moitié publique, dans votre carte de contact.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>p. ex. medaid</translation>
    </message>
    <message>
        <source>The organisation this workspace belongs to</source>
        <translation>L&apos;organisation à laquelle appartient cet espace de travail</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>p. ex. MedAid Relief</translation>
    </message>
    <message>
        <source>Sharing groups your organisation belongs to (TLP:GREEN reaches them)</source>
        <translation>Groupes de partage auxquels appartient votre organisation (TLP:GREEN les atteint)</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>Identifiant de l&apos;organisation</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>Sigle</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Communautés</translation>
    </message>
    <message>
        <source>Create keys…</source>
        <translation>Créer les clés…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Keys made</source>
        <translation>Clés créées le</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>When a partner adds your contact card, read them this fingerprint by phone or in person: it proves the card is yours.</source>
        <translation>Quand un partenaire ajoute votre carte de contact, lisez-lui cette empreinte par téléphone ou en personne : elle prouve que la carte est la vôtre.</translation>
    </message>
    <message>
        <source>{fingerprint}…  replaced {when}</source>
        <translation>{fingerprint}…  remplacée le {when}</translation>
    </message>
    <message>
        <source>Earlier keys (still verify what they signed):</source>
        <translation>Clés précédentes (vérifient toujours ce qu&apos;elles ont signé) :</translation>
    </message>
    <message>
        <source>Write contact card…</source>
        <translation>Écrire la carte de contact…</translation>
    </message>
    <message>
        <source>Give the organisation&apos;s id and name.</source>
        <translation>Indiquez l&apos;identifiant et le nom de l&apos;organisation.</translation>
    </message>
    <message>
        <source>Create keys</source>
        <translation>Créer les clés</translation>
    </message>
    <message>
        <source>No keys were made.</source>
        <translation>Aucune clé n&apos;a été créée.</translation>
    </message>
    <message>
        <source>Making keys…</source>
        <translation>Création des clés…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>Making keys</source>
        <translation>Création des clés</translation>
    </message>
    <message>
        <source>Keys made. Now write your contact card for your partners.</source>
        <translation>Clés créées. Écrivez maintenant votre carte de contact pour vos partenaires.</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>Rien n&apos;a été modifié : {reason}</translation>
    </message>
    <message>
        <source>Write contact card</source>
        <translation>Écrire la carte de contact</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json)</source>
        <translation>Carte de contact (*.card.json *.json)</translation>
    </message>
    <message>
        <source>The card is signed with your organisation&apos;s key.</source>
        <translation>La carte est signée avec la clé de votre organisation.</translation>
    </message>
    <message>
        <source>Signing the card…</source>
        <translation>Signature de la carte…</translation>
    </message>
    <message>
        <source>Writing the contact card</source>
        <translation>Écriture de la carte de contact</translation>
    </message>
    <message>
        <source>Contact card written. Give it to your partners (USB stick, e-mail), then read them the fingerprint {fingerprint} by phone or in person.</source>
        <translation>Carte de contact écrite. Remettez-la à vos partenaires (clé USB, courriel), puis lisez-leur l&apos;empreinte {fingerprint} par téléphone ou en personne.</translation>
    </message>
    <message>
        <source>No card was written: {reason}</source>
        <translation>Aucune carte n&apos;a été écrite : {reason}</translation>
    </message>
</context>
<context>
    <name>PartnersDialog</name>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Communautés</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Partners and keys</source>
        <translation>Partenaires et clés</translation>
    </message>
    <message>
        <source>Add a partner from the contact card it gave you; check its fingerprint with it by phone or in person before you rely on it.</source>
        <translation>Ajoutez un partenaire à partir de la carte de contact qu&apos;il vous a remise ; vérifiez son empreinte avec lui par téléphone ou en personne avant de vous y fier.</translation>
    </message>
    <message>
        <source>Add from contact card…</source>
        <translation>Ajouter depuis une carte de contact…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>The partner&apos;s key is lost or compromised: refuse what it signs from now on</source>
        <translation>La clé du partenaire est perdue ou compromise : refuser ce qu&apos;il signe à partir de maintenant</translation>
    </message>
    <message>
        <source>(us)</source>
        <translation>(nous)</translation>
    </message>
    <message>
        <source>Read aloud in groups of four to check it with the partner</source>
        <translation>À lire à voix haute par groupes de quatre pour la vérifier avec le partenaire</translation>
    </message>
    <message>
        <source>earlier key</source>
        <translation>clé précédente</translation>
    </message>
    <message>
        <source>No partners yet: add one from its contact card.</source>
        <translation>Aucun partenaire pour l&apos;instant : ajoutez-en un depuis sa carte de contact.</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>pas de clé</translation>
    </message>
    <message>
        <source>revoked {when}
(valid from {since})</source>
        <translation>révoquée le {when}
(valide depuis le {since})</translation>
    </message>
    <message>
        <source>valid since {since}</source>
        <translation>valide depuis le {since}</translation>
    </message>
    <message>
        <source>Add partner from contact card</source>
        <translation>Ajouter un partenaire depuis une carte de contact</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json);;All files (*)</source>
        <translation>Carte de contact (*.card.json *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>Non ajouté : {reason}</translation>
    </message>
    <message>
        <source>Not added: the card is for our own organisation {org}.</source>
        <translation>Non ajouté : la carte est celle de notre propre organisation {org}.</translation>
    </message>
    <message>
        <source>{org} was not added: nothing changed.</source>
        <translation>{org} n&apos;a pas été ajouté : rien n&apos;a changé.</translation>
    </message>
    <message>
        <source>Added {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>{name} ({org}) ajouté, empreinte {fingerprint}.</translation>
    </message>
    <message>
        <source>Updated {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>{name} ({org}) mis à jour, empreinte {fingerprint}.</translation>
    </message>
    <message>
        <source>Replaced the key of {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Clé de {name} ({org}) remplacée, empreinte {fingerprint}.</translation>
    </message>
    <message>
        <source>Already known: {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Déjà connu : {name} ({org}), empreinte {fingerprint}.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}), communities {communities}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Carte de contact de &lt;b&gt;{name}&lt;/b&gt; ({org}), communautés {communities}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Carte de contact de &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its fingerprint:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Son empreinte :&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Call them on a number you already know (not one given with the card) and have them read their fingerprint. Add the partner only if every group matches.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Appelez-les à un numéro que vous connaissez déjà (pas un numéro donné avec la carte) et faites-leur lire leur empreinte. N&apos;ajoutez le partenaire que si chaque groupe correspond.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoquée</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{org} is already known with another key&lt;/b&gt; ({old}). Adding this card replaces that key.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{org} est déjà connu avec une autre clé&lt;/b&gt; ({old}). Ajouter cette carte remplace cette clé.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Have you checked this fingerprint with them, by phone or in person?&lt;/p&gt;</source>
        <translation>&lt;p&gt;Avez-vous vérifié cette empreinte avec eux, par téléphone ou en personne ?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check the fingerprint</source>
        <translation>Vérifier l&apos;empreinte</translation>
    </message>
    <message>
        <source>Revoke the keys of {name} ({org}) from now?

Packages it signs from now on will be refused, and nothing above TLP:CLEAR can be sent to it, until you add a new contact card from it.

Do this when its key was lost or compromised.</source>
        <translation>Révoquer les clés de {name} ({org}) à partir de maintenant ?

Les paquets qu&apos;il signera désormais seront refusés, et rien au-dessus de TLP:CLEAR ne pourra lui être envoyé, jusqu&apos;à ce que vous ajoutiez une nouvelle carte de contact de sa part.

Faites-le quand sa clé a été perdue ou compromise.</translation>
    </message>
    <message>
        <source>Revoke partner keys</source>
        <translation>Révoquer les clés du partenaire</translation>
    </message>
    <message>
        <source>Not revoked: {reason}</source>
        <translation>Non révoqué : {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %Ln key(s) of {org}.</source>
        <translation>
            <numerusform>%Ln clé révoquée de {org}.</numerusform>
            <numerusform>%Ln clés révoquées de {org}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickableWidget</name>
    <message>
        <source>Pick on map</source>
        <translation>Choisir sur la carte</translation>
    </message>
    <message>
        <source>Then click on the map; Esc cancels</source>
        <translation>Puis cliquez sur la carte ; Échap annule</translation>
    </message>
</context>
<context>
    <name>PlaceWidget</name>
    <message>
        <source>lat,lon, a facility name or a feature uuid</source>
        <translation>lat,lon, un nom de site ou un uuid d&apos;entité</translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message>
        <source>&amp;Triggers</source>
        <translation>&amp;Alertes</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>{title}: {summary}</source>
        <translation>{title} : {summary}</translation>
    </message>
    <message>
        <source>That route was not found, so it cannot become a corridor.</source>
        <translation>Cet itinéraire est introuvable, il ne peut donc pas devenir un couloir.</translation>
    </message>
    <message>
        <source>risk along the corridor</source>
        <translation>risque le long du couloir</translation>
    </message>
    <message>
        <source>Save route as corridor</source>
        <translation>Enregistrer l&apos;itinéraire comme couloir</translation>
    </message>
    <message>
        <source>Save route as corridor “{name}”</source>
        <translation>Enregistrer l&apos;itinéraire comme couloir « {name} »</translation>
    </message>
    <message>
        <source>Added the proposed corridor “{name}” (Edit ▸ Undo removes it).</source>
        <translation>Couloir proposé « {name} » ajouté (Édition ▸ Annuler le retire).</translation>
    </message>
    <message>
        <source>Open plan {id}</source>
        <translation>Ouvrir le plan {id}</translation>
    </message>
    <message>
        <source>Adopt trigger rules</source>
        <translation>Adopter des règles d&apos;alerte</translation>
    </message>
    <message>
        <source>Trigger rules (*.toml);;All files (*)</source>
        <translation>Règles d&apos;alerte (*.toml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Trigger rules not adopted</source>
        <translation>Règles d&apos;alerte non adoptées</translation>
    </message>
    <message numerus="yes">
        <source>Adopted %Ln trigger rule(s) from {file}: {rules}. Alerts follow every edit and import.</source>
        <translation>
            <numerusform>%Ln règle d&apos;alerte adoptée depuis {file} : {rules}. Les alertes suivent chaque modification et chaque import.</numerusform>
            <numerusform>%Ln règles d&apos;alerte adoptées depuis {file} : {rules}. Les alertes suivent chaque modification et chaque import.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace.</source>
        <translation>Cette entité n&apos;est plus dans l&apos;espace de travail.</translation>
    </message>
</context>
<context>
    <name>PointWidget</name>
    <message>
        <source>lon,lat (degrees)</source>
        <translation>lon,lat (degrés)</translation>
    </message>
</context>
<context>
    <name>ProblemReport</name>
    <message>
        <source>Save a problem report</source>
        <translation>Enregistrer un rapport de problème</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Archive zip (*.zip)</translation>
    </message>
    <message>
        <source>Collecting the log files…</source>
        <translation>Collecte des fichiers journaux…</translation>
    </message>
    <message>
        <source>The problem report is saved as {path}. It holds the log files and version numbers only (no workspace, keys or features): send it to your support contact.</source>
        <translation>Le rapport de problème est enregistré sous {path}. Il ne contient que les fichiers journaux et les numéros de version (ni espace de travail, ni clés, ni entités) : envoyez-le à votre contact d&apos;assistance.</translation>
    </message>
    <message>
        <source>The problem report could not be written: {reason}</source>
        <translation>Le rapport de problème n&apos;a pas pu être écrit : {reason}</translation>
    </message>
    <message>
        <source>Writing the problem report</source>
        <translation>Écriture du rapport de problème</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>No problems: every feature is valid for its kind, those edited in other tools (QGIS, scripts) too.
They are checked when the workspace opens and whenever another tool changes the file.</source>
        <translation>Aucun problème : chaque entité est valide pour son type, y compris celles modifiées dans d&apos;autres outils (QGIS, scripts).
Elles sont vérifiées à l&apos;ouverture de l&apos;espace de travail et chaque fois qu&apos;un autre outil modifie le fichier.</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Aucun espace de travail ouvert.</translation>
    </message>
    <message>
        <source>Checking the features edited in other tools…</source>
        <translation>Vérification des entités modifiées dans d&apos;autres outils…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) edited in another tool need(s) fixing</source>
        <translation>
            <numerusform>%Ln entité modifiée dans un autre outil doit être corrigée</numerusform>
            <numerusform>%Ln entités modifiées dans un autre outil doivent être corrigées</numerusform>
        </translation>
    </message>
    <message>
        <source>The whole layer</source>
        <translation>Toute la couche</translation>
    </message>
    <message>
        <source>column “{column}”</source>
        <translation>colonne « {column} »</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop checking (nothing is changed; Refresh checks again)</source>
        <translation>Arrêter la vérification (rien n&apos;est modifié ; Actualiser vérifie à nouveau)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Re-read changes made in other tools and check them (F5)</source>
        <translation>Relire les modifications faites dans d&apos;autres outils et les vérifier (F5)</translation>
    </message>
    <message>
        <source>Fix value…</source>
        <translation>Corriger la valeur…</translation>
    </message>
    <message>
        <source>Put a valid value in place of the selected problem&apos;s (a new version; the old one stays in the feature&apos;s history)</source>
        <translation>Mettre une valeur valide à la place de celle du problème sélectionné (une nouvelle version ; l&apos;ancienne reste dans l&apos;historique de l&apos;entité)</translation>
    </message>
    <message>
        <source>Double-click a problem (or press Enter) to show the feature and fix it in the Feature panel</source>
        <translation>Double-cliquez sur un problème (ou appuyez sur Entrée) pour afficher l&apos;entité et la corriger dans le panneau Entité</translation>
    </message>
    <message>
        <source>Double-click a row (or press Enter) to show the feature, then fix it in the Feature panel, or use Fix value… for one the form cannot open.</source>
        <translation>Double-cliquez sur une ligne (ou appuyez sur Entrée) pour afficher l&apos;entité, puis corrigez-la dans le panneau Entité, ou utilisez Corriger la valeur… pour une valeur que le formulaire ne peut pas ouvrir.</translation>
    </message>
</context>
<context>
    <name>ProblemsWatch</name>
    <message>
        <source>Geometry</source>
        <translation>Géométrie</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>Diffusable à</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restrictions</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>(whole layer)</source>
        <translation>(toute la couche)</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(fichier)</translation>
    </message>
    <message>
        <source>Re-read the workspace for changes made in other tools.</source>
        <translation>Espace de travail relu pour les modifications faites dans d&apos;autres outils.</translation>
    </message>
    <message>
        <source>Checking edits made in other tools</source>
        <translation>Vérification des modifications faites dans d&apos;autres outils</translation>
    </message>
    <message>
        <source>{problems}: see the Problems panel.</source>
        <translation>{problems} : voir le panneau Problèmes.</translation>
    </message>
    <message>
        <source>No problems left: every feature is valid for its kind.</source>
        <translation>Plus aucun problème : chaque entité est valide pour son type.</translation>
    </message>
    <message>
        <source>Could not check the features edited in other tools: {reason}</source>
        <translation>Impossible de vérifier les entités modifiées dans d&apos;autres outils : {reason}</translation>
    </message>
    <message>
        <source>Check cancelled: features edited in other tools were not all checked. Refresh (F5) checks them.</source>
        <translation>Vérification annulée : les entités modifiées dans d&apos;autres outils n&apos;ont pas toutes été vérifiées. Actualiser (F5) les vérifie.</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>Problèmes ({n})</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>A valid value of “{field}” for this feature (the unreadable value stays in its history):</source>
        <translation>Une valeur valide de « {field} » pour cette entité (la valeur illisible reste dans son historique) :</translation>
    </message>
    <message>
        <source>Fix value</source>
        <translation>Corriger la valeur</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un nombre entier</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un nombre</translation>
    </message>
    <message>
        <source>Cannot fix this value</source>
        <translation>Impossible de corriger cette valeur</translation>
    </message>
    <message>
        <source>{field} fixed: a new version of the feature.</source>
        <translation>{field} corrigé : une nouvelle version de l&apos;entité.</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace (deleted in another tool?): Refresh (F5) updates the list.</source>
        <translation>Cette entité n&apos;est plus dans l&apos;espace de travail (supprimée dans un autre outil ?) : Actualiser (F5) met la liste à jour.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Open when written</source>
        <translation>Ouvrir une fois écrite</translation>
    </message>
    <message>
        <source>The file must end in {suffix}.</source>
        <translation>Le fichier doit se terminer par {suffix}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Le dossier {folder} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Save as… to replace it.</source>
        <translation>{file} existe déjà : choisissez un autre nom, ou Enregistrer sous… pour le remplacer.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Browse… to replace it.</source>
        <translation>{file} existe déjà : choisissez un autre nom, ou Parcourir… pour le remplacer.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Écriture de {file}…</translation>
    </message>
</context>
<context>
    <name>ProposalOverlay</name>
    <message>
        <source>Proposed deletion by {proposer} (waiting for you)</source>
        <translation>Suppression proposée par {proposer} (en attente de votre décision)</translation>
    </message>
    <message>
        <source>Proposed change by {proposer} (waiting for you)</source>
        <translation>Modification proposée par {proposer} (en attente de votre décision)</translation>
    </message>
    <message>
        <source>Proposed deletion (waiting for {originator})</source>
        <translation>Suppression proposée (en attente de {originator})</translation>
    </message>
    <message>
        <source>Proposed change (waiting for {originator})</source>
        <translation>Modification proposée (en attente de {originator})</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {layer} {uuid}</source>
        <translation>{proposer} propose une modification de {layer} {uuid}</translation>
    </message>
</context>
<context>
    <name>ProposalRow</name>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>LTR</translation>
    </message>
</context>
<context>
    <name>ReceivePackageDialog</name>
    <message>
        <source>Receive package</source>
        <translation>Recevoir un paquet</translation>
    </message>
    <message>
        <source>An exchange package (.hopx) from a partner</source>
        <translation>Un paquet d&apos;échange (.hopx) d&apos;un partenaire</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Choose a package, then Check: it is verified and you see what it would change before anything is imported.</source>
        <translation>Choisissez un paquet, puis Vérifier : il est vérifié et vous voyez ce qu&apos;il changerait avant que quoi que ce soit soit importé.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>What would change</source>
        <translation>Ce qui changerait</translation>
    </message>
    <message>
        <source>Decrypt and verify the package and report what it would change (dry run)</source>
        <translation>Déchiffrer et vérifier le paquet et indiquer ce qu&apos;il changerait (essai à blanc)</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx);;All files (*)</source>
        <translation>Paquet d&apos;échange (*.hopx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose a package (.hopx).</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un paquet (.hopx).</translation>
    </message>
    <message>
        <source>Open the package</source>
        <translation>Ouvrir le paquet</translation>
    </message>
    <message>
        <source>The package is decrypted with your organisation&apos;s key. The key stays unlocked until this window closes: Import asks no more.</source>
        <translation>Le paquet est déchiffré avec la clé de votre organisation. La clé reste déverrouillée jusqu&apos;à la fermeture de cette fenêtre : Importer ne la redemande pas.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>Vérification du paquet…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <source>Not opened: {reason}. Nothing was imported.</source>
        <translation>Non ouvert : {reason}. Rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>The package was not opened: the passphrase was wrong. Check again.</source>
        <translation>Le paquet n&apos;a pas été ouvert : la phrase secrète était erronée. Vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>The package was not opened: {reason}. Check again.</source>
        <translation>Le paquet n&apos;a pas été ouvert : {reason}. Vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Annulé : rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Checking the package</source>
        <translation>Vérification du paquet</translation>
    </message>
    <message>
        <source>Importing the package</source>
        <translation>Import du paquet</translation>
    </message>
    <message>
        <source>Nothing: the package was refused.</source>
        <translation>Rien : le paquet a été refusé.</translation>
    </message>
    <message>
        <source>Refused.</source>
        <translation>Refusé.</translation>
    </message>
    <message>
        <source>Nothing was imported: this workspace is exactly as it was.</source>
        <translation>Rien n&apos;a été importé : cet espace de travail est exactement tel qu&apos;il était.</translation>
    </message>
    <message>
        <source>full package, highest marking {marking}</source>
        <translation>paquet complet, marquage le plus élevé {marking}</translation>
    </message>
    <message>
        <source>incremental package, highest marking {marking}</source>
        <translation>paquet incrémental, marquage le plus élevé {marking}</translation>
    </message>
    <message>
        <source>package, highest marking {marking}</source>
        <translation>paquet, marquage le plus élevé {marking}</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signé par</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>Empreinte de la clé</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ verified&lt;/b&gt;&lt;/span&gt; with the key in your partner directory; the package is unaltered</source>
        <translation>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ vérifiée&lt;/b&gt;&lt;/span&gt; avec la clé de votre répertoire de partenaires ; le paquet n&apos;est pas altéré</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Séquence</translation>
    </message>
    <message>
        <source>{sequence} (the last accepted from {signer}: {last})</source>
        <translation>{sequence} (la dernière acceptée de {signer} : {last})</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message numerus="yes">
        <source>%Ln proposal(s)</source>
        <translation>
            <numerusform>%Ln proposition</numerusform>
            <numerusform>%Ln propositions</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing would bring {counts}. Nothing has been imported yet: press Import to apply it.</source>
        <translation>L&apos;import apporterait {counts}. Rien n&apos;a encore été importé : appuyez sur Importer pour l&apos;appliquer.</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <source>Imported: {counts}.</source>
        <translation>Importé : {counts}.</translation>
    </message>
    <message>
        <source>Resolve the conflicts in the Conflicts panel.</source>
        <translation>Résolvez les conflits dans le panneau Conflits.</translation>
    </message>
    <message>
        <source>Accept or reject the proposals there too.</source>
        <translation>Acceptez ou rejetez-y aussi les propositions.</translation>
    </message>
    <message>
        <source>quarantined {uuid}: {reason}</source>
        <translation>mis en quarantaine {uuid} : {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>code de raison : {code}</translation>
    </message>
    <message>
        <source>conflict {uuid}: both sides changed it (theirs is version {version}); yours stays until you choose</source>
        <translation>conflit {uuid} : les deux parties l&apos;ont modifié (la leur est la version {version}) ; la vôtre reste jusqu&apos;à ce que vous choisissiez</translation>
    </message>
    <message>
        <source>The package holds nothing new.</source>
        <translation>Le paquet ne contient rien de nouveau.</translation>
    </message>
</context>
<context>
    <name>RecentWorkspaces</name>
    <message>
        <source>No recent workspaces</source>
        <translation>Aucun espace de travail récent</translation>
    </message>
    <message>
        <source>team database</source>
        <translation>base d&apos;équipe</translation>
    </message>
    <message>
        <source>{number} {name}  —  {folder}  (not found)</source>
        <translation>{number} {name}  —  {folder}  (introuvable)</translation>
    </message>
    <message>
        <source>{path} was moved or deleted</source>
        <translation>{path} a été déplacé ou supprimé</translation>
    </message>
    <message>
        <source>Forget the workspaces not found</source>
        <translation>Oublier les espaces de travail introuvables</translation>
    </message>
    <message numerus="yes">
        <source>Took %n workspace(s) that were moved or deleted off the recent list.</source>
        <translation>
            <numerusform>%n espace de travail déplacé ou supprimé a été retiré de la liste récente.</numerusform>
            <numerusform>%n espaces de travail déplacés ou supprimés ont été retirés de la liste récente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear recent</source>
        <translation>Effacer la liste récente</translation>
    </message>
    <message>
        <source>The list of recent workspaces is empty (no file was touched).</source>
        <translation>La liste des espaces de travail récents est vide (aucun fichier n&apos;a été touché).</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>REPLAY — read-only</source>
        <translation>REJEU — lecture seule</translation>
    </message>
    <message>
        <source>The map shows the workspace as it was recorded at the moment below; nothing can be edited until you leave replay</source>
        <translation>La carte montre l&apos;espace de travail tel qu&apos;il était enregistré au moment ci-dessous ; rien ne peut être modifié avant de quitter le rejeu</translation>
    </message>
    <message>
        <source>Previous moment (Left arrow on the slider)</source>
        <translation>Moment précédent (flèche gauche sur le curseur)</translation>
    </message>
    <message>
        <source>Play the history from this moment (Space)</source>
        <translation>Rejouer l&apos;historique à partir de ce moment (Espace)</translation>
    </message>
    <message>
        <source>Next moment (Right arrow on the slider)</source>
        <translation>Moment suivant (flèche droite sur le curseur)</translation>
    </message>
    <message>
        <source>How fast play steps through the moments</source>
        <translation>Vitesse à laquelle la lecture passe d&apos;un moment à l&apos;autre</translation>
    </message>
    <message numerus="yes">
        <source>%n moment(s) a second</source>
        <translation>
            <numerusform>%n moment par seconde</numerusform>
            <numerusform>%n moments par seconde</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave replay</source>
        <translation>Quitter le rejeu</translation>
    </message>
    <message>
        <source>Back to the live picture, editing enabled (Esc)</source>
        <translation>Retour à la situation actuelle, modification possible (Échap)</translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <source>Replay</source>
        <translation>Rejeu</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Lecture de l&apos;historique…</translation>
    </message>
    <message>
        <source>Reading the history</source>
        <translation>Lecture de l&apos;historique</translation>
    </message>
    <message>
        <source>Replay left: the map shows the live picture.</source>
        <translation>Rejeu quitté : la carte montre la situation actuelle.</translation>
    </message>
    <message>
        <source>Nothing recorded yet: there is no history to replay.</source>
        <translation>Rien n&apos;a encore été enregistré : il n&apos;y a pas d&apos;historique à rejouer.</translation>
    </message>
    <message>
        <source>The history cannot be replayed: {reason}</source>
        <translation>L&apos;historique ne peut pas être rejoué : {reason}</translation>
    </message>
    <message>
        <source>As recorded at {moment}</source>
        <translation>Tel qu&apos;enregistré le {moment}</translation>
    </message>
    <message>
        <source>moment {n} of {total}: {inserts} added, {updates} changed, {deletes} deleted</source>
        <translation>moment {n} sur {total} : {inserts} ajouté(s), {updates} modifié(s), {deletes} supprimé(s)</translation>
    </message>
    <message>
        <source>Replaying the history</source>
        <translation>Rejeu de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>No results yet: run an analysis from the Analysis menu</source>
        <translation>Aucun résultat pour l&apos;instant : lancez une analyse depuis le menu Analyse</translation>
    </message>
    <message>
        <source>No saved plans</source>
        <translation>Aucun plan enregistré</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>Plans d&apos;évacuation et d&apos;aide enregistrés dans cet espace de travail</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>Ouvrir le plan</translation>
    </message>
    <message>
        <source>Clear map</source>
        <translation>Effacer de la carte</translation>
    </message>
    <message>
        <source>Remove the result from the map (the table stays)</source>
        <translation>Retirer le résultat de la carte (la table reste)</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Résultat :</translation>
    </message>
    <message>
        <source>Saved plans:</source>
        <translation>Plans enregistrés :</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Write the table shown to a CSV file</source>
        <translation>Écrire la table affichée dans un fichier CSV</translation>
    </message>
    <message>
        <source>Save as corridor…</source>
        <translation>Enregistrer comme couloir…</translation>
    </message>
    <message>
        <source>Add the selected route (or the best) as a proposed corridor; undoable</source>
        <translation>Ajouter l&apos;itinéraire sélectionné (ou le meilleur) comme couloir proposé ; annulable</translation>
    </message>
    <message>
        <source>Zoom to result</source>
        <translation>Zoom sur le résultat</translation>
    </message>
    <message>
        <source>{id}: {title} (made {created})</source>
        <translation>{id} : {title} (créé le {created})</translation>
    </message>
    <message>
        <source>Run an analysis from the Analysis menu; its tables appear here and its result on the map.</source>
        <translation>Lancez une analyse depuis le menu Analyse ; ses tables apparaissent ici et son résultat sur la carte.</translation>
    </message>
    <message>
        <source>Proposed corridor {n}</source>
        <translation>Couloir proposé {n}</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Exporter la table en CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) of {table} to {path}.</source>
        <translation>
            <numerusform>%Ln ligne écrite de {table} dans {path}.</numerusform>
            <numerusform>%Ln lignes écrites de {table} dans {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message numerus="yes">
        <source>Mean travel {mean} min, last arrival after {last} min; %Ln shelter(s) used.</source>
        <translation>
            <numerusform>Trajet moyen {mean} min, dernière arrivée après {last} min ; %Ln abri utilisé.</numerusform>
            <numerusform>Trajet moyen {mean} min, dernière arrivée après {last} min ; %Ln abris utilisés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shipments} shipments from %Ln warehouse(s) to {needs} needs; coverage: {coverage}</source>
        <translation>
            <numerusform>{shipments} envois depuis %Ln entrepôt vers {needs} besoins ; couverture : {coverage}</numerusform>
            <numerusform>{shipments} envois depuis %Ln entrepôts vers {needs} besoins ; couverture : {coverage}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need(s) no warehouse can reach.</source>
        <translation>
            <numerusform>%Ln besoin qu&apos;aucun entrepôt ne peut atteindre.</numerusform>
            <numerusform>%Ln besoins qu&apos;aucun entrepôt ne peut atteindre.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln corridor(s), {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</source>
        <translation>
            <numerusform>%Ln couloir, {in_danger} avec du danger sur leur tracé ; score de risque le plus élevé {score}/100 (le {at}).</numerusform>
            <numerusform>%Ln couloirs, {in_danger} avec du danger sur leur tracé ; score de risque le plus élevé {score}/100 (le {at}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rule(s) evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</source>
        <translation>
            <numerusform>%Ln règle évaluée : {raised} déclenchées, {updated} mises à jour, {resolved} résolues ; {active} actives.</numerusform>
            <numerusform>%Ln règles évaluées : {raised} déclenchées, {updated} mises à jour, {resolved} résolues ; {active} actives.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveCorridorDialog</name>
    <message>
        <source>Save route as corridor</source>
        <translation>Enregistrer l&apos;itinéraire comme couloir</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>m</translation>
    </message>
    <message>
        <source>The corridor&apos;s width: its risk is computed over all of it</source>
        <translation>La largeur du couloir : son risque est calculé sur toute celle-ci</translation>
    </message>
    <message>
        <source>The corridor is added as &lt;i&gt;proposed&lt;/i&gt;, with its risk in its notes. Edit ▸ Undo removes it.</source>
        <translation>Le couloir est ajouté comme &lt;i&gt;proposé&lt;/i&gt;, avec son risque dans ses notes. Édition ▸ Annuler le retire.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>a corridor needs a name</source>
        <translation>un couloir doit avoir un nom</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Find a feature or a place (Ctrl+F)</source>
        <translation>Trouver une entité ou un lieu (Ctrl+F)</translation>
    </message>
    <message>
        <source>Reading feature names</source>
        <translation>Lecture des noms des entités</translation>
    </message>
    <message>
        <source>Search: the feature names cannot be read: {reason}</source>
        <translation>Recherche : les noms des entités ne peuvent pas être lus : {reason}</translation>
    </message>
    <message>
        <source>Several features match “{text}”: choose one in the list.</source>
        <translation>Plusieurs entités correspondent à « {text} » : choisissez-en une dans la liste.</translation>
    </message>
    <message>
        <source>No feature is named “{text}”, and it is not a place (lat,lon; degrees such as 17°45&apos;30&quot;S 128°30&apos;E; or MGRS).</source>
        <translation>Aucune entité ne s’appelle « {text} », et ce n’est pas un lieu (lat,lon ; degrés comme 17°45&apos;30&quot;S 128°30&apos;E ; ou MGRS).</translation>
    </message>
    <message>
        <source>Showing {place}{grid}.</source>
        <translation>Affichage de {place}{grid}.</translation>
    </message>
    <message>
        <source>That feature is not in the workspace any more.</source>
        <translation>Cette entité n’est plus dans l’espace de travail.</translation>
    </message>
    <message>
        <source>Showing {feature}.</source>
        <translation>Affichage de {feature}.</translation>
    </message>
    <message>
        <source>A feature&apos;s name, or a place: lat,lon (-17.758,128.5), degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS (52K DF 46996 36517); Enter goes there</source>
        <translation>Le nom d’une entité, ou un lieu : lat,lon (-17.758,128.5), degrés (17°45&apos;30&quot;S 128°30&apos;E) ou MGRS (52K DF 46996 36517) ; Entrée y va</translation>
    </message>
</context>
<context>
    <name>SendFilterBar</name>
    <message>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <source>What could I send to:</source>
        <translation>Que pourrais-je envoyer à :</translation>
    </message>
    <message>
        <source>Fade on the map what the chosen partner would not receive from us, by the sharing rules (markings, releasability, expiry)</source>
        <translation>Estomper sur la carte ce que le partenaire choisi ne recevrait pas de nous, selon les règles de partage (marquages, diffusion, expiration)</translation>
    </message>
    <message>
        <source>nobody (show everything)</source>
        <translation>personne (tout afficher)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoqué</translation>
    </message>
    <message>
        <source>Showing every feature.</source>
        <translation>Toutes les entités sont affichées.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>décompte…</translation>
    </message>
    <message>
        <source>counting what could be sent</source>
        <translation>décompte de ce qui pourrait être envoyé</translation>
    </message>
    <message>
        <source>{going} of {total} would go</source>
        <translation>{going} sur {total} partiraient</translation>
    </message>
    <message>
        <source>{layer}: {going} of {total}</source>
        <translation>{layer} : {going} sur {total}</translation>
    </message>
    <message>
        <source>Cannot count what could be sent: {reason}</source>
        <translation>Impossible de compter ce qui pourrait être envoyé : {reason}</translation>
    </message>
</context>
<context>
    <name>SendPackageDialog</name>
    <message>
        <source>Recipient / layer</source>
        <translation>Destinataire / couche</translation>
    </message>
    <message>
        <source>Go exactly</source>
        <translation>Partent exactes</translation>
    </message>
    <message>
        <source>Generalised</source>
        <translation>Généralisées</translation>
    </message>
    <message>
        <source>Deletions</source>
        <translation>Suppressions</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Retenues</translation>
    </message>
    <message>
        <source>Send package</source>
        <translation>Envoyer un paquet</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Changes since the last package to them</source>
        <translation>Modifications depuis le dernier paquet envoyé</translation>
    </message>
    <message>
        <source>Everything they may receive (full)</source>
        <translation>Tout ce qu&apos;ils peuvent recevoir (complet)</translation>
    </message>
    <message>
        <source>Include the road network</source>
        <translation>Inclure le réseau routier</translation>
    </message>
    <message>
        <source>Only features inside each recipient&apos;s area of responsibility</source>
        <translation>Seulement les entités dans la zone de responsabilité de chaque destinataire</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>Valide pendant</translation>
    </message>
    <message>
        <source>Choose the recipients, then Preview: you see what would go to each of them before anything is written.</source>
        <translation>Choisissez les destinataires, puis Aperçu : vous voyez ce qui irait à chacun avant que rien ne soit écrit.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Compute what each recipient would receive (writes nothing)</source>
        <translation>Calculer ce que recevrait chaque destinataire (n&apos;écrit rien)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Sign, encrypt to the recipients and write the package (.hopx)</source>
        <translation>Signer, chiffrer pour les destinataires et écrire le paquet (.hopx)</translation>
    </message>
    <message>
        <source>key revoked: cannot receive</source>
        <translation>clé révoquée : ne peut pas recevoir</translation>
    </message>
    <message>
        <source>No partners yet: add them in Sharing ▸ Partners and keys.</source>
        <translation>Aucun partenaire pour l&apos;instant : ajoutez-les dans Partage ▸ Partenaires et clés.</translation>
    </message>
    <message>
        <source>The choices changed: Preview again before saving.</source>
        <translation>Les choix ont changé : refaites l&apos;aperçu avant d&apos;enregistrer.</translation>
    </message>
    <message>
        <source>Computing what each recipient would receive…</source>
        <translation>Calcul de ce que recevrait chaque destinataire…</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>Pas d&apos;aperçu : {reason}</translation>
    </message>
    <message>
        <source>Preview cancelled: nothing was written.</source>
        <translation>Aperçu annulé : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Preparing the preview</source>
        <translation>Préparation de l&apos;aperçu</translation>
    </message>
    <message>
        <source>{n} withheld: {reason}</source>
        <translation>{n} retenues : {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>code de raison : {code}</translation>
    </message>
    <message numerus="yes">
        <source>{n} go with generalised locations (as %Ln area(s)): their marking asks for it for recipients not named in “releasable to”.</source>
        <translation>
            <numerusform>{n} partent avec des emplacements généralisés (en %Ln zone) : leur marquage l&apos;exige pour les destinataires non nommés dans « diffusable à ».</numerusform>
            <numerusform>{n} partent avec des emplacements généralisés (en %Ln zones) : leur marquage l&apos;exige pour les destinataires non nommés dans « diffusable à ».</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing new for this recipient</source>
        <translation>rien de nouveau pour ce destinataire</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln entité</numerusform>
            <numerusform>%Ln entités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them generalised areas)</source>
        <translation>
            <numerusform>(dont %Ln zone généralisée)</numerusform>
            <numerusform>(dont %Ln zones généralisées)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletion(s)</source>
        <translation>
            <numerusform>%Ln suppression</numerusform>
            <numerusform>%Ln suppressions</numerusform>
        </translation>
    </message>
    <message>
        <source>Full package to {recipients}: {features} and {deletions} would go.</source>
        <translation>Paquet complet pour {recipients} : {features} et {deletions} partiraient.</translation>
    </message>
    <message>
        <source>Incremental package to {recipients}: {features} and {deletions} would go.</source>
        <translation>Paquet incrémental pour {recipients} : {features} et {deletions} partiraient.</translation>
    </message>
    <message>
        <source>Nothing has been written yet: check what goes to whom, then Save as…</source>
        <translation>Rien n&apos;a encore été écrit : vérifiez ce qui va à qui, puis Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save package</source>
        <translation>Enregistrer le paquet</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx)</source>
        <translation>Paquet d&apos;échange (*.hopx)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another name.</source>
        <translation>C&apos;est l&apos;espace de travail lui-même : choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Sign the package</source>
        <translation>Signer le paquet</translation>
    </message>
    <message>
        <source>The package to {recipients} is signed with your organisation&apos;s key.</source>
        <translation>Le paquet pour {recipients} est signé avec la clé de votre organisation.</translation>
    </message>
    <message>
        <source>Not written: no passphrase given.</source>
        <translation>Non écrit : aucune phrase secrète fournie.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Écriture de {file}…</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>Rien n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Annulé : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation>Écriture du paquet</translation>
    </message>
    <message numerus="yes">
        <source>Written {path} (%Ln byte(s)): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</source>
        <translation>
            <numerusform>{path} écrit (%Ln octet) : paquet {package}, séquence {sequence}, pour {recipients} ; {features}, {deletions}.</numerusform>
            <numerusform>{path} écrit (%Ln octets) : paquet {package}, séquence {sequence}, pour {recipients} ; {features}, {deletions}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the file to the recipients: only they can open it.</source>
        <translation>Remettez le fichier aux destinataires : eux seuls peuvent l&apos;ouvrir.</translation>
    </message>
</context>
<context>
    <name>SetEditors</name>
    <message>
        <source>Name editors of {name}</source>
        <translation>Désigner les éditeurs de {name}</translation>
    </message>
    <message>
        <source>Name default editors of {layer}</source>
        <translation>Désigner les éditeurs par défaut de {layer}</translation>
    </message>
    <message>
        <source>Named {names} to edit “{name}” with you (version {version}; your next package carries it). Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>{names} désigné(s) pour modifier « {name} » avec vous (version {version} ; votre prochain paquet la transmet). Édition&#xa0;▸&#xa0;Annuler revient en arrière.</translation>
    </message>
    <message>
        <source>“{name}” has no editors now: only you change it (version {version}).</source>
        <translation>« {name} » n&apos;a plus d&apos;éditeurs : vous seul le modifiez (version {version}).</translation>
    </message>
    <message>
        <source>{layer}: {names} named default editors; {count}. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>{layer} : {names} désigné(s) éditeurs par défaut ; {count}. Édition&#xa0;▸&#xa0;Annuler revient en arrière.</translation>
    </message>
    <message>
        <source>{layer}: no default editors now; {count}.</source>
        <translation>{layer} : plus d&apos;éditeurs par défaut ; {count}.</translation>
    </message>
</context>
<context>
    <name>Sitrep</name>
    <message>
        <source>Situation report</source>
        <translation>Rapport de situation</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Map of the area</source>
        <translation>Carte de la zone</translation>
    </message>
    <message>
        <source>What changed since the last report</source>
        <translation>Ce qui a changé depuis le dernier rapport</translation>
    </message>
    <message>
        <source>Exposure by hazard and severity</source>
        <translation>Exposition par type de danger et gravité</translation>
    </message>
    <message>
        <source>Corridors and their risk</source>
        <translation>Les couloirs et leur risque</translation>
    </message>
    <message>
        <source>Needs coverage</source>
        <translation>Couverture des besoins</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>Remplissage des abris</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Alertes ouvertes</translation>
    </message>
    <message>
        <source>About this report</source>
        <translation>À propos de ce rapport</translation>
    </message>
    <message>
        <source>selecting what {audience} may see</source>
        <translation>sélection de ce que {audience} peut voir</translation>
    </message>
    <message>
        <source>drawing the map</source>
        <translation>dessin de la carte</translation>
    </message>
    <message>
        <source>writing the pages</source>
        <translation>écriture des pages</translation>
    </message>
    <message>
        <source>for {audience}</source>
        <translation>pour {audience}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>Valide le {time}</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>Réalisé le {time} par {who}</translation>
    </message>
    <message>
        <source>{title} for {audience} · made {time} by {who}</source>
        <translation>{title} pour {audience} · réalisé le {time} par {who}</translation>
    </message>
    <message>
        <source>{tlp} {title} for {audience}</source>
        <translation>{tlp} {title} pour {audience}</translation>
    </message>
    <message>
        <source>written</source>
        <translation>écrit</translation>
    </message>
    <message>
        <source>internal use ({who})</source>
        <translation>usage interne ({who})</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} et {count} autres</translation>
    </message>
    <message>
        <source>For {audience} · valid at {valid} · made {made} by {who}</source>
        <translation>Pour {audience} · valide le {valid} · réalisé le {made} par {who}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid, the worst of severity {worst}</source>
        <translation>Zones de danger valides : {count}, la plus grave de gravité {worst}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid</source>
        <translation>Zones de danger valides : {count}</translation>
    </message>
    <message>
        <source>{people} people in {needs} need location(s) inside danger zones</source>
        <translation>Personnes dans des zones de danger : {people}, dans {needs} lieu(x) de besoins</translation>
    </message>
    <message>
        <source>{count} corridor(s) ({states}); highest risk: {name}, {score} of 100</source>
        <translation>Couloirs : {count} ({states}) ; risque le plus élevé : {name}, {score} sur 100</translation>
    </message>
    <message>
        <source>Stock on hand covers the week&apos;s demand for every item</source>
        <translation>Le stock disponible couvre la demande de la semaine pour chaque article</translation>
    </message>
    <message>
        <source>Stock on hand falls short for: {items}</source>
        <translation>Le stock disponible est insuffisant pour : {items}</translation>
    </message>
    <message>
        <source>{count} shelter(s) with a capacity; {full} at 90 % or more</source>
        <translation>Abris avec une capacité : {count} ; remplis à 90 % ou plus : {full}</translation>
    </message>
    <message>
        <source>{count} open alert(s) ({more} more rest on features not shared with you)</source>
        <translation>Alertes ouvertes : {count} ({more} autres reposent sur des entités qui ne vous sont pas partagées)</translation>
    </message>
    <message>
        <source>{count} open alert(s)</source>
        <translation>Alertes ouvertes : {count}</translation>
    </message>
    <message>
        <source>Nothing to place on a map.</source>
        <translation>Rien à placer sur une carte.</translation>
    </message>
    <message>
        <source>Basemap: Natural Earth country outlines. Features as valid at the report&apos;s time; north is up (Web Mercator).</source>
        <translation>Fond de carte : contours des pays de Natural Earth. Entités telles que valides au moment du rapport ; le nord est en haut (Web Mercator).</translation>
    </message>
    <message>
        <source>This is the first situation report for this audience from this workspace: the next one will say what changed since this one.</source>
        <translation>C&apos;est le premier rapport de situation pour ce public à partir de cet espace de travail : le prochain dira ce qui a changé depuis celui-ci.</translation>
    </message>
    <message>
        <source>Since the last report for this audience (made {time}):</source>
        <translation>Depuis le dernier rapport pour ce public (réalisé le {time}) :</translation>
    </message>
    <message>
        <source>No danger zone, corridor or incident shown then has changed, and none was added.</source>
        <translation>Aucune zone de danger, aucun couloir ni incident montré alors n&apos;a changé, et aucun n&apos;a été ajouté.</translation>
    </message>
    <message>
        <source>New danger zones</source>
        <translation>Nouvelles zones de danger</translation>
    </message>
    <message>
        <source>Danger zones changed</source>
        <translation>Zones de danger modifiées</translation>
    </message>
    <message>
        <source>Danger zones no longer in the report (ended, removed or no longer shared)</source>
        <translation>Zones de danger qui ne figurent plus dans le rapport (terminées, supprimées ou plus partagées)</translation>
    </message>
    <message>
        <source>Corridors closed</source>
        <translation>Couloirs fermés</translation>
    </message>
    <message>
        <source>New corridors</source>
        <translation>Nouveaux couloirs</translation>
    </message>
    <message>
        <source>Corridor status changed</source>
        <translation>Statut de couloir modifié</translation>
    </message>
    <message>
        <source>Corridors no longer in the report</source>
        <translation>Couloirs qui ne figurent plus dans le rapport</translation>
    </message>
    <message>
        <source>New incidents</source>
        <translation>Nouveaux incidents</translation>
    </message>
    <message>
        <source>No need location lies inside a danger zone valid at this time.</source>
        <translation>Aucun lieu de besoins ne se trouve dans une zone de danger valide à ce moment.</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>Type de danger</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Need locations</source>
        <translation>Lieux de besoins</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personnes</translation>
    </message>
    <message>
        <source>All hazards (each person once)</source>
        <translation>Tous types de danger (chaque personne une fois)</translation>
    </message>
    <message>
        <source>Per hazard a person counts once, at the worst severity of that hazard reaching them; across hazards a person exposed to two appears under both. Generalised locations count where their aggregate lies.</source>
        <translation>Par type de danger, une personne compte une fois, à la gravité la plus élevée de ce danger qui l&apos;atteint ; d&apos;un type à l&apos;autre, une personne exposée à deux dangers figure sous les deux. Les emplacements généralisés comptent là où se trouve leur agrégat.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>Aucun couloir n&apos;est valide à ce moment.</translation>
    </message>
    <message>
        <source>Corridor</source>
        <translation>Couloir</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Length km</source>
        <translation>Longueur (km)</translation>
    </message>
    <message>
        <source>In danger km</source>
        <translation>En danger (km)</translation>
    </message>
    <message>
        <source>Worst severity</source>
        <translation>Gravité maximale</translation>
    </message>
    <message>
        <source>Risk 0-100</source>
        <translation>Risque 0-100</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Risk: the share of the corridor&apos;s width within danger zones, weighted by severity, never below the floor of its worst severity (docs/analysis.md).</source>
        <translation>Risque : la part de la largeur du couloir située dans des zones de danger, pondérée par la gravité, jamais sous le plancher de sa gravité maximale (docs/analysis.md).</translation>
    </message>
    <message>
        <source>No needs to cover in this report.</source>
        <translation>Aucun besoin à couvrir dans ce rapport.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share} : {stock} sur {demand} {unit}</translation>
    </message>
    <message>
        <source>Stock on hand in the warehouses that are not closed, against one week&apos;s demand of the people in need of each sector (resources/planning/rations.toml): not a delivery plan.</source>
        <translation>Stock disponible dans les entrepôts non fermés, rapporté à une semaine de demande des personnes dans le besoin de chaque secteur (resources/planning/rations.toml) : ce n&apos;est pas un plan de livraison.</translation>
    </message>
    <message>
        <source>No shelter with a capacity in this report.</source>
        <translation>Aucun abri avec une capacité dans ce rapport.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} personnes ({share})</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}); {more} emptier shelter(s) not charted.</source>
        <translation>Les plus pleins d&apos;abord. {people} personnes pour {places} places ({share}) ; abris moins remplis non représentés : {more}.</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}).</source>
        <translation>Les plus pleins d&apos;abord. {people} personnes pour {places} places ({share}).</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>No open alert rests on what this report shows.</source>
        <translation>Aucune alerte ouverte ne repose sur ce que montre ce rapport.</translation>
    </message>
    <message>
        <source>{count} other open alert(s) rest on features not shared with this audience: not shown.</source>
        <translation>Autres alertes ouvertes reposant sur des entités non partagées avec ce public, non montrées : {count}.</translation>
    </message>
    <message>
        <source>Shown: {layers}.</source>
        <translation>Figurent dans le rapport : {layers}.</translation>
    </message>
    <message>
        <source>{layer} {count} aggregate(s)</source>
        <translation>{layer} : {count} agrégat(s)</translation>
    </message>
    <message>
        <source>Generalised for this audience, as the markings ask (no exact location): {layers}.</source>
        <translation>Généralisé pour ce public, comme le demandent les marquages (pas d&apos;emplacement exact) : {layers}.</translation>
    </message>
    <message>
        <source>For {who}&apos;s own people: everything we hold, nothing withheld.</source>
        <translation>Pour le personnel de {who} : tout ce que nous détenons, rien n&apos;est retenu.</translation>
    </message>
    <message>
        <source>Withheld for {audience} by the sharing policy: {count} feature(s) ({layers}), not shown and not counted in the figures above.</source>
        <translation>Retenu pour {audience} par la politique de partage ({layers}), ni montré ni compté dans les chiffres ci-dessus ; entités : {count}.</translation>
    </message>
    <message>
        <source>Nothing was withheld for {audience}.</source>
        <translation>Rien n&apos;a été retenu pour {audience}.</translation>
    </message>
    <message>
        <source>the area {bbox}</source>
        <translation>la zone {bbox}</translation>
    </message>
    <message>
        <source>the whole workspace</source>
        <translation>tout l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Features valid at {time} in {area}. Made with HumanOps by {who}; recorded in its audit log as a release to this audience.</source>
        <translation>Entités valides le {time} dans {area}. Réalisé avec HumanOps par {who} ; enregistré dans son journal d&apos;audit comme une diffusion à ce public.</translation>
    </message>
    <message>
        <source>page {number}</source>
        <translation>page {number}</translation>
    </message>
</context>
<context>
    <name>SitrepDialog</name>
    <message>
        <source>Situation report</source>
        <translation>Rapport de situation</translation>
    </message>
    <message>
        <source>A PDF for people outside the app: a map of the area, what changed since the last report for the same audience, exposure, corridors, needs coverage, shelters and open alerts. It holds only what the sharing policy lets the audience see, with the TLP banner of the highest marking inside on every page.</source>
        <translation>Un PDF pour des personnes extérieures à l&apos;application : une carte de la zone, ce qui a changé depuis le dernier rapport pour le même public, l&apos;exposition, les corridors, la couverture des besoins, les abris et les alertes ouvertes. Il ne contient que ce que la politique de partage permet au public de voir, avec sur chaque page le bandeau TLP du marquage le plus élevé qu&apos;il contient.</translation>
    </message>
    <message>
        <source>where to write the report (.pdf)</source>
        <translation>où écrire le rapport (.pdf)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Valide le</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Write the situation report for the chosen audience</source>
        <translation>Écrire le rapport de situation pour le public choisi</translation>
    </message>
    <message>
        <source>Write the situation report to</source>
        <translation>Écrire le rapport de situation dans</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>Choisissez où écrire le rapport.</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted in it, not shown.</source>
        <translation>{n} entité(s) retenue(s) par la politique de partage y sont comptées, pas montrées.</translation>
    </message>
    <message>
        <source>Written {file} ({pages} page(s)): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>{file} écrit ({pages} page(s)) : TLP:{tlp}, pour {audience}. {withheld}</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>Aucun rapport n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Annulé : aucun rapport n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Writing the situation report</source>
        <translation>Écriture du rapport de situation</translation>
    </message>
</context>
<context>
    <name>StaleEditDialog</name>
    <message>
        <source>Changed by someone else meanwhile</source>
        <translation>Modifié entre-temps par quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you saw it: you saw version {mine}, it is now version {theirs}. Nothing was deleted: choose what to keep.</source>
        <translation>{name} a été modifié par quelqu&apos;un d&apos;autre après que vous l&apos;avez vu : vous avez vu la version {mine}, c&apos;est maintenant la version {theirs}. Rien n&apos;a été supprimé : choisissez ce que vous gardez.</translation>
    </message>
    <message>
        <source>{name} was deleted by someone else after you started editing it (you started from version {mine}). Your changes are below; nothing was written.</source>
        <translation>{name} a été supprimé par quelqu&apos;un d&apos;autre après que vous avez commencé à le modifier (vous êtes parti de la version {mine}). Vos modifications sont ci-dessous ; rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you started editing it: you started from version {mine}, it is now version {theirs}. Nothing was written: choose what to keep.</source>
        <translation>{name} a été modifié par quelqu&apos;un d&apos;autre après que vous avez commencé à le modifier : vous êtes parti de la version {mine}, c&apos;est maintenant la version {theirs}. Rien n&apos;a été écrit : choisissez ce que vous gardez.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>When you started</source>
        <translation>Quand vous avez commencé</translation>
    </message>
    <message>
        <source>Theirs (now)</source>
        <translation>La leur (maintenant)</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>La vôtre</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Géométrie</translation>
    </message>
    <message>
        <source>as you saw it</source>
        <translation>telle que vous l&apos;avez vue</translation>
    </message>
    <message>
        <source>moved or reshaped</source>
        <translation>déplacée ou redessinée</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>Marquage</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Garder la leur</translation>
    </message>
    <message>
        <source>Show their version; your changes are dropped</source>
        <translation>Afficher leur version ; vos modifications sont abandonnées</translation>
    </message>
    <message>
        <source>Re-apply mine on their version</source>
        <translation>Réappliquer la mienne sur leur version</translation>
    </message>
    <message>
        <source>Store your changed fields as a new version made on theirs (Ctrl+Z undoes it)</source>
        <translation>Enregistrer vos champs modifiés comme une nouvelle version faite sur la leur (Ctrl+Z l&apos;annule)</translation>
    </message>
    <message>
        <source>Delete their version</source>
        <translation>Supprimer leur version</translation>
    </message>
    <message>
        <source>Delete the feature as they left it (Ctrl+Z undoes it)</source>
        <translation>Supprimer l&apos;objet tel qu&apos;ils l&apos;ont laissé (Ctrl+Z l&apos;annule)</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Décider plus tard</translation>
    </message>
    <message>
        <source>Keep your changes in the panel, unapplied</source>
        <translation>Garder vos modifications dans le panneau, non appliquées</translation>
    </message>
    <message numerus="yes">
        <source>%n vertices around {lat}, {lon}</source>
        <translation>
            <numerusform>%n sommet autour de {lat}, {lon}</numerusform>
            <numerusform>%n sommets autour de {lat}, {lon}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncAction</name>
    <message>
        <source>Send this copy&apos;s edits to {source} and take the team&apos;s; conflicts are kept for you to decide</source>
        <translation>Envoyer les modifications de cette copie à {source} et prendre celles de l’équipe ; les conflits sont gardés pour que vous décidiez</translation>
    </message>
    <message>
        <source>Only a workspace checked out from a team database syncs (humanops checkout postgresql://… FILE.gpkg)</source>
        <translation>Seul un espace de travail extrait d’une base d’équipe se synchronise (humanops checkout postgresql://… FICHIER.gpkg)</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Synchronisation interrompue</translation>
    </message>
    <message>
        <source>Sync cancelled: what was sent and taken so far is kept; sync again to finish.</source>
        <translation>Synchronisation annulée : ce qui a été envoyé et reçu jusqu’ici est gardé ; synchronisez de nouveau pour terminer.</translation>
    </message>
    <message>
        <source>Syncing with the team database…</source>
        <translation>Synchronisation avec la base de l’équipe…</translation>
    </message>
    <message>
        <source>Synced: {taken} change(s) taken, {sent} sent, {conflicts} conflict(s) to decide.</source>
        <translation>Synchronisé : {taken} modification(s) reçue(s), {sent} envoyée(s), {conflicts} conflit(s) à décider.</translation>
    </message>
</context>
<context>
    <name>TakDialog</name>
    <message>
        <source>TAK data package</source>
        <translation>Paquet de données TAK</translation>
    </message>
    <message>
        <source>What a partner may see, for its ATAK or WinTAK teams: danger zones and corridors as drawings, facilities and incidents as markers, each with its TLP in its remarks. The sharing policy decides what goes, as for a package: withheld features are left out, generalised ones appear only generalised.</source>
        <translation>Ce qu&apos;un partenaire peut voir, pour ses équipes ATAK ou WinTAK : zones de danger et corridors en dessins, installations et incidents en marqueurs, chacun avec son TLP dans ses remarques. La politique de partage décide de ce qui part, comme pour un paquet : les entités retenues sont laissées de côté, les entités généralisées n&apos;apparaissent que généralisées.</translation>
    </message>
    <message>
        <source>TAK data package (.zip), for ATAK and WinTAK</source>
        <translation>Paquet de données TAK (.zip), pour ATAK et WinTAK</translation>
    </message>
    <message>
        <source>One .cot file of events, for scripts and TAK servers</source>
        <translation>Un fichier .cot d&apos;événements, pour les scripts et les serveurs TAK</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>How long TAK shows a feature whose validity and marking have no end</source>
        <translation>Combien de temps TAK affiche une entité dont la validité et le marquage n&apos;ont pas de fin</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pour</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Valide le</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Stale after</source>
        <translation>Périmé après</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Write the TAK brief for the chosen audience</source>
        <translation>Écrire le brief TAK pour le public choisi</translation>
    </message>
    <message>
        <source>Cursor-on-Target events (*.cot)</source>
        <translation>Événements Cursor-on-Target (*.cot)</translation>
    </message>
    <message>
        <source>TAK data package (*.zip)</source>
        <translation>Paquet de données TAK (*.zip)</translation>
    </message>
    <message>
        <source>Write the TAK brief to</source>
        <translation>Écrire le brief TAK dans</translation>
    </message>
    <message>
        <source>where to write the events (.cot)</source>
        <translation>où écrire les événements (.cot)</translation>
    </message>
    <message>
        <source>where to write the data package (.zip)</source>
        <translation>où écrire le paquet de données (.zip)</translation>
    </message>
    <message>
        <source>Asking the sharing policy what goes…</source>
        <translation>La politique de partage est consultée sur ce qui part…</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Choisissez au moins une couche.</translation>
    </message>
    <message>
        <source>Choose where to write the TAK brief.</source>
        <translation>Choisissez où écrire le brief TAK.</translation>
    </message>
    <message>
        <source>One .cot file of events must end in .cot.</source>
        <translation>Un fichier .cot d&apos;événements doit se terminer par .cot.</translation>
    </message>
    <message>
        <source>A TAK data package must end in .zip.</source>
        <translation>Un paquet de données TAK doit se terminer par .zip.</translation>
    </message>
    <message>
        <source>What goes into the TAK brief</source>
        <translation>Ce qui entre dans le brief TAK</translation>
    </message>
    <message>
        <source>No brief can be made for these choices: {reason}</source>
        <translation>Aucun brief ne peut être fait avec ces choix : {reason}</translation>
    </message>
    <message>
        <source>For {audience}: TLP:{tlp} (the highest marking inside), {n} feature(s).</source>
        <translation>Pour {audience} : TLP:{tlp} (le marquage le plus élevé à l&apos;intérieur), {n} entité(s).</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy; {generalised} feature(s) given only generalised.</source>
        <translation>Laissé de côté pour ce public : {withheld} entité(s) retenue(s) par la politique de partage ; {generalised} entité(s) données seulement généralisées.</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy.</source>
        <translation>Laissé de côté pour ce public : {withheld} entité(s) retenue(s) par la politique de partage.</translation>
    </message>
    <message>
        <source>Left out for this audience: nothing withheld; {generalised} feature(s) given only generalised.</source>
        <translation>Laissé de côté pour ce public : rien n&apos;est retenu ; {generalised} entité(s) données seulement généralisées.</translation>
    </message>
    <message>
        <source>Nothing is left out for this audience.</source>
        <translation>Rien n&apos;est laissé de côté pour ce public.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, {n} feature(s) as {events} CoT event(s).</source>
        <translation>{file} écrit ({size} octets) : TLP:{tlp}, {n} entité(s) en {events} événement(s) CoT.</translation>
    </message>
    <message>
        <source>No TAK brief was written: {reason}</source>
        <translation>Aucun brief TAK n&apos;a été écrit : {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no TAK brief was written.</source>
        <translation>Annulé : aucun brief TAK n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Writing the TAK brief</source>
        <translation>Écriture du brief TAK</translation>
    </message>
</context>
<context>
    <name>TeamDatabase</name>
    <message>
        <source>service {name}</source>
        <translation>service {name}</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>socket local</translation>
    </message>
    <message>
        <source>the URL carries a password; HumanOps never stores one: put it in ~/.pgpass (or PGPASSFILE, or a pg_service.conf service) and give the URL without it</source>
        <translation>l&apos;URL contient un mot de passe ; HumanOps n&apos;en stocke jamais : mettez-le dans ~/.pgpass (ou PGPASSFILE, ou un service pg_service.conf) et donnez l&apos;URL sans lui</translation>
    </message>
    <message>
        <source>PostGIS is not enabled in this database (its administrator runs CREATE EXTENSION postgis)</source>
        <translation>PostGIS n&apos;est pas activé dans cette base (son administrateur exécute CREATE EXTENSION postgis)</translation>
    </message>
    <message>
        <source>Not available on a team database yet: copy it to a GeoPackage (humanops checkout) to use this.</source>
        <translation>Pas encore disponible sur une base d&apos;équipe : copiez-la dans un GeoPackage (humanops checkout) pour l&apos;utiliser.</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseDialog</name>
    <message>
        <source>Open team database</source>
        <translation>Ouvrir une base d&apos;équipe</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Server and database</source>
        <translation>Serveur et base</translation>
    </message>
    <message>
        <source>Service name (pg_service.conf)</source>
        <translation>Nom de service (pg_service.conf)</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL :</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur :</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base :</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utilisateur :</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Service :</translation>
    </message>
    <message>
        <source>HumanOps never stores a password: libpq reads it from ~/.pgpass (PGPASSFILE on Windows: %APPDATA%\postgresql\pgpass.conf) or from the service file.</source>
        <translation>HumanOps ne stocke jamais de mot de passe : libpq le lit dans ~/.pgpass (PGPASSFILE ; sous Windows : %APPDATA%\postgresql\pgpass.conf) ou dans le fichier de service.</translation>
    </message>
    <message>
        <source>Give a URL, a server and a database, or a service name.</source>
        <translation>Donnez une URL, un serveur et une base, ou un nom de service.</translation>
    </message>
    <message>
        <source>A team database URL starts with postgresql:// (a GeoPackage file opens with File › Open workspace…).</source>
        <translation>L&apos;URL d&apos;une base d&apos;équipe commence par postgresql:// (un fichier GeoPackage s&apos;ouvre avec Fichier › Ouvrir un espace de travail…).</translation>
    </message>
    <message>
        <source>Leave the password out: HumanOps never stores one. Put it in ~/.pgpass (or a service file) and libpq finds it there.</source>
        <translation>Laissez le mot de passe de côté : HumanOps n&apos;en stocke jamais. Mettez-le dans ~/.pgpass (ou un fichier de service) et libpq l&apos;y trouve.</translation>
    </message>
</context>
<context>
    <name>TeamSession</name>
    <message numerus="yes">
        <source>Others changed %n feature(s) in the team database: shown.</source>
        <translation>
            <numerusform>D&apos;autres ont modifié %n objet dans la base d&apos;équipe : affiché.</numerusform>
            <numerusform>D&apos;autres ont modifié %n objets dans la base d&apos;équipe : affichés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Others changed the team database: the layers are re-read.</source>
        <translation>D&apos;autres ont modifié la base d&apos;équipe : les couches sont relues.</translation>
    </message>
    <message>
        <source>Someone else changed this feature meanwhile: nothing was written.</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cet objet entre-temps : rien n&apos;a été écrit.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>Leur version est gardée ; vos modifications sont abandonnées.</translation>
    </message>
</context>
<context>
    <name>TimeSlider</name>
    <message>
        <source>Valid at</source>
        <translation>Valide le</translation>
    </message>
    <message>
        <source>Filter the map by each feature&apos;s validity window</source>
        <translation>Filtrer la carte selon la période de validité de chaque entité</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Maintenant</translation>
    </message>
    <message>
        <source>Move to the present moment and follow the clock</source>
        <translation>Aller au moment présent et suivre l’horloge</translation>
    </message>
    <message>
        <source>No dated features</source>
        <translation>Aucune entité datée</translation>
    </message>
    <message>
        <source>From {start} to {end}</source>
        <translation>Du {start} au {end}</translation>
    </message>
    <message>
        <source>all times</source>
        <translation>toutes dates</translation>
    </message>
</context>
<context>
    <name>TriggerWatch</name>
    <message>
        <source>Checking the alerts after changes</source>
        <translation>Vérification des alertes après les modifications</translation>
    </message>
</context>
<context>
    <name>UnlockedKeys</name>
    <message>
        <source>Ask in every window (off)</source>
        <translation>Demander dans chaque fenêtre (désactivé)</translation>
    </message>
    <message numerus="yes">
        <source>For %n minute(s)</source>
        <translation>
            <numerusform>Pendant %n minute</numerusform>
            <numerusform>Pendant %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys locked: the next package asks for the passphrase.</source>
        <translation>Clés verrouillées : le prochain paquet demandera la phrase secrète.</translation>
    </message>
    <message>
        <source>Keep keys unlocked</source>
        <translation>Garder les clés déverrouillées</translation>
    </message>
    <message>
        <source>After you type the passphrase, keep your organisation&apos;s keys unlocked
in memory (never on disk), so that the next packages ask for none.
Sharing ▸ Lock keys, or closing the workspace, drops them at once.</source>
        <translation>Après la saisie de la phrase secrète, garder les clés de votre organisation déverrouillées
en mémoire (jamais sur le disque), pour que les paquets suivants n&apos;en demandent pas.
Partage ▸ Verrouiller les clés, ou la fermeture de l&apos;espace de travail, les oublie aussitôt.</translation>
    </message>
    <message>
        <source>Keys are no longer kept unlocked: every window asks for the passphrase.</source>
        <translation>Les clés ne restent plus déverrouillées : chaque fenêtre demande la phrase secrète.</translation>
    </message>
    <message numerus="yes">
        <source>Keys stay unlocked for %n minute(s) after the passphrase (Sharing ▸ Lock keys drops them).</source>
        <translation>
            <numerusform>Les clés restent déverrouillées %n minute après la phrase secrète (Partage ▸ Verrouiller les clés les oublie).</numerusform>
            <numerusform>Les clés restent déverrouillées %n minutes après la phrase secrète (Partage ▸ Verrouiller les clés les oublie).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserGuideWindow</name>
    <message>
        <source># User guide missing

The user guide should be at `{path}` but cannot be read ({reason}). The installation may be incomplete: the README of HumanOps has the same content.</source>
        <translation># Guide de l’utilisateur introuvable

Le guide devrait se trouver dans `{path}` mais ne peut pas être lu ({reason}). L’installation est peut-être incomplète : le README de HumanOps a le même contenu.</translation>
    </message>
    <message>
        <source>HumanOps user guide</source>
        <translation>Guide de l’utilisateur de HumanOps</translation>
    </message>
</context>
<context>
    <name>WindowDrops</name>
    <message>
        <source>Only files can be dropped here (nothing was opened).</source>
        <translation>Seuls des fichiers peuvent être déposés ici (rien n&apos;a été ouvert).</translation>
    </message>
    <message numerus="yes">
        <source>Drop one file at a time: %n files were dropped ({names}). Nothing was opened.</source>
        <translation>
            <numerusform>Déposez un fichier à la fois : %n fichier a été déposé ({names}). Rien n&apos;a été ouvert.</numerusform>
            <numerusform>Déposez un fichier à la fois : %n fichiers ont été déposés ({names}). Rien n&apos;a été ouvert.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is a folder: drop a file (nothing was opened).</source>
        <translation>{name} est un dossier : déposez un fichier (rien n&apos;a été ouvert).</translation>
    </message>
    <message>
        <source>{path} was not found (nothing was opened).</source>
        <translation>{path} est introuvable (rien n&apos;a été ouvert).</translation>
    </message>
    <message>
        <source>{name} is not a GeoPackage, or cannot be read: it was not opened.</source>
        <translation>{name} n&apos;est pas un GeoPackage, ou ne peut pas être lu : il n&apos;a pas été ouvert.</translation>
    </message>
    <message>
        <source>{name} was not opened: HumanOps opens workspaces and partners&apos; packages (.hopx), and imports {suffixes} files.</source>
        <translation>{name} n&apos;a pas été ouvert : HumanOps ouvre les espaces de travail et les paquets des partenaires (.hopx), et importe les fichiers {suffixes}.</translation>
    </message>
    <message>
        <source>{name} is open already.</source>
        <translation>{name} est déjà ouvert.</translation>
    </message>
    <message>
        <source>{name} can be imported only into a workspace: open or create one first, then drop it again.</source>
        <translation>{name} ne peut être importé que dans un espace de travail : ouvrez-en ou créez-en un d&apos;abord, puis déposez-le à nouveau.</translation>
    </message>
    <message>
        <source>{name} can be received only into a workspace: open or create one first, then drop it again.</source>
        <translation>{name} ne peut être reçu que dans un espace de travail : ouvrez-en ou créez-en un d&apos;abord, puis déposez-le à nouveau.</translation>
    </message>
    <message>
        <source>Import {name}: Check shows what would be imported.</source>
        <translation>Importer {name} : le bouton Vérifier montre ce qui serait importé.</translation>
    </message>
    <message>
        <source>Package {name}: Check verifies it and shows what it would change.</source>
        <translation>Paquet {name} : le bouton Vérifier le contrôle et montre ce qu&apos;il changerait.</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>a background task</source>
        <translation>une tâche en arrière-plan</translation>
    </message>
    <message>
        <source>internal error: {error}: {message}</source>
        <translation>erreur interne : {error} : {message}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>WorkspaceSetup</name>
    <message>
        <source>{name} exists already in {folder}: choose another name (nothing is overwritten).</source>
        <translation>{name} existe déjà dans {folder} : choisissez un autre nom (rien n&apos;est écrasé).</translation>
    </message>
    <message>
        <source>{folder} cannot be made: choose another folder.</source>
        <translation>{folder} ne peut pas être créé : choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s id is needed: it is the originator of every feature you draw, and only an originator changes its features.</source>
        <translation>L&apos;identifiant de votre organisation est requis : elle est l&apos;émettrice de chaque entité que vous dessinez, et seul l&apos;émetteur modifie ses entités.</translation>
    </message>
    <message>
        <source>{reason}. Use only letters, digits and the signs _ . : - (no spaces), starting with a letter or digit, at most 64 characters: e.g. medaid or unhcr-kv.</source>
        <translation>{reason}. N&apos;utilisez que des lettres, des chiffres et les signes _ . : - (sans espaces), en commençant par une lettre ou un chiffre, 64 caractères au plus : par ex. medaid ou unhcr-kv.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {count} characters.</source>
        <translation>La phrase secrète doit comporter au moins {count} caractères.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Les deux phrases secrètes diffèrent : saisissez deux fois la même.</translation>
    </message>
    <message>
        <source>creating the workspace</source>
        <translation>création de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>making your organisation&apos;s keys</source>
        <translation>création des clés de votre organisation</translation>
    </message>
    <message>
        <source>adopting the sharing protocol</source>
        <translation>adoption du protocole de partage</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>enregistrement</translation>
    </message>
    <message>
        <source>drawing the region of Kavera and its layers</source>
        <translation>dessin de la région de Kavera et de ses couches</translation>
    </message>
    <message>
        <source>making the keys and the partners&apos; workspaces, sending their packages</source>
        <translation>création des clés et des espaces de travail des partenaires, envoi de leurs paquets</translation>
    </message>
</context>
<context>
    <name>extensions</name>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>Exposure…</source>
        <translation>Exposition…</translation>
    </message>
    <message>
        <source>People and needs in or near the danger zones valid at a time</source>
        <translation>Personnes et besoins dans ou près des zones de danger valides à une date</translation>
    </message>
    <message>
        <source>Corridor risk…</source>
        <translation>Risque des couloirs…</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width, and a risk score</source>
        <translation>Danger le long de chaque couloir sur sa largeur, et un score de risque</translation>
    </message>
    <message>
        <source>Route…</source>
        <translation>Itinéraire…</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route around the danger zones</source>
        <translation>Itinéraire le plus rapide, le plus sûr ou le plus court contournant les zones de danger</translation>
    </message>
    <message>
        <source>Evacuation plan…</source>
        <translation>Plan d&apos;évacuation…</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within capacities</source>
        <translation>Qui va dans quel abri par quelle route, dans la limite des capacités</translation>
    </message>
    <message>
        <source>Aid allocation…</source>
        <translation>Répartition de l&apos;aide…</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs, priority first</source>
        <translation>Envois des stocks des entrepôts vers les besoins, priorités d&apos;abord</translation>
    </message>
    <message>
        <source>Adopt trigger rules…</source>
        <translation>Adopter des règles d&apos;alerte…</translation>
    </message>
    <message>
        <source>Check triggers now…</source>
        <translation>Vérifier les alertes maintenant…</translation>
    </message>
    <message>
        <source>Saved plans…</source>
        <translation>Plans enregistrés…</translation>
    </message>
    <message>
        <source>the planning tools could not be set up (see the log)</source>
        <translation>les outils de planification n&apos;ont pas pu être mis en place (voir le journal)</translation>
    </message>
    <message>
        <source>Check a TOML rule file and make it this workspace&apos;s rules</source>
        <translation>Vérifier un fichier de règles TOML et en faire les règles de cet espace de travail</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now</source>
        <translation>Évaluer maintenant les règles d&apos;alerte adoptées</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>Plans d&apos;évacuation et d&apos;aide enregistrés dans cet espace de travail</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and sending a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>Cet espace de travail n&apos;a pas encore de clés, et l&apos;envoi d&apos;un paquet en a besoin : créez-les dans Partage ▸ Identité propre…</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and receiving a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>Cet espace de travail n&apos;a pas encore de clés, et la réception d&apos;un paquet en a besoin : créez-les dans Partage ▸ Identité propre…</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>Pas encore de clés</translation>
    </message>
    <message>
        <source>, {n} proposals to decide</source>
        <translation>, {n} propositions à trancher</translation>
    </message>
    <message>
        <source>Imported the package from {sender}: {inserted} new, {updated} updated, {deleted} deleted, {conflicts} conflicts{proposals}, {quarantined} quarantined.</source>
        <translation>Paquet de {sender} importé : {inserted} nouvelles, {updated} mises à jour, {deleted} supprimées, {conflicts} conflits{proposals}, {quarantined} en quarantaine.</translation>
    </message>
    <message>
        <source>Own identity…</source>
        <translation>Identité propre…</translation>
    </message>
    <message>
        <source>Our organisation&apos;s keys, fingerprint and contact card</source>
        <translation>Les clés, l&apos;empreinte et la carte de contact de notre organisation</translation>
    </message>
    <message>
        <source>Partners and keys…</source>
        <translation>Partenaires et clés…</translation>
    </message>
    <message>
        <source>The partner directory: fingerprints, add from a contact card, revoke</source>
        <translation>Le répertoire des partenaires : empreintes, ajout depuis une carte de contact, révocation</translation>
    </message>
    <message>
        <source>Send package…</source>
        <translation>Envoyer un paquet…</translation>
    </message>
    <message>
        <source>Preview per recipient, then write a signed, encrypted package</source>
        <translation>Aperçu par destinataire, puis écriture d&apos;un paquet signé et chiffré</translation>
    </message>
    <message>
        <source>Wrote package {package} to {recipients}: {path}</source>
        <translation>Paquet {package} écrit pour {recipients} : {path}</translation>
    </message>
    <message>
        <source>Receive package…</source>
        <translation>Recevoir un paquet…</translation>
    </message>
    <message>
        <source>Verify a partner&apos;s package, see what it would change, then import it</source>
        <translation>Vérifier le paquet d&apos;un partenaire, voir ce qu&apos;il changerait, puis l&apos;importer</translation>
    </message>
    <message>
        <source>Keep keys unlocked…</source>
        <translation>Garder les clés déverrouillées…</translation>
    </message>
    <message>
        <source>How long the keys stay unlocked in memory after the passphrase (off: asked in every window)</source>
        <translation>Combien de temps les clés restent déverrouillées en mémoire après la phrase secrète (désactivé : demandée dans chaque fenêtre)</translation>
    </message>
    <message>
        <source>Lock keys</source>
        <translation>Verrouiller les clés</translation>
    </message>
    <message>
        <source>Drop the unlocked keys now: the next package asks for the passphrase</source>
        <translation>Oublier maintenant les clés déverrouillées : le prochain paquet demandera la phrase secrète</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Features a partner and we changed at the same time, and changes proposed by others than a feature&apos;s originator: decide them</source>
        <translation>Entités qu&apos;un partenaire et nous avons modifiées en même temps, et modifications proposées par d&apos;autres que l&apos;émetteur d&apos;une entité : tranchez-les</translation>
    </message>
    <message>
        <source>Editors of a layer…</source>
        <translation>Éditeurs d&apos;une couche…</translation>
    </message>
    <message>
        <source>Name the partners who may edit all our features of a layer with us (their fields and geometry)</source>
        <translation>Désigner les partenaires autorisés à modifier avec nous toutes nos entités d&apos;une couche (leurs champs et leur géométrie)</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>Journal d&apos;audit…</translation>
    </message>
    <message>
        <source>Verify the hash-chained log of what went to whom; write a report</source>
        <translation>Vérifier le journal chaîné par hachage de ce qui est allé à qui ; écrire un rapport</translation>
    </message>
    <message>
        <source>Conflicts and proposals</source>
        <translation>Conflits et propositions</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>Injects</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Population exposed to danger zones</source>
        <translation>Population exposée aux zones de danger</translation>
    </message>
    <message>
        <source>People and needs inside, or within a distance of, the danger zones valid at a time, by hazard, severity and admin area. Each person counts once per hazard and once overall, at the highest severity reaching them.</source>
        <translation>Les personnes et besoins à l&apos;intérieur des zones de danger valides à un moment donné, ou à une certaine distance, par type de danger, gravité et zone administrative. Chaque personne compte une fois par type de danger et une fois au total, à la gravité la plus élevée qui l&apos;atteint.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>danger zones valid at this time (default: now)</source>
        <translation>zones de danger valides à ce moment (par défaut : maintenant)</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>also count needs within this distance of a zone</source>
        <translation>compter aussi les besoins situés à cette distance d&apos;une zone</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Grouper par</translation>
    </message>
    <message>
        <source>group the table by</source>
        <translation>grouper le tableau par</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>Gravité minimale</translation>
    </message>
    <message>
        <source>ignore zones of lower severity</source>
        <translation>ignorer les zones de gravité inférieure</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>Types de danger</translation>
    </message>
    <message>
        <source>only these hazards (default: all)</source>
        <translation>seulement ces types de danger (par défaut : tous)</translation>
    </message>
    <message>
        <source>Needs layer</source>
        <translation>Couche des besoins</translation>
    </message>
    <message>
        <source>layer of need points</source>
        <translation>couche des points de besoins</translation>
    </message>
    <message>
        <source>Danger zones layer</source>
        <translation>Couche des zones de danger</translation>
    </message>
    <message>
        <source>layer of danger zones</source>
        <translation>couche des zones de danger</translation>
    </message>
    <message>
        <source>Corridor risk</source>
        <translation>Risque des couloirs</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width: length inside danger zones by severity, worst severity, zones crossed, facilities within reach, and a 0-100 risk score.</source>
        <translation>Le danger le long de chaque couloir sur toute sa largeur : longueur dans les zones de danger par gravité, gravité maximale, zones traversées, infrastructures à portée, et un score de risque de 0 à 100.</translation>
    </message>
    <message>
        <source>corridors and danger zones valid at this time (default: now)</source>
        <translation>couloirs et zones de danger valides à ce moment (par défaut : maintenant)</translation>
    </message>
    <message>
        <source>Facility reach</source>
        <translation>Portée des infrastructures</translation>
    </message>
    <message>
        <source>list the facilities within this distance of a corridor&apos;s edge</source>
        <translation>lister les infrastructures situées à cette distance du bord d&apos;un couloir</translation>
    </message>
    <message>
        <source>Check preauthorised triggers</source>
        <translation>Vérifier les déclencheurs préautorisés</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now and update the alerts.</source>
        <translation>Évaluer maintenant les règles de déclenchement adoptées et mettre à jour les alertes.</translation>
    </message>
    <message>
        <source>evaluate at this time (default: now)</source>
        <translation>évaluer à ce moment (par défaut : maintenant)</translation>
    </message>
    <message>
        <source>Route between two places</source>
        <translation>Itinéraire entre deux lieux</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route, driving or walking, on the road layer around the danger zones valid at a time.</source>
        <translation>Itinéraire le plus rapide, le plus sûr ou le plus court, en véhicule ou à pied, sur la couche des routes en contournant les zones de danger valides à un moment donné.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>lat,lon (latitude first; put -- before a value starting with -), a feature uuid or a facility name</source>
        <translation>lat,lon (latitude d&apos;abord ; mettez -- devant une valeur commençant par -), un uuid d&apos;entité ou un nom d&apos;infrastructure</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>lat,lon, a feature uuid or a facility name</source>
        <translation>lat,lon, un uuid d&apos;entité ou un nom d&apos;infrastructure</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>traveller and objective: walk, walk-safest, drive-length...; fastest|safest|length drive</source>
        <translation>voyageur et objectif : walk, walk-safest, drive-length… ; fastest|safest|length en véhicule</translation>
    </message>
    <message>
        <source>Block zones of severity at or above</source>
        <translation>Bloquer les zones de gravité égale ou supérieure à</translation>
    </message>
    <message>
        <source>0 never blocks; empty uses the configured threshold</source>
        <translation>0 ne bloque jamais ; vide utilise le seuil configuré</translation>
    </message>
    <message>
        <source>Danger zones valid at</source>
        <translation>Zones de danger valides à</translation>
    </message>
    <message>
        <source>Alternative routes</source>
        <translation>Itinéraires alternatifs</translation>
    </message>
    <message>
        <source>Save as proposed corridor named</source>
        <translation>Enregistrer comme couloir proposé nommé</translation>
    </message>
    <message>
        <source>Corridor width</source>
        <translation>Largeur du couloir</translation>
    </message>
    <message>
        <source>Evacuation plan</source>
        <translation>Plan d&apos;évacuation</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within shelter (and corridor) capacities.</source>
        <translation>Qui va dans quel abri par quelle route, dans la limite des capacités des abris (et des couloirs).</translation>
    </message>
    <message>
        <source>Plan for</source>
        <translation>Planifier pour</translation>
    </message>
    <message>
        <source>danger zones and corridors valid then (default now)</source>
        <translation>zones de danger et couloirs valides à ce moment (par défaut maintenant)</translation>
    </message>
    <message>
        <source>Time horizon</source>
        <translation>Horizon temporel</translation>
    </message>
    <message>
        <source>Route mode</source>
        <translation>Mode d&apos;itinéraire</translation>
    </message>
    <message>
        <source>People to move</source>
        <translation>Personnes à déplacer</translation>
    </message>
    <message>
        <source>Share of the population</source>
        <translation>Part de la population</translation>
    </message>
    <message>
        <source>Respect corridor capacities</source>
        <translation>Respecter les capacités des couloirs</translation>
    </message>
    <message>
        <source>Save the plan in the workspace</source>
        <translation>Enregistrer le plan dans l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Aid allocation</source>
        <translation>Répartition de l&apos;aide</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs: priority first, then proportional, then cheapest.</source>
        <translation>Envois depuis les stocks des entrepôts vers les besoins : priorité d&apos;abord, puis au prorata, puis au moindre coût.</translation>
    </message>
    <message>
        <source>danger zones valid then (default now)</source>
        <translation>zones de danger valides à ce moment (par défaut maintenant)</translation>
    </message>
    <message>
        <source>Warehouses considered per need</source>
        <translation>Entrepôts considérés par besoin</translation>
    </message>
</context>
<context>
    <name>overlays</name>
    <message>
        <source>{n} km</source>
        <translation>{n} km</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} m</translation>
    </message>
    <message>
        <source>N</source>
        <comment>north, on the map&apos;s north arrow</comment>
        <translation>N</translation>
    </message>
</context>
<context>
    <name>passphrase</name>
    <message>
        <source>Passphrase of your organisation&apos;s keys:</source>
        <translation>Phrase secrète des clés de votre organisation :</translation>
    </message>
    <message>
        <source>Choose a passphrase for your organisation&apos;s private keys (at least {n} characters).
Whoever holds the workspace and this passphrase can sign in your organisation&apos;s name;
without it nobody, you included, can send or receive packages.</source>
        <translation>Choisissez une phrase secrète pour les clés privées de votre organisation (au moins {n} caractères).
Qui détient l&apos;espace de travail et cette phrase secrète peut signer au nom de votre organisation ;
sans elle personne, vous compris, ne peut envoyer ou recevoir de paquets.</translation>
    </message>
    <message>
        <source>The passphrase must have at least {n} characters: no keys were made.</source>
        <translation>La phrase secrète doit avoir au moins {n} caractères : aucune clé n&apos;a été créée.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Saisissez à nouveau la phrase secrète :</translation>
    </message>
    <message>
        <source>The two passphrases differ: no keys were made.</source>
        <translation>Les deux phrases secrètes diffèrent : aucune clé n&apos;a été créée.</translation>
    </message>
</context>
<context>
    <name>result_overlays</name>
    <message>
        <source>Map: the route dark blue, alternatives light blue; A start, B end.</source>
        <translation>Carte : l&apos;itinéraire en bleu foncé, les variantes en bleu clair ; A départ, B arrivée.</translation>
    </message>
    <message>
        <source>Map: movements coloured by shelter, wider for more people; shelters labelled with their fill; small dots: sources served; red rings: people not served.</source>
        <translation>Carte : déplacements colorés par abri, plus larges pour plus de personnes ; abris étiquetés avec leur taux de remplissage ; petits points : origines desservies ; anneaux rouges : personnes non desservies.</translation>
    </message>
    <message>
        <source>Map: shipments coloured by warehouse, wider for more goods; red rings: needs no warehouse reaches.</source>
        <translation>Carte : envois colorés par entrepôt, plus larges pour plus de biens ; anneaux rouges : besoins qu&apos;aucun entrepôt n&apos;atteint.</translation>
    </message>
    <message>
        <source>Map: exposed needs coloured by the worst severity reaching them (yellow 1 to red 5), sized by population.</source>
        <translation>Carte : besoins exposés colorés selon la gravité maximale qui les atteint (jaune 1 à rouge 5), dimensionnés selon la population.</translation>
    </message>
    <message>
        <source>Map: corridors by risk score: green below 25, yellow below 50, orange below 75, red above.</source>
        <translation>Carte : couloirs selon leur score de risque : vert sous 25, jaune sous 50, orange sous 75, rouge au-delà.</translation>
    </message>
    <message>
        <source>{percent} full</source>
        <translation>rempli à {percent}</translation>
    </message>
    <message>
        <source>{name}: risk {score}</source>
        <translation>{name} : risque {score}</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <source>reading plan {id}</source>
        <translation>lecture du plan {id}</translation>
    </message>
    <message>
        <source>Saved plan {id}: {title}</source>
        <translation>Plan enregistré {id} : {title}</translation>
    </message>
    <message>
        <source>Route ({mode}): {message}</source>
        <translation>Itinéraire ({mode}) : {message}</translation>
    </message>
    <message>
        <source>Alternative {rank} ({mode}): {message}</source>
        <translation>Variante {rank} ({mode}) : {message}</translation>
    </message>
    <message>
        <source>{people} people to move: {served} served, {unserved} not served</source>
        <translation>{people} personnes à déplacer : {served} desservies, {unserved} non desservies</translation>
    </message>
    <message>
        <source>Saved in the workspace as plan {id}.</source>
        <translation>Enregistré dans l&apos;espace de travail comme plan {id}.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>s.o.</translation>
    </message>
    <message>
        <source>{exposed} of {total} need locations, {people} people exposed to {zones} danger zones (within {distance} m, at {at}).</source>
        <translation>{exposed} lieux de besoins sur {total}, {people} personnes exposées à {zones} zones de danger (à moins de {distance} m, le {at}).</translation>
    </message>
</context>
<context>
    <name>symbols</name>
    <message>
        <source>other</source>
        <translation>autre</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>making keys</source>
        <translation>création des clés</translation>
    </message>
    <message>
        <source>signing the card</source>
        <translation>signature de la carte</translation>
    </message>
    <message>
        <source>checking originators&apos; signatures</source>
        <translation>vérification des signatures des émetteurs</translation>
    </message>
    <message>
        <source>unlocking the key</source>
        <translation>déverrouillage de la clé</translation>
    </message>
    <message>
        <source>signing the witness</source>
        <translation>signature du témoin</translation>
    </message>
</context>
<context>
    <name>undo_commands</name>
    <message>
        <source>Edit geometry of {name}</source>
        <translation>Modifier la géométrie de {name}</translation>
    </message>
    <message>
        <source>Edit fields of {name}</source>
        <translation>Modifier les champs de {name}</translation>
    </message>
    <message>
        <source>Edit marking of {name}</source>
        <translation>Modifier le marquage de {name}</translation>
    </message>
    <message>
        <source>Edit geometry and fields of {name}</source>
        <translation>Modifier la géométrie et les champs de {name}</translation>
    </message>
    <message>
        <source>Edit geometry and marking of {name}</source>
        <translation>Modifier la géométrie et le marquage de {name}</translation>
    </message>
    <message>
        <source>Edit fields and marking of {name}</source>
        <translation>Modifier les champs et le marquage de {name}</translation>
    </message>
    <message>
        <source>Edit geometry, fields and marking of {name}</source>
        <translation>Modifier la géométrie, les champs et le marquage de {name}</translation>
    </message>
    <message>
        <source>Edit feature of {name}</source>
        <translation>Modifier l&apos;entité {name}</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: {reason}</source>
        <translation>Impossible d&apos;annuler « {edit} » : {reason}</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: {reason}</source>
        <translation>Impossible de rétablir « {edit} » : {reason}</translation>
    </message>
    <message>
        <source>Add {kind}</source>
        <translation>Ajouter : {kind}</translation>
    </message>
    <message>
        <source>Move vertices of {name}</source>
        <translation>Déplacer les sommets de {name}</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>Supprimer {name}</translation>
    </message>
    <message>
        <source>Delete {n} {layer}</source>
        <translation>Supprimer {n} {layer}</translation>
    </message>
    <message>
        <source>Propose deleting {name} (to {originator})</source>
        <translation>Proposer la suppression de {name} (à {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry and fields of {name} (to {originator})</source>
        <translation>Proposer de modifier la géométrie et les champs de {name} (à {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry of {name} (to {originator})</source>
        <translation>Proposer de modifier la géométrie de {name} (à {originator})</translation>
    </message>
    <message>
        <source>Propose changing fields of {name} (to {originator})</source>
        <translation>Proposer de modifier les champs de {name} (à {originator})</translation>
    </message>
    <message>
        <source>Propose changing {name} (to {originator})</source>
        <translation>Proposer de modifier {name} (à {originator})</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <source>Their marking holds a value this version of HumanOps does not understand: never sent.</source>
        <translation>Leur marquage contient une valeur que cette version de HumanOps ne comprend pas : jamais envoyées.</translation>
    </message>
    <message>
        <source>Their marking has expired: expired information is never shared.</source>
        <translation>Leur marquage a expiré : une information expirée n&apos;est jamais partagée.</translation>
    </message>
    <message>
        <source>The recipient&apos;s key was revoked: only TLP:CLEAR may still go to it.</source>
        <translation>La clé du destinataire a été révoquée : seul TLP:CLEAR peut encore lui parvenir.</translation>
    </message>
    <message>
        <source>Received from another organisation and marked “no onward sharing”: only the originator may share them.</source>
        <translation>Reçues d&apos;une autre organisation et marquées « pas de rediffusion » : seul l&apos;émetteur peut les partager.</translation>
    </message>
    <message>
        <source>TLP:RED received from another organisation: never passed on.</source>
        <translation>TLP:RED reçu d&apos;une autre organisation : jamais transmis.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT received from another organisation: never passed on.</source>
        <translation>TLP:AMBER+STRICT reçu d&apos;une autre organisation : jamais transmis.</translation>
    </message>
    <message>
        <source>The recipient is not named in their “releasable to” list, neither directly nor through a community.</source>
        <translation>Le destinataire n&apos;est pas nommé dans leur liste « diffusable à », ni directement ni par une communauté.</translation>
    </message>
    <message>
        <source>TLP:GREEN without a “releasable to” list, and the recipient shares no community with the originator.</source>
        <translation>TLP:GREEN sans liste « diffusable à », et le destinataire ne partage aucune communauté avec l&apos;émetteur.</translation>
    </message>
    <message>
        <source>TLP:AMBER received from another organisation that named no one it may be passed on to.</source>
        <translation>TLP:AMBER reçu d&apos;une autre organisation qui n&apos;a nommé personne à qui le transmettre.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT: the recipient is not named by its own id in “releasable to” (a community is not enough).</source>
        <translation>TLP:AMBER+STRICT : le destinataire n&apos;est pas nommé par son propre identifiant dans « diffusable à » (une communauté ne suffit pas).</translation>
    </message>
    <message>
        <source>TLP:RED: the recipient is not named by its own id in “releasable to”.</source>
        <translation>TLP:RED : le destinataire n&apos;est pas nommé par son propre identifiant dans « diffusable à ».</translation>
    </message>
    <message>
        <source>Outside the recipient&apos;s area of responsibility.</source>
        <translation>Hors de la zone de responsabilité du destinataire.</translation>
    </message>
    <message>
        <source>Another recipient of this package may not have them (a package holds only what all its recipients may have).</source>
        <translation>Un autre destinataire de ce paquet n&apos;a pas le droit de les avoir (un paquet ne contient que ce que tous ses destinataires peuvent avoir).</translation>
    </message>
    <message>
        <source>The recipients would need different generalisations of them: send separate packages.</source>
        <translation>Les destinataires en nécessiteraient des généralisations différentes : envoyez des paquets séparés.</translation>
    </message>
    <message>
        <source>Generalised copies received from a partner: only their originator passes its data on.</source>
        <translation>Copies généralisées reçues d&apos;un partenaire : seul leur émetteur transmet ses données.</translation>
    </message>
    <message>
        <source>Generalised groups too small to share (fewer people than the marking&apos;s threshold): suppressed to protect them.</source>
        <translation>Groupes généralisés trop petits pour être partagés (moins de personnes que le seuil du marquage) : supprimés pour les protéger.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouvelles</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>mises à jour</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimées</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflits</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>en quarantaine</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangées</translation>
    </message>
    <message>
        <source>older than ours</source>
        <translation>plus anciennes que les nôtres</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignorées</translation>
    </message>
    <message>
        <source>If you expect packages from this sender, add its contact card (Sharing ▸ Partners and keys) after checking this fingerprint with them by phone or in person.</source>
        <translation>Si vous attendez des paquets de cet expéditeur, ajoutez sa carte de contact (Partage ▸ Partenaires et clés) après avoir vérifié cette empreinte avec lui par téléphone ou en personne.</translation>
    </message>
    <message>
        <source>The package was signed by one partner in the name of another: do not trust it.</source>
        <translation>Le paquet a été signé par un partenaire au nom d&apos;un autre : ne vous y fiez pas.</translation>
    </message>
    <message>
        <source>The sender&apos;s key was revoked: ask them for their new contact card.</source>
        <translation>La clé de l&apos;expéditeur a été révoquée : demandez-lui sa nouvelle carte de contact.</translation>
    </message>
    <message>
        <source>This package was made for other organisations: ask the sender for one addressed to you.</source>
        <translation>Ce paquet a été fait pour d&apos;autres organisations : demandez à l&apos;expéditeur un paquet qui vous est adressé.</translation>
    </message>
    <message>
        <source>This package was made for other organisations, or it is damaged.</source>
        <translation>Ce paquet a été fait pour d&apos;autres organisations, ou il est endommagé.</translation>
    </message>
    <message>
        <source>This package was imported already: nothing new to do.</source>
        <translation>Ce paquet a déjà été importé : rien de nouveau à faire.</translation>
    </message>
    <message>
        <source>A newer package from this sender was imported already: an older one never overwrites newer data.</source>
        <translation>Un paquet plus récent de cet expéditeur a déjà été importé : un plus ancien n&apos;écrase jamais des données plus récentes.</translation>
    </message>
    <message>
        <source>Ask the sender for a fresh package.</source>
        <translation>Demandez un nouveau paquet à l&apos;expéditeur.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed (or damaged): do not use it; ask the sender to send it again.</source>
        <translation>Le fichier a été altéré après sa signature (ou endommagé) : ne l&apos;utilisez pas ; demandez à l&apos;expéditeur de le renvoyer.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed: do not use it; ask the sender to send it again.</source>
        <translation>Le fichier a été altéré après sa signature : ne l&apos;utilisez pas ; demandez à l&apos;expéditeur de le renvoyer.</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete (a copy that stopped midway?): ask for it again.</source>
        <translation>Le fichier est endommagé ou incomplet (une copie interrompue ?) : redemandez-le.</translation>
    </message>
    <message>
        <source>Choose a .hopx file made by HumanOps.</source>
        <translation>Choisissez un fichier .hopx créé par HumanOps.</translation>
    </message>
    <message>
        <source>Type the passphrase of your organisation&apos;s keys again.</source>
        <translation>Saisissez à nouveau la phrase secrète des clés de votre organisation.</translation>
    </message>
    <message>
        <source>Withheld ({code}).</source>
        <translation>Retenues ({code}).</translation>
    </message>
    <message>
        <source>The package changed nothing in this workspace.</source>
        <translation>Le paquet n&apos;a rien changé dans cet espace de travail.</translation>
    </message>
</context>
</TS>
