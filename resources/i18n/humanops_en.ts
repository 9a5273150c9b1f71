<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertsPanel</name>
    <message numerus="yes">
        <source>{active} active, {other} other; %Ln rule(s) adopted</source>
        <translation>
            <numerusform>{active} active, {other} other; %Ln rule adopted</numerusform>
            <numerusform>{active} active, {other} other; %Ln rules adopted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No active alerts: %Ln adopted rule(s) have not fired</source>
        <translation>
            <numerusform>No active alerts: %Ln adopted rule has not fired</numerusform>
            <numerusform>No active alerts: %Ln adopted rules have not fired</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln feature</numerusform>
            <numerusform>%Ln features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>The audit log is intact: %Ln entry(ies), the hash chain verifies.</source>
        <translation>
            <numerusform>The audit log is intact: %Ln entry, the hash chain verifies.</numerusform>
            <numerusform>The audit log is intact: %Ln entries, the hash chain verifies.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file}: %Ln entry(ies).</source>
        <translation>
            <numerusform>Wrote {file}: %Ln entry.</numerusform>
            <numerusform>Wrote {file}: %Ln entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{label} ({org}): %Ln package(s) seen, up to entry {seq}</source>
        <translation>
            <numerusform>{label} ({org}): %Ln package seen, up to entry {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln packages seen, up to entry {seq}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote the witness for {who} to {file}: the %Ln audit log head(s) its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</source>
        <translation>
            <numerusform>Wrote the witness for {who} to {file}: the %Ln audit log head its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</numerusform>
            <numerusform>Wrote the witness for {who} to {file}: the %Ln audit log heads its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>its witness of {when} holds %Ln head(s), up to entry {seq}</source>
        <translation>
            <numerusform>its witness of {when} holds %Ln head, up to entry {seq}</numerusform>
            <numerusform>its witness of {when} holds %Ln heads, up to entry {seq}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message numerus="yes">
        <source>(%Ln vertices)</source>
        <translation>
            <numerusform>(%Ln vertex)</numerusform>
            <numerusform>(%Ln vertices)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</source>
        <translation>
            <numerusform>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</numerusform>
            <numerusform>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CorridorRiskView</name>
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
            <numerusform>%Ln facility within {reach} km</numerusform>
            <numerusform>%Ln facilities within {reach} km</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message numerus="yes">
        <source>Fullest first; %n emptier shelter(s) not charted.</source>
        <translation>
            <numerusform>Fullest first; %n emptier shelter not charted.</numerusform>
            <numerusform>Fullest first; %n emptier shelters not charted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditingController</name>
    <message numerus="yes">
        <source>Delete %Ln feature(s)</source>
        <translation>
            <numerusform>Delete %Ln feature</numerusform>
            <numerusform>Delete %Ln features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln feature(s) ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>Deleted %Ln feature ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</numerusform>
            <numerusform>Deleted %Ln features ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more</source>
        <translation>
            <numerusform>%Ln more</numerusform>
            <numerusform>%Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorsDialog</name>
    <message numerus="yes">
        <source>%Ln feature(s) of ours given a new version</source>
        <translation>
            <numerusform>%Ln feature of ours given a new version</numerusform>
            <numerusform>%Ln features of ours given a new version</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the details and the log.</source>
        <translation>
            <numerusform>%n more error happened since; it is in the details and the log.</numerusform>
            <numerusform>%n more errors happened since; they are in the details and the log.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%Ln feature(s) are marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</source>
        <translation>
            <numerusform>%Ln feature is marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</numerusform>
            <numerusform>%Ln features are marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureNotices</name>
    <message numerus="yes">
        <source>%n part(s) of HumanOps failed to load</source>
        <translation>
            <numerusform>%n part of HumanOps failed to load</numerusform>
            <numerusform>%n parts of HumanOps failed to load</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s), organisation {org}.</source>
        <translation>
            <numerusform>Opened {name}: %Ln feature, organisation {org}.</numerusform>
            <numerusform>Opened {name}: %Ln features, organisation {org}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s).</source>
        <translation>
            <numerusform>Opened {name}: %Ln feature.</numerusform>
            <numerusform>Opened {name}: %Ln features.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selected %Ln feature(s) of {layer}.</source>
        <translation>
            <numerusform>Selected %Ln feature of {layer}.</numerusform>
            <numerusform>Selected %Ln features of {layer}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) selected.</source>
        <translation>
            <numerusform>%Ln feature selected.</numerusform>
            <numerusform>%Ln features selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln feature(s).</source>
        <translation>
            <numerusform>Imported %Ln feature.</numerusform>
            <numerusform>Imported %Ln features.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message numerus="yes">
        <source>Preview: the first %Ln row(s) as they would be imported (nothing is written until Import).</source>
        <translation>
            <numerusform>Preview: the first %Ln row as they would be imported (nothing is written until Import).</numerusform>
            <numerusform>Preview: the first %Ln rows as they would be imported (nothing is written until Import).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewFeatureDialog</name>
    <message numerus="yes">
        <source>%Ln vertices</source>
        <translation>
            <numerusform>%Ln vertex</numerusform>
            <numerusform>%Ln vertices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartnersDialog</name>
    <message numerus="yes">
        <source>Revoked %Ln key(s) of {org}.</source>
        <translation>
            <numerusform>Revoked %Ln key of {org}.</numerusform>
            <numerusform>Revoked %Ln keys of {org}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message numerus="yes">
        <source>Adopted %Ln trigger rule(s) from {file}: {rules}. Alerts follow every edit and import.</source>
        <translation>
            <numerusform>Adopted %Ln trigger rule from {file}: {rules}. Alerts follow every edit and import.</numerusform>
            <numerusform>Adopted %Ln trigger rules from {file}: {rules}. Alerts follow every edit and import.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message numerus="yes">
        <source>%Ln feature(s) edited in another tool need(s) fixing</source>
        <translation>
            <numerusform>%Ln feature edited in another tool needs fixing</numerusform>
            <numerusform>%Ln features edited in another tool need fixing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivePackageDialog</name>
    <message numerus="yes">
        <source>%Ln proposal(s)</source>
        <translation>
            <numerusform>%Ln proposal</numerusform>
            <numerusform>%Ln proposals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecentWorkspaces</name>
    <message numerus="yes">
        <source>Took %n workspace(s) that were moved or deleted off the recent list.</source>
        <translation>
            <numerusform>Took %n workspace that was moved or deleted off the recent list.</numerusform>
            <numerusform>Took %n workspaces that were moved or deleted off the recent list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message numerus="yes">
        <source>%n moment(s) a second</source>
        <translation>
            <numerusform>%n moment a second</numerusform>
            <numerusform>%n moments a second</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message numerus="yes">
        <source>Wrote %Ln row(s) of {table} to {path}.</source>
        <translation>
            <numerusform>Wrote %Ln row of {table} to {path}.</numerusform>
            <numerusform>Wrote %Ln rows of {table} to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message numerus="yes">
        <source>Mean travel {mean} min, last arrival after {last} min; %Ln shelter(s) used.</source>
        <translation>
            <numerusform>Mean travel {mean} min, last arrival after {last} min; %Ln shelter used.</numerusform>
            <numerusform>Mean travel {mean} min, last arrival after {last} min; %Ln shelters used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shipments} shipments from %Ln warehouse(s) to {needs} needs; coverage: {coverage}</source>
        <translation>
            <numerusform>{shipments} shipments from %Ln warehouse to {needs} needs; coverage: {coverage}</numerusform>
            <numerusform>{shipments} shipments from %Ln warehouses to {needs} needs; coverage: {coverage}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need(s) no warehouse can reach.</source>
        <translation>
            <numerusform>%Ln need no warehouse can reach.</numerusform>
            <numerusform>%Ln needs no warehouse can reach.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln corridor(s), {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</source>
        <translation>
            <numerusform>%Ln corridor, {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</numerusform>
            <numerusform>%Ln corridors, {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rule(s) evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</source>
        <translation>
            <numerusform>%Ln rule evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</numerusform>
            <numerusform>%Ln rules evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendPackageDialog</name>
    <message numerus="yes">
        <source>{n} go with generalised locations (as %Ln area(s)): their marking asks for it for recipients not named in “releasable to”.</source>
        <translation>
            <numerusform>{n} go with generalised locations (as %Ln area): their marking asks for it for recipients not named in “releasable to”.</numerusform>
            <numerusform>{n} go with generalised locations (as %Ln areas): their marking asks for it for recipients not named in “releasable to”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln feature</numerusform>
            <numerusform>%Ln features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them generalised areas)</source>
        <translation>
            <numerusform>(%Ln of them a generalised area)</numerusform>
            <numerusform>(%Ln of them generalised areas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletion(s)</source>
        <translation>
            <numerusform>%Ln deletion</numerusform>
            <numerusform>%Ln deletions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Written {path} (%Ln byte(s)): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</source>
        <translation>
            <numerusform>Written {path} (%Ln byte): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</numerusform>
            <numerusform>Written {path} (%Ln bytes): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaleEditDialog</name>
    <message numerus="yes">
        <source>%n vertices around {lat}, {lon}</source>
        <translation>
            <numerusform>%n vertex around {lat}, {lon}</numerusform>
            <numerusform>%n vertices around {lat}, {lon}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamSession</name>
    <message numerus="yes">
        <source>Others changed %n feature(s) in the team database: shown.</source>
        <translation>
            <numerusform>Another session changed %n feature in the team database: shown.</numerusform>
            <numerusform>Others changed %n features in the team database: shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockedKeys</name>
    <message numerus="yes">
        <source>For %n minute(s)</source>
        <translation>
            <numerusform>For %n minute</numerusform>
            <numerusform>For %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keys stay unlocked for %n minute(s) after the passphrase (Sharing ▸ Lock keys drops them).</source>
        <translation>
            <numerusform>Keys stay unlocked for %n minute after the passphrase (Sharing ▸ Lock keys drops them).</numerusform>
            <numerusform>Keys stay unlocked for %n minutes after the passphrase (Sharing ▸ Lock keys drops them).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowDrops</name>
    <message numerus="yes">
        <source>Drop one file at a time: %n files were dropped ({names}). Nothing was opened.</source>
        <translation>
            <numerusform>Drop one file at a time: %n file was dropped ({names}). Nothing was opened.</numerusform>
            <numerusform>Drop one file at a time: %n files were dropped ({names}). Nothing was opened.</numerusform>
        </translation>
    </message>
</context>
</TS>
