<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AlertsPanel</name>
    <message>
        <source>No alerts: no trigger rules adopted</source>
        <translation>Sin alertas: no se ha adoptado ninguna regla de alerta</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regla</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Titular</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Entidades</translation>
    </message>
    <message>
        <source>Last fired</source>
        <translation>Última activación</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <source>high</source>
        <translation>alto</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>medio</translation>
    </message>
    <message>
        <source>low</source>
        <translation>bajo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>reconocida</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>resuelta</translation>
    </message>
    <message>
        <source>Click a feature to select it and zoom to it on the map</source>
        <translation>Haga clic en una entidad para seleccionarla y hacer zoom en el mapa</translation>
    </message>
    <message>
        <source>Features that fired it:</source>
        <translation>Entidades que la activaron:</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>Mostrar resueltas</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Reconocer</translation>
    </message>
    <message>
        <source>Mark the alert as seen; it stays listed until its condition no longer holds</source>
        <translation>Marcar la alerta como vista; sigue en la lista hasta que su condición deje de cumplirse</translation>
    </message>
    <message>
        <source>Export CAP…</source>
        <translation>Exportar CAP…</translation>
    </message>
    <message>
        <source>Write the alert as a CAP 1.2 XML message</source>
        <translation>Escribir la alerta como mensaje XML CAP 1.2</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Ningún espacio de trabajo abierto</translation>
    </message>
    <message numerus="yes">
        <source>{active} active, {other} other; %Ln rule(s) adopted</source>
        <translation>
            <numerusform>{active} activas, {other} otras; %Ln regla adoptada</numerusform>
            <numerusform>{active} activas, {other} otras; %Ln reglas adoptadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No active alerts: %Ln adopted rule(s) have not fired</source>
        <translation>
            <numerusform>Sin alertas activas: %Ln regla adoptada no se ha activado</numerusform>
            <numerusform>Sin alertas activas: %Ln reglas adoptadas no se han activado</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts: the adopted trigger rules have not fired</source>
        <translation>Sin alertas: las reglas de alerta adoptadas no se han activado</translation>
    </message>
    <message>
        <source>Select an alert to see why it fired.</source>
        <translation>Seleccione una alerta para ver por qué se activó.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;rule &lt;i&gt;{rule}&lt;/i&gt; · level {level} · {state} · TLP:{tlp}</source>
        <translation>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;regla &lt;i&gt;{rule}&lt;/i&gt; · nivel {level} · {state} · TLP:{tlp}</translation>
    </message>
    <message>
        <source>about: {kind} “{name}”</source>
        <translation>sobre: {kind} «{name}»</translation>
    </message>
    <message>
        <source>because of: {kind} “{name}”</source>
        <translation>a causa de: {kind} «{name}»</translation>
    </message>
    <message>
        <source>(no longer in the workspace)</source>
        <translation>(ya no está en el espacio de trabajo)</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <source>Acknowledged: {headline}</source>
        <translation>Reconocida: {headline}</translation>
    </message>
    <message>
        <source>Export alert as CAP 1.2</source>
        <translation>Exportar la alerta como CAP 1.2</translation>
    </message>
    <message>
        <source>CAP XML (*.xml)</source>
        <translation>CAP XML (*.xml)</translation>
    </message>
    <message>
        <source>Wrote CAP 1.2 {msg_type} ({status}) to {path}</source>
        <translation>Se escribió CAP 1.2 {msg_type} ({status}) en {path}</translation>
    </message>
</context>
<context>
    <name>ApplyRevertBar</name>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revertir</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Layer shown in the table</source>
        <translation>Capa mostrada en la tabla</translation>
    </message>
    <message>
        <source>Filter rows (any column contains…)</source>
        <translation>Filtrar filas (alguna columna contiene…)</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>cargando…</translation>
    </message>
    <message>
        <source>Reading {layer}</source>
        <translation>Leyendo {layer}</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>no se puede leer: {reason}</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} de {total}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln entidad</numerusform>
            <numerusform>%Ln entidades</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln seleccionada</numerusform>
            <numerusform>%Ln seleccionadas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AudienceProductDialog</name>
    <message>
        <source>Our own people ({us}): everything we hold</source>
        <translation>Nuestro propio personal ({us}): todo lo que tenemos</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Con</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Counts / detail</source>
        <translation>Cifras / detalle</translation>
    </message>
    <message>
        <source>export</source>
        <translation>exportación</translation>
    </message>
    <message>
        <source>import</source>
        <translation>importación</translation>
    </message>
    <message>
        <source>refused import</source>
        <translation>importación rechazada</translation>
    </message>
    <message>
        <source>{org}: {sent} sent, {withheld} withheld</source>
        <translation>{org}: {sent} enviadas, {withheld} retenidas</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>Verificar de nuevo</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Informe…</translation>
    </message>
    <message>
        <source>Partners&apos; witnesses</source>
        <translation>Testigos de los socios</translation>
    </message>
    <message>
        <source>A witness is what a partner&apos;s packages showed you of its audit log, signed by you: the partner checks its own log against it. A partner&apos;s witness of your log proves your log still holds what it saw, even if someone rewrote the log here.</source>
        <translation>Un testigo es lo que los paquetes de un socio le mostraron de su registro de auditoría, firmado por usted: el socio contrasta con él su propio registro. El testigo de un socio sobre su registro prueba que su registro aún contiene lo que vio, aunque alguien haya reescrito el registro aquí.</translation>
    </message>
    <message>
        <source>Write a witness for a partner…</source>
        <translation>Escribir un testigo para un socio…</translation>
    </message>
    <message>
        <source>Sign what a partner&apos;s packages showed you of its log, for it to check its own log against</source>
        <translation>Firmar lo que los paquetes de un socio le mostraron de su registro, para que contraste con ello su propio registro</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness…</source>
        <translation>Comprobar el testigo de un socio…</translation>
    </message>
    <message>
        <source>Check that your log still holds every entry a partner saw of it</source>
        <translation>Comprobar que su registro aún contiene cada entrada que un socio vio de él</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %Ln entry(ies), the hash chain verifies.</source>
        <translation>
            <numerusform>El registro de auditoría está intacto: %Ln entrada, la cadena de hash se verifica.</numerusform>
            <numerusform>El registro de auditoría está intacto: %Ln entradas, la cadena de hash se verifica.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log was tampered with, from entry {seq}: {problems}. Entries from there on cannot be trusted.</source>
        <translation>El registro de auditoría fue manipulado a partir de la entrada {seq}: {problems}. Las entradas a partir de ahí no son fiables.</translation>
    </message>
    <message>
        <source>The sharing report for a protocol review (HTML or PDF), or the raw log as CSV</source>
        <translation>El informe de intercambio para la revisión del protocolo (HTML o PDF), o el registro en bruto como CSV</translation>
    </message>
    <message>
        <source>Sharing report</source>
        <translation>Informe de intercambio</translation>
    </message>
    <message>
        <source>Sharing report (*.html);;Sharing report, PDF (*.pdf);;Raw log, CSV (*.csv)</source>
        <translation>Informe de intercambio (*.html);;Informe de intercambio, PDF (*.pdf);;Registro en bruto, CSV (*.csv)</translation>
    </message>
    <message>
        <source>No report written: {reason}</source>
        <translation>No se escribió ningún informe: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file}: %Ln entry(ies).</source>
        <translation>
            <numerusform>Se escribió {file}: %Ln entrada.</numerusform>
            <numerusform>Se escribió {file}: %Ln entradas.</numerusform>
        </translation>
    </message>
    <message>
        <source>WARNING: the hash chain does not verify.</source>
        <translation>ATENCIÓN: la cadena de hash no se verifica.</translation>
    </message>
    <message numerus="yes">
        <source>{label} ({org}): %Ln package(s) seen, up to entry {seq}</source>
        <translation>
            <numerusform>{label} ({org}): %Ln paquete visto, hasta la entrada {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln paquetes vistos, hasta la entrada {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: this workspace has no keys yet (Sharing ▸ Own identity…).</source>
        <translation>No se escribió ningún testigo: este espacio de trabajo aún no tiene claves (Compartir ▸ Identidad propia…).</translation>
    </message>
    <message>
        <source>No witness was written: no partner&apos;s package has shown you its audit log yet. A witness can be written for a partner once you have received a package from it.</source>
        <translation>No se escribió ningún testigo: ningún paquete de un socio le ha mostrado aún su registro de auditoría. Se puede escribir un testigo para un socio una vez recibido un paquete suyo.</translation>
    </message>
    <message>
        <source>Write a witness</source>
        <translation>Escribir un testigo</translation>
    </message>
    <message>
        <source>The witness is for (it checks its own log against it):</source>
        <translation>El testigo es para (contrasta con él su propio registro):</translation>
    </message>
    <message>
        <source>Witness for {partner}</source>
        <translation>Testigo para {partner}</translation>
    </message>
    <message>
        <source>Audit witness (*.json)</source>
        <translation>Testigo de auditoría (*.json)</translation>
    </message>
    <message>
        <source>The witness is signed with your organisation&apos;s key.</source>
        <translation>El testigo se firma con la clave de su organización.</translation>
    </message>
    <message>
        <source>Signing the witness…</source>
        <translation>Firmando el testigo…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the witness for {who} to {file}: the %Ln audit log head(s) its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</source>
        <translation>
            <numerusform>Se escribió el testigo para {who} en {file}: la %Ln cabecera del registro de auditoría que sus paquetes le mostraron, hasta la entrada {seq}. Entrégueselo a {who} (memoria USB, correo electrónico); {who} comprueba su registro con «Comprobar el testigo de un socio…» en su registro de auditoría.</numerusform>
            <numerusform>Se escribió el testigo para {who} en {file}: las %Ln cabeceras del registro de auditoría que sus paquetes le mostraron, hasta la entrada {seq}. Entrégueselo a {who} (memoria USB, correo electrónico); {who} comprueba su registro con «Comprobar el testigo de un socio…» en su registro de auditoría.</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: {reason}</source>
        <translation>No se escribió ningún testigo: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no witness was written.</source>
        <translation>Cancelado: no se escribió ningún testigo.</translation>
    </message>
    <message>
        <source>Writing the witness</source>
        <translation>Escribiendo el testigo</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness</source>
        <translation>Comprobar el testigo de un socio</translation>
    </message>
    <message>
        <source>Audit witness (*.json);;All files (*)</source>
        <translation>Testigo de auditoría (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>(field {field})</source>
        <translation>(campo {field})</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ {file} was refused:&lt;/b&gt; {reason}{where}. It proves nothing about your log: ask the partner for a new witness.</source>
        <translation>&lt;b&gt;✖ {file} fue rechazado:&lt;/b&gt; {reason}{where}. No prueba nada sobre su registro: pida al socio un nuevo testigo.</translation>
    </message>
    <message numerus="yes">
        <source>its witness of {when} holds %Ln head(s), up to entry {seq}</source>
        <translation>
            <numerusform>su testigo del {when} contiene %Ln cabecera, hasta la entrada {seq}</numerusform>
            <numerusform>su testigo del {when} contiene %Ln cabeceras, hasta la entrada {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;✔ Our log still holds everything {who} saw:&lt;/b&gt; {seen}, and each matches.</source>
        <translation>&lt;b&gt;✔ Nuestro registro aún contiene todo lo que {who} vio:&lt;/b&gt; {seen}, y cada una coincide.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ Our log no longer holds what {who} saw&lt;/b&gt; ({seen}); from entry {seq} on it cannot be trusted:</source>
        <translation>&lt;b&gt;✖ Nuestro registro ya no contiene lo que {who} vio&lt;/b&gt; ({seen}); a partir de la entrada {seq} no es fiable:</translation>
    </message>
    <message>
        <source>Keep the witness file and the workspace as they are, and tell {who}.</source>
        <translation>Conserve el archivo de testigo y el espacio de trabajo tal como están, e informe a {who}.</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <source>Briefing map</source>
        <translation>Mapa informativo</translation>
    </message>
    <message>
        <source>One HTML file of the chosen layers for people outside the app: it opens in any browser with no network. It holds only what the sharing policy lets the audience see; what is withheld is counted on the map, never shown.</source>
        <translation>Un único archivo HTML de las capas elegidas para personas fuera de la aplicación: se abre en cualquier navegador sin red. Solo contiene lo que la política de intercambio permite ver al público; lo retenido se cuenta en el mapa, nunca se muestra.</translation>
    </message>
    <message>
        <source>where to write the briefing map (.html)</source>
        <translation>dónde escribir el mapa informativo (.html)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Vigente el</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Write the briefing map for the chosen audience</source>
        <translation>Escribir el mapa informativo para el público elegido</translation>
    </message>
    <message>
        <source>Write the briefing map to</source>
        <translation>Escribir el mapa informativo en</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Página web (*.html)</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Elija al menos una capa.</translation>
    </message>
    <message>
        <source>Choose where to write the briefing map.</source>
        <translation>Elija dónde escribir el mapa informativo.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>Se escribió {file} ({size} bytes): TLP:{tlp}, para {audience}. {withheld}</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted on the map, not shown.</source>
        <translation>{n} entidad(es) retenida(s) por la política de intercambio se cuentan en el mapa, no se muestran.</translation>
    </message>
    <message>
        <source>No briefing map was written: {reason}</source>
        <translation>No se escribió ningún mapa informativo: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no briefing map was written.</source>
        <translation>Cancelado: no se escribió ningún mapa informativo.</translation>
    </message>
    <message>
        <source>Writing the briefing map</source>
        <translation>Escribiendo el mapa informativo</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Save as PNG…</source>
        <translation>Guardar como PNG…</translation>
    </message>
</context>
<context>
    <name>CheckThenImportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Comprobar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>Scenario clock</source>
        <translation>Reloj del escenario</translation>
    </message>
    <message>
        <source>Set the scenario time to</source>
        <translation>Poner la hora del escenario en</translation>
    </message>
    <message>
        <source>T+0</source>
        <translation>T+0</translation>
    </message>
    <message>
        <source>Back to the exercise&apos;s start</source>
        <translation>Volver al inicio del ejercicio</translation>
    </message>
    <message>
        <source>Scenario seconds per wall-clock second: 1 is real time, 10 runs ten scenario minutes a minute</source>
        <translation>Segundos del escenario por segundo real: 1 es tiempo real, 10 hace pasar diez minutos del escenario por minuto</translation>
    </message>
    <message>
        <source>Running (unchecked: paused)</source>
        <translation>En marcha (sin marcar: en pausa)</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>Aceleración</translation>
    </message>
    <message>
        <source>The scenario clock does not read: set the scenario time.</source>
        <translation>El reloj del escenario no se puede leer: ponga la hora del escenario.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>running at ×{speed}</source>
        <translation>en marcha a ×{speed}</translation>
    </message>
    <message>
        <source>Now {elapsed} · {time}, {state}.</source>
        <translation>Ahora {elapsed} · {time}, {state}.</translation>
    </message>
    <message>
        <source>The clock was not changed: {reason}</source>
        <translation>El reloj no se cambió: {reason}</translation>
    </message>
    <message>
        <source>Scenario clock set: {time}, {state}.</source>
        <translation>Reloj del escenario ajustado: {time}, {state}.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>unreadable geometry</source>
        <translation>geometría ilegible</translation>
    </message>
    <message>
        <source>{geometry} at {where}</source>
        <translation>{geometry} en {where}</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln vertices)</source>
        <translation>
            <numerusform>(%Ln vértice)</numerusform>
            <numerusform>(%Ln vértices)</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>La mía</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>La suya</translation>
    </message>
    <message>
        <source>Changes of features made by someone else than their originator: never merged until their originator accepts them</source>
        <translation>Cambios de entidades hechos por alguien distinto de su originador: nunca se fusionan hasta que su originador los acepta</translation>
    </message>
    <message>
        <source>Select on map</source>
        <translation>Seleccionar en el mapa</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Conservar la mía</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Conservar la suya</translation>
    </message>
    <message>
        <source>{layer}: {name} — from {sender}; differs: {fields}</source>
        <translation>{layer}: {name} — de {sender}; difiere: {fields}</translation>
    </message>
    <message>
        <source>history only</source>
        <translation>solo el historial</translation>
    </message>
    <message>
        <source>{layer} {uuid}, detected {when}, package {package}</source>
        <translation>{layer} {uuid}, detectado el {when}, paquete {package}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</source>
        <translation>
            <numerusform>&lt;b&gt;Conflictos&lt;/b&gt; — %Ln en el que ambas partes cambiaron una entidad</numerusform>
            <numerusform>&lt;b&gt;Conflictos&lt;/b&gt; — %Ln en los que ambas partes cambiaron una entidad</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;Conflictos&lt;/b&gt; — ninguno abierto</translation>
    </message>
    <message>
        <source>Select a proposal to see what it changes; Accept or Reject decides it.</source>
        <translation>Seleccione una propuesta para ver qué cambia; Aceptar o Rechazar la decide.</translation>
    </message>
    <message>
        <source>Your proposals wait for their originators&apos; decision (dashed on the map); Withdraw takes one back.</source>
        <translation>Sus propuestas esperan la decisión de sus originadores (discontinuas en el mapa); Retirar recupera una.</translation>
    </message>
    <message>
        <source>No open conflicts or proposals: every received change merged cleanly.</source>
        <translation>Ningún conflicto ni propuesta abiertos: cada cambio recibido se fusionó sin problemas.</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {originator}&apos;s {layer} {uuid}</source>
        <translation>{proposer} propone un cambio de {layer} {uuid} de {originator}</translation>
    </message>
    <message>
        <source>waiting for {originator}</source>
        <translation>esperando a {originator}</translation>
    </message>
    <message>
        <source>{layer} {uuid}, proposed {when} on version {version}</source>
        <translation>{layer} {uuid}, propuesta el {when} sobre la versión {version}</translation>
    </message>
    <message>
        <source>received from {org}</source>
        <translation>recibida de {org}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — {received} to decide, {ours} of yours waiting</source>
        <translation>&lt;b&gt;Propuestas&lt;/b&gt; — {received} por decidir, {ours} suyas en espera</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;Propuestas&lt;/b&gt; — ninguna abierta</translation>
    </message>
    <message>
        <source>Now (v{version})</source>
        <translation>Actual (v{version})</translation>
    </message>
    <message>
        <source>Proposed by {proposer}</source>
        <translation>Propuesta por {proposer}</translation>
    </message>
    <message>
        <source>Highlighted: what the proposal changes. Only the feature&apos;s originator makes it a new version; accepting a proposal about another organisation&apos;s feature proposes it to them in your name.</source>
        <translation>Resaltado: lo que cambia la propuesta. Solo el originador de la entidad la convierte en una nueva versión; aceptar una propuesta sobre la entidad de otra organización se la propone en su nombre.</translation>
    </message>
    <message>
        <source>Not decided: {reason}</source>
        <translation>No decidida: {reason}</translation>
    </message>
    <message>
        <source>Rejected {proposer}&apos;s proposal for {feature}: the feature stays as it is.</source>
        <translation>Se rechazó la propuesta de {proposer} para {feature}: la entidad se queda como está.</translation>
    </message>
    <message>
        <source>Accepted {proposer}&apos;s proposal: {feature} is now version {version}.</source>
        <translation>Se aceptó la propuesta de {proposer}: {feature} es ahora la versión {version}.</translation>
    </message>
    <message>
        <source>Forwarded {proposer}&apos;s proposal to {originator} as your own: it goes in your next package to them; they decide.</source>
        <translation>Se reenvió la propuesta de {proposer} a {originator} como propia: va en su próximo paquete para ellos; ellos deciden.</translation>
    </message>
    <message>
        <source>Not withdrawn: {reason}</source>
        <translation>No retirada: {reason}</translation>
    </message>
    <message>
        <source>Withdrew your proposal for {layer} {uuid}….</source>
        <translation>Se retiró su propuesta para {layer} {uuid}….</translation>
    </message>
    <message>
        <source>Mine (v{version})</source>
        <translation>La mía (v{version})</translation>
    </message>
    <message>
        <source>Theirs, from {sender} (v{version})</source>
        <translation>La suya, de {sender} (v{version})</translation>
    </message>
    <message>
        <source>Highlighted: what differs. Keeping a version stores it as a new version above both; your partners receive your decision with the next package.</source>
        <translation>Resaltado: lo que difiere. Conservar una versión la guarda como una nueva versión por encima de ambas; sus socios reciben su decisión con el próximo paquete.</translation>
    </message>
    <message>
        <source>The version we hold is a deletion: there is nothing of it on the map.</source>
        <translation>La versión que tenemos es una eliminación: no hay nada de ella en el mapa.</translation>
    </message>
    <message>
        <source>Not resolved: {reason}</source>
        <translation>No resuelto: {reason}</translation>
    </message>
    <message>
        <source>Kept mine for {layer} {uuid}… as version {version}.</source>
        <translation>Se conservó la mía para {layer} {uuid}… como versión {version}.</translation>
    </message>
    <message>
        <source>Kept theirs for {layer} {uuid}… as version {version}.</source>
        <translation>Se conservó la suya para {layer} {uuid}… como versión {version}.</translation>
    </message>
</context>
<context>
    <name>CorridorRiskView</name>
    <message>
        <source>Danger along the corridor over its whole width, from the danger zones valid now; the score&apos;s formula is in docs/analysis.md</source>
        <translation>Peligro a lo largo del corredor en toda su anchura, según las zonas de peligro vigentes ahora; la fórmula de la puntuación está en docs/analysis.md</translation>
    </message>
    <message>
        <source>&lt;b&gt;Risk now&lt;/b&gt; ({at}): {score}</source>
        <translation>&lt;b&gt;Riesgo actual&lt;/b&gt; ({at}): {score}</translation>
    </message>
    <message>
        <source>worst severity {severity}</source>
        <translation>gravedad máxima {severity}</translation>
    </message>
    <message>
        <source>{danger} of {length} km in danger</source>
        <translation>{danger} de {length} km en peligro</translation>
    </message>
    <message numerus="yes">
        <source>%Ln zone(s)</source>
        <translation>
            <numerusform>%Ln zona</numerusform>
            <numerusform>%Ln zonas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln facility(ies) within {reach} km</source>
        <translation>
            <numerusform>%Ln instalación a menos de {reach} km</numerusform>
            <numerusform>%Ln instalaciones a menos de {reach} km</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>the chart could not be written as a PNG there</source>
        <translation>el gráfico no se pudo escribir como PNG allí</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Ningún espacio de trabajo abierto.</translation>
    </message>
    <message>
        <source>People exposed over time, by severity</source>
        <translation>Personas expuestas en el tiempo, por gravedad</translation>
    </message>
    <message>
        <source>People exposed over time, by hazard</source>
        <translation>Personas expuestas en el tiempo, por amenaza</translation>
    </message>
    <message>
        <source>Corridors: status and risk</source>
        <translation>Corredores: estado y riesgo</translation>
    </message>
    <message>
        <source>Needs coverage by sector</source>
        <translation>Cobertura de necesidades por sector</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>Ocupación de los albergues</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel de control</translation>
    </message>
    <message>
        <source>The dashboard could not be computed: {reason}</source>
        <translation>No se pudo calcular el panel de control: {reason}</translation>
    </message>
    <message>
        <source>Figures at {moment}; exposure from {start} to {end}.</source>
        <translation>Cifras a {moment}; exposición del {start} al {end}.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>Ningún corredor es válido en este momento.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share}: {stock} de {demand} {unit}</translation>
    </message>
    <message>
        <source>No needs to cover.</source>
        <translation>No hay necesidades que cubrir.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} personas ({share})</translation>
    </message>
    <message>
        <source>No shelter with a capacity.</source>
        <translation>Ningún albergue con capacidad.</translation>
    </message>
    <message numerus="yes">
        <source>Fullest first; %n emptier shelter(s) not charted.</source>
        <translation>
            <numerusform>Los más llenos primero; %n albergue menos lleno no se muestra.</numerusform>
            <numerusform>Los más llenos primero; %n albergues menos llenos no se muestran.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fullest first.</source>
        <translation>Los más llenos primero.</translation>
    </message>
    <message>
        <source>{status}, risk {risk} ({share} in danger)</source>
        <translation>{status}, riesgo {risk} ({share} en peligro)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>map time</source>
        <translation>hora del mapa</translation>
    </message>
    <message>
        <source>No need location lies in a danger zone over this time range.</source>
        <translation>Ningún lugar de necesidad está en una zona de peligro en este periodo.</translation>
    </message>
    <message>
        <source>Each person once, at the worst severity reaching them.</source>
        <translation>Cada persona una vez, con la mayor gravedad que la alcanza.</translation>
    </message>
    <message>
        <source>A person exposed to two hazards is under both.</source>
        <translation>Una persona expuesta a dos amenazas figura en ambas.</translation>
    </message>
    <message>
        <source>Save the chart as PNG</source>
        <translation>Guardar el gráfico como PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>No se puede escribir {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved the chart “{title}” to {path}.</source>
        <translation>Gráfico «{title}» guardado en {path}.</translation>
    </message>
</context>
<context>
    <name>DateTimeWidget</name>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>The current time</source>
        <translation>La hora actual</translation>
    </message>
    <message>
        <source>Scenario time</source>
        <translation>Hora del escenario</translation>
    </message>
    <message>
        <source>The scenario&apos;s “now”: {at}</source>
        <translation>El «ahora» del escenario: {at}</translation>
    </message>
    <message>
        <source>This workspace is not a scenario (no scenario time)</source>
        <translation>Este espacio de trabajo no es un escenario (sin hora de escenario)</translation>
    </message>
</context>
<context>
    <name>DecisionReportDialog</name>
    <message>
        <source>Decision report</source>
        <translation>Informe de decisiones</translation>
    </message>
    <message>
        <source>Per inject and organisation: the time to see it, to raise and acknowledge the alert, to decide and to inform partners, and the sharing decisions taken. Give each participant&apos;s exercise workspace (its whole, verified record) or, failing that, its audit log as CSV (times to see and to inform only). This workspace ({file}) says what was played when.</source>
        <translation>Por inyección y organización: el tiempo para verla, para emitir y reconocer la alerta, para decidir y para informar a los socios, y las decisiones de intercambio tomadas. Indique el espacio de trabajo del ejercicio de cada participante (su registro completo y verificado) o, en su defecto, su registro de auditoría en CSV (solo tiempos para ver e informar). Este espacio de trabajo ({file}) dice qué se jugó y cuándo.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>A CSV&apos;s organisation can be typed: by default its file&apos;s name</source>
        <translation>La organización de un CSV se puede escribir: por defecto, el nombre de su archivo</translation>
    </message>
    <message>
        <source>Add workspaces…</source>
        <translation>Añadir espacios de trabajo…</translation>
    </message>
    <message>
        <source>Add audit CSV…</source>
        <translation>Añadir CSV de auditoría…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>the inject file played (.toml)</source>
        <translation>el archivo de inyecciones jugado (.toml)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>the report: .html, or .pdf</source>
        <translation>el informe: .html o .pdf</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>Inyecciones</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation>Abrir el informe</translation>
    </message>
    <message>
        <source>Participants&apos; records</source>
        <translation>Registros de los participantes</translation>
    </message>
    <message>
        <source>The workspace&apos;s own organisation</source>
        <translation>La organización propia del espacio de trabajo</translation>
    </message>
    <message>
        <source>Participants&apos; exercise workspaces</source>
        <translation>Espacios de trabajo del ejercicio de los participantes</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Participants&apos; audit logs</source>
        <translation>Registros de auditoría de los participantes</translation>
    </message>
    <message>
        <source>Audit log, CSV (*.csv)</source>
        <translation>Registro de auditoría, CSV (*.csv)</translation>
    </message>
    <message>
        <source>Inject file</source>
        <translation>Archivo de inyecciones</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>Archivos de inyecciones (*.toml)</translation>
    </message>
    <message>
        <source>Write the report to</source>
        <translation>Escribir el informe en</translation>
    </message>
    <message>
        <source>Report, HTML (*.html);;Report, PDF (*.pdf)</source>
        <translation>Informe, HTML (*.html);;Informe, PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Add at least one participant&apos;s record.</source>
        <translation>Añada el registro de al menos un participante.</translation>
    </message>
    <message>
        <source>Choose the inject file.</source>
        <translation>Elija el archivo de inyecciones.</translation>
    </message>
    <message>
        <source>No inject file {file}.</source>
        <translation>No existe el archivo de inyecciones {file}.</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>Elija dónde escribir el informe.</translation>
    </message>
    <message>
        <source>The report is written as .html or .pdf.</source>
        <translation>El informe se escribe como .html o .pdf.</translation>
    </message>
    <message>
        <source>Written {file}: {injects} inject(s), {orgs} organisation(s).</source>
        <translation>Escrito {file}: {injects} inyección(es), {orgs} organización(es).</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>No se escribió ningún informe: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Cancelado: no se escribió ningún informe.</translation>
    </message>
    <message>
        <source>Writing the decision report</source>
        <translation>Escribiendo el informe de decisiones</translation>
    </message>
    <message>
        <source>Decision report written to {file}.</source>
        <translation>Informe de decisiones escrito en {file}.</translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message>
        <source>{kind} &apos;{name}&apos;</source>
        <translation>{kind} «{name}»</translation>
    </message>
    <message>
        <source>{kind} {id}</source>
        <translation>{kind} {id}</translation>
    </message>
    <message>
        <source>click the corners, double-click to close the area</source>
        <translation>haga clic en las esquinas, doble clic para cerrar el área</translation>
    </message>
    <message>
        <source>click along the route, double-click to finish</source>
        <translation>haga clic a lo largo de la ruta, doble clic para terminar</translation>
    </message>
    <message>
        <source>click where it is</source>
        <translation>haga clic donde está</translation>
    </message>
    <message>
        <source>New {kind}: {hint}; Esc cancels, Backspace removes the last point.</source>
        <translation>Nuevo elemento ({kind}): {hint}; Esc cancela, Retroceso quita el último punto.</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>Dibujo cancelado.</translation>
    </message>
    <message>
        <source>New feature discarded.</source>
        <translation>Nueva entidad descartada.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: only {owner} changes it. Your edits are sent to {owner} as proposals; {owner} decides.</source>
        <translation>{kind} de {owner}: solo {owner} lo cambia. Sus cambios se envían a {owner} como propuestas; {owner} decide.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: {owner} named you an editor, so your edits are stored as new versions (only {owner} deletes it or sets its marking).</source>
        <translation>{kind} de {owner}: {owner} le nombró editor, así que sus cambios se guardan como nuevas versiones (solo {owner} lo elimina o fija su marcado).</translation>
    </message>
    <message>
        <source>You cannot change it: {reason}.</source>
        <translation>No puede cambiarlo: {reason}.</translation>
    </message>
    <message>
        <source>Your proposal is waiting for {owner}&apos;s decision (dashed on the map).</source>
        <translation>Su propuesta espera la decisión de {owner} (discontinua en el mapa).</translation>
    </message>
    <message>
        <source>{who} proposed a change: decide it in the Conflicts and proposals panel.</source>
        <translation>{who} propuso un cambio: decídalo en el panel Conflictos y propuestas.</translation>
    </message>
    <message>
        <source>Received from {owner}: you may only make its marking stricter. The stricter marking governs what you pass on; {owner}&apos;s version is kept (no new version).</source>
        <translation>Recibido de {owner}: solo puede hacer su marcado más estricto. El marcado más estricto rige lo que usted transmite; se conserva la versión de {owner} (sin nueva versión).</translation>
    </message>
    <message>
        <source>Saved {fields} of {feature} as a new version.</source>
        <translation>Se guardó {fields} de {feature} como nueva versión.</translation>
    </message>
    <message>
        <source>Marking of {feature} not changed: {reason}</source>
        <translation>Marcado de {feature} no cambiado: {reason}</translation>
    </message>
    <message>
        <source>Marking of {feature} unchanged ({level}).</source>
        <translation>Marcado de {feature} sin cambios ({level}).</translation>
    </message>
    <message>
        <source>Marking restricted on {feature}: {level} for what we pass on (its originator&apos;s version is kept).</source>
        <translation>Marcado restringido en {feature}: {level} para lo que transmitimos (se conserva la versión del originador).</translation>
    </message>
    <message>
        <source>Marking saved on {feature}: {level}.</source>
        <translation>Marcado guardado en {feature}: {level}.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was written.</source>
        <translation>Otra persona cambió {feature} mientras tanto: no se escribió nada.</translation>
    </message>
    <message>
        <source>Saved the new shape of {feature} as a new version (Ctrl+Z undoes it).</source>
        <translation>Se guardó la nueva forma de {feature} como nueva versión (Ctrl+Z lo deshace).</translation>
    </message>
    <message>
        <source>Someone else changed the shape of {feature} meanwhile: nothing was written.</source>
        <translation>Otra persona cambió la forma de {feature} mientras tanto: no se escribió nada.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>Se conservó su versión; sus cambios se descartaron.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln feature(s) ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>Se eliminaron %Ln entidad ({features}); se propuso la eliminación de {proposed} a {owners} (Ctrl+Z lo deshace).</numerusform>
            <numerusform>Se eliminaron %Ln entidades ({features}); se propuso la eliminación de {proposed} a {owners} (Ctrl+Z lo deshace).</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {features} (Ctrl+Z undoes it).</source>
        <translation>Eliminado: {features} (Ctrl+Z lo deshace).</translation>
    </message>
    <message>
        <source>Proposed the deletion of {features} to {owners} (Ctrl+Z undoes it).</source>
        <translation>Se propuso la eliminación de {features} a {owners} (Ctrl+Z lo deshace).</translation>
    </message>
    <message>
        <source>Kept their version; nothing was deleted.</source>
        <translation>Se conservó su versión; no se eliminó nada.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was deleted.</source>
        <translation>Otra persona cambió {feature} mientras tanto: no se eliminó nada.</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: someone else changed it meanwhile.</source>
        <translation>No se puede deshacer «{edit}»: otra persona lo cambió mientras tanto.</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: someone else changed it meanwhile.</source>
        <translation>No se puede rehacer «{edit}»: otra persona lo cambió mientras tanto.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more</source>
        <translation>
            <numerusform>%Ln más</numerusform>
            <numerusform>%Ln más</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: {reasons}</source>
        <translation>No se eliminó nada: {reasons}</translation>
    </message>
    <message>
        <source>Added {feature} — saved.</source>
        <translation>Añadido: {feature} — guardado.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln feature(s)</source>
        <translation>
            <numerusform>Eliminar %Ln entidad</numerusform>
            <numerusform>Eliminar %Ln entidades</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change {kind} {name}: {reason}</source>
        <translation>No puede cambiar {kind} {name}: {reason}</translation>
    </message>
    <message>
        <source>Proposed to {owner}: your change of {kind} {name} waits for {owner}&apos;s decision (Ctrl+Z withdraws it).</source>
        <translation>Propuesto a {owner}: su cambio de {kind} {name} espera la decisión de {owner} (Ctrl+Z lo retira).</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Deleting it will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>Este elemento ({kind}) pertenece a {owner}. Su eliminación se enviará a {owner} como propuesta; {owner} decide. ¿Proponerla?</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Your change will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>Este elemento ({kind}) pertenece a {owner}. Su cambio se enviará a {owner} como propuesta; {owner} decide. ¿Proponerlo?</translation>
    </message>
    <message>
        <source>{n} of the selected features belong to other organisations ({owners}). Deleting them will be sent to them as proposals; they decide. Propose their deletion?</source>
        <translation>{n} de las entidades seleccionadas pertenecen a otras organizaciones ({owners}). Su eliminación se les enviará como propuestas; ellas deciden. ¿Proponer su eliminación?</translation>
    </message>
    <message>
        <source>Propose to the originator</source>
        <translation>Proponer al originador</translation>
    </message>
    <message>
        <source>Until it is decided, the map shows your proposal dashed in magenta; Undo withdraws it.</source>
        <translation>Hasta que se decida, el mapa muestra su propuesta en magenta discontinuo; Deshacer la retira.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>Proponer</translation>
    </message>
    <message>
        <source>Not proposed: nothing was changed.</source>
        <translation>No propuesto: no se cambió nada.</translation>
    </message>
</context>
<context>
    <name>EditorsDialog</name>
    <message>
        <source>Editors may change fields and geometry with you; only you set the marking, name editors or delete.</source>
        <translation>Los editores pueden cambiar los campos y la geometría con usted; solo usted fija el marcado, nombra editores o elimina.</translation>
    </message>
    <message>
        <source>Editors may change fields and geometry with {org}; only {org} sets the marking, names editors or deletes.</source>
        <translation>Los editores pueden cambiar los campos y la geometría con {org}; solo {org} fija el marcado, nombra editores o elimina.</translation>
    </message>
    <message>
        <source>(you)</source>
        <translation>(usted)</translation>
    </message>
    <message>
        <source>Editors: {names}</source>
        <translation>Editores: {names}</translation>
    </message>
    <message>
        <source>Editors: none (only you change it)</source>
        <translation>Editores: ninguno (solo usted lo cambia)</translation>
    </message>
    <message>
        <source>Editors named by {owner}: {names}</source>
        <translation>Editores nombrados por {owner}: {names}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) of ours given a new version</source>
        <translation>
            <numerusform>%Ln entidad nuestra con una nueva versión</numerusform>
            <numerusform>%Ln entidades nuestras con una nueva versión</numerusform>
        </translation>
    </message>
    <message>
        <source>Editors of a layer</source>
        <translation>Editores de una capa</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Editors</source>
        <translation>Editores</translation>
    </message>
    <message>
        <source>Partners who may edit</source>
        <translation>Socios que pueden editar</translation>
    </message>
    <message>
        <source>Save editors</source>
        <translation>Guardar editores</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {owner}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, versión {version}, de {owner}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, versión {version}</translation>
    </message>
    <message>
        <source>Only {owner} names the editors of its feature.</source>
        <translation>Solo {owner} nombra a los editores de su entidad.</translation>
    </message>
    <message>
        <source>Saving gives the feature a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>Guardar da a la entidad una nueva versión, que lleva su próximo paquete. Editar&#xa0;▸&#xa0;Deshacer lo revierte.</translation>
    </message>
    <message>
        <source>The default editors of every {kind} of ours that has no editors of its own.</source>
        <translation>Los editores por defecto de cada uno de nuestros elementos ({kind}) que no tiene editores propios.</translation>
    </message>
    <message>
        <source>Saving gives {count} {kind} of ours a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>Guardar da una nueva versión a {count} de nuestros elementos ({kind}), que lleva su próximo paquete. Editar&#xa0;▸&#xa0;Deshacer lo revierte.</translation>
    </message>
    <message>
        <source>This workspace belongs to no organisation yet: make its keys in Sharing ▸ Own identity… first.</source>
        <translation>Este espacio de trabajo aún no pertenece a ninguna organización: cree primero sus claves en Compartir ▸ Identidad propia…</translation>
    </message>
    <message>
        <source>Your partner directory is empty: add partners in Sharing ▸ Partners and keys… first.</source>
        <translation>Su directorio de socios está vacío: añada primero socios en Compartir ▸ Socios y claves…</translation>
    </message>
    <message>
        <source>{label} ({org}, not in your partner directory)</source>
        <translation>{label} ({org}, no está en su directorio de socios)</translation>
    </message>
    <message>
        <source>key revoked</source>
        <translation>clave revocada</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>No se cambió nada: {reason}</translation>
    </message>
</context>
<context>
    <name>EnumWidget</name>
    <message>
        <source>(any)</source>
        <translation>(cualquiera)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>HumanOps — an error happened</source>
        <translation>HumanOps — se produjo un error</translation>
    </message>
    <message>
        <source>What you saved is safe: every edit is saved as it is made, and the task that failed did not finish. You can go on working; if it happens again, send a problem report.</source>
        <translation>Lo que guardó está a salvo: cada cambio se guarda en el momento en que se hace, y la tarea que falló no terminó. Puede seguir trabajando; si vuelve a ocurrir, envíe un informe del problema.</translation>
    </message>
    <message>
        <source>The details are in the log file:
{path}</source>
        <translation>Los detalles están en el archivo de registro:
{path}</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Mostrar detalles</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Copy the error, the versions and the log path, to paste in a message</source>
        <translation>Copiar el error, las versiones y la ruta del registro, para pegarlos en un mensaje</translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation>Informar de un problema…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>Guardar un zip de los archivos de registro y las versiones para enviarlo a su contacto de soporte (sin espacio de trabajo, claves ni entidades)</translation>
    </message>
    <message>
        <source> (while: {where})</source>
        <translation> (durante: {where})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong{where}.&lt;/b&gt;&lt;br&gt;{summary}</source>
        <translation>&lt;b&gt;Algo salió mal{where}.&lt;/b&gt;&lt;br&gt;{summary}</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the details and the log.</source>
        <translation>
            <numerusform>Desde entonces ocurrió %n error más; está en los detalles y en el registro.</numerusform>
            <numerusform>Desde entonces ocurrieron %n errores más; están en los detalles y en el registro.</numerusform>
        </translation>
    </message>
    <message>
        <source>The details are copied: paste them in a message to your support contact.</source>
        <translation>Los detalles están copiados: péguelos en un mensaje a su contacto de soporte.</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Ocultar detalles</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>thread {name}</source>
        <translation>hilo {name}</translation>
    </message>
    <message>
        <source>a background thread</source>
        <translation>un hilo en segundo plano</translation>
    </message>
</context>
<context>
    <name>ExerciseBanner</name>
    <message>
        <source>EXERCISE — {name}</source>
        <translation>EJERCICIO — {name}</translation>
    </message>
    <message>
        <source>This workspace is an exercise: everything made from it is marked so, and it never exchanges packages with real workspaces.</source>
        <translation>Este espacio de trabajo es un ejercicio: todo lo que sale de él lleva esa marca, y nunca intercambia paquetes con espacios de trabajo reales.</translation>
    </message>
</context>
<context>
    <name>ExerciseClock</name>
    <message>
        <source>Scenario clock of the exercise: validity, expiry and alerts follow it</source>
        <translation>Reloj del escenario del ejercicio: la validez, la caducidad y las alertas lo siguen</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>Ajustar…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>Ajustar la hora del escenario, la aceleración, o pausarlo</translation>
    </message>
    <message>
        <source>Scenario clock…</source>
        <translation>Reloj del escenario…</translation>
    </message>
    <message>
        <source>Scenario clock unreadable: set it with humanops exercise clock --start</source>
        <translation>Reloj del escenario ilegible: ajústelo con humanops exercise clock --start</translation>
    </message>
    <message>
        <source>×{speed}</source>
        <translation>×{speed}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>Exercise {elapsed} · {time} · {state}</source>
        <translation>Ejercicio {elapsed} · {time} · {state}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Run the scenario clock again</source>
        <translation>Volver a poner en marcha el reloj del escenario</translation>
    </message>
    <message>
        <source>Stop the scenario clock where it is</source>
        <translation>Detener el reloj del escenario donde está</translation>
    </message>
</context>
<context>
    <name>ExerciseMenu</name>
    <message>
        <source>E&amp;xercise</source>
        <translation>E&amp;jercicio</translation>
    </message>
    <message>
        <source>Scenario &amp;clock…</source>
        <translation>&amp;Reloj del escenario…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>Ajustar la hora del escenario, la aceleración, o pausarlo</translation>
    </message>
    <message>
        <source>&amp;Decision report…</source>
        <translation>Informe de &amp;decisiones…</translation>
    </message>
    <message>
        <source>Per inject and organisation, the time to see, alert, decide and inform (HTML or PDF)</source>
        <translation>Por inyección y organización, el tiempo para ver, alertar, decidir e informar (HTML o PDF)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>taking a consistent copy of the workspace</source>
        <translation>tomando una copia coherente del espacio de trabajo</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>where to write: .gpkg, .geojson, .csv or .kml</source>
        <translation>dónde escribir: .gpkg, .geojson, .csv o .kml</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>One file per layer, named after it (FILE_layer)</source>
        <translation>Un archivo por capa, con su nombre (ARCHIVO_capa)</translation>
    </message>
    <message>
        <source>One file with a &apos;layer&apos; column (import splits it again)</source>
        <translation>Un solo archivo con una columna &apos;layer&apos; (la importación lo vuelve a dividir)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Several layers</source>
        <translation>Varias capas</translation>
    </message>
    <message>
        <source>GeoPackage, styled for QGIS (*.gpkg)</source>
        <translation>GeoPackage, con estilos para QGIS (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON, one layer (*.geojson)</source>
        <translation>GeoJSON, una capa (*.geojson)</translation>
    </message>
    <message>
        <source>CSV with HXL tags, one layer (*.csv)</source>
        <translation>CSV con etiquetas HXL, una capa (*.csv)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportar a</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>Elija un archivo.</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Elija al menos una capa.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>Ese es el propio espacio de trabajo: elija otro archivo.</translation>
    </message>
    <message>
        <source>The file must end in .gpkg, .geojson, .csv or .kml.</source>
        <translation>El archivo debe terminar en .gpkg, .geojson, .csv o .kml.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) are marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</source>
        <translation>
            <numerusform>%Ln entidad está marcada por encima de TLP:CLEAR ({levels}). Un archivo simple no aplica ningún marcado: consérvelo para sus propias herramientas y comparta con los socios mediante un paquete de intercambio.</numerusform>
            <numerusform>%Ln entidades están marcadas por encima de TLP:CLEAR ({levels}). Un archivo simple no aplica ningún marcado: consérvelo para sus propias herramientas y comparta con los socios mediante un paquete de intercambio.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Exportado a {file}</translation>
    </message>
    <message>
        <source>Export failed, no file was written: {reason}</source>
        <translation>La exportación falló, no se escribió ningún archivo: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Cancelado: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportación</translation>
    </message>
</context>
<context>
    <name>FailureNotices</name>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Informar de un problema…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>Guardar un zip de los archivos de registro y las versiones para enviarlo a su contacto de soporte (sin espacio de trabajo, claves ni entidades)</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of HumanOps failed to load</source>
        <translation>
            <numerusform>%n parte de HumanOps no se pudo cargar</numerusform>
            <numerusform>%n partes de HumanOps no se pudieron cargar</numerusform>
        </translation>
    </message>
    <message>
        <source>{text}: details…</source>
        <translation>{text}: detalles…</translation>
    </message>
    <message>
        <source>Could not load {names}: their menus and panels are missing; the rest works. Help menu for details.</source>
        <translation>No se pudo cargar {names}: faltan sus menús y paneles; el resto funciona. Detalles en el menú Ayuda.</translation>
    </message>
    <message>
        <source>The log file has the details: {path}</source>
        <translation>El archivo de registro tiene los detalles: {path}</translation>
    </message>
    <message>
        <source>No log file is written.</source>
        <translation>No se escribe ningún archivo de registro.</translation>
    </message>
    <message>
        <source>&lt;p&gt;These parts could not be loaded, so their menus, panels and toolbars are missing:&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;The rest of HumanOps works. Reinstalling usually helps; if not, send a problem report (Help → Report a problem…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Estas partes no se pudieron cargar, así que faltan sus menús, paneles y barras de herramientas:&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;El resto de HumanOps funciona. Reinstalar suele ayudar; si no, envíe un informe de problema (Ayuda → Informar de un problema…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Parts of HumanOps failed to load</source>
        <translation>Algunas partes de HumanOps no se pudieron cargar</translation>
    </message>
    <message>
        <source>{title} failed to load: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>{title} no se pudo cargar: {reason}. Está marcada en el panel Capas, con Reintentar.</translation>
    </message>
    <message>
        <source>{title} failed to draw: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>{title} no se pudo dibujar: {reason}. Está marcada en el panel Capas, con Reintentar.</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Select one feature on the map or in the table to see its fields.</source>
        <translation>Seleccione una entidad en el mapa o en la tabla para ver sus campos.</translation>
    </message>
    <message>
        <source>Store the changed fields as a new version (undoable)</source>
        <translation>Guardar los campos cambiados como nueva versión (se puede deshacer)</translation>
    </message>
    <message>
        <source>Editors…</source>
        <translation>Editores…</translation>
    </message>
    <message>
        <source>The organisations that may change this feature&apos;s fields and geometry with its originator</source>
        <translation>Las organizaciones que pueden cambiar los campos y la geometría de esta entidad con su originador</translation>
    </message>
    <message>
        <source>Editors may change its fields and geometry with its originator; only the originator sets the marking, names editors or deletes it</source>
        <translation>Los editores pueden cambiar sus campos y geometría con su originador; solo el originador fija el marcado, nombra editores o la elimina</translation>
    </message>
    <message>
        <source>Propose…</source>
        <translation>Proponer…</translation>
    </message>
    <message>
        <source>Send the changed fields to the feature&apos;s originator as a proposal (undoable)</source>
        <translation>Enviar los campos cambiados al originador de la entidad como propuesta (se puede deshacer)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {originator}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, versión {version}, de {originator}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}, versión {version}</translation>
    </message>
</context>
<context>
    <name>FeatureTableModel</name>
    <message>
        <source>Releasable to</source>
        <translation>Divulgable a</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restricciones</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Originator</source>
        <translation>Originador</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>set</source>
        <translation>definido</translation>
    </message>
    <message>
        <source>Untick to leave the field empty</source>
        <translation>Desmarque para dejar el campo vacío</translation>
    </message>
    <message>
        <source>{value} cannot be shown here</source>
        <translation>{value} no se puede mostrar aquí</translation>
    </message>
    <message>
        <source>{reason} (as stored): choose a valid value</source>
        <translation>{reason} (tal como está guardado): elija un valor válido</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>HumanOps — start</source>
        <translation>HumanOps — inicio</translation>
    </message>
    <message>
        <source>Welcome to HumanOps</source>
        <translation>Bienvenido a HumanOps</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>Bienvenido de nuevo</translation>
    </message>
    <message>
        <source>HumanOps keeps a common operational picture of a response — danger zones, corridors, civilian needs and facilities — in one workspace file, and shares it with partners in signed, encrypted packages that respect each feature&apos;s marking. Nothing needs a network.</source>
        <translation>HumanOps mantiene una imagen operativa común de una respuesta — zonas de peligro, corredores, necesidades de la población civil e instalaciones — en un único archivo de espacio de trabajo, y la comparte con los socios en paquetes firmados y cifrados que respetan el marcado de cada entidad. Nada necesita red.</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>Espacios de trabajo recientes</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Forget the ones not found</source>
        <translation>Olvidar los no encontrados</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>Abrir la demostración</translation>
    </message>
    <message>
        <source>A fresh copy of Kavera, a fictional region, with three partners and their own workspaces beside it, to try everything: drawing, planning, sending and receiving packages.</source>
        <translation>Una copia nueva de Kavera, una región ficticia, con tres socios y sus propios espacios de trabajo al lado, para probarlo todo: dibujar, planificar, enviar y recibir paquetes.</translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation>Crear un nuevo espacio de trabajo</translation>
    </message>
    <message>
        <source>For your organisation: its id and name, its keys, and the response&apos;s sharing protocol if there is one.</source>
        <translation>Para su organización: su identificador y nombre, sus claves y el protocolo de intercambio de la respuesta si lo hay.</translation>
    </message>
    <message>
        <source>Open an existing workspace</source>
        <translation>Abrir un espacio de trabajo existente</translation>
    </message>
    <message>
        <source>A workspace file (.gpkg) made by HumanOps: yours, or a copy from a colleague.</source>
        <translation>Un archivo de espacio de trabajo (.gpkg) creado por HumanOps: el suyo, o una copia de un colega.</translation>
    </message>
    <message>
        <source>Continue without a workspace</source>
        <translation>Continuar sin espacio de trabajo</translation>
    </message>
    <message>
        <source>{0}  (not found)</source>
        <translation>{0}  (no encontrado)</translation>
    </message>
    <message>
        <source>{0} was moved or deleted.</source>
        <translation>{0} se movió o se eliminó.</translation>
    </message>
    <message>
        <source>{0} is not there any more (moved or deleted): it was taken off the list.</source>
        <translation>{0} ya no está (se movió o se eliminó): se quitó de la lista.</translation>
    </message>
    <message>
        <source>The workspaces not found were taken off the list.</source>
        <translation>Los espacios de trabajo no encontrados se quitaron de la lista.</translation>
    </message>
    <message>
        <source>Where should the demo go?</source>
        <translation>¿Dónde guardar la demostración?</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>{0} exists already: choose a new name for the demo (nothing is overwritten).</source>
        <translation>{0} ya existe: elija un nombre nuevo para la demostración (no se sobrescribe nada).</translation>
    </message>
    <message>
        <source>Writing the demo to {0}…</source>
        <translation>Escribiendo la demostración en {0}…</translation>
    </message>
    <message>
        <source>The demo&apos;s keys have the passphrase “{0}” (Sharing menu).</source>
        <translation>Las claves de la demostración tienen la frase de contraseña «{0}» (menú Compartir).</translation>
    </message>
    <message>
        <source>The partners&apos; own workspaces are in {0}.</source>
        <translation>Los espacios de trabajo de los socios están en {0}.</translation>
    </message>
    <message>
        <source>The demo was not written: {0}</source>
        <translation>No se escribió la demostración: {0}</translation>
    </message>
    <message>
        <source>Cancelled: no demo was written.</source>
        <translation>Cancelado: no se escribió ninguna demostración.</translation>
    </message>
    <message>
        <source>Writing the demo</source>
        <translation>Escribiendo la demostración</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir espacio de trabajo</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>{0} is a GeoPackage, but not a HumanOps workspace: create a workspace, then import it (File › Import).</source>
        <translation>{0} es un GeoPackage, pero no un espacio de trabajo de HumanOps: cree un espacio de trabajo y luego impórtelo (Archivo › Importar).</translation>
    </message>
    <message>
        <source>{0} is not a HumanOps workspace (not a GeoPackage, or not readable).</source>
        <translation>{0} no es un espacio de trabajo de HumanOps (no es un GeoPackage, o no se puede leer).</translation>
    </message>
    <message>
        <source>No workspace open: File › Open recent, Open workspace (Ctrl+O) or New workspace (Ctrl+N).</source>
        <translation>Ningún espacio de trabajo abierto: Archivo › Abrir reciente, Abrir espacio de trabajo (Ctrl+O) o Nuevo espacio de trabajo (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>FrameModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Geodata (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;CAP alerts and feeds (*.cap *.xml *.atom *.rss);;Cursor on Target (*.cot *.xml);;All files (*)</source>
        <translation>Datos geográficos (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;Alertas y canales CAP (*.cap *.xml *.atom *.rss);;Cursor on Target (CoT) (*.cot *.xml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>GeoJSON, GeoPackage, CSV with HXL tags, KML or zipped Shapefile</source>
        <translation>GeoJSON, GeoPackage, CSV con etiquetas HXL, KML o Shapefile comprimido</translation>
    </message>
    <message>
        <source>Automatic (from the file&apos;s layer names and fields)</source>
        <translation>Automático (según los nombres de capa y los campos del archivo)</translation>
    </message>
    <message>
        <source>Import the valid features and skip the rejected ones</source>
        <translation>Importar las entidades válidas y omitir las rechazadas</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Into layer</source>
        <translation>En la capa</translation>
    </message>
    <message>
        <source>Choose a file, then Check to see what the import would do. Nothing is written until you press Import.</source>
        <translation>Elija un archivo y luego Comprobar para ver qué haría la importación. No se escribe nada hasta que pulse Importar.</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Informe de importación</translation>
    </message>
    <message>
        <source>Read the file and report what would be imported (dry run)</source>
        <translation>Leer el archivo e indicar qué se importaría (simulación)</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>Importar archivo</translation>
    </message>
    <message>
        <source>Profile {name} saved in the workspace.</source>
        <translation>Perfil {name} guardado en el espacio de trabajo.</translation>
    </message>
    <message>
        <source>Profile not saved: {reason}</source>
        <translation>Perfil no guardado: {reason}</translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>Guardando el perfil</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>Ese es el propio espacio de trabajo: elija otro archivo.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Check failed, nothing was written: {reason}</source>
        <translation>La comprobación falló, no se escribió nada: {reason}</translation>
    </message>
    <message>
        <source>Import failed, nothing was written: {reason}</source>
        <translation>La importación falló, no se escribió nada: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Cancelado: no se escribió nada.</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>Comprobando el archivo</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>read {read}, would import {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>leídas {read}, se importarían {imported}, reparadas {repaired}, rechazadas {rejected}</translation>
    </message>
    <message>
        <source>read {read}, imported {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>leídas {read}, importadas {imported}, reparadas {repaired}, rechazadas {rejected}</translation>
    </message>
    <message>
        <source>Nothing would be written: {reason}</source>
        <translation>No se escribiría nada: {reason}</translation>
    </message>
    <message>
        <source>Ready to import: {counts}. Press Import to write.</source>
        <translation>Listo para importar: {counts}. Pulse Importar para escribir.</translation>
    </message>
    <message>
        <source>Imported: {counts}. Each feature is stored with its marking.</source>
        <translation>Importado: {counts}. Cada entidad se guarda con su marcado.</translation>
    </message>
    <message>
        <source>source CRS {crs}</source>
        <translation>SRC de origen {crs}</translation>
    </message>
    <message>
        <source>Matched fields ({n})</source>
        <translation>Campos emparejados ({n})</translation>
    </message>
    <message>
        <source>Unmapped columns, not imported ({n})</source>
        <translation>Columnas sin correspondencia, no importadas ({n})</translation>
    </message>
    <message>
        <source>Defaulted</source>
        <translation>Valores por defecto</translation>
    </message>
    <message>
        <source>Missing required fields: {fields}</source>
        <translation>Faltan campos obligatorios: {fields}</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>nota: {note}</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>rechazado: {reason}</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>Problemas ({n})</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>repaired</source>
        <translation>reparada</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… y {n} más</translation>
    </message>
    <message>
        <source>skipped source layer {name}: {reason}</source>
        <translation>capa de origen omitida {name}: {reason}</translation>
    </message>
</context>
<context>
    <name>InjectPanel</name>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>due</source>
        <translation>vencido</translation>
    </message>
    <message>
        <source>played</source>
        <translation>jugado</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitido</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>Inyección</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Open injects…</source>
        <translation>Abrir inyecciones…</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Run the scenario clock and play each inject as it falls due</source>
        <translation>Poner en marcha el reloj del escenario y jugar cada inyección a su hora</translation>
    </message>
    <message>
        <source>Skip next</source>
        <translation>Omitir la siguiente</translation>
    </message>
    <message>
        <source>Play next now</source>
        <translation>Jugar la siguiente ahora</translation>
    </message>
    <message>
        <source>Injects are played in an exercise workspace (humanops exercise init).</source>
        <translation>Las inyecciones se juegan en un espacio de trabajo de ejercicio (humanops exercise init).</translation>
    </message>
    <message>
        <source>Open the exercise&apos;s inject file (TOML).</source>
        <translation>Abra el archivo de inyecciones del ejercicio (TOML).</translation>
    </message>
    <message>
        <source>Open injects</source>
        <translation>Abrir inyecciones</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>Archivos de inyecciones (*.toml)</translation>
    </message>
    <message>
        <source>{n} injects from {file}</source>
        <translation>{n} inyecciones de {file}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Skipped {inject}</source>
        <translation>{inject} omitida</translation>
    </message>
    <message>
        <source>Play injects</source>
        <translation>Jugar inyecciones</translation>
    </message>
    <message>
        <source>The injects&apos; packages are signed with your organisation&apos;s keys.</source>
        <translation>Los paquetes de las inyecciones se firman con las claves de su organización.</translation>
    </message>
    <message>
        <source>Not played: no passphrase given.</source>
        <translation>No jugado: no se dio ninguna frase de contraseña.</translation>
    </message>
    <message>
        <source>The package for {org} is imported into its exercise workspace {file}, opened with {org}&apos;s keys: type {org}&apos;s passphrase (asked once for this session).</source>
        <translation>El paquete para {org} se importa en su espacio de trabajo del ejercicio {file}, abierto con las claves de {org}: escriba la frase de contraseña de {org} (se pide una vez en esta sesión).</translation>
    </message>
    <message>
        <source>Not played: no passphrase given for {org}.</source>
        <translation>No jugado: no se dio ninguna frase de contraseña para {org}.</translation>
    </message>
    <message>
        <source>Played: {injects}</source>
        <translation>Jugado: {injects}</translation>
    </message>
</context>
<context>
    <name>KeyboardShortcutsWindow</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Filter: an action, a menu or a key</source>
        <translation>Filtrar: una acción, un menú o una tecla</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
    <message>
        <source>Toolbars and the map</source>
        <translation>Barras de herramientas y mapa</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Draw the selected layer higher (above others)</source>
        <translation>Dibujar la capa seleccionada más arriba (encima de las demás)</translation>
    </message>
    <message>
        <source>Draw the selected layer lower</source>
        <translation>Dibujar la capa seleccionada más abajo</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>Acercar a la capa</translation>
    </message>
    <message>
        <source>Zoom the map to the selected layer</source>
        <translation>Acercar el mapa a la capa seleccionada</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Read the selected layer again: it failed to load</source>
        <translation>Volver a leer la capa seleccionada: no se pudo cargar</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidad</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>Opacidad de la capa seleccionada</translation>
    </message>
    <message>
        <source>size: {field} (up to {value})</source>
        <translation>tamaño: {field} (hasta {value})</translation>
    </message>
    <message>
        <source>band: true {field}</source>
        <translation>banda: {field} real</translation>
    </message>
    <message>
        <source>Counting features</source>
        <translation>Contando las entidades</translation>
    </message>
    <message>
        <source>failed to draw</source>
        <translation>no se pudo dibujar</translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation>no se pudo cargar</translation>
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
        <translation>FALLO: {title} {state}.
Motivo: {reason}

El mapa falta o no está actualizado para esta capa: que no haya {title_lower} en el mapa no significa que no existan.
Clic derecho → Reintentar la carga, o el botón Reintentar de abajo. El registro tiene los detalles.</translation>
    </message>
    <message>
        <source>{title} — retrying…</source>
        <translation>{title} — reintentando…</translation>
    </message>
    <message>
        <source>Retry loading</source>
        <translation>Reintentar la carga</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Draw danger zone</source>
        <translation>Dibujar zona de peligro</translation>
    </message>
    <message>
        <source>+ danger zone</source>
        <translation>+ zona de peligro</translation>
    </message>
    <message>
        <source>Draw corridor</source>
        <translation>Dibujar corredor</translation>
    </message>
    <message>
        <source>+ corridor</source>
        <translation>+ corredor</translation>
    </message>
    <message>
        <source>Draw need</source>
        <translation>Marcar necesidad</translation>
    </message>
    <message>
        <source>+ need</source>
        <translation>+ necesidad</translation>
    </message>
    <message>
        <source>Draw facility</source>
        <translation>Marcar instalación</translation>
    </message>
    <message>
        <source>+ facility</source>
        <translation>+ instalación</translation>
    </message>
    <message>
        <source>Draw incident</source>
        <translation>Marcar incidente</translation>
    </message>
    <message>
        <source>+ incident</source>
        <translation>+ incidente</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Nuevo espacio de trabajo…</translation>
    </message>
    <message>
        <source>Create an empty workspace file</source>
        <translation>Crear un archivo de espacio de trabajo vacío</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;Abrir espacio de trabajo…</translation>
    </message>
    <message>
        <source>Open a workspace GeoPackage</source>
        <translation>Abrir un GeoPackage de espacio de trabajo</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>Abrir base de datos del &amp;equipo…</translation>
    </message>
    <message>
        <source>Open a workspace in a PostgreSQL/PostGIS database the team shares</source>
        <translation>Abrir un espacio de trabajo en una base de datos PostgreSQL/PostGIS que comparte el equipo</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Edits are saved as they are made; this folds the journal into the file</source>
        <translation>Los cambios se guardan a medida que se hacen; esto incorpora el diario al archivo</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>Import GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…</source>
        <translation>Importar GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Export layers to a file</source>
        <translation>Exportar capas a un archivo</translation>
    </message>
    <message>
        <source>Export &amp;map image…</source>
        <translation>Exportar imagen del &amp;mapa…</translation>
    </message>
    <message>
        <source>The map as shown, as a PNG or PDF with its TLP banner, legend and scale</source>
        <translation>El mapa tal como se muestra, en PNG o PDF, con su franja TLP, su leyenda y su escala</translation>
    </message>
    <message>
        <source>Situation re&amp;port…</source>
        <translation>In&amp;forme de situación…</translation>
    </message>
    <message>
        <source>A PDF report for a partner: map, exposure, corridors, needs, alerts</source>
        <translation>Un informe PDF para un socio: mapa, exposición, corredores, necesidades, alertas</translation>
    </message>
    <message>
        <source>&amp;Briefing map…</source>
        <translation>&amp;Mapa informativo…</translation>
    </message>
    <message>
        <source>One HTML file of what a partner may see, to open in any browser with no network</source>
        <translation>Un solo archivo HTML con lo que un socio puede ver, para abrir en cualquier navegador sin red</translation>
    </message>
    <message>
        <source>&amp;TAK data package…</source>
        <translation>Paquete de datos &amp;TAK…</translation>
    </message>
    <message>
        <source>What a partner may see, as a data package for its ATAK or WinTAK teams</source>
        <translation>Lo que un socio puede ver, como paquete de datos para sus equipos ATAK o WinTAK</translation>
    </message>
    <message>
        <source>New e&amp;xercise…</source>
        <translation>Nuevo e&amp;jercicio…</translation>
    </message>
    <message>
        <source>Copy this workspace as an exercise: flagged everywhere, isolated from real data, on its own scenario clock</source>
        <translation>Copiar este espacio de trabajo como ejercicio: marcado en todas partes, aislado de los datos reales, con su propio reloj de escenario</translation>
    </message>
    <message>
        <source>S&amp;ync with the team database</source>
        <translation>S&amp;incronizar con la base del equipo</translation>
    </message>
    <message>
        <source>&amp;Close workspace</source>
        <translation>&amp;Cerrar espacio de trabajo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Delete selected features</source>
        <translation>&amp;Eliminar las entidades seleccionadas</translation>
    </message>
    <message>
        <source>Delete the selected features (undoable)</source>
        <translation>Eliminar las entidades seleccionadas (se puede deshacer)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Seleccionar &amp;todo</translation>
    </message>
    <message>
        <source>Select every feature of the current layer</source>
        <translation>Seleccionar todas las entidades de la capa actual</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Borrar la selección</translation>
    </message>
    <message>
        <source>Cancel drawing</source>
        <translation>Cancelar el dibujo</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>Zoom a la e&amp;xtensión total</translation>
    </message>
    <message>
        <source>Show every layer</source>
        <translation>Mostrar todas las capas</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>Zoom a la &amp;selección</translation>
    </message>
    <message>
        <source>Show the selected features</source>
        <translation>Mostrar las entidades seleccionadas</translation>
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
        <translation>Extensión total</translation>
    </message>
    <message>
        <source>Selection</source>
        <comment>toolbar: zoom to the selection</comment>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Show &amp;markings</source>
        <translation>Mostrar los &amp;marcados</translation>
    </message>
    <message>
        <source>Show each feature&apos;s TLP marking on the map</source>
        <translation>Mostrar el marcado TLP de cada entidad en el mapa</translation>
    </message>
    <message>
        <source>R&amp;eplay…</source>
        <translation>Re&amp;producir…</translation>
    </message>
    <message>
        <source>Play the workspace&apos;s recorded history on the map, read-only: the picture as it was at each moment something changed</source>
        <translation>Reproducir en el mapa el historial registrado del espacio de trabajo, solo lectura: la situación tal como era en cada momento en que algo cambió</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Re-read the map and panels for changes made in other tools (QGIS, scripts) and check them</source>
        <translation>Volver a leer el mapa y los paneles para los cambios hechos en otras herramientas (QGIS, scripts) y comprobarlos</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Desplazar</translation>
    </message>
    <message>
        <source>Drag to move the map</source>
        <translation>Arrastre para mover el mapa</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>&amp;Seleccionar</translation>
    </message>
    <message>
        <source>Click or drag a rectangle to select features</source>
        <translation>Haga clic o arrastre un rectángulo para seleccionar entidades</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>&amp;Identificar</translation>
    </message>
    <message>
        <source>Click a feature to see its fields</source>
        <translation>Haga clic en una entidad para ver sus campos</translation>
    </message>
    <message>
        <source>Edit &amp;vertices</source>
        <translation>Editar los &amp;vértices</translation>
    </message>
    <message>
        <source>Drag the vertices of the selected feature</source>
        <translation>Arrastre los vértices de la entidad seleccionada</translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation>&amp;Ajuste</translation>
    </message>
    <message>
        <source>New and moved vertices snap to nearby vertices and roads</source>
        <translation>Los vértices nuevos o movidos se ajustan a vértices y carreteras cercanos</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>Medir &amp;distancia</translation>
    </message>
    <message>
        <source>Click points along a way: each segment and the total, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>Haga clic en puntos a lo largo de un recorrido: cada tramo y el total, sobre el elipsoide; doble clic o Intro termina, Esc borra</translation>
    </message>
    <message>
        <source>Distance</source>
        <comment>toolbar: measure a distance</comment>
        <translation>Distancia</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>Medir &amp;área</translation>
    </message>
    <message>
        <source>Click the corners of an area: its area and perimeter, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>Haga clic en las esquinas de una zona: su área y su perímetro, sobre el elipsoide; doble clic o Intro termina, Esc borra</translation>
    </message>
    <message>
        <source>Area</source>
        <comment>toolbar: measure an area</comment>
        <translation>Área</translation>
    </message>
    <message>
        <source>then click on the map; Esc cancels</source>
        <translation>luego haga clic en el mapa; Esc cancela</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <source>Find a feature by its name, or go to a place: lat,lon, degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS</source>
        <translation>Buscar una entidad por su nombre, o ir a un lugar: lat,lon, grados (17°45&apos;30&quot;S 128°30&apos;E) o MGRS</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>Restablecer la &amp;disposición</translation>
    </message>
    <message>
        <source>Put the panels and toolbars back where they were at first</source>
        <translation>Devolver los paneles y las barras de herramientas a su lugar inicial</translation>
    </message>
    <message>
        <source>Reopen the last workspace at start</source>
        <translation>Reabrir el último espacio de trabajo al iniciar</translation>
    </message>
    <message>
        <source>Open the workspace used last when HumanOps starts, if it is still there; otherwise the start page</source>
        <translation>Abrir el último espacio de trabajo usado al iniciar HumanOps, si sigue ahí; si no, la página de inicio</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
        <source>How to use HumanOps, in short</source>
        <translation>Cómo usar HumanOps, en resumen</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>Every shortcut of the app, from its menus</source>
        <translation>Todos los atajos de la aplicación, tomados de sus menús</translation>
    </message>
    <message>
        <source>&amp;About HumanOps</source>
        <translation>&amp;Acerca de HumanOps</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Paneles</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;Capa</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Dibujo</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medición</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Takes effect when HumanOps restarts</source>
        <translation>Se aplica cuando HumanOps se reinicia</translation>
    </message>
    <message>
        <source>HumanOps will start in {language} next time.</source>
        <translation>HumanOps se iniciará en {language} la próxima vez.</translation>
    </message>
    <message>
        <source>For now {variable}={value} decides the language: it overrides this choice.</source>
        <translation>Por ahora {variable}={value} decide el idioma: prevalece sobre esta elección.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>window hook {name}</source>
        <translation>extensión de ventana {name}</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>Marcado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Tabla de atributos</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>panel “{title}”</source>
        <translation>panel «{title}»</translation>
    </message>
    <message>
        <source>Cursor position, WGS 84</source>
        <translation>Posición del cursor, WGS 84</translation>
    </message>
    <message>
        <source>Cursor position on the military grid (MGRS), or UTM</source>
        <translation>Posición del cursor en la cuadrícula militar (MGRS), o UTM</translation>
    </message>
    <message>
        <source>Map scale at the centre of the view</source>
        <translation>Escala del mapa en el centro de la vista</translation>
    </message>
    <message>
        <source>{name} stays open.</source>
        <translation>{name} sigue abierto.</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>No se puede abrir el espacio de trabajo</translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s), organisation {org}.</source>
        <translation>
            <numerusform>{name} abierto: %Ln entidad, organización {org}.</numerusform>
            <numerusform>{name} abierto: %Ln entidades, organización {org}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s).</source>
        <translation>
            <numerusform>{name} abierto: %Ln entidad.</numerusform>
            <numerusform>{name} abierto: %Ln entidades.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Abrir espacio de trabajo</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in the team database the moment it is made.</source>
        <translation>Guardado. Cada edición se guarda en la base de datos del equipo en cuanto se hace.</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in {name} the moment it is made; the file is complete on its own (copy it, send it, open it in QGIS).</source>
        <translation>Guardado. Cada edición se almacena en {name} en el momento en que se hace; el archivo está completo por sí solo (cópielo, envíelo, ábralo en QGIS).</translation>
    </message>
    <message>
        <source>a drawing that is not finished</source>
        <translation>un dibujo sin terminar</translation>
    </message>
    <message>
        <source>a new feature whose form is not yet confirmed</source>
        <translation>una nueva entidad cuyo formulario aún no se ha confirmado</translation>
    </message>
    <message>
        <source>changed fields not yet applied</source>
        <translation>campos modificados aún sin aplicar</translation>
    </message>
    <message>
        <source>a changed marking not yet applied</source>
        <translation>un marcado modificado aún sin aplicar</translation>
    </message>
    <message>
        <source>Unsaved work</source>
        <translation>Trabajo sin guardar</translation>
    </message>
    <message>
        <source>There is {items}.

Save it before closing?</source>
        <translation>Sin guardar: {items}.

¿Guardarlo antes de cerrar?</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>The new feature&apos;s form has a problem: fix it or discard it, then close again.</source>
        <translation>El formulario de la nueva entidad tiene un problema: corríjalo o descártelo y vuelva a cerrar.</translation>
    </message>
    <message>
        <source>Confirm the new feature&apos;s form, then close again.</source>
        <translation>Confirme el formulario de la nueva entidad y vuelva a cerrar.</translation>
    </message>
    <message>
        <source>The drawing has too few points to be saved: continue it or discard it.</source>
        <translation>El dibujo tiene muy pocos puntos para guardarse: continúelo o descártelo.</translation>
    </message>
    <message>
        <source>The fields cannot be applied: see the message in the panel.</source>
        <translation>No se pueden aplicar los campos: vea el mensaje en el panel.</translation>
    </message>
    <message>
        <source>The marking cannot be applied: see the message in the panel.</source>
        <translation>No se puede aplicar el marcado: vea el mensaje en el panel.</translation>
    </message>
    <message>
        <source>Answer the question about proposing your change first.</source>
        <translation>Responda primero a la pregunta sobre proponer su cambio.</translation>
    </message>
    <message>
        <source>The panels and toolbars are back in their first places.</source>
        <translation>Los paneles y las barras de herramientas han vuelto a su lugar inicial.</translation>
    </message>
    <message>
        <source>HumanOps will open the last workspace when it starts.</source>
        <translation>HumanOps abrirá el último espacio de trabajo al iniciar.</translation>
    </message>
    <message>
        <source>HumanOps will start on the start page.</source>
        <translation>HumanOps se iniciará en la página de inicio.</translation>
    </message>
    <message>
        <source>Selected {feature} ({place} of {count} here: click again for the next, right-click to choose).</source>
        <translation>Seleccionado {feature} ({place} de {count} aquí: haga clic de nuevo para el siguiente, clic derecho para elegir).</translation>
    </message>
    <message>
        <source>Selected {feature}.</source>
        <translation>Seleccionado {feature}.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message numerus="yes">
        <source>Selected %Ln feature(s) of {layer}.</source>
        <translation>
            <numerusform>%Ln entidad de «{layer}» seleccionada.</numerusform>
            <numerusform>%Ln entidades de «{layer}» seleccionadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapping to vertices and roads on.</source>
        <translation>Ajuste a vértices y carreteras activado.</translation>
    </message>
    <message>
        <source>Snapping to vertices and roads off.</source>
        <translation>Ajuste a vértices y carreteras desactivado.</translation>
    </message>
    <message>
        <source>Showing features of all times.</source>
        <translation>Se muestran las entidades de todas las fechas.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) selected.</source>
        <translation>
            <numerusform>%Ln entidad seleccionada.</numerusform>
            <numerusform>%Ln entidades seleccionadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>The form cannot show this feature until the tool that wrote it fixes it: {reason}</source>
        <translation>El formulario no puede mostrar esta entidad hasta que la herramienta que la escribió la corrija: {reason}</translation>
    </message>
    <message>
        <source>The panel keeps your unapplied changes: Apply or Revert them.</source>
        <translation>El panel conserva sus cambios sin aplicar: aplíquelos o reviértalos.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln feature(s).</source>
        <translation>
            <numerusform>%Ln entidad importada.</numerusform>
            <numerusform>%Ln entidades importadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Map written to {file}.</source>
        <translation>Mapa escrito en {file}.</translation>
    </message>
    <message>
        <source>Situation report written to {file}.</source>
        <translation>Informe de situación escrito en {file}.</translation>
    </message>
    <message>
        <source>Briefing map written to {file}.</source>
        <translation>Mapa informativo escrito en {file}.</translation>
    </message>
    <message>
        <source>TAK brief written to {file}.</source>
        <translation>Informe TAK escrito en {file}.</translation>
    </message>
    <message>
        <source>internal error in “{entry}”: {error}: {message}</source>
        <translation>error interno en «{entry}»: {error}: {message}</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>ninguno abierto</translation>
    </message>
    <message>
        <source>About HumanOps</source>
        <translation>Acerca de HumanOps</translation>
    </message>
    <message>
        <source>&lt;p&gt;An offline common operational picture for the partners of a humanitarian response: danger zones, corridors, civilian needs and facilities, shared through signed, encrypted files that enforce TLP 2.0 markings.&lt;/p&gt;&lt;p&gt;Workspace: {workspace}&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Una imagen operativa común, sin conexión, para los socios de una respuesta humanitaria: zonas de peligro, corredores, necesidades de la población civil e instalaciones, compartidas mediante archivos firmados y cifrados que hacen cumplir las marcas TLP 2.0.&lt;/p&gt;&lt;p&gt;Espacio de trabajo: {workspace}&lt;/p&gt;&lt;p&gt;Con licencia Apache 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reopened {name}, the last workspace used (File › Reopen the last workspace at start).</source>
        <translation>Se reabrió {name}, el último espacio de trabajo usado (Archivo › Reabrir el último espacio de trabajo al iniciar).</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>{layer} are still loading: click again in a moment to list these features.</source>
        <translation>{layer} todavía se están cargando: vuelva a hacer clic en un momento para listar estos elementos.</translation>
    </message>
    <message>
        <source>Loading {layers}…</source>
        <translation>Cargando {layers}…</translation>
    </message>
    <message>
        <source>{layer} failed to load</source>
        <translation>{layer}: no se pudo cargar</translation>
    </message>
    <message>
        <source>{layer} failed to draw</source>
        <translation>{layer}: no se pudo dibujar</translation>
    </message>
    <message>
        <source>{failures}: the map may be missing some or all of them. See the Layers panel.</source>
        <translation>{failures}: puede que al mapa le falte parte o todo. Vea el panel Capas.</translation>
    </message>
    <message>
        <source>drawing the map ({part})</source>
        <translation>dibujando el mapa ({part})</translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>Recipients can spread this to the world; there is no limit on disclosure.</source>
        <translation>Los destinatarios pueden difundir esto al mundo; no hay límite de divulgación.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can spread this within their community.</source>
        <translation>Divulgación limitada: los destinatarios pueden difundir esto dentro de su comunidad.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can only spread this on a need-to-know basis within their organisation and its clients.</source>
        <translation>Divulgación limitada: los destinatarios solo pueden difundir esto según la necesidad de conocer, dentro de su organización y sus clientes.</translation>
    </message>
    <message>
        <source>Limited disclosure: restricted to the recipient&apos;s organisation only.</source>
        <translation>Divulgación limitada: restringida solo a la organización del destinatario.</translation>
    </message>
    <message>
        <source>For the eyes and ears of individual recipients only; no further disclosure.</source>
        <translation>Solo para los ojos y oídos de los destinatarios individuales; ninguna divulgación adicional.</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>all times</source>
        <translation>todas las fechas</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>Hecho el {time} por {who}</translation>
    </message>
    <message>
        <source>Made {time}</source>
        <translation>Hecho el {time}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>Vigente el {time}</translation>
    </message>
    <message>
        <source>the basemap</source>
        <translation>el mapa base</translation>
    </message>
    <message>
        <source>the labels</source>
        <translation>las etiquetas</translation>
    </message>
    <message>
        <source>the markings</source>
        <translation>los marcados</translation>
    </message>
    <message>
        <source>{what} could not be drawn: {reason}</source>
        <translation>No se pudo dibujar {what}: {reason}</translation>
    </message>
    <message>
        <source>Made with HumanOps by {who} · valid at {time}</source>
        <translation>Hecho con HumanOps por {who} · vigente el {time}</translation>
    </message>
    <message>
        <source>Made with HumanOps · valid at {time}</source>
        <translation>Hecho con HumanOps · vigente el {time}</translation>
    </message>
    <message>
        <source>Basemap: {name} · Web Mercator</source>
        <translation>Mapa base: {name} · Web Mercator</translation>
    </message>
    <message>
        <source>writing the PNG</source>
        <translation>escribiendo el PNG</translation>
    </message>
    <message>
        <source>could not write the PNG image (is the folder writable, the disk full?)</source>
        <translation>no se pudo escribir la imagen PNG (¿se puede escribir en la carpeta?, ¿está lleno el disco?)</translation>
    </message>
    <message>
        <source>written</source>
        <translation>escrito</translation>
    </message>
    <message>
        <source>writing the PDF</source>
        <translation>escribiendo el PDF</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <source>Export map image</source>
        <translation>Exportar imagen del mapa</translation>
    </message>
    <message>
        <source>The map as it is shown now, with everything it draws: not filtered for a partner. The TLP banner of the highest marking drawn, the date and the valid-at time are always on it.</source>
        <translation>El mapa tal como se muestra ahora, con todo lo que dibuja: sin filtrar para ningún socio. La franja TLP del marcado más alto dibujado, la fecha y la hora de vigencia figuran siempre.</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Imagen PNG</translation>
    </message>
    <message>
        <source>PDF document (one page)</source>
        <translation>Documento PDF (una página)</translation>
    </message>
    <message>
        <source>Map of {workspace}</source>
        <translation>Mapa de {workspace}</translation>
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
        <translation>Horizontal</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Vertical</translation>
    </message>
    <message>
        <source>map at {dpi} dpi</source>
        <translation>mapa a {dpi} ppp</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>Barra de escala</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>Flecha del norte</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>where to write the map (.png or .pdf)</source>
        <translation>dónde escribir el mapa (.png o .pdf)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Incluir</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>Dibujando la vista previa…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>{title} failed to load: not on this map</source>
        <translation>{title} no se pudo cargar: no está en este mapa</translation>
    </message>
    <message>
        <source>Our map as shown: not filtered for any partner</source>
        <translation>Nuestro mapa tal como se muestra: sin filtrar para ningún socio</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the map to</source>
        <translation>Exportar el mapa a</translation>
    </message>
    <message>
        <source>Waiting for {layers} to load…</source>
        <translation>Esperando a que se carguen {layers}…</translation>
    </message>
    <message>
        <source>Choose where to write the map.</source>
        <translation>Elija dónde escribir el mapa.</translation>
    </message>
    <message>
        <source>Preview: TLP:{tlp}</source>
        <translation>Vista previa: TLP:{tlp}</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <translation>Dibujando el mapa…</translation>
    </message>
    <message>
        <source>No map was written: {reason}</source>
        <translation>No se escribió ningún mapa: {reason}</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes), marked TLP:{tlp}.</source>
        <translation>Escrito {file} ({size} bytes), marcado TLP:{tlp}.</translation>
    </message>
    <message>
        <source>Cancelled: no map was written.</source>
        <translation>Cancelado: no se escribió ningún mapa.</translation>
    </message>
    <message>
        <source>Writing the map</source>
        <translation>Escribiendo el mapa</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>Select…</source>
        <translation>Seleccionar…</translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message>
        <source>(none: guess from the file)</source>
        <translation>(ninguno: deducir del archivo)</translation>
    </message>
    <message>
        <source>Field mapping (required fields marked *)</source>
        <translation>Correspondencia de campos (campos obligatorios marcados con *)</translation>
    </message>
    <message>
        <source>name, e.g. kobo-shelters</source>
        <translation>nombre, p. ej. kobo-refugios</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Guardar perfil</translation>
    </message>
    <message>
        <source>Keep this mapping in the workspace for the next file of the same shape</source>
        <translation>Conservar esta correspondencia en el espacio de trabajo para el próximo archivo con la misma forma</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Preview: Check reads the file and shows its first rows as they would be imported.</source>
        <translation>Vista previa: Comprobar lee el archivo y muestra sus primeras filas tal como se importarían.</translation>
    </message>
    <message numerus="yes">
        <source>Preview: the first %Ln row(s) as they would be imported (nothing is written until Import).</source>
        <translation>
            <numerusform>Vista previa: la primera fila (%Ln) tal como se importaría(n) (no se escribe nada hasta Importar).</numerusform>
            <numerusform>Vista previa: las primeras %Ln filas tal como se importaría(n) (no se escribe nada hasta Importar).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>(not imported)</source>
        <translation>(no importado)</translation>
    </message>
    <message>
        <source>(one value for all)</source>
        <translation>(un valor para todas)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>From column</source>
        <translation>Desde la columna</translation>
    </message>
    <message>
        <source>Value for every feature</source>
        <translation>Valor para cada entidad</translation>
    </message>
    <message>
        <source>{name} ({type}), required</source>
        <translation>{name} ({type}), obligatorio</translation>
    </message>
    <message>
        <source>{name} ({type})</source>
        <translation>{name} ({type})</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
</context>
<context>
    <name>MarkingEditor</name>
    <message>
        <source>Anyone: no limit on disclosure.</source>
        <translation>Cualquiera: sin límite de divulgación.</translation>
    </message>
    <message>
        <source>Members of the communities the originator shares with; not public.</source>
        <translation>Miembros de las comunidades con las que comparte el originador; no público.</translation>
    </message>
    <message>
        <source>Only the organisations named below, and only to those who need to know.</source>
        <translation>Solo las organizaciones indicadas abajo, y solo a quienes necesiten saberlo.</translation>
    </message>
    <message>
        <source>Only the organisations named below; they do not pass it on.</source>
        <translation>Solo las organizaciones indicadas abajo; no lo transmiten.</translation>
    </message>
    <message>
        <source>Only the named recipients, for their eyes: never passed on.</source>
        <translation>Solo los destinatarios indicados, para ellos solos: nunca se transmite.</translation>
    </message>
    <message>
        <source>No onward sharing</source>
        <translation>Sin reenvío</translation>
    </message>
    <message>
        <source>Recipients never pass it on, whatever its TLP level</source>
        <translation>Los destinatarios nunca lo transmiten, sea cual sea su nivel TLP</translation>
    </message>
    <message>
        <source>No public release</source>
        <translation>Sin publicación</translation>
    </message>
    <message>
        <source>Never published, even in public briefings</source>
        <translation>Nunca se publica, ni siquiera en informes públicos</translation>
    </message>
    <message>
        <source>Protection-sensitive</source>
        <translation>Sensible (protección)</translation>
    </message>
    <message>
        <source>Data about people at risk: handle as protection data</source>
        <translation>Datos sobre personas en riesgo: tratar como datos de protección</translation>
    </message>
    <message>
        <source>{name} ({id}, community)</source>
        <translation>{name} ({id}, comunidad)</translation>
    </message>
    <message>
        <source>Organisations and communities this feature may be given to</source>
        <translation>Organizaciones y comunidades a las que se puede entregar esta entidad</translation>
    </message>
    <message>
        <source>organisation or community ids, comma-separated</source>
        <translation>identificadores de organizaciones o comunidades, separados por comas</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exacta</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>cuadrícula</translation>
    </message>
    <message>
        <source>admin area</source>
        <translation>área administrativa</translation>
    </message>
    <message>
        <source>Exact location, or generalised to a grid cell or an administrative area for those not entitled to the exact location</source>
        <translation>Ubicación exacta, o generalizada a una celda de cuadrícula o un área administrativa para quienes no tienen derecho a la ubicación exacta</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>m</translation>
    </message>
    <message>
        <source>no suppression</source>
        <translation>sin supresión</translation>
    </message>
    <message>
        <source>withhold below</source>
        <translation>retener por debajo de</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personas</translation>
    </message>
    <message>
        <source>Cells or areas with fewer people than this are withheld (k-anonymity)</source>
        <translation>Se retienen las celdas o áreas con menos personas que esto (k-anonimato)</translation>
    </message>
    <message>
        <source>TLP 2.0 level</source>
        <translation>Nivel TLP 2.0</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>Divulgable a</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restricciones</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>other ids not in the directory, comma-separated</source>
        <translation>otros identificadores que no están en el directorio, separados por comas</translation>
    </message>
    <message>
        <source>No partner directory yet: type the ids.</source>
        <translation>Aún no hay directorio de socios: escriba los identificadores.</translation>
    </message>
    <message>
        <source>The expiry is in the past: the feature will no longer be shared with anyone.</source>
        <translation>La caducidad ya pasó: la entidad ya no se compartirá con nadie.</translation>
    </message>
</context>
<context>
    <name>MarkingPanel</name>
    <message>
        <source>Select one feature to see and change its marking.</source>
        <translation>Seleccione una entidad para ver y cambiar su marcado.</translation>
    </message>
    <message>
        <source>Store the new marking as a new version (undoable)</source>
        <translation>Guardar el nuevo marcado como nueva versión (se puede deshacer)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Marking of &lt;b&gt;{name}&lt;/b&gt; — {kind}</source>
        <translation>Marcado de &lt;b&gt;{name}&lt;/b&gt; — {kind}</translation>
    </message>
    <message>
        <source>Keep the stricter marking for what you pass on (its originator&apos;s version is kept; undoable)</source>
        <translation>Conservar el marcado más estricto para lo que usted transmite (se conserva la versión del originador; se puede deshacer)</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation>No permitido: {reason}</translation>
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
        <translation>Área: haga clic en al menos tres esquinas (doble clic o Intro termina, Esc borra).</translation>
    </message>
    <message>
        <source>Area {area} · perimeter {perimeter} (sides {segments})</source>
        <translation>Área {area} · perímetro {perimeter} (lados {segments})</translation>
    </message>
    <message>
        <source>Distance: click the next point (double-click or Enter ends, Esc clears).</source>
        <translation>Distancia: haga clic en el punto siguiente (doble clic o Intro termina, Esc borra).</translation>
    </message>
    <message>
        <source>Distance {total} (segments {segments})</source>
        <translation>Distancia {total} (tramos {segments})</translation>
    </message>
</context>
<context>
    <name>NewExerciseDialog</name>
    <message>
        <source>New exercise</source>
        <translation>Nuevo ejercicio</translation>
    </message>
    <message>
        <source>A copy of this workspace flagged as an exercise: “EXERCISE — name” on the map, the title bar and everything made from it; it never exchanges packages with real workspaces, and runs on its own scenario clock, paused at T+0 until you start it. This workspace is only read.</source>
        <translation>Una copia de este espacio de trabajo marcada como ejercicio: «EXERCISE — nombre» en el mapa, en la barra de título y en todo lo que se haga con ella; nunca intercambia paquetes con espacios de trabajo reales y funciona con su propio reloj de escenario, en pausa en T+0 hasta que usted lo inicie. Este espacio de trabajo solo se lee.</translation>
    </message>
    <message>
        <source>e.g. Kavera Flood 2026 (the same name for every participant)</source>
        <translation>p. ej. Kavera Flood 2026 (el mismo nombre para cada participante)</translation>
    </message>
    <message>
        <source>The scenario time at T+0 (default: this workspace&apos;s own clock)</source>
        <translation>La hora del escenario en T+0 (por defecto: el reloj propio de este espacio de trabajo)</translation>
    </message>
    <message>
        <source>the new exercise workspace (.gpkg)</source>
        <translation>el nuevo espacio de trabajo del ejercicio (.gpkg)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Controller</source>
        <translation>Controlador</translation>
    </message>
    <message>
        <source>Starts at (T+0)</source>
        <translation>Empieza a las (T+0)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Open the exercise</source>
        <translation>Abrir el ejercicio</translation>
    </message>
    <message>
        <source>Open the new exercise in this window (this workspace closes)</source>
        <translation>Abrir el nuevo ejercicio en esta ventana (este espacio de trabajo se cierra)</translation>
    </message>
    <message>
        <source>{org} (us)</source>
        <translation>{org} (nosotros)</translation>
    </message>
    <message>
        <source>Write the exercise to</source>
        <translation>Escribir el ejercicio en</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>This workspace is the exercise “{name}”: an exercise is made from a real workspace or the demo, never from another exercise (its audit log, alerts and played injects would come along and be counted in the new exercise&apos;s report). Open the workspace it was made from.</source>
        <translation>Este espacio de trabajo es el ejercicio «{name}»: un ejercicio se hace a partir de un espacio de trabajo real o de la demo, nunca de otro ejercicio (su registro de auditoría, sus alertas y sus inyecciones jugadas vendrían con él y se contarían en el informe del nuevo ejercicio). Abra el espacio de trabajo del que se hizo.</translation>
    </message>
    <message>
        <source>An exercise is copied from a workspace file (GeoPackage): copy a team database to a file first (humanops copy).</source>
        <translation>Un ejercicio se copia de un archivo de espacio de trabajo (GeoPackage): copie primero una base de datos de equipo a un archivo (humanops copy).</translation>
    </message>
    <message>
        <source>Give the exercise a name.</source>
        <translation>Dé un nombre al ejercicio.</translation>
    </message>
    <message>
        <source>The name must be 1 to 80 printable characters on one line.</source>
        <translation>El nombre debe tener de 1 a 80 caracteres imprimibles en una línea.</translation>
    </message>
    <message>
        <source>Choose where to write the exercise.</source>
        <translation>Elija dónde escribir el ejercicio.</translation>
    </message>
    <message>
        <source>A workspace file must end in .gpkg.</source>
        <translation>Un archivo de espacio de trabajo debe terminar en .gpkg.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>Ese es el propio espacio de trabajo: elija otro archivo.</translation>
    </message>
    <message>
        <source>{file} exists already: an exercise is written to a new file.</source>
        <translation>{file} ya existe: un ejercicio se escribe en un archivo nuevo.</translation>
    </message>
    <message>
        <source>Made {file}: {banner}, controller {controller}. Its scenario clock is paused at T+0: open it and press Resume (or Exercise › Scenario clock…) to start.</source>
        <translation>Creado {file}: {banner}, controlador {controller}. Su reloj de escenario está en pausa en T+0: ábralo y pulse Reanudar (o Ejercicio › Reloj del escenario…) para empezar.</translation>
    </message>
    <message>
        <source>No exercise was made: {reason}</source>
        <translation>No se creó ningún ejercicio: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no exercise was made.</source>
        <translation>Cancelado: no se creó ningún ejercicio.</translation>
    </message>
    <message>
        <source>Making the exercise</source>
        <translation>Creando el ejercicio</translation>
    </message>
</context>
<context>
    <name>NewFeatureDialog</name>
    <message>
        <source>at {lat}, {lon}</source>
        <translation>en {lat}, {lon}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln vertices</source>
        <translation>
            <numerusform>%Ln vértice</numerusform>
            <numerusform>%Ln vértices</numerusform>
        </translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>Nuevo elemento: {kind}</translation>
    </message>
    <message>
        <source>&lt;b&gt;New {kind}&lt;/b&gt; ({where}). Fields marked * are required.</source>
        <translation>&lt;b&gt;Nuevo elemento: {kind}&lt;/b&gt; ({where}). Los campos marcados con * son obligatorios.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>Marking (the layer&apos;s default)</source>
        <translation>Marcado (el de la capa por defecto)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>Nuevo espacio de trabajo</translation>
    </message>
    <message>
        <source>A workspace is one GeoPackage file holding your layers, partners and keys. It also opens in QGIS.</source>
        <translation>Un espacio de trabajo es un único archivo GeoPackage con sus capas, socios y claves. También se abre en QGIS.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>p. ej. medaid</translation>
    </message>
    <message>
        <source>The originator of every feature you draw: only an originator changes its features. Partners know you by it.</source>
        <translation>El originador de cada entidad que dibuje: solo un originador cambia sus entidades. Los socios le conocen por él.</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>p. ej. MedAid Relief</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>Identificador de la organización</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>Nombre de la organización</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>Archivo del espacio de trabajo</translation>
    </message>
    <message>
        <source>Make our keys now (to sign and open packages)</source>
        <translation>Crear nuestras claves ahora (para firmar y abrir paquetes)</translation>
    </message>
    <message>
        <source>The private keys stay in the workspace, encrypted with this passphrase. Whoever holds both can sign in your organisation&apos;s name; without the passphrase nobody, you included, can send or open packages. It is never stored.</source>
        <translation>Las claves privadas se quedan en el espacio de trabajo, cifradas con esta frase de contraseña. Quien tenga ambas puede firmar en nombre de su organización; sin la frase de contraseña nadie, ni usted, puede enviar ni abrir paquetes. Nunca se guarda.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Frase de contraseña de nuevo</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Solidez</translation>
    </message>
    <message>
        <source>optional: the response&apos;s information sharing protocol (.toml)</source>
        <translation>opcional: el protocolo de intercambio de información de la respuesta (.toml)</translation>
    </message>
    <message>
        <source>Sharing protocol</source>
        <translation>Protocolo de intercambio</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Crear espacio de trabajo</translation>
    </message>
    <message>
        <source>Use several words or a long sentence: length beats symbols.</source>
        <translation>Use varias palabras o una frase larga: la longitud importa más que los símbolos.</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>muy débil</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>débil</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>aceptable</translation>
    </message>
    <message>
        <source>good</source>
        <translation>buena</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>fuerte</translation>
    </message>
    <message>
        <source>Strength: {0}.</source>
        <translation>Solidez: {0}.</translation>
    </message>
    <message>
        <source>Add more words to make it harder to guess.</source>
        <translation>Añada más palabras para que sea más difícil de adivinar.</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>Espacio de trabajo GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Information sharing protocol</source>
        <translation>Protocolo de intercambio de información</translation>
    </message>
    <message>
        <source>Sharing protocol (*.toml);;All files (*)</source>
        <translation>Protocolo de intercambio (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Your organisation&apos;s name goes on its contact card: it is needed with keys.</source>
        <translation>El nombre de su organización va en su tarjeta de contacto: es necesario con las claves.</translation>
    </message>
    <message>
        <source>Choose where the workspace file goes.</source>
        <translation>Elija dónde va el archivo del espacio de trabajo.</translation>
    </message>
    <message>
        <source>Nothing was written: correct what is marked in red.</source>
        <translation>No se escribió nada: corrija lo marcado en rojo.</translation>
    </message>
    <message>
        <source>Creating {0}…</source>
        <translation>Creando {0}…</translation>
    </message>
    <message>
        <source>Nothing was written: {0}</source>
        <translation>No se escribió nada: {0}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Cancelado: no se escribió nada.</translation>
    </message>
    <message>
        <source>Creating the workspace</source>
        <translation>Creando el espacio de trabajo</translation>
    </message>
</context>
<context>
    <name>NumberWidget</name>
    <message>
        <source>set</source>
        <translation>definido</translation>
    </message>
    <message>
        <source>Untick to leave it to the operation (see the help)</source>
        <translation>Desmarque para dejarlo a la operación (vea la ayuda)</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>{parameter}: {reason}</source>
        <translation>{parameter}: {reason}</translation>
    </message>
    <message>
        <source>Fix the values marked in red, then Run again.</source>
        <translation>Corrija los valores marcados en rojo y vuelva a ejecutar.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Done. {summary}</source>
        <translation>Hecho. {summary}</translation>
    </message>
    <message>
        <source>Stopped: nothing was changed.</source>
        <translation>Detenido: no se cambió nada.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>Cancelado: no se cambió nada.</translation>
    </message>
    <message>
        <source>Click on the map: {place}. Esc cancels.</source>
        <translation>Haga clic en el mapa: {place}. Esc cancela.</translation>
    </message>
    <message>
        <source>{place}: picked on the map.</source>
        <translation>{place}: elegido en el mapa.</translation>
    </message>
</context>
<context>
    <name>OwnIdentityDialog</name>
    <message>
        <source>Own identity</source>
        <translation>Identidad propia</translation>
    </message>
    <message>
        <source>This workspace has no keys yet. Your organisation needs them to sign what it sends and to open what partners send it. The private keys stay in this workspace, encrypted with a passphrase; partners get only the public half, in your contact card.</source>
        <translation>Este espacio de trabajo aún no tiene claves. Su organización las necesita para firmar lo que envía y abrir lo que los socios le envían. Las claves privadas se quedan en este espacio de trabajo, cifradas con una frase de contraseña; los socios solo reciben la mitad pública, en su tarjeta de contacto.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>p. ej. medaid</translation>
    </message>
    <message>
        <source>The organisation this workspace belongs to</source>
        <translation>La organización a la que pertenece este espacio de trabajo</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>p. ej. MedAid Relief</translation>
    </message>
    <message>
        <source>Sharing groups your organisation belongs to (TLP:GREEN reaches them)</source>
        <translation>Grupos de intercambio a los que pertenece su organización (TLP:GREEN los alcanza)</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>Identificador de la organización</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>Sigla</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Comunidades</translation>
    </message>
    <message>
        <source>Create keys…</source>
        <translation>Crear claves…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Keys made</source>
        <translation>Claves creadas el</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Huella</translation>
    </message>
    <message>
        <source>When a partner adds your contact card, read them this fingerprint by phone or in person: it proves the card is yours.</source>
        <translation>Cuando un socio añada su tarjeta de contacto, léale esta huella por teléfono o en persona: prueba que la tarjeta es suya.</translation>
    </message>
    <message>
        <source>{fingerprint}…  replaced {when}</source>
        <translation>{fingerprint}…  sustituida el {when}</translation>
    </message>
    <message>
        <source>Earlier keys (still verify what they signed):</source>
        <translation>Claves anteriores (siguen verificando lo que firmaron):</translation>
    </message>
    <message>
        <source>Write contact card…</source>
        <translation>Escribir tarjeta de contacto…</translation>
    </message>
    <message>
        <source>Give the organisation&apos;s id and name.</source>
        <translation>Indique el identificador y el nombre de la organización.</translation>
    </message>
    <message>
        <source>Create keys</source>
        <translation>Crear claves</translation>
    </message>
    <message>
        <source>No keys were made.</source>
        <translation>No se crearon claves.</translation>
    </message>
    <message>
        <source>Making keys…</source>
        <translation>Creando claves…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Making keys</source>
        <translation>Creando claves</translation>
    </message>
    <message>
        <source>Keys made. Now write your contact card for your partners.</source>
        <translation>Claves creadas. Ahora escriba su tarjeta de contacto para sus socios.</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>No se cambió nada: {reason}</translation>
    </message>
    <message>
        <source>Write contact card</source>
        <translation>Escribir tarjeta de contacto</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json)</source>
        <translation>Tarjeta de contacto (*.card.json *.json)</translation>
    </message>
    <message>
        <source>The card is signed with your organisation&apos;s key.</source>
        <translation>La tarjeta se firma con la clave de su organización.</translation>
    </message>
    <message>
        <source>Signing the card…</source>
        <translation>Firmando la tarjeta…</translation>
    </message>
    <message>
        <source>Writing the contact card</source>
        <translation>Escribiendo la tarjeta de contacto</translation>
    </message>
    <message>
        <source>Contact card written. Give it to your partners (USB stick, e-mail), then read them the fingerprint {fingerprint} by phone or in person.</source>
        <translation>Tarjeta de contacto escrita. Entréguela a sus socios (memoria USB, correo electrónico) y luego léales la huella {fingerprint} por teléfono o en persona.</translation>
    </message>
    <message>
        <source>No card was written: {reason}</source>
        <translation>No se escribió ninguna tarjeta: {reason}</translation>
    </message>
</context>
<context>
    <name>PartnersDialog</name>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Comunidades</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Huella</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Partners and keys</source>
        <translation>Socios y claves</translation>
    </message>
    <message>
        <source>Add a partner from the contact card it gave you; check its fingerprint with it by phone or in person before you rely on it.</source>
        <translation>Añada un socio a partir de la tarjeta de contacto que le dio; compruebe su huella con él por teléfono o en persona antes de confiar en ella.</translation>
    </message>
    <message>
        <source>Add from contact card…</source>
        <translation>Añadir desde tarjeta de contacto…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revocar…</translation>
    </message>
    <message>
        <source>The partner&apos;s key is lost or compromised: refuse what it signs from now on</source>
        <translation>La clave del socio se perdió o está comprometida: rechazar lo que firme a partir de ahora</translation>
    </message>
    <message>
        <source>(us)</source>
        <translation>(nosotros)</translation>
    </message>
    <message>
        <source>Read aloud in groups of four to check it with the partner</source>
        <translation>Léala en voz alta en grupos de cuatro para comprobarla con el socio</translation>
    </message>
    <message>
        <source>earlier key</source>
        <translation>clave anterior</translation>
    </message>
    <message>
        <source>No partners yet: add one from its contact card.</source>
        <translation>Aún no hay socios: añada uno desde su tarjeta de contacto.</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>sin clave</translation>
    </message>
    <message>
        <source>revoked {when}
(valid from {since})</source>
        <translation>revocada el {when}
(válida desde el {since})</translation>
    </message>
    <message>
        <source>valid since {since}</source>
        <translation>válida desde el {since}</translation>
    </message>
    <message>
        <source>Add partner from contact card</source>
        <translation>Añadir socio desde tarjeta de contacto</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json);;All files (*)</source>
        <translation>Tarjeta de contacto (*.card.json *.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>No añadido: {reason}</translation>
    </message>
    <message>
        <source>Not added: the card is for our own organisation {org}.</source>
        <translation>No añadido: la tarjeta es de nuestra propia organización {org}.</translation>
    </message>
    <message>
        <source>{org} was not added: nothing changed.</source>
        <translation>{org} no se añadió: no cambió nada.</translation>
    </message>
    <message>
        <source>Added {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Se añadió {name} ({org}), huella {fingerprint}.</translation>
    </message>
    <message>
        <source>Updated {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Se actualizó {name} ({org}), huella {fingerprint}.</translation>
    </message>
    <message>
        <source>Replaced the key of {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Se sustituyó la clave de {name} ({org}), huella {fingerprint}.</translation>
    </message>
    <message>
        <source>Already known: {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>Ya conocido: {name} ({org}), huella {fingerprint}.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}), communities {communities}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tarjeta de contacto de &lt;b&gt;{name}&lt;/b&gt; ({org}), comunidades {communities}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tarjeta de contacto de &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its fingerprint:&lt;/p&gt;</source>
        <translation>&lt;p&gt;Su huella:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Call them on a number you already know (not one given with the card) and have them read their fingerprint. Add the partner only if every group matches.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Llámeles a un número que ya conozca (no uno dado con la tarjeta) y pídales que lean su huella. Añada el socio solo si coinciden todos los grupos.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revocada</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{org} is already known with another key&lt;/b&gt; ({old}). Adding this card replaces that key.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{org} ya se conoce con otra clave&lt;/b&gt; ({old}). Añadir esta tarjeta sustituye esa clave.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Have you checked this fingerprint with them, by phone or in person?&lt;/p&gt;</source>
        <translation>&lt;p&gt;¿Ha comprobado esta huella con ellos, por teléfono o en persona?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check the fingerprint</source>
        <translation>Comprobar la huella</translation>
    </message>
    <message>
        <source>Revoke the keys of {name} ({org}) from now?

Packages it signs from now on will be refused, and nothing above TLP:CLEAR can be sent to it, until you add a new contact card from it.

Do this when its key was lost or compromised.</source>
        <translation>¿Revocar las claves de {name} ({org}) a partir de ahora?

Los paquetes que firme a partir de ahora se rechazarán, y no se le podrá enviar nada por encima de TLP:CLEAR, hasta que añada una nueva tarjeta de contacto suya.

Hágalo cuando su clave se haya perdido o esté comprometida.</translation>
    </message>
    <message>
        <source>Revoke partner keys</source>
        <translation>Revocar las claves del socio</translation>
    </message>
    <message>
        <source>Not revoked: {reason}</source>
        <translation>No revocado: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %Ln key(s) of {org}.</source>
        <translation>
            <numerusform>Se revocaron %Ln clave de {org}.</numerusform>
            <numerusform>Se revocaron %Ln claves de {org}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickableWidget</name>
    <message>
        <source>Pick on map</source>
        <translation>Elegir en el mapa</translation>
    </message>
    <message>
        <source>Then click on the map; Esc cancels</source>
        <translation>Luego haga clic en el mapa; Esc cancela</translation>
    </message>
</context>
<context>
    <name>PlaceWidget</name>
    <message>
        <source>lat,lon, a facility name or a feature uuid</source>
        <translation>lat,lon, un nombre de instalación o un uuid de entidad</translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message>
        <source>&amp;Triggers</source>
        <translation>&amp;Alertas</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>{title}: {summary}</source>
        <translation>{title}: {summary}</translation>
    </message>
    <message>
        <source>That route was not found, so it cannot become a corridor.</source>
        <translation>No se encontró esa ruta, así que no puede convertirse en corredor.</translation>
    </message>
    <message>
        <source>risk along the corridor</source>
        <translation>riesgo a lo largo del corredor</translation>
    </message>
    <message>
        <source>Save route as corridor</source>
        <translation>Guardar la ruta como corredor</translation>
    </message>
    <message>
        <source>Save route as corridor “{name}”</source>
        <translation>Guardar la ruta como corredor «{name}»</translation>
    </message>
    <message>
        <source>Added the proposed corridor “{name}” (Edit ▸ Undo removes it).</source>
        <translation>Se añadió el corredor propuesto «{name}» (Editar ▸ Deshacer lo quita).</translation>
    </message>
    <message>
        <source>Open plan {id}</source>
        <translation>Abrir el plan {id}</translation>
    </message>
    <message>
        <source>Adopt trigger rules</source>
        <translation>Adoptar reglas de alerta</translation>
    </message>
    <message>
        <source>Trigger rules (*.toml);;All files (*)</source>
        <translation>Reglas de alerta (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Trigger rules not adopted</source>
        <translation>Reglas de alerta no adoptadas</translation>
    </message>
    <message numerus="yes">
        <source>Adopted %Ln trigger rule(s) from {file}: {rules}. Alerts follow every edit and import.</source>
        <translation>
            <numerusform>Se adoptaron %Ln regla de alerta de {file}: {rules}. Las alertas siguen cada cambio e importación.</numerusform>
            <numerusform>Se adoptaron %Ln reglas de alerta de {file}: {rules}. Las alertas siguen cada cambio e importación.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace.</source>
        <translation>Esa entidad ya no está en el espacio de trabajo.</translation>
    </message>
</context>
<context>
    <name>PointWidget</name>
    <message>
        <source>lon,lat (degrees)</source>
        <translation>lon,lat (grados)</translation>
    </message>
</context>
<context>
    <name>ProblemReport</name>
    <message>
        <source>Save a problem report</source>
        <translation>Guardar un informe de problema</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Archivo zip (*.zip)</translation>
    </message>
    <message>
        <source>Collecting the log files…</source>
        <translation>Recopilando los archivos de registro…</translation>
    </message>
    <message>
        <source>The problem report is saved as {path}. It holds the log files and version numbers only (no workspace, keys or features): send it to your support contact.</source>
        <translation>El informe de problema se guardó como {path}. Solo contiene los archivos de registro y los números de versión (sin espacio de trabajo, claves ni entidades): envíelo a su contacto de soporte.</translation>
    </message>
    <message>
        <source>The problem report could not be written: {reason}</source>
        <translation>No se pudo escribir el informe de problema: {reason}</translation>
    </message>
    <message>
        <source>Writing the problem report</source>
        <translation>Escribiendo el informe de problema</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>No problems: every feature is valid for its kind, those edited in other tools (QGIS, scripts) too.
They are checked when the workspace opens and whenever another tool changes the file.</source>
        <translation>Sin problemas: cada entidad es válida para su tipo, también las editadas en otras herramientas (QGIS, scripts).
Se comprueban al abrir el espacio de trabajo y cada vez que otra herramienta cambia el archivo.</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Ningún espacio de trabajo abierto.</translation>
    </message>
    <message>
        <source>Checking the features edited in other tools…</source>
        <translation>Comprobando las entidades editadas en otras herramientas…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) edited in another tool need(s) fixing</source>
        <translation>
            <numerusform>%Ln entidad editada en otra herramienta necesita corrección</numerusform>
            <numerusform>%Ln entidades editadas en otra herramienta necesitan corrección</numerusform>
        </translation>
    </message>
    <message>
        <source>The whole layer</source>
        <translation>Toda la capa</translation>
    </message>
    <message>
        <source>column “{column}”</source>
        <translation>columna «{column}»</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop checking (nothing is changed; Refresh checks again)</source>
        <translation>Detener la comprobación (no se cambia nada; Actualizar vuelve a comprobar)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Re-read changes made in other tools and check them (F5)</source>
        <translation>Volver a leer los cambios hechos en otras herramientas y comprobarlos (F5)</translation>
    </message>
    <message>
        <source>Fix value…</source>
        <translation>Corregir el valor…</translation>
    </message>
    <message>
        <source>Put a valid value in place of the selected problem&apos;s (a new version; the old one stays in the feature&apos;s history)</source>
        <translation>Poner un valor válido en lugar del del problema seleccionado (una nueva versión; la anterior queda en el historial de la entidad)</translation>
    </message>
    <message>
        <source>Double-click a problem (or press Enter) to show the feature and fix it in the Feature panel</source>
        <translation>Haga doble clic en un problema (o pulse Intro) para mostrar la entidad y corregirla en el panel Entidad</translation>
    </message>
    <message>
        <source>Double-click a row (or press Enter) to show the feature, then fix it in the Feature panel, or use Fix value… for one the form cannot open.</source>
        <translation>Haga doble clic en una fila (o pulse Intro) para mostrar la entidad y corríjala en el panel Entidad, o use Corregir el valor… para uno que el formulario no puede abrir.</translation>
    </message>
</context>
<context>
    <name>ProblemsWatch</name>
    <message>
        <source>Geometry</source>
        <translation>Geometría</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>Divulgable a</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>Restricciones</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>(whole layer)</source>
        <translation>(toda la capa)</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(archivo)</translation>
    </message>
    <message>
        <source>Re-read the workspace for changes made in other tools.</source>
        <translation>Se volvió a leer el espacio de trabajo para los cambios hechos en otras herramientas.</translation>
    </message>
    <message>
        <source>Checking edits made in other tools</source>
        <translation>Comprobando los cambios hechos en otras herramientas</translation>
    </message>
    <message>
        <source>{problems}: see the Problems panel.</source>
        <translation>{problems}: vea el panel Problemas.</translation>
    </message>
    <message>
        <source>No problems left: every feature is valid for its kind.</source>
        <translation>Ya no quedan problemas: cada entidad es válida para su tipo.</translation>
    </message>
    <message>
        <source>Could not check the features edited in other tools: {reason}</source>
        <translation>No se pudieron comprobar las entidades editadas en otras herramientas: {reason}</translation>
    </message>
    <message>
        <source>Check cancelled: features edited in other tools were not all checked. Refresh (F5) checks them.</source>
        <translation>Comprobación cancelada: no se comprobaron todas las entidades editadas en otras herramientas. Actualizar (F5) las comprueba.</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>Problemas ({n})</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>A valid value of “{field}” for this feature (the unreadable value stays in its history):</source>
        <translation>Un valor válido de «{field}» para esta entidad (el valor ilegible queda en su historial):</translation>
    </message>
    <message>
        <source>Fix value</source>
        <translation>Corregir el valor</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>un número entero</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>un número</translation>
    </message>
    <message>
        <source>Cannot fix this value</source>
        <translation>No se puede corregir este valor</translation>
    </message>
    <message>
        <source>{field} fixed: a new version of the feature.</source>
        <translation>{field} corregido: una nueva versión de la entidad.</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace (deleted in another tool?): Refresh (F5) updates the list.</source>
        <translation>Esa entidad ya no está en el espacio de trabajo (¿eliminada en otra herramienta?): Actualizar (F5) actualiza la lista.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Open when written</source>
        <translation>Abrir al terminar</translation>
    </message>
    <message>
        <source>The file must end in {suffix}.</source>
        <translation>El archivo debe terminar en {suffix}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>La carpeta {folder} no existe.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>Ese es el propio espacio de trabajo: elija otro archivo.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Save as… to replace it.</source>
        <translation>{file} ya existe: elija otro nombre, o Guardar como… para reemplazarlo.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Browse… to replace it.</source>
        <translation>{file} ya existe: elija otro nombre, o Examinar… para sustituirlo.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Escribiendo {file}…</translation>
    </message>
</context>
<context>
    <name>ProposalOverlay</name>
    <message>
        <source>Proposed deletion by {proposer} (waiting for you)</source>
        <translation>Eliminación propuesta por {proposer} (espera su decisión)</translation>
    </message>
    <message>
        <source>Proposed change by {proposer} (waiting for you)</source>
        <translation>Cambio propuesto por {proposer} (espera su decisión)</translation>
    </message>
    <message>
        <source>Proposed deletion (waiting for {originator})</source>
        <translation>Eliminación propuesta (esperando a {originator})</translation>
    </message>
    <message>
        <source>Proposed change (waiting for {originator})</source>
        <translation>Cambio propuesto (esperando a {originator})</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {layer} {uuid}</source>
        <translation>{proposer} propone un cambio de {layer} {uuid}</translation>
    </message>
</context>
<context>
    <name>ProposalRow</name>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Retirar</translation>
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
        <translation>Recibir paquete</translation>
    </message>
    <message>
        <source>An exchange package (.hopx) from a partner</source>
        <translation>Un paquete de intercambio (.hopx) de un socio</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Choose a package, then Check: it is verified and you see what it would change before anything is imported.</source>
        <translation>Elija un paquete y luego Comprobar: se verifica y ve qué cambiaría antes de importar nada.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verificación</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Capa</translation>
    </message>
    <message>
        <source>What would change</source>
        <translation>Qué cambiaría</translation>
    </message>
    <message>
        <source>Decrypt and verify the package and report what it would change (dry run)</source>
        <translation>Descifrar y verificar el paquete e indicar qué cambiaría (simulación)</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx);;All files (*)</source>
        <translation>Paquete de intercambio (*.hopx);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose a package (.hopx).</source>
        <translation>Ese es el propio espacio de trabajo: elija un paquete (.hopx).</translation>
    </message>
    <message>
        <source>Open the package</source>
        <translation>Abrir el paquete</translation>
    </message>
    <message>
        <source>The package is decrypted with your organisation&apos;s key. The key stays unlocked until this window closes: Import asks no more.</source>
        <translation>El paquete se descifra con la clave de su organización. La clave sigue desbloqueada hasta que se cierre esta ventana: Importar ya no la pide.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>Comprobando el paquete…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Not opened: {reason}. Nothing was imported.</source>
        <translation>No abierto: {reason}. No se importó nada.</translation>
    </message>
    <message>
        <source>The package was not opened: the passphrase was wrong. Check again.</source>
        <translation>El paquete no se abrió: la frase de contraseña era incorrecta. Compruebe de nuevo.</translation>
    </message>
    <message>
        <source>The package was not opened: {reason}. Check again.</source>
        <translation>El paquete no se abrió: {reason}. Compruebe de nuevo.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>Cancelado: no se importó nada.</translation>
    </message>
    <message>
        <source>Checking the package</source>
        <translation>Comprobando el paquete</translation>
    </message>
    <message>
        <source>Importing the package</source>
        <translation>Importando el paquete</translation>
    </message>
    <message>
        <source>Nothing: the package was refused.</source>
        <translation>Nada: el paquete fue rechazado.</translation>
    </message>
    <message>
        <source>Refused.</source>
        <translation>Rechazado.</translation>
    </message>
    <message>
        <source>Nothing was imported: this workspace is exactly as it was.</source>
        <translation>No se importó nada: este espacio de trabajo está exactamente como estaba.</translation>
    </message>
    <message>
        <source>full package, highest marking {marking}</source>
        <translation>paquete completo, marcado más alto {marking}</translation>
    </message>
    <message>
        <source>incremental package, highest marking {marking}</source>
        <translation>paquete incremental, marcado más alto {marking}</translation>
    </message>
    <message>
        <source>package, highest marking {marking}</source>
        <translation>paquete, marcado más alto {marking}</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>Huella de la clave</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ verified&lt;/b&gt;&lt;/span&gt; with the key in your partner directory; the package is unaltered</source>
        <translation>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ verificada&lt;/b&gt;&lt;/span&gt; con la clave de su directorio de socios; el paquete no está alterado</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado el</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca el</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Secuencia</translation>
    </message>
    <message>
        <source>{sequence} (the last accepted from {signer}: {last})</source>
        <translation>{sequence} (la última aceptada de {signer}: {last})</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message numerus="yes">
        <source>%Ln proposal(s)</source>
        <translation>
            <numerusform>%Ln propuesta</numerusform>
            <numerusform>%Ln propuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing would bring {counts}. Nothing has been imported yet: press Import to apply it.</source>
        <translation>La importación traería {counts}. Aún no se ha importado nada: pulse Importar para aplicarla.</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Qué cambió</translation>
    </message>
    <message>
        <source>Imported: {counts}.</source>
        <translation>Importado: {counts}.</translation>
    </message>
    <message>
        <source>Resolve the conflicts in the Conflicts panel.</source>
        <translation>Resuelva los conflictos en el panel Conflictos.</translation>
    </message>
    <message>
        <source>Accept or reject the proposals there too.</source>
        <translation>Acepte o rechace allí también las propuestas.</translation>
    </message>
    <message>
        <source>quarantined {uuid}: {reason}</source>
        <translation>en cuarentena {uuid}: {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>código de motivo: {code}</translation>
    </message>
    <message>
        <source>conflict {uuid}: both sides changed it (theirs is version {version}); yours stays until you choose</source>
        <translation>conflicto {uuid}: ambas partes lo cambiaron (la suya es la versión {version}); la de usted se queda hasta que elija</translation>
    </message>
    <message>
        <source>The package holds nothing new.</source>
        <translation>El paquete no contiene nada nuevo.</translation>
    </message>
</context>
<context>
    <name>RecentWorkspaces</name>
    <message>
        <source>No recent workspaces</source>
        <translation>Ningún espacio de trabajo reciente</translation>
    </message>
    <message>
        <source>team database</source>
        <translation>base de datos del equipo</translation>
    </message>
    <message>
        <source>{number} {name}  —  {folder}  (not found)</source>
        <translation>{number} {name}  —  {folder}  (no encontrado)</translation>
    </message>
    <message>
        <source>{path} was moved or deleted</source>
        <translation>{path} se movió o se eliminó</translation>
    </message>
    <message>
        <source>Forget the workspaces not found</source>
        <translation>Olvidar los espacios de trabajo no encontrados</translation>
    </message>
    <message numerus="yes">
        <source>Took %n workspace(s) that were moved or deleted off the recent list.</source>
        <translation>
            <numerusform>Se quitó de la lista reciente %n espacio de trabajo movido o eliminado.</numerusform>
            <numerusform>Se quitaron de la lista reciente %n espacios de trabajo movidos o eliminados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear recent</source>
        <translation>Borrar recientes</translation>
    </message>
    <message>
        <source>The list of recent workspaces is empty (no file was touched).</source>
        <translation>La lista de espacios de trabajo recientes está vacía (no se tocó ningún archivo).</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>REPLAY — read-only</source>
        <translation>REPRODUCCIÓN — solo lectura</translation>
    </message>
    <message>
        <source>The map shows the workspace as it was recorded at the moment below; nothing can be edited until you leave replay</source>
        <translation>El mapa muestra el espacio de trabajo tal como estaba registrado en el momento indicado abajo; no se puede editar nada hasta salir de la reproducción</translation>
    </message>
    <message>
        <source>Previous moment (Left arrow on the slider)</source>
        <translation>Momento anterior (flecha izquierda en el control deslizante)</translation>
    </message>
    <message>
        <source>Play the history from this moment (Space)</source>
        <translation>Reproducir el historial desde este momento (Espacio)</translation>
    </message>
    <message>
        <source>Next moment (Right arrow on the slider)</source>
        <translation>Momento siguiente (flecha derecha en el control deslizante)</translation>
    </message>
    <message>
        <source>How fast play steps through the moments</source>
        <translation>Velocidad con la que la reproducción avanza por los momentos</translation>
    </message>
    <message numerus="yes">
        <source>%n moment(s) a second</source>
        <translation>
            <numerusform>%n momento por segundo</numerusform>
            <numerusform>%n momentos por segundo</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave replay</source>
        <translation>Salir de la reproducción</translation>
    </message>
    <message>
        <source>Back to the live picture, editing enabled (Esc)</source>
        <translation>Volver a la situación actual, con la edición habilitada (Esc)</translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <source>Replay</source>
        <translation>Reproducción</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Leyendo el historial…</translation>
    </message>
    <message>
        <source>Reading the history</source>
        <translation>Lectura del historial</translation>
    </message>
    <message>
        <source>Replay left: the map shows the live picture.</source>
        <translation>Reproducción terminada: el mapa muestra la situación actual.</translation>
    </message>
    <message>
        <source>Nothing recorded yet: there is no history to replay.</source>
        <translation>Aún no hay nada registrado: no hay historial que reproducir.</translation>
    </message>
    <message>
        <source>The history cannot be replayed: {reason}</source>
        <translation>No se puede reproducir el historial: {reason}</translation>
    </message>
    <message>
        <source>As recorded at {moment}</source>
        <translation>Tal como se registró el {moment}</translation>
    </message>
    <message>
        <source>moment {n} of {total}: {inserts} added, {updates} changed, {deletes} deleted</source>
        <translation>momento {n} de {total}: {inserts} añadido(s), {updates} modificado(s), {deletes} eliminado(s)</translation>
    </message>
    <message>
        <source>Replaying the history</source>
        <translation>Reproducción del historial</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>No results yet: run an analysis from the Analysis menu</source>
        <translation>Aún no hay resultados: ejecute un análisis desde el menú Análisis</translation>
    </message>
    <message>
        <source>No saved plans</source>
        <translation>Ningún plan guardado</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>Planes de evacuación y de ayuda guardados en este espacio de trabajo</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>Abrir plan</translation>
    </message>
    <message>
        <source>Clear map</source>
        <translation>Borrar del mapa</translation>
    </message>
    <message>
        <source>Remove the result from the map (the table stays)</source>
        <translation>Quitar el resultado del mapa (la tabla se queda)</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Resultado:</translation>
    </message>
    <message>
        <source>Saved plans:</source>
        <translation>Planes guardados:</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Write the table shown to a CSV file</source>
        <translation>Escribir la tabla mostrada en un archivo CSV</translation>
    </message>
    <message>
        <source>Save as corridor…</source>
        <translation>Guardar como corredor…</translation>
    </message>
    <message>
        <source>Add the selected route (or the best) as a proposed corridor; undoable</source>
        <translation>Añadir la ruta seleccionada (o la mejor) como corredor propuesto; se puede deshacer</translation>
    </message>
    <message>
        <source>Zoom to result</source>
        <translation>Zoom al resultado</translation>
    </message>
    <message>
        <source>{id}: {title} (made {created})</source>
        <translation>{id}: {title} (creado el {created})</translation>
    </message>
    <message>
        <source>Run an analysis from the Analysis menu; its tables appear here and its result on the map.</source>
        <translation>Ejecute un análisis desde el menú Análisis; sus tablas aparecen aquí y su resultado en el mapa.</translation>
    </message>
    <message>
        <source>Proposed corridor {n}</source>
        <translation>Corredor propuesto {n}</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>Exportar la tabla como CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) of {table} to {path}.</source>
        <translation>
            <numerusform>Se escribieron %Ln fila de {table} en {path}.</numerusform>
            <numerusform>Se escribieron %Ln filas de {table} en {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message numerus="yes">
        <source>Mean travel {mean} min, last arrival after {last} min; %Ln shelter(s) used.</source>
        <translation>
            <numerusform>Trayecto medio {mean} min, última llegada tras {last} min; %Ln refugio utilizado.</numerusform>
            <numerusform>Trayecto medio {mean} min, última llegada tras {last} min; %Ln refugios utilizados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shipments} shipments from %Ln warehouse(s) to {needs} needs; coverage: {coverage}</source>
        <translation>
            <numerusform>{shipments} envíos desde %Ln almacén a {needs} necesidades; cobertura: {coverage}</numerusform>
            <numerusform>{shipments} envíos desde %Ln almacenes a {needs} necesidades; cobertura: {coverage}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need(s) no warehouse can reach.</source>
        <translation>
            <numerusform>%Ln necesidad que ningún almacén puede alcanzar.</numerusform>
            <numerusform>%Ln necesidades que ningún almacén puede alcanzar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln corridor(s), {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</source>
        <translation>
            <numerusform>%Ln corredor, {in_danger} con peligro a lo largo; puntuación de riesgo más alta {score}/100 (el {at}).</numerusform>
            <numerusform>%Ln corredores, {in_danger} con peligro a lo largo; puntuación de riesgo más alta {score}/100 (el {at}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rule(s) evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</source>
        <translation>
            <numerusform>%Ln regla evaluada: {raised} activadas, {updated} actualizadas, {resolved} resueltas; {active} activas.</numerusform>
            <numerusform>%Ln reglas evaluadas: {raised} activadas, {updated} actualizadas, {resolved} resueltas; {active} activas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveCorridorDialog</name>
    <message>
        <source>Save route as corridor</source>
        <translation>Guardar la ruta como corredor</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>m</translation>
    </message>
    <message>
        <source>The corridor&apos;s width: its risk is computed over all of it</source>
        <translation>La anchura del corredor: su riesgo se calcula sobre toda ella</translation>
    </message>
    <message>
        <source>The corridor is added as &lt;i&gt;proposed&lt;/i&gt;, with its risk in its notes. Edit ▸ Undo removes it.</source>
        <translation>El corredor se añade como &lt;i&gt;propuesto&lt;/i&gt;, con su riesgo en sus notas. Editar ▸ Deshacer lo quita.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Anchura</translation>
    </message>
    <message>
        <source>a corridor needs a name</source>
        <translation>un corredor necesita un nombre</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Find a feature or a place (Ctrl+F)</source>
        <translation>Buscar una entidad o un lugar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Reading feature names</source>
        <translation>Lectura de los nombres de las entidades</translation>
    </message>
    <message>
        <source>Search: the feature names cannot be read: {reason}</source>
        <translation>Búsqueda: no se pueden leer los nombres de las entidades: {reason}</translation>
    </message>
    <message>
        <source>Several features match “{text}”: choose one in the list.</source>
        <translation>Varias entidades coinciden con «{text}»: elija una en la lista.</translation>
    </message>
    <message>
        <source>No feature is named “{text}”, and it is not a place (lat,lon; degrees such as 17°45&apos;30&quot;S 128°30&apos;E; or MGRS).</source>
        <translation>Ninguna entidad se llama «{text}», y no es un lugar (lat,lon; grados como 17°45&apos;30&quot;S 128°30&apos;E; o MGRS).</translation>
    </message>
    <message>
        <source>Showing {place}{grid}.</source>
        <translation>Se muestra {place}{grid}.</translation>
    </message>
    <message>
        <source>That feature is not in the workspace any more.</source>
        <translation>Esa entidad ya no está en el espacio de trabajo.</translation>
    </message>
    <message>
        <source>Showing {feature}.</source>
        <translation>Se muestra {feature}.</translation>
    </message>
    <message>
        <source>A feature&apos;s name, or a place: lat,lon (-17.758,128.5), degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS (52K DF 46996 36517); Enter goes there</source>
        <translation>El nombre de una entidad, o un lugar: lat,lon (-17.758,128.5), grados (17°45&apos;30&quot;S 128°30&apos;E) o MGRS (52K DF 46996 36517); Intro va allí</translation>
    </message>
</context>
<context>
    <name>SendFilterBar</name>
    <message>
        <source>Sharing</source>
        <translation>Compartir</translation>
    </message>
    <message>
        <source>What could I send to:</source>
        <translation>¿Qué podría enviar a:</translation>
    </message>
    <message>
        <source>Fade on the map what the chosen partner would not receive from us, by the sharing rules (markings, releasability, expiry)</source>
        <translation>Atenuar en el mapa lo que el socio elegido no recibiría de nosotros, según las reglas de intercambio (marcados, divulgación, caducidad)</translation>
    </message>
    <message>
        <source>nobody (show everything)</source>
        <translation>nadie (mostrar todo)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revocado</translation>
    </message>
    <message>
        <source>Showing every feature.</source>
        <translation>Se muestran todas las entidades.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message>
        <source>counting what could be sent</source>
        <translation>contando lo que se podría enviar</translation>
    </message>
    <message>
        <source>{going} of {total} would go</source>
        <translation>{going} de {total} se enviarían</translation>
    </message>
    <message>
        <source>{layer}: {going} of {total}</source>
        <translation>{layer}: {going} de {total}</translation>
    </message>
    <message>
        <source>Cannot count what could be sent: {reason}</source>
        <translation>No se puede contar lo que se podría enviar: {reason}</translation>
    </message>
</context>
<context>
    <name>SendPackageDialog</name>
    <message>
        <source>Recipient / layer</source>
        <translation>Destinatario / capa</translation>
    </message>
    <message>
        <source>Go exactly</source>
        <translation>Van exactas</translation>
    </message>
    <message>
        <source>Generalised</source>
        <translation>Generalizadas</translation>
    </message>
    <message>
        <source>Deletions</source>
        <translation>Eliminaciones</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>Retenidas</translation>
    </message>
    <message>
        <source>Send package</source>
        <translation>Enviar paquete</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Changes since the last package to them</source>
        <translation>Cambios desde el último paquete enviado</translation>
    </message>
    <message>
        <source>Everything they may receive (full)</source>
        <translation>Todo lo que pueden recibir (completo)</translation>
    </message>
    <message>
        <source>Include the road network</source>
        <translation>Incluir la red vial</translation>
    </message>
    <message>
        <source>Only features inside each recipient&apos;s area of responsibility</source>
        <translation>Solo las entidades dentro del área de responsabilidad de cada destinatario</translation>
    </message>
    <message>
        <source>days</source>
        <translation>días</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>Válido durante</translation>
    </message>
    <message>
        <source>Choose the recipients, then Preview: you see what would go to each of them before anything is written.</source>
        <translation>Elija los destinatarios y luego Vista previa: ve lo que iría a cada uno antes de escribir nada.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Compute what each recipient would receive (writes nothing)</source>
        <translation>Calcular lo que recibiría cada destinatario (no escribe nada)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Sign, encrypt to the recipients and write the package (.hopx)</source>
        <translation>Firmar, cifrar para los destinatarios y escribir el paquete (.hopx)</translation>
    </message>
    <message>
        <source>key revoked: cannot receive</source>
        <translation>clave revocada: no puede recibir</translation>
    </message>
    <message>
        <source>No partners yet: add them in Sharing ▸ Partners and keys.</source>
        <translation>Aún no hay socios: añádalos en Compartir ▸ Socios y claves.</translation>
    </message>
    <message>
        <source>The choices changed: Preview again before saving.</source>
        <translation>Las opciones cambiaron: vuelva a hacer la vista previa antes de guardar.</translation>
    </message>
    <message>
        <source>Computing what each recipient would receive…</source>
        <translation>Calculando lo que recibiría cada destinatario…</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>Sin vista previa: {reason}</translation>
    </message>
    <message>
        <source>Preview cancelled: nothing was written.</source>
        <translation>Vista previa cancelada: no se escribió nada.</translation>
    </message>
    <message>
        <source>Preparing the preview</source>
        <translation>Preparando la vista previa</translation>
    </message>
    <message>
        <source>{n} withheld: {reason}</source>
        <translation>{n} retenidas: {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>código de motivo: {code}</translation>
    </message>
    <message numerus="yes">
        <source>{n} go with generalised locations (as %Ln area(s)): their marking asks for it for recipients not named in “releasable to”.</source>
        <translation>
            <numerusform>{n} van con ubicaciones generalizadas (como %Ln área): su marcado lo exige para los destinatarios no indicados en «divulgable a».</numerusform>
            <numerusform>{n} van con ubicaciones generalizadas (como %Ln áreas): su marcado lo exige para los destinatarios no indicados en «divulgable a».</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing new for this recipient</source>
        <translation>nada nuevo para este destinatario</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln entidad</numerusform>
            <numerusform>%Ln entidades</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them generalised areas)</source>
        <translation>
            <numerusform>(%Ln de ellas área generalizada)</numerusform>
            <numerusform>(%Ln de ellas áreas generalizadas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletion(s)</source>
        <translation>
            <numerusform>%Ln eliminación</numerusform>
            <numerusform>%Ln eliminaciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Full package to {recipients}: {features} and {deletions} would go.</source>
        <translation>Paquete completo para {recipients}: se enviarían {features} y {deletions}.</translation>
    </message>
    <message>
        <source>Incremental package to {recipients}: {features} and {deletions} would go.</source>
        <translation>Paquete incremental para {recipients}: se enviarían {features} y {deletions}.</translation>
    </message>
    <message>
        <source>Nothing has been written yet: check what goes to whom, then Save as…</source>
        <translation>Aún no se ha escrito nada: compruebe qué va a quién y luego Guardar como…</translation>
    </message>
    <message>
        <source>Save package</source>
        <translation>Guardar paquete</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx)</source>
        <translation>Paquete de intercambio (*.hopx)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another name.</source>
        <translation>Ese es el propio espacio de trabajo: elija otro nombre.</translation>
    </message>
    <message>
        <source>Sign the package</source>
        <translation>Firmar el paquete</translation>
    </message>
    <message>
        <source>The package to {recipients} is signed with your organisation&apos;s key.</source>
        <translation>El paquete para {recipients} se firma con la clave de su organización.</translation>
    </message>
    <message>
        <source>Not written: no passphrase given.</source>
        <translation>No escrito: no se dio ninguna frase de contraseña.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Escribiendo {file}…</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>No se escribió nada: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Cancelado: no se escribió nada.</translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation>Escribiendo el paquete</translation>
    </message>
    <message numerus="yes">
        <source>Written {path} (%Ln byte(s)): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</source>
        <translation>
            <numerusform>Se escribió {path} (%Ln byte): paquete {package}, secuencia {sequence}, para {recipients}; {features}, {deletions}.</numerusform>
            <numerusform>Se escribió {path} (%Ln bytes): paquete {package}, secuencia {sequence}, para {recipients}; {features}, {deletions}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the file to the recipients: only they can open it.</source>
        <translation>Entregue el archivo a los destinatarios: solo ellos pueden abrirlo.</translation>
    </message>
</context>
<context>
    <name>SetEditors</name>
    <message>
        <source>Name editors of {name}</source>
        <translation>Nombrar editores de {name}</translation>
    </message>
    <message>
        <source>Name default editors of {layer}</source>
        <translation>Nombrar editores por defecto de {layer}</translation>
    </message>
    <message>
        <source>Named {names} to edit “{name}” with you (version {version}; your next package carries it). Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>Se nombró a {names} para editar «{name}» con usted (versión {version}; la lleva su próximo paquete). Editar&#xa0;▸&#xa0;Deshacer lo revierte.</translation>
    </message>
    <message>
        <source>“{name}” has no editors now: only you change it (version {version}).</source>
        <translation>«{name}» ya no tiene editores: solo usted lo cambia (versión {version}).</translation>
    </message>
    <message>
        <source>{layer}: {names} named default editors; {count}. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>{layer}: {names} nombrados editores por defecto; {count}. Editar&#xa0;▸&#xa0;Deshacer lo revierte.</translation>
    </message>
    <message>
        <source>{layer}: no default editors now; {count}.</source>
        <translation>{layer}: ya no hay editores por defecto; {count}.</translation>
    </message>
</context>
<context>
    <name>Sitrep</name>
    <message>
        <source>Situation report</source>
        <translation>Informe de situación</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Map of the area</source>
        <translation>Mapa de la zona</translation>
    </message>
    <message>
        <source>What changed since the last report</source>
        <translation>Qué cambió desde el último informe</translation>
    </message>
    <message>
        <source>Exposure by hazard and severity</source>
        <translation>Exposición por tipo de peligro y gravedad</translation>
    </message>
    <message>
        <source>Corridors and their risk</source>
        <translation>Los corredores y su riesgo</translation>
    </message>
    <message>
        <source>Needs coverage</source>
        <translation>Cobertura de las necesidades</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>Ocupación de los refugios</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Alertas abiertas</translation>
    </message>
    <message>
        <source>About this report</source>
        <translation>Acerca de este informe</translation>
    </message>
    <message>
        <source>selecting what {audience} may see</source>
        <translation>seleccionando lo que {audience} puede ver</translation>
    </message>
    <message>
        <source>drawing the map</source>
        <translation>dibujando el mapa</translation>
    </message>
    <message>
        <source>writing the pages</source>
        <translation>escribiendo las páginas</translation>
    </message>
    <message>
        <source>for {audience}</source>
        <translation>para {audience}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>Vigente el {time}</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>Hecho el {time} por {who}</translation>
    </message>
    <message>
        <source>{title} for {audience} · made {time} by {who}</source>
        <translation>{title} para {audience} · hecho el {time} por {who}</translation>
    </message>
    <message>
        <source>{tlp} {title} for {audience}</source>
        <translation>{tlp} {title} para {audience}</translation>
    </message>
    <message>
        <source>written</source>
        <translation>escrito</translation>
    </message>
    <message>
        <source>internal use ({who})</source>
        <translation>uso interno ({who})</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} y {count} más</translation>
    </message>
    <message>
        <source>For {audience} · valid at {valid} · made {made} by {who}</source>
        <translation>Para {audience} · vigente el {valid} · hecho el {made} por {who}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid, the worst of severity {worst}</source>
        <translation>Zonas de peligro vigentes: {count}, la peor de gravedad {worst}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid</source>
        <translation>Zonas de peligro vigentes: {count}</translation>
    </message>
    <message>
        <source>{people} people in {needs} need location(s) inside danger zones</source>
        <translation>Personas dentro de zonas de peligro: {people}, en {needs} lugar(es) de necesidades</translation>
    </message>
    <message>
        <source>{count} corridor(s) ({states}); highest risk: {name}, {score} of 100</source>
        <translation>Corredores: {count} ({states}); mayor riesgo: {name}, {score} de 100</translation>
    </message>
    <message>
        <source>Stock on hand covers the week&apos;s demand for every item</source>
        <translation>Las existencias disponibles cubren la demanda de la semana para cada artículo</translation>
    </message>
    <message>
        <source>Stock on hand falls short for: {items}</source>
        <translation>Las existencias disponibles no alcanzan para: {items}</translation>
    </message>
    <message>
        <source>{count} shelter(s) with a capacity; {full} at 90 % or more</source>
        <translation>Refugios con capacidad: {count}; ocupados al 90 % o más: {full}</translation>
    </message>
    <message>
        <source>{count} open alert(s) ({more} more rest on features not shared with you)</source>
        <translation>Alertas abiertas: {count} ({more} más se basan en entidades no compartidas con usted)</translation>
    </message>
    <message>
        <source>{count} open alert(s)</source>
        <translation>Alertas abiertas: {count}</translation>
    </message>
    <message>
        <source>Nothing to place on a map.</source>
        <translation>Nada que situar en un mapa.</translation>
    </message>
    <message>
        <source>Basemap: Natural Earth country outlines. Features as valid at the report&apos;s time; north is up (Web Mercator).</source>
        <translation>Mapa base: contornos de países de Natural Earth. Entidades tal como están vigentes en el momento del informe; el norte arriba (Web Mercator).</translation>
    </message>
    <message>
        <source>This is the first situation report for this audience from this workspace: the next one will say what changed since this one.</source>
        <translation>Este es el primer informe de situación para este público desde este espacio de trabajo: el próximo dirá qué cambió desde este.</translation>
    </message>
    <message>
        <source>Since the last report for this audience (made {time}):</source>
        <translation>Desde el último informe para este público (hecho el {time}):</translation>
    </message>
    <message>
        <source>No danger zone, corridor or incident shown then has changed, and none was added.</source>
        <translation>Ninguna zona de peligro, corredor ni incidente mostrado entonces ha cambiado, y no se añadió ninguno.</translation>
    </message>
    <message>
        <source>New danger zones</source>
        <translation>Nuevas zonas de peligro</translation>
    </message>
    <message>
        <source>Danger zones changed</source>
        <translation>Zonas de peligro cambiadas</translation>
    </message>
    <message>
        <source>Danger zones no longer in the report (ended, removed or no longer shared)</source>
        <translation>Zonas de peligro que ya no figuran en el informe (terminadas, eliminadas o ya no compartidas)</translation>
    </message>
    <message>
        <source>Corridors closed</source>
        <translation>Corredores cerrados</translation>
    </message>
    <message>
        <source>New corridors</source>
        <translation>Nuevos corredores</translation>
    </message>
    <message>
        <source>Corridor status changed</source>
        <translation>Estado de corredor cambiado</translation>
    </message>
    <message>
        <source>Corridors no longer in the report</source>
        <translation>Corredores que ya no figuran en el informe</translation>
    </message>
    <message>
        <source>New incidents</source>
        <translation>Nuevos incidentes</translation>
    </message>
    <message>
        <source>No need location lies inside a danger zone valid at this time.</source>
        <translation>Ningún lugar de necesidades está dentro de una zona de peligro vigente en este momento.</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>Tipo de peligro</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Need locations</source>
        <translation>Lugares de necesidades</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>All hazards (each person once)</source>
        <translation>Todos los tipos de peligro (cada persona una vez)</translation>
    </message>
    <message>
        <source>Per hazard a person counts once, at the worst severity of that hazard reaching them; across hazards a person exposed to two appears under both. Generalised locations count where their aggregate lies.</source>
        <translation>Por tipo de peligro, una persona cuenta una vez, con la gravedad más alta de ese peligro que la alcanza; entre tipos, una persona expuesta a dos aparece en ambos. Las ubicaciones generalizadas cuentan donde está su agregado.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>Ningún corredor está vigente en este momento.</translation>
    </message>
    <message>
        <source>Corridor</source>
        <translation>Corredor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Length km</source>
        <translation>Longitud (km)</translation>
    </message>
    <message>
        <source>In danger km</source>
        <translation>En peligro (km)</translation>
    </message>
    <message>
        <source>Worst severity</source>
        <translation>Gravedad máxima</translation>
    </message>
    <message>
        <source>Risk 0-100</source>
        <translation>Riesgo 0-100</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Risk: the share of the corridor&apos;s width within danger zones, weighted by severity, never below the floor of its worst severity (docs/analysis.md).</source>
        <translation>Riesgo: la proporción de la anchura del corredor dentro de zonas de peligro, ponderada por la gravedad, nunca por debajo del mínimo de su gravedad máxima (docs/analysis.md).</translation>
    </message>
    <message>
        <source>No needs to cover in this report.</source>
        <translation>No hay necesidades que cubrir en este informe.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share}: {stock} de {demand} {unit}</translation>
    </message>
    <message>
        <source>Stock on hand in the warehouses that are not closed, against one week&apos;s demand of the people in need of each sector (resources/planning/rations.toml): not a delivery plan.</source>
        <translation>Existencias disponibles en los almacenes no cerrados, frente a la demanda de una semana de las personas necesitadas de cada sector (resources/planning/rations.toml): no es un plan de entrega.</translation>
    </message>
    <message>
        <source>No shelter with a capacity in this report.</source>
        <translation>Ningún refugio con capacidad en este informe.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} personas ({share})</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}); {more} emptier shelter(s) not charted.</source>
        <translation>Los más llenos primero. {people} personas en {places} plazas ({share}); refugios menos llenos no representados: {more}.</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}).</source>
        <translation>Los más llenos primero. {people} personas en {places} plazas ({share}).</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>No open alert rests on what this report shows.</source>
        <translation>Ninguna alerta abierta se basa en lo que muestra este informe.</translation>
    </message>
    <message>
        <source>{count} other open alert(s) rest on features not shared with this audience: not shown.</source>
        <translation>Otras alertas abiertas basadas en entidades no compartidas con este público, no mostradas: {count}.</translation>
    </message>
    <message>
        <source>Shown: {layers}.</source>
        <translation>Se muestra: {layers}.</translation>
    </message>
    <message>
        <source>{layer} {count} aggregate(s)</source>
        <translation>{layer}: {count} agregado(s)</translation>
    </message>
    <message>
        <source>Generalised for this audience, as the markings ask (no exact location): {layers}.</source>
        <translation>Generalizado para este público, como piden los marcados (sin ubicación exacta): {layers}.</translation>
    </message>
    <message>
        <source>For {who}&apos;s own people: everything we hold, nothing withheld.</source>
        <translation>Para el personal de {who}: todo lo que tenemos, nada retenido.</translation>
    </message>
    <message>
        <source>Withheld for {audience} by the sharing policy: {count} feature(s) ({layers}), not shown and not counted in the figures above.</source>
        <translation>Retenido para {audience} por la política de intercambio ({layers}), ni mostrado ni contado en las cifras anteriores; entidades: {count}.</translation>
    </message>
    <message>
        <source>Nothing was withheld for {audience}.</source>
        <translation>No se retuvo nada para {audience}.</translation>
    </message>
    <message>
        <source>the area {bbox}</source>
        <translation>la zona {bbox}</translation>
    </message>
    <message>
        <source>the whole workspace</source>
        <translation>todo el espacio de trabajo</translation>
    </message>
    <message>
        <source>Features valid at {time} in {area}. Made with HumanOps by {who}; recorded in its audit log as a release to this audience.</source>
        <translation>Entidades vigentes el {time} en {area}. Hecho con HumanOps por {who}; registrado en su registro de auditoría como una entrega a este público.</translation>
    </message>
    <message>
        <source>page {number}</source>
        <translation>página {number}</translation>
    </message>
</context>
<context>
    <name>SitrepDialog</name>
    <message>
        <source>Situation report</source>
        <translation>Informe de situación</translation>
    </message>
    <message>
        <source>A PDF for people outside the app: a map of the area, what changed since the last report for the same audience, exposure, corridors, needs coverage, shelters and open alerts. It holds only what the sharing policy lets the audience see, with the TLP banner of the highest marking inside on every page.</source>
        <translation>Un PDF para personas ajenas a la aplicación: un mapa de la zona, lo que cambió desde el último informe para el mismo público, la exposición, los corredores, la cobertura de necesidades, los refugios y las alertas abiertas. Solo contiene lo que la política de intercambio permite ver al público, con la franja TLP del marcado más alto que contiene en cada página.</translation>
    </message>
    <message>
        <source>where to write the report (.pdf)</source>
        <translation>dónde escribir el informe (.pdf)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Vigente el</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Write the situation report for the chosen audience</source>
        <translation>Escribir el informe de situación para el público elegido</translation>
    </message>
    <message>
        <source>Write the situation report to</source>
        <translation>Escribir el informe de situación en</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>Elija dónde escribir el informe.</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted in it, not shown.</source>
        <translation>{n} elemento(s) retenido(s) por la política de intercambio se cuentan en él, sin mostrarse.</translation>
    </message>
    <message>
        <source>Written {file} ({pages} page(s)): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>Escrito {file} ({pages} página(s)): TLP:{tlp}, para {audience}. {withheld}</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>No se escribió ningún informe: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Cancelado: no se escribió ningún informe.</translation>
    </message>
    <message>
        <source>Writing the situation report</source>
        <translation>Escribiendo el informe de situación</translation>
    </message>
</context>
<context>
    <name>StaleEditDialog</name>
    <message>
        <source>Changed by someone else meanwhile</source>
        <translation>Cambiado por otra persona mientras tanto</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you saw it: you saw version {mine}, it is now version {theirs}. Nothing was deleted: choose what to keep.</source>
        <translation>{name} fue cambiado por otra persona después de que lo viera: vio la versión {mine}, ahora es la versión {theirs}. No se eliminó nada: elija qué conservar.</translation>
    </message>
    <message>
        <source>{name} was deleted by someone else after you started editing it (you started from version {mine}). Your changes are below; nothing was written.</source>
        <translation>{name} fue eliminado por otra persona después de que empezara a editarlo (partió de la versión {mine}). Sus cambios están abajo; no se escribió nada.</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you started editing it: you started from version {mine}, it is now version {theirs}. Nothing was written: choose what to keep.</source>
        <translation>{name} fue cambiado por otra persona después de que empezara a editarlo: partió de la versión {mine}, ahora es la versión {theirs}. No se escribió nada: elija qué conservar.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>When you started</source>
        <translation>Cuando empezó</translation>
    </message>
    <message>
        <source>Theirs (now)</source>
        <translation>La suya (ahora)</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>La de usted</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Geometría</translation>
    </message>
    <message>
        <source>as you saw it</source>
        <translation>tal como la vio</translation>
    </message>
    <message>
        <source>moved or reshaped</source>
        <translation>movida o reformada</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>Marcado</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Conservar la suya</translation>
    </message>
    <message>
        <source>Show their version; your changes are dropped</source>
        <translation>Mostrar su versión; sus cambios se descartan</translation>
    </message>
    <message>
        <source>Re-apply mine on their version</source>
        <translation>Volver a aplicar la mía sobre su versión</translation>
    </message>
    <message>
        <source>Store your changed fields as a new version made on theirs (Ctrl+Z undoes it)</source>
        <translation>Guardar sus campos cambiados como una nueva versión hecha sobre la suya (Ctrl+Z la deshace)</translation>
    </message>
    <message>
        <source>Delete their version</source>
        <translation>Eliminar su versión</translation>
    </message>
    <message>
        <source>Delete the feature as they left it (Ctrl+Z undoes it)</source>
        <translation>Eliminar el elemento tal como lo dejaron (Ctrl+Z lo deshace)</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Decidir más tarde</translation>
    </message>
    <message>
        <source>Keep your changes in the panel, unapplied</source>
        <translation>Mantener sus cambios en el panel, sin aplicar</translation>
    </message>
    <message numerus="yes">
        <source>%n vertices around {lat}, {lon}</source>
        <translation>
            <numerusform>%n vértice alrededor de {lat}, {lon}</numerusform>
            <numerusform>%n vértices alrededor de {lat}, {lon}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncAction</name>
    <message>
        <source>Send this copy&apos;s edits to {source} and take the team&apos;s; conflicts are kept for you to decide</source>
        <translation>Enviar las ediciones de esta copia a {source} y tomar las del equipo; los conflictos se guardan para que usted decida</translation>
    </message>
    <message>
        <source>Only a workspace checked out from a team database syncs (humanops checkout postgresql://… FILE.gpkg)</source>
        <translation>Solo un espacio de trabajo extraído de una base de equipo se sincroniza (humanops checkout postgresql://… ARCHIVO.gpkg)</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Sincronización detenida</translation>
    </message>
    <message>
        <source>Sync cancelled: what was sent and taken so far is kept; sync again to finish.</source>
        <translation>Sincronización cancelada: lo enviado y recibido hasta ahora se conserva; sincronice de nuevo para terminar.</translation>
    </message>
    <message>
        <source>Syncing with the team database…</source>
        <translation>Sincronizando con la base del equipo…</translation>
    </message>
    <message>
        <source>Synced: {taken} change(s) taken, {sent} sent, {conflicts} conflict(s) to decide.</source>
        <translation>Sincronizado: {taken} cambio(s) recibido(s), {sent} enviado(s), {conflicts} conflicto(s) por decidir.</translation>
    </message>
</context>
<context>
    <name>TakDialog</name>
    <message>
        <source>TAK data package</source>
        <translation>Paquete de datos TAK</translation>
    </message>
    <message>
        <source>What a partner may see, for its ATAK or WinTAK teams: danger zones and corridors as drawings, facilities and incidents as markers, each with its TLP in its remarks. The sharing policy decides what goes, as for a package: withheld features are left out, generalised ones appear only generalised.</source>
        <translation>Lo que un socio puede ver, para sus equipos ATAK o WinTAK: zonas de peligro y corredores como dibujos, instalaciones e incidentes como marcadores, cada uno con su TLP en sus observaciones. La política de intercambio decide lo que se envía, como en un paquete: los elementos retenidos quedan fuera, los generalizados solo aparecen generalizados.</translation>
    </message>
    <message>
        <source>TAK data package (.zip), for ATAK and WinTAK</source>
        <translation>Paquete de datos TAK (.zip), para ATAK y WinTAK</translation>
    </message>
    <message>
        <source>One .cot file of events, for scripts and TAK servers</source>
        <translation>Un archivo .cot de eventos, para scripts y servidores TAK</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>How long TAK shows a feature whose validity and marking have no end</source>
        <translation>Cuánto tiempo muestra TAK un elemento cuya vigencia y marcado no tienen fin</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>Vigente el</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Stale after</source>
        <translation>Caduca tras</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Write the TAK brief for the chosen audience</source>
        <translation>Escribir el informe TAK para el público elegido</translation>
    </message>
    <message>
        <source>Cursor-on-Target events (*.cot)</source>
        <translation>Eventos Cursor-on-Target (*.cot)</translation>
    </message>
    <message>
        <source>TAK data package (*.zip)</source>
        <translation>Paquete de datos TAK (*.zip)</translation>
    </message>
    <message>
        <source>Write the TAK brief to</source>
        <translation>Escribir el informe TAK en</translation>
    </message>
    <message>
        <source>where to write the events (.cot)</source>
        <translation>dónde escribir los eventos (.cot)</translation>
    </message>
    <message>
        <source>where to write the data package (.zip)</source>
        <translation>dónde escribir el paquete de datos (.zip)</translation>
    </message>
    <message>
        <source>Asking the sharing policy what goes…</source>
        <translation>Consultando a la política de intercambio qué se envía…</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>Elija al menos una capa.</translation>
    </message>
    <message>
        <source>Choose where to write the TAK brief.</source>
        <translation>Elija dónde escribir el informe TAK.</translation>
    </message>
    <message>
        <source>One .cot file of events must end in .cot.</source>
        <translation>Un archivo .cot de eventos debe terminar en .cot.</translation>
    </message>
    <message>
        <source>A TAK data package must end in .zip.</source>
        <translation>Un paquete de datos TAK debe terminar en .zip.</translation>
    </message>
    <message>
        <source>What goes into the TAK brief</source>
        <translation>Lo que entra en el informe TAK</translation>
    </message>
    <message>
        <source>No brief can be made for these choices: {reason}</source>
        <translation>No se puede hacer ningún informe con estas opciones: {reason}</translation>
    </message>
    <message>
        <source>For {audience}: TLP:{tlp} (the highest marking inside), {n} feature(s).</source>
        <translation>Para {audience}: TLP:{tlp} (el marcado más alto del contenido), {n} elemento(s).</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy; {generalised} feature(s) given only generalised.</source>
        <translation>Excluido para este público: {withheld} elemento(s) retenido(s) por la política de intercambio; {generalised} elemento(s) entregado(s) solo generalizado(s).</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy.</source>
        <translation>Excluido para este público: {withheld} elemento(s) retenido(s) por la política de intercambio.</translation>
    </message>
    <message>
        <source>Left out for this audience: nothing withheld; {generalised} feature(s) given only generalised.</source>
        <translation>Excluido para este público: nada retenido; {generalised} elemento(s) entregado(s) solo generalizado(s).</translation>
    </message>
    <message>
        <source>Nothing is left out for this audience.</source>
        <translation>No se excluye nada para este público.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, {n} feature(s) as {events} CoT event(s).</source>
        <translation>Escrito {file} ({size} bytes): TLP:{tlp}, {n} elemento(s) en {events} evento(s) CoT.</translation>
    </message>
    <message>
        <source>No TAK brief was written: {reason}</source>
        <translation>No se escribió ningún informe TAK: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no TAK brief was written.</source>
        <translation>Cancelado: no se escribió ningún informe TAK.</translation>
    </message>
    <message>
        <source>Writing the TAK brief</source>
        <translation>Escribiendo el informe TAK</translation>
    </message>
</context>
<context>
    <name>TeamDatabase</name>
    <message>
        <source>service {name}</source>
        <translation>servicio {name}</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>socket local</translation>
    </message>
    <message>
        <source>the URL carries a password; HumanOps never stores one: put it in ~/.pgpass (or PGPASSFILE, or a pg_service.conf service) and give the URL without it</source>
        <translation>la URL lleva una contraseña; HumanOps nunca guarda ninguna: póngala en ~/.pgpass (o PGPASSFILE, o un servicio de pg_service.conf) y dé la URL sin ella</translation>
    </message>
    <message>
        <source>PostGIS is not enabled in this database (its administrator runs CREATE EXTENSION postgis)</source>
        <translation>PostGIS no está habilitado en esta base de datos (su administrador ejecuta CREATE EXTENSION postgis)</translation>
    </message>
    <message>
        <source>Not available on a team database yet: copy it to a GeoPackage (humanops checkout) to use this.</source>
        <translation>Aún no disponible en una base de datos del equipo: cópiela a un GeoPackage (humanops checkout) para usar esto.</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseDialog</name>
    <message>
        <source>Open team database</source>
        <translation>Abrir base de datos del equipo</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Server and database</source>
        <translation>Servidor y base de datos</translation>
    </message>
    <message>
        <source>Service name (pg_service.conf)</source>
        <translation>Nombre de servicio (pg_service.conf)</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>Servicio:</translation>
    </message>
    <message>
        <source>HumanOps never stores a password: libpq reads it from ~/.pgpass (PGPASSFILE on Windows: %APPDATA%\postgresql\pgpass.conf) or from the service file.</source>
        <translation>HumanOps nunca guarda una contraseña: libpq la lee de ~/.pgpass (PGPASSFILE; en Windows: %APPDATA%\postgresql\pgpass.conf) o del archivo de servicio.</translation>
    </message>
    <message>
        <source>Give a URL, a server and a database, or a service name.</source>
        <translation>Indique una URL, un servidor y una base de datos, o un nombre de servicio.</translation>
    </message>
    <message>
        <source>A team database URL starts with postgresql:// (a GeoPackage file opens with File › Open workspace…).</source>
        <translation>La URL de una base de datos del equipo empieza por postgresql:// (un archivo GeoPackage se abre con Archivo › Abrir espacio de trabajo…).</translation>
    </message>
    <message>
        <source>Leave the password out: HumanOps never stores one. Put it in ~/.pgpass (or a service file) and libpq finds it there.</source>
        <translation>Deje fuera la contraseña: HumanOps nunca guarda ninguna. Póngala en ~/.pgpass (o un archivo de servicio) y libpq la encuentra allí.</translation>
    </message>
</context>
<context>
    <name>TeamSession</name>
    <message numerus="yes">
        <source>Others changed %n feature(s) in the team database: shown.</source>
        <translation>
            <numerusform>Otros cambiaron %n elemento en la base de datos del equipo: mostrado.</numerusform>
            <numerusform>Otros cambiaron %n elementos en la base de datos del equipo: mostrados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Others changed the team database: the layers are re-read.</source>
        <translation>Otros cambiaron la base de datos del equipo: las capas se vuelven a leer.</translation>
    </message>
    <message>
        <source>Someone else changed this feature meanwhile: nothing was written.</source>
        <translation>Otra persona cambió este elemento mientras tanto: no se escribió nada.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>Se conservó su versión; sus cambios se descartaron.</translation>
    </message>
</context>
<context>
    <name>TimeSlider</name>
    <message>
        <source>Valid at</source>
        <translation>Vigente el</translation>
    </message>
    <message>
        <source>Filter the map by each feature&apos;s validity window</source>
        <translation>Filtrar el mapa según el periodo de validez de cada entidad</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Move to the present moment and follow the clock</source>
        <translation>Ir al momento actual y seguir el reloj</translation>
    </message>
    <message>
        <source>No dated features</source>
        <translation>Ninguna entidad con fecha</translation>
    </message>
    <message>
        <source>From {start} to {end}</source>
        <translation>Del {start} al {end}</translation>
    </message>
    <message>
        <source>all times</source>
        <translation>todas las fechas</translation>
    </message>
</context>
<context>
    <name>TriggerWatch</name>
    <message>
        <source>Checking the alerts after changes</source>
        <translation>Comprobando las alertas tras los cambios</translation>
    </message>
</context>
<context>
    <name>UnlockedKeys</name>
    <message>
        <source>Ask in every window (off)</source>
        <translation>Preguntar en cada ventana (desactivado)</translation>
    </message>
    <message numerus="yes">
        <source>For %n minute(s)</source>
        <translation>
            <numerusform>Durante %n minuto</numerusform>
            <numerusform>Durante %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys locked: the next package asks for the passphrase.</source>
        <translation>Claves bloqueadas: el próximo paquete pedirá la frase de contraseña.</translation>
    </message>
    <message>
        <source>Keep keys unlocked</source>
        <translation>Mantener las claves desbloqueadas</translation>
    </message>
    <message>
        <source>After you type the passphrase, keep your organisation&apos;s keys unlocked
in memory (never on disk), so that the next packages ask for none.
Sharing ▸ Lock keys, or closing the workspace, drops them at once.</source>
        <translation>Después de escribir la frase de contraseña, mantener desbloqueadas las claves de su organización
en memoria (nunca en disco), para que los siguientes paquetes no la pidan.
Compartir ▸ Bloquear las claves, o cerrar el espacio de trabajo, las descarta al instante.</translation>
    </message>
    <message>
        <source>Keys are no longer kept unlocked: every window asks for the passphrase.</source>
        <translation>Las claves ya no se mantienen desbloqueadas: cada ventana pide la frase de contraseña.</translation>
    </message>
    <message numerus="yes">
        <source>Keys stay unlocked for %n minute(s) after the passphrase (Sharing ▸ Lock keys drops them).</source>
        <translation>
            <numerusform>Las claves siguen desbloqueadas %n minuto después de la frase de contraseña (Compartir ▸ Bloquear las claves las descarta).</numerusform>
            <numerusform>Las claves siguen desbloqueadas %n minutos después de la frase de contraseña (Compartir ▸ Bloquear las claves las descarta).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserGuideWindow</name>
    <message>
        <source># User guide missing

The user guide should be at `{path}` but cannot be read ({reason}). The installation may be incomplete: the README of HumanOps has the same content.</source>
        <translation># Falta la guía del usuario

La guía debería estar en `{path}` pero no se puede leer ({reason}). Puede que la instalación esté incompleta: el README de HumanOps tiene el mismo contenido.</translation>
    </message>
    <message>
        <source>HumanOps user guide</source>
        <translation>Guía del usuario de HumanOps</translation>
    </message>
</context>
<context>
    <name>WindowDrops</name>
    <message>
        <source>Only files can be dropped here (nothing was opened).</source>
        <translation>Aquí solo se pueden soltar archivos (no se abrió nada).</translation>
    </message>
    <message numerus="yes">
        <source>Drop one file at a time: %n files were dropped ({names}). Nothing was opened.</source>
        <translation>
            <numerusform>Suelte un archivo cada vez: se soltó %n archivo ({names}). No se abrió nada.</numerusform>
            <numerusform>Suelte un archivo cada vez: se soltaron %n archivos ({names}). No se abrió nada.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is a folder: drop a file (nothing was opened).</source>
        <translation>{name} es una carpeta: suelte un archivo (no se abrió nada).</translation>
    </message>
    <message>
        <source>{path} was not found (nothing was opened).</source>
        <translation>No se encontró {path} (no se abrió nada).</translation>
    </message>
    <message>
        <source>{name} is not a GeoPackage, or cannot be read: it was not opened.</source>
        <translation>{name} no es un GeoPackage o no se puede leer: no se abrió.</translation>
    </message>
    <message>
        <source>{name} was not opened: HumanOps opens workspaces and partners&apos; packages (.hopx), and imports {suffixes} files.</source>
        <translation>{name} no se abrió: HumanOps abre espacios de trabajo y paquetes de socios (.hopx), e importa archivos {suffixes}.</translation>
    </message>
    <message>
        <source>{name} is open already.</source>
        <translation>{name} ya está abierto.</translation>
    </message>
    <message>
        <source>{name} can be imported only into a workspace: open or create one first, then drop it again.</source>
        <translation>{name} solo se puede importar en un espacio de trabajo: abra o cree uno primero y vuelva a soltarlo.</translation>
    </message>
    <message>
        <source>{name} can be received only into a workspace: open or create one first, then drop it again.</source>
        <translation>{name} solo se puede recibir en un espacio de trabajo: abra o cree uno primero y vuelva a soltarlo.</translation>
    </message>
    <message>
        <source>Import {name}: Check shows what would be imported.</source>
        <translation>Importar {name}: Comprobar muestra lo que se importaría.</translation>
    </message>
    <message>
        <source>Package {name}: Check verifies it and shows what it would change.</source>
        <translation>Paquete {name}: Comprobar lo verifica y muestra lo que cambiaría.</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>a background task</source>
        <translation>una tarea en segundo plano</translation>
    </message>
    <message>
        <source>internal error: {error}: {message}</source>
        <translation>error interno: {error}: {message}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>WorkspaceSetup</name>
    <message>
        <source>{name} exists already in {folder}: choose another name (nothing is overwritten).</source>
        <translation>{name} ya existe en {folder}: elija otro nombre (no se sobrescribe nada).</translation>
    </message>
    <message>
        <source>{folder} cannot be made: choose another folder.</source>
        <translation>No se puede crear {folder}: elija otra carpeta.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s id is needed: it is the originator of every feature you draw, and only an originator changes its features.</source>
        <translation>Se necesita el identificador de su organización: es el originador de cada entidad que dibuje, y solo el originador cambia sus entidades.</translation>
    </message>
    <message>
        <source>{reason}. Use only letters, digits and the signs _ . : - (no spaces), starting with a letter or digit, at most 64 characters: e.g. medaid or unhcr-kv.</source>
        <translation>{reason}. Use solo letras, dígitos y los signos _ . : - (sin espacios), empezando por una letra o un dígito, 64 caracteres como máximo: p. ej. medaid o unhcr-kv.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {count} characters.</source>
        <translation>La frase de contraseña necesita al menos {count} caracteres.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Las dos frases de contraseña difieren: escriba la misma dos veces.</translation>
    </message>
    <message>
        <source>creating the workspace</source>
        <translation>creando el espacio de trabajo</translation>
    </message>
    <message>
        <source>making your organisation&apos;s keys</source>
        <translation>creando las claves de su organización</translation>
    </message>
    <message>
        <source>adopting the sharing protocol</source>
        <translation>adoptando el protocolo de intercambio</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>guardando</translation>
    </message>
    <message>
        <source>drawing the region of Kavera and its layers</source>
        <translation>dibujando la región de Kavera y sus capas</translation>
    </message>
    <message>
        <source>making the keys and the partners&apos; workspaces, sending their packages</source>
        <translation>creando las claves y los espacios de trabajo de los socios, enviando sus paquetes</translation>
    </message>
</context>
<context>
    <name>extensions</name>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nálisis</translation>
    </message>
    <message>
        <source>Exposure…</source>
        <translation>Exposición…</translation>
    </message>
    <message>
        <source>People and needs in or near the danger zones valid at a time</source>
        <translation>Personas y necesidades en o cerca de las zonas de peligro vigentes en un momento</translation>
    </message>
    <message>
        <source>Corridor risk…</source>
        <translation>Riesgo de los corredores…</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width, and a risk score</source>
        <translation>Peligro a lo largo de cada corredor dentro de su anchura, y una puntuación de riesgo</translation>
    </message>
    <message>
        <source>Route…</source>
        <translation>Ruta…</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route around the danger zones</source>
        <translation>Ruta más rápida, más segura o más corta que rodea las zonas de peligro</translation>
    </message>
    <message>
        <source>Evacuation plan…</source>
        <translation>Plan de evacuación…</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within capacities</source>
        <translation>Quién va a qué refugio por qué carretera, dentro de las capacidades</translation>
    </message>
    <message>
        <source>Aid allocation…</source>
        <translation>Asignación de la ayuda…</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs, priority first</source>
        <translation>Envíos desde las existencias de los almacenes a las necesidades, prioridad primero</translation>
    </message>
    <message>
        <source>Adopt trigger rules…</source>
        <translation>Adoptar reglas de alerta…</translation>
    </message>
    <message>
        <source>Check triggers now…</source>
        <translation>Comprobar las alertas ahora…</translation>
    </message>
    <message>
        <source>Saved plans…</source>
        <translation>Planes guardados…</translation>
    </message>
    <message>
        <source>the planning tools could not be set up (see the log)</source>
        <translation>no se pudieron preparar las herramientas de planificación (vea el registro)</translation>
    </message>
    <message>
        <source>Check a TOML rule file and make it this workspace&apos;s rules</source>
        <translation>Comprobar un archivo de reglas TOML y convertirlo en las reglas de este espacio de trabajo</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now</source>
        <translation>Evaluar ahora las reglas de alerta adoptadas</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>Planes de evacuación y de ayuda guardados en este espacio de trabajo</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Compartir</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and sending a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>Este espacio de trabajo aún no tiene claves, y enviar un paquete las necesita: créelas en Compartir ▸ Identidad propia…</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and receiving a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>Este espacio de trabajo aún no tiene claves, y recibir un paquete las necesita: créelas en Compartir ▸ Identidad propia…</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>Aún no hay claves</translation>
    </message>
    <message>
        <source>, {n} proposals to decide</source>
        <translation>, {n} propuestas por decidir</translation>
    </message>
    <message>
        <source>Imported the package from {sender}: {inserted} new, {updated} updated, {deleted} deleted, {conflicts} conflicts{proposals}, {quarantined} quarantined.</source>
        <translation>Se importó el paquete de {sender}: {inserted} nuevas, {updated} actualizadas, {deleted} eliminadas, {conflicts} conflictos{proposals}, {quarantined} en cuarentena.</translation>
    </message>
    <message>
        <source>Own identity…</source>
        <translation>Identidad propia…</translation>
    </message>
    <message>
        <source>Our organisation&apos;s keys, fingerprint and contact card</source>
        <translation>Las claves, la huella y la tarjeta de contacto de nuestra organización</translation>
    </message>
    <message>
        <source>Partners and keys…</source>
        <translation>Socios y claves…</translation>
    </message>
    <message>
        <source>The partner directory: fingerprints, add from a contact card, revoke</source>
        <translation>El directorio de socios: huellas, añadir desde una tarjeta de contacto, revocar</translation>
    </message>
    <message>
        <source>Send package…</source>
        <translation>Enviar paquete…</translation>
    </message>
    <message>
        <source>Preview per recipient, then write a signed, encrypted package</source>
        <translation>Vista previa por destinatario y luego escribir un paquete firmado y cifrado</translation>
    </message>
    <message>
        <source>Wrote package {package} to {recipients}: {path}</source>
        <translation>Se escribió el paquete {package} para {recipients}: {path}</translation>
    </message>
    <message>
        <source>Receive package…</source>
        <translation>Recibir paquete…</translation>
    </message>
    <message>
        <source>Verify a partner&apos;s package, see what it would change, then import it</source>
        <translation>Verificar el paquete de un socio, ver qué cambiaría y luego importarlo</translation>
    </message>
    <message>
        <source>Keep keys unlocked…</source>
        <translation>Mantener las claves desbloqueadas…</translation>
    </message>
    <message>
        <source>How long the keys stay unlocked in memory after the passphrase (off: asked in every window)</source>
        <translation>Cuánto tiempo siguen desbloqueadas las claves en memoria tras la frase de contraseña (desactivado: se pide en cada ventana)</translation>
    </message>
    <message>
        <source>Lock keys</source>
        <translation>Bloquear las claves</translation>
    </message>
    <message>
        <source>Drop the unlocked keys now: the next package asks for the passphrase</source>
        <translation>Descartar ahora las claves desbloqueadas: el próximo paquete pedirá la frase de contraseña</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Features a partner and we changed at the same time, and changes proposed by others than a feature&apos;s originator: decide them</source>
        <translation>Entidades que un socio y nosotros cambiamos a la vez, y cambios propuestos por otros distintos del originador de una entidad: decídalos</translation>
    </message>
    <message>
        <source>Editors of a layer…</source>
        <translation>Editores de una capa…</translation>
    </message>
    <message>
        <source>Name the partners who may edit all our features of a layer with us (their fields and geometry)</source>
        <translation>Nombrar a los socios que pueden editar con nosotros todas nuestras entidades de una capa (sus campos y geometría)</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>Registro de auditoría…</translation>
    </message>
    <message>
        <source>Verify the hash-chained log of what went to whom; write a report</source>
        <translation>Verificar el registro encadenado por hash de qué se envió a quién; escribir un informe</translation>
    </message>
    <message>
        <source>Conflicts and proposals</source>
        <translation>Conflictos y propuestas</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel de control</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>Inyecciones</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Population exposed to danger zones</source>
        <translation>Población expuesta a las zonas de peligro</translation>
    </message>
    <message>
        <source>People and needs inside, or within a distance of, the danger zones valid at a time, by hazard, severity and admin area. Each person counts once per hazard and once overall, at the highest severity reaching them.</source>
        <translation>Las personas y necesidades dentro de las zonas de peligro vigentes en un momento dado, o a cierta distancia, por tipo de peligro, gravedad y área administrativa. Cada persona cuenta una vez por tipo de peligro y una vez en total, con la gravedad más alta que la alcanza.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Momento</translation>
    </message>
    <message>
        <source>danger zones valid at this time (default: now)</source>
        <translation>zonas de peligro vigentes en este momento (por defecto: ahora)</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distancia</translation>
    </message>
    <message>
        <source>also count needs within this distance of a zone</source>
        <translation>contar también las necesidades a esta distancia de una zona</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Agrupar por</translation>
    </message>
    <message>
        <source>group the table by</source>
        <translation>agrupar la tabla por</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>Gravedad mínima</translation>
    </message>
    <message>
        <source>ignore zones of lower severity</source>
        <translation>ignorar las zonas de menor gravedad</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>Tipos de peligro</translation>
    </message>
    <message>
        <source>only these hazards (default: all)</source>
        <translation>solo estos tipos de peligro (por defecto: todos)</translation>
    </message>
    <message>
        <source>Needs layer</source>
        <translation>Capa de necesidades</translation>
    </message>
    <message>
        <source>layer of need points</source>
        <translation>capa de puntos de necesidades</translation>
    </message>
    <message>
        <source>Danger zones layer</source>
        <translation>Capa de zonas de peligro</translation>
    </message>
    <message>
        <source>layer of danger zones</source>
        <translation>capa de zonas de peligro</translation>
    </message>
    <message>
        <source>Corridor risk</source>
        <translation>Riesgo de los corredores</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width: length inside danger zones by severity, worst severity, zones crossed, facilities within reach, and a 0-100 risk score.</source>
        <translation>El peligro a lo largo de cada corredor en toda su anchura: longitud dentro de zonas de peligro por gravedad, gravedad máxima, zonas atravesadas, instalaciones a su alcance y una puntuación de riesgo de 0 a 100.</translation>
    </message>
    <message>
        <source>corridors and danger zones valid at this time (default: now)</source>
        <translation>corredores y zonas de peligro vigentes en este momento (por defecto: ahora)</translation>
    </message>
    <message>
        <source>Facility reach</source>
        <translation>Alcance de las instalaciones</translation>
    </message>
    <message>
        <source>list the facilities within this distance of a corridor&apos;s edge</source>
        <translation>listar las instalaciones a esta distancia del borde de un corredor</translation>
    </message>
    <message>
        <source>Check preauthorised triggers</source>
        <translation>Comprobar los disparadores preautorizados</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now and update the alerts.</source>
        <translation>Evaluar ahora las reglas de disparo adoptadas y actualizar las alertas.</translation>
    </message>
    <message>
        <source>evaluate at this time (default: now)</source>
        <translation>evaluar en este momento (por defecto: ahora)</translation>
    </message>
    <message>
        <source>Route between two places</source>
        <translation>Ruta entre dos lugares</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route, driving or walking, on the road layer around the danger zones valid at a time.</source>
        <translation>La ruta más rápida, más segura o más corta, en vehículo o a pie, por la capa de carreteras rodeando las zonas de peligro vigentes en un momento dado.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>lat,lon (latitude first; put -- before a value starting with -), a feature uuid or a facility name</source>
        <translation>lat,lon (latitud primero; ponga -- delante de un valor que empiece por -), un uuid de entidad o un nombre de instalación</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>lat,lon, a feature uuid or a facility name</source>
        <translation>lat,lon, un uuid de entidad o un nombre de instalación</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>traveller and objective: walk, walk-safest, drive-length...; fastest|safest|length drive</source>
        <translation>viajero y objetivo: walk, walk-safest, drive-length...; fastest|safest|length en vehículo</translation>
    </message>
    <message>
        <source>Block zones of severity at or above</source>
        <translation>Bloquear zonas de gravedad igual o superior a</translation>
    </message>
    <message>
        <source>0 never blocks; empty uses the configured threshold</source>
        <translation>0 nunca bloquea; vacío usa el umbral configurado</translation>
    </message>
    <message>
        <source>Danger zones valid at</source>
        <translation>Zonas de peligro vigentes a las</translation>
    </message>
    <message>
        <source>Alternative routes</source>
        <translation>Rutas alternativas</translation>
    </message>
    <message>
        <source>Save as proposed corridor named</source>
        <translation>Guardar como corredor propuesto con el nombre</translation>
    </message>
    <message>
        <source>Corridor width</source>
        <translation>Anchura del corredor</translation>
    </message>
    <message>
        <source>Evacuation plan</source>
        <translation>Plan de evacuación</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within shelter (and corridor) capacities.</source>
        <translation>Quién va a qué refugio por qué carretera, dentro de las capacidades de los refugios (y de los corredores).</translation>
    </message>
    <message>
        <source>Plan for</source>
        <translation>Planificar para</translation>
    </message>
    <message>
        <source>danger zones and corridors valid then (default now)</source>
        <translation>zonas de peligro y corredores vigentes entonces (por defecto ahora)</translation>
    </message>
    <message>
        <source>Time horizon</source>
        <translation>Horizonte temporal</translation>
    </message>
    <message>
        <source>Route mode</source>
        <translation>Modo de ruta</translation>
    </message>
    <message>
        <source>People to move</source>
        <translation>Personas que trasladar</translation>
    </message>
    <message>
        <source>Share of the population</source>
        <translation>Proporción de la población</translation>
    </message>
    <message>
        <source>Respect corridor capacities</source>
        <translation>Respetar las capacidades de los corredores</translation>
    </message>
    <message>
        <source>Save the plan in the workspace</source>
        <translation>Guardar el plan en el espacio de trabajo</translation>
    </message>
    <message>
        <source>Aid allocation</source>
        <translation>Asignación de la ayuda</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs: priority first, then proportional, then cheapest.</source>
        <translation>Envíos desde las existencias de los almacenes a las necesidades: primero la prioridad, luego proporcional, luego lo más barato.</translation>
    </message>
    <message>
        <source>danger zones valid then (default now)</source>
        <translation>zonas de peligro vigentes entonces (por defecto ahora)</translation>
    </message>
    <message>
        <source>Warehouses considered per need</source>
        <translation>Almacenes considerados por necesidad</translation>
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
        <translation>Frase de contraseña de las claves de su organización:</translation>
    </message>
    <message>
        <source>Choose a passphrase for your organisation&apos;s private keys (at least {n} characters).
Whoever holds the workspace and this passphrase can sign in your organisation&apos;s name;
without it nobody, you included, can send or receive packages.</source>
        <translation>Elija una frase de contraseña para las claves privadas de su organización (al menos {n} caracteres).
Quien tenga el espacio de trabajo y esta frase de contraseña puede firmar en nombre de su organización;
sin ella nadie, ni usted, puede enviar ni recibir paquetes.</translation>
    </message>
    <message>
        <source>The passphrase must have at least {n} characters: no keys were made.</source>
        <translation>La frase de contraseña debe tener al menos {n} caracteres: no se crearon claves.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Escriba de nuevo la frase de contraseña:</translation>
    </message>
    <message>
        <source>The two passphrases differ: no keys were made.</source>
        <translation>Las dos frases de contraseña difieren: no se crearon claves.</translation>
    </message>
</context>
<context>
    <name>result_overlays</name>
    <message>
        <source>Map: the route dark blue, alternatives light blue; A start, B end.</source>
        <translation>Mapa: la ruta en azul oscuro, las alternativas en azul claro; A inicio, B fin.</translation>
    </message>
    <message>
        <source>Map: movements coloured by shelter, wider for more people; shelters labelled with their fill; small dots: sources served; red rings: people not served.</source>
        <translation>Mapa: desplazamientos coloreados por refugio, más anchos para más personas; refugios etiquetados con su ocupación; puntos pequeños: orígenes atendidos; anillos rojos: personas no atendidas.</translation>
    </message>
    <message>
        <source>Map: shipments coloured by warehouse, wider for more goods; red rings: needs no warehouse reaches.</source>
        <translation>Mapa: envíos coloreados por almacén, más anchos para más bienes; anillos rojos: necesidades que ningún almacén alcanza.</translation>
    </message>
    <message>
        <source>Map: exposed needs coloured by the worst severity reaching them (yellow 1 to red 5), sized by population.</source>
        <translation>Mapa: necesidades expuestas coloreadas según la peor gravedad que las alcanza (de amarillo 1 a rojo 5), con tamaño según la población.</translation>
    </message>
    <message>
        <source>Map: corridors by risk score: green below 25, yellow below 50, orange below 75, red above.</source>
        <translation>Mapa: corredores según su puntuación de riesgo: verde por debajo de 25, amarillo por debajo de 50, naranja por debajo de 75, rojo por encima.</translation>
    </message>
    <message>
        <source>{percent} full</source>
        <translation>lleno al {percent}</translation>
    </message>
    <message>
        <source>{name}: risk {score}</source>
        <translation>{name}: riesgo {score}</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <source>reading plan {id}</source>
        <translation>leyendo el plan {id}</translation>
    </message>
    <message>
        <source>Saved plan {id}: {title}</source>
        <translation>Plan guardado {id}: {title}</translation>
    </message>
    <message>
        <source>Route ({mode}): {message}</source>
        <translation>Ruta ({mode}): {message}</translation>
    </message>
    <message>
        <source>Alternative {rank} ({mode}): {message}</source>
        <translation>Alternativa {rank} ({mode}): {message}</translation>
    </message>
    <message>
        <source>{people} people to move: {served} served, {unserved} not served</source>
        <translation>{people} personas por trasladar: {served} atendidas, {unserved} no atendidas</translation>
    </message>
    <message>
        <source>Saved in the workspace as plan {id}.</source>
        <translation>Guardado en el espacio de trabajo como plan {id}.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>n/d</translation>
    </message>
    <message>
        <source>{exposed} of {total} need locations, {people} people exposed to {zones} danger zones (within {distance} m, at {at}).</source>
        <translation>{exposed} de {total} lugares con necesidades, {people} personas expuestas a {zones} zonas de peligro (a menos de {distance} m, el {at}).</translation>
    </message>
</context>
<context>
    <name>symbols</name>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>making keys</source>
        <translation>creando claves</translation>
    </message>
    <message>
        <source>signing the card</source>
        <translation>firmando la tarjeta</translation>
    </message>
    <message>
        <source>checking originators&apos; signatures</source>
        <translation>comprobando las firmas de los originadores</translation>
    </message>
    <message>
        <source>unlocking the key</source>
        <translation>desbloqueando la clave</translation>
    </message>
    <message>
        <source>signing the witness</source>
        <translation>firmando el testigo</translation>
    </message>
</context>
<context>
    <name>undo_commands</name>
    <message>
        <source>Edit geometry of {name}</source>
        <translation>Editar la geometría de {name}</translation>
    </message>
    <message>
        <source>Edit fields of {name}</source>
        <translation>Editar los campos de {name}</translation>
    </message>
    <message>
        <source>Edit marking of {name}</source>
        <translation>Editar el marcado de {name}</translation>
    </message>
    <message>
        <source>Edit geometry and fields of {name}</source>
        <translation>Editar la geometría y los campos de {name}</translation>
    </message>
    <message>
        <source>Edit geometry and marking of {name}</source>
        <translation>Editar la geometría y el marcado de {name}</translation>
    </message>
    <message>
        <source>Edit fields and marking of {name}</source>
        <translation>Editar los campos y el marcado de {name}</translation>
    </message>
    <message>
        <source>Edit geometry, fields and marking of {name}</source>
        <translation>Editar la geometría, los campos y el marcado de {name}</translation>
    </message>
    <message>
        <source>Edit feature of {name}</source>
        <translation>Editar la entidad {name}</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: {reason}</source>
        <translation>No se puede deshacer «{edit}»: {reason}</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: {reason}</source>
        <translation>No se puede rehacer «{edit}»: {reason}</translation>
    </message>
    <message>
        <source>Add {kind}</source>
        <translation>Añadir: {kind}</translation>
    </message>
    <message>
        <source>Move vertices of {name}</source>
        <translation>Mover los vértices de {name}</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>Eliminar {name}</translation>
    </message>
    <message>
        <source>Delete {n} {layer}</source>
        <translation>Eliminar {n} {layer}</translation>
    </message>
    <message>
        <source>Propose deleting {name} (to {originator})</source>
        <translation>Proponer eliminar {name} (a {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry and fields of {name} (to {originator})</source>
        <translation>Proponer cambiar la geometría y los campos de {name} (a {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry of {name} (to {originator})</source>
        <translation>Proponer cambiar la geometría de {name} (a {originator})</translation>
    </message>
    <message>
        <source>Propose changing fields of {name} (to {originator})</source>
        <translation>Proponer cambiar los campos de {name} (a {originator})</translation>
    </message>
    <message>
        <source>Propose changing {name} (to {originator})</source>
        <translation>Proponer cambiar {name} (a {originator})</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <source>Their marking holds a value this version of HumanOps does not understand: never sent.</source>
        <translation>Su marcado contiene un valor que esta versión de HumanOps no entiende: nunca se envían.</translation>
    </message>
    <message>
        <source>Their marking has expired: expired information is never shared.</source>
        <translation>Su marcado ha caducado: la información caducada nunca se comparte.</translation>
    </message>
    <message>
        <source>The recipient&apos;s key was revoked: only TLP:CLEAR may still go to it.</source>
        <translation>La clave del destinatario fue revocada: solo TLP:CLEAR puede llegarle aún.</translation>
    </message>
    <message>
        <source>Received from another organisation and marked “no onward sharing”: only the originator may share them.</source>
        <translation>Recibidas de otra organización y marcadas «sin reenvío»: solo el originador puede compartirlas.</translation>
    </message>
    <message>
        <source>TLP:RED received from another organisation: never passed on.</source>
        <translation>TLP:RED recibido de otra organización: nunca se transmite.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT received from another organisation: never passed on.</source>
        <translation>TLP:AMBER+STRICT recibido de otra organización: nunca se transmite.</translation>
    </message>
    <message>
        <source>The recipient is not named in their “releasable to” list, neither directly nor through a community.</source>
        <translation>El destinatario no figura en su lista «divulgable a», ni directamente ni a través de una comunidad.</translation>
    </message>
    <message>
        <source>TLP:GREEN without a “releasable to” list, and the recipient shares no community with the originator.</source>
        <translation>TLP:GREEN sin lista «divulgable a», y el destinatario no comparte ninguna comunidad con el originador.</translation>
    </message>
    <message>
        <source>TLP:AMBER received from another organisation that named no one it may be passed on to.</source>
        <translation>TLP:AMBER recibido de otra organización que no nombró a nadie a quien transmitirlo.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT: the recipient is not named by its own id in “releasable to” (a community is not enough).</source>
        <translation>TLP:AMBER+STRICT: el destinatario no figura con su propio identificador en «divulgable a» (una comunidad no basta).</translation>
    </message>
    <message>
        <source>TLP:RED: the recipient is not named by its own id in “releasable to”.</source>
        <translation>TLP:RED: el destinatario no figura con su propio identificador en «divulgable a».</translation>
    </message>
    <message>
        <source>Outside the recipient&apos;s area of responsibility.</source>
        <translation>Fuera del área de responsabilidad del destinatario.</translation>
    </message>
    <message>
        <source>Another recipient of this package may not have them (a package holds only what all its recipients may have).</source>
        <translation>Otro destinatario de este paquete no puede tenerlas (un paquete solo contiene lo que todos sus destinatarios pueden tener).</translation>
    </message>
    <message>
        <source>The recipients would need different generalisations of them: send separate packages.</source>
        <translation>Los destinatarios necesitarían generalizaciones distintas de ellas: envíe paquetes separados.</translation>
    </message>
    <message>
        <source>Generalised copies received from a partner: only their originator passes its data on.</source>
        <translation>Copias generalizadas recibidas de un socio: solo su originador transmite sus datos.</translation>
    </message>
    <message>
        <source>Generalised groups too small to share (fewer people than the marking&apos;s threshold): suppressed to protect them.</source>
        <translation>Grupos generalizados demasiado pequeños para compartirse (menos personas que el umbral del marcado): suprimidos para protegerlas.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuevas</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>actualizadas</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>eliminadas</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflictos</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>en cuarentena</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>older than ours</source>
        <translation>más antiguas que las nuestras</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoradas</translation>
    </message>
    <message>
        <source>If you expect packages from this sender, add its contact card (Sharing ▸ Partners and keys) after checking this fingerprint with them by phone or in person.</source>
        <translation>Si espera paquetes de este remitente, añada su tarjeta de contacto (Compartir ▸ Socios y claves) tras comprobar esta huella con él por teléfono o en persona.</translation>
    </message>
    <message>
        <source>The package was signed by one partner in the name of another: do not trust it.</source>
        <translation>El paquete fue firmado por un socio en nombre de otro: no confíe en él.</translation>
    </message>
    <message>
        <source>The sender&apos;s key was revoked: ask them for their new contact card.</source>
        <translation>La clave del remitente fue revocada: pídale su nueva tarjeta de contacto.</translation>
    </message>
    <message>
        <source>This package was made for other organisations: ask the sender for one addressed to you.</source>
        <translation>Este paquete se hizo para otras organizaciones: pida al remitente uno dirigido a usted.</translation>
    </message>
    <message>
        <source>This package was made for other organisations, or it is damaged.</source>
        <translation>Este paquete se hizo para otras organizaciones, o está dañado.</translation>
    </message>
    <message>
        <source>This package was imported already: nothing new to do.</source>
        <translation>Este paquete ya se importó: nada nuevo que hacer.</translation>
    </message>
    <message>
        <source>A newer package from this sender was imported already: an older one never overwrites newer data.</source>
        <translation>Ya se importó un paquete más reciente de este remitente: uno más antiguo nunca sobrescribe datos más recientes.</translation>
    </message>
    <message>
        <source>Ask the sender for a fresh package.</source>
        <translation>Pida al remitente un paquete nuevo.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed (or damaged): do not use it; ask the sender to send it again.</source>
        <translation>El archivo se alteró después de firmarse (o está dañado): no lo use; pida al remitente que lo vuelva a enviar.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed: do not use it; ask the sender to send it again.</source>
        <translation>El archivo se alteró después de firmarse: no lo use; pida al remitente que lo vuelva a enviar.</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete (a copy that stopped midway?): ask for it again.</source>
        <translation>El archivo está dañado o incompleto (¿una copia que se detuvo a medias?): pídalo de nuevo.</translation>
    </message>
    <message>
        <source>Choose a .hopx file made by HumanOps.</source>
        <translation>Elija un archivo .hopx creado por HumanOps.</translation>
    </message>
    <message>
        <source>Type the passphrase of your organisation&apos;s keys again.</source>
        <translation>Escriba de nuevo la frase de contraseña de las claves de su organización.</translation>
    </message>
    <message>
        <source>Withheld ({code}).</source>
        <translation>Retenidas ({code}).</translation>
    </message>
    <message>
        <source>The package changed nothing in this workspace.</source>
        <translation>El paquete no cambió nada en este espacio de trabajo.</translation>
    </message>
</context>
</TS>
