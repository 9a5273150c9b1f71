<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>AlertsPanel</name>
    <message>
        <source>No alerts: no trigger rules adopted</source>
        <translation>لا توجد تنبيهات: لم تُعتمد أي قواعد إنذار</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>المستوى</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>القاعدة</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>العناصر</translation>
    </message>
    <message>
        <source>Last fired</source>
        <translation>آخر إطلاق</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>حرج</translation>
    </message>
    <message>
        <source>high</source>
        <translation>مرتفع</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <source>low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <source>active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>تم الاطلاع</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>تمت المعالجة</translation>
    </message>
    <message>
        <source>Click a feature to select it and zoom to it on the map</source>
        <translation>انقر على عنصر لتحديده والتكبير إليه على الخريطة</translation>
    </message>
    <message>
        <source>Features that fired it:</source>
        <translation>العناصر التي أطلقته:</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>إظهار ما عولج</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>الاطلاع</translation>
    </message>
    <message>
        <source>Mark the alert as seen; it stays listed until its condition no longer holds</source>
        <translation>تعليم التنبيه كمُطّلع عليه؛ ويبقى مدرجاً حتى يزول شرطه</translation>
    </message>
    <message>
        <source>Export CAP…</source>
        <translation>تصدير CAP…</translation>
    </message>
    <message>
        <source>Write the alert as a CAP 1.2 XML message</source>
        <translation>كتابة التنبيه كرسالة XML بصيغة CAP 1.2</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>لا توجد مساحة عمل مفتوحة</translation>
    </message>
    <message numerus="yes">
        <source>{active} active, {other} other; %Ln rule(s) adopted</source>
        <translation>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قاعدة</numerusform>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قاعدة</numerusform>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قاعدتان</numerusform>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قواعد</numerusform>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قاعدة</numerusform>
            <numerusform>{active} نشطة، و{other} أخرى؛ اعتُمد %Ln قاعدة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No active alerts: %Ln adopted rule(s) have not fired</source>
        <translation>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قاعدة معتمدة</numerusform>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قاعدة معتمدة</numerusform>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قاعدتان معتمدتان</numerusform>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قواعد معتمدة</numerusform>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قاعدة معتمدة</numerusform>
            <numerusform>لا تنبيهات نشطة: لم ينطلق %Ln قاعدة معتمدة</numerusform>
        </translation>
    </message>
    <message>
        <source>No alerts: the adopted trigger rules have not fired</source>
        <translation>لا توجد تنبيهات: لم تنطلق قواعد الإنذار المعتمدة</translation>
    </message>
    <message>
        <source>Select an alert to see why it fired.</source>
        <translation>حدد تنبيهاً لترى سبب إطلاقه.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;rule &lt;i&gt;{rule}&lt;/i&gt; · level {level} · {state} · TLP:{tlp}</source>
        <translation>&lt;b&gt;{headline}&lt;/b&gt;&lt;br&gt;القاعدة &lt;i&gt;{rule}&lt;/i&gt; · المستوى {level} · {state} · TLP:{tlp}</translation>
    </message>
    <message>
        <source>about: {kind} “{name}”</source>
        <translation>بشأن: {kind} «{name}»</translation>
    </message>
    <message>
        <source>because of: {kind} “{name}”</source>
        <translation>بسبب: {kind} «{name}»</translation>
    </message>
    <message>
        <source>(no longer in the workspace)</source>
        <translation>(لم يعد في مساحة العمل)</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… و{n} أخرى</translation>
    </message>
    <message>
        <source>Acknowledged: {headline}</source>
        <translation>تم الاطلاع: {headline}</translation>
    </message>
    <message>
        <source>Export alert as CAP 1.2</source>
        <translation>تصدير التنبيه بصيغة CAP 1.2</translation>
    </message>
    <message>
        <source>CAP XML (*.xml)</source>
        <translation>CAP XML (*.xml)</translation>
    </message>
    <message>
        <source>Wrote CAP 1.2 {msg_type} ({status}) to {path}</source>
        <translation>كُتب CAP 1.2 {msg_type} ({status}) في {path}</translation>
    </message>
</context>
<context>
    <name>ApplyRevertBar</name>
    <message>
        <source>Apply</source>
        <translation>تطبيق</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>استعادة</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Layer shown in the table</source>
        <translation>الطبقة المعروضة في الجدول</translation>
    </message>
    <message>
        <source>Filter rows (any column contains…)</source>
        <translation>تصفية الصفوف (أي عمود يحتوي على…)</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Reading {layer}</source>
        <translation>قراءة {layer}</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>تتعذر القراءة: {reason}</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} من {total}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصران</numerusform>
            <numerusform>%Ln عناصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln محدد</numerusform>
            <numerusform>%Ln محدد</numerusform>
            <numerusform>%Ln محددان</numerusform>
            <numerusform>%Ln محددة</numerusform>
            <numerusform>%Ln محدد</numerusform>
            <numerusform>%Ln محدد</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AudienceProductDialog</name>
    <message>
        <source>Our own people ({us}): everything we hold</source>
        <translation>فريقنا ({us}): كل ما لدينا</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>When (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>With</source>
        <translation>مع</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <source>Counts / detail</source>
        <translation>الأعداد / التفاصيل</translation>
    </message>
    <message>
        <source>export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>refused import</source>
        <translation>استيراد مرفوض</translation>
    </message>
    <message>
        <source>{org}: {sent} sent, {withheld} withheld</source>
        <translation>{org}: {sent} أُرسل، {withheld} حُجب</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>التحقق مجدداً</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>تقرير…</translation>
    </message>
    <message>
        <source>Partners&apos; witnesses</source>
        <translation>شهادات الشركاء</translation>
    </message>
    <message>
        <source>A witness is what a partner&apos;s packages showed you of its audit log, signed by you: the partner checks its own log against it. A partner&apos;s witness of your log proves your log still holds what it saw, even if someone rewrote the log here.</source>
        <translation>الشهادة هي ما أظهرته لك حزم أحد الشركاء من سجل تدقيقه، موقّعةً منك: يقارن الشريك سجله بها. وشهادة الشريك على سجلك تثبت أن سجلك ما زال يحتوي ما رآه، حتى لو أعاد أحدٌ كتابة السجل هنا.</translation>
    </message>
    <message>
        <source>Write a witness for a partner…</source>
        <translation>كتابة شهادة لشريك…</translation>
    </message>
    <message>
        <source>Sign what a partner&apos;s packages showed you of its log, for it to check its own log against</source>
        <translation>وقّع ما أظهرته لك حزم الشريك من سجله، ليقارن به سجله</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness…</source>
        <translation>التحقق من شهادة شريك…</translation>
    </message>
    <message>
        <source>Check that your log still holds every entry a partner saw of it</source>
        <translation>التحقق من أن سجلك ما زال يحتوي كل قيد رآه منه أحد الشركاء</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %Ln entry(ies), the hash chain verifies.</source>
        <translation>
            <numerusform>سجل التدقيق سليم: %Ln قيد، وسلسلة التجزئة صحيحة.</numerusform>
            <numerusform>سجل التدقيق سليم: %Ln قيد، وسلسلة التجزئة صحيحة.</numerusform>
            <numerusform>سجل التدقيق سليم: %Ln قيدان، وسلسلة التجزئة صحيحة.</numerusform>
            <numerusform>سجل التدقيق سليم: %Ln قيود، وسلسلة التجزئة صحيحة.</numerusform>
            <numerusform>سجل التدقيق سليم: %Ln قيد، وسلسلة التجزئة صحيحة.</numerusform>
            <numerusform>سجل التدقيق سليم: %Ln قيد، وسلسلة التجزئة صحيحة.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log was tampered with, from entry {seq}: {problems}. Entries from there on cannot be trusted.</source>
        <translation>تم العبث بسجل التدقيق ابتداءً من القيد {seq}: {problems}. لا يمكن الوثوق بالقيود من هناك فصاعداً.</translation>
    </message>
    <message>
        <source>The sharing report for a protocol review (HTML or PDF), or the raw log as CSV</source>
        <translation>تقرير المشاركة لمراجعة البروتوكول (HTML أو PDF)، أو السجل الخام بصيغة CSV</translation>
    </message>
    <message>
        <source>Sharing report</source>
        <translation>تقرير المشاركة</translation>
    </message>
    <message>
        <source>Sharing report (*.html);;Sharing report, PDF (*.pdf);;Raw log, CSV (*.csv)</source>
        <translation>تقرير المشاركة (*.html);;تقرير المشاركة، PDF (*.pdf);;السجل الخام، CSV (*.csv)</translation>
    </message>
    <message>
        <source>No report written: {reason}</source>
        <translation>لم يُكتب أي تقرير: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {file}: %Ln entry(ies).</source>
        <translation>
            <numerusform>كُتب {file}: %Ln قيد.</numerusform>
            <numerusform>كُتب {file}: %Ln قيد.</numerusform>
            <numerusform>كُتب {file}: %Ln قيدان.</numerusform>
            <numerusform>كُتب {file}: %Ln قيود.</numerusform>
            <numerusform>كُتب {file}: %Ln قيد.</numerusform>
            <numerusform>كُتب {file}: %Ln قيد.</numerusform>
        </translation>
    </message>
    <message>
        <source>WARNING: the hash chain does not verify.</source>
        <translation>تحذير: سلسلة التجزئة غير صحيحة.</translation>
    </message>
    <message numerus="yes">
        <source>{label} ({org}): %Ln package(s) seen, up to entry {seq}</source>
        <translation>
            <numerusform>{label} ({org}): %Ln حزمة مُشاهَدة، حتى القيد {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln حزمة مُشاهَدة، حتى القيد {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln حزمتان مُشاهَدتان، حتى القيد {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln حزم مُشاهَدة، حتى القيد {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln حزمة مُشاهَدة، حتى القيد {seq}</numerusform>
            <numerusform>{label} ({org}): %Ln حزمة مُشاهَدة، حتى القيد {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: this workspace has no keys yet (Sharing ▸ Own identity…).</source>
        <translation>لم تُكتب أي شهادة: مساحة العمل هذه ليس لها مفاتيح بعد (المشاركة ▸ الهوية الخاصة…).</translation>
    </message>
    <message>
        <source>No witness was written: no partner&apos;s package has shown you its audit log yet. A witness can be written for a partner once you have received a package from it.</source>
        <translation>لم تُكتب أي شهادة: لم تُظهر لك أي حزمة من شريك سجل تدقيقه بعد. يمكن كتابة شهادة لشريك بعد أن تتلقى منه حزمة.</translation>
    </message>
    <message>
        <source>Write a witness</source>
        <translation>كتابة شهادة</translation>
    </message>
    <message>
        <source>The witness is for (it checks its own log against it):</source>
        <translation>الشهادة موجهة إلى (يقارن بها سجله):</translation>
    </message>
    <message>
        <source>Witness for {partner}</source>
        <translation>شهادة لـ {partner}</translation>
    </message>
    <message>
        <source>Audit witness (*.json)</source>
        <translation>شهادة تدقيق (*.json)</translation>
    </message>
    <message>
        <source>The witness is signed with your organisation&apos;s key.</source>
        <translation>تُوقَّع الشهادة بمفتاح منظمتك.</translation>
    </message>
    <message>
        <source>Signing the witness…</source>
        <translation>جارٍ توقيع الشهادة…</translation>
    </message>
    <message numerus="yes">
        <source>Wrote the witness for {who} to {file}: the %Ln audit log head(s) its packages showed you, up to entry {seq}. Give it to {who} (USB stick, e-mail); {who} checks its log with “Check a partner&apos;s witness…” in its audit log.</source>
        <translation>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رأس من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رأس من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رأسان من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رؤوس من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رأس من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
            <numerusform>كُتبت الشهادة لـ {who} في {file}: %Ln رأس من رؤوس سجل التدقيق التي أظهرتها لك حزمه، حتى القيد {seq}. سلّمها إلى {who} (ذاكرة USB، بريد إلكتروني)؛ ويتحقق {who} من سجله بـ «التحقق من شهادة شريك…» في سجل تدقيقه.</numerusform>
        </translation>
    </message>
    <message>
        <source>No witness was written: {reason}</source>
        <translation>لم تُكتب أي شهادة: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no witness was written.</source>
        <translation>أُلغي: لم تُكتب أي شهادة.</translation>
    </message>
    <message>
        <source>Writing the witness</source>
        <translation>كتابة الشهادة</translation>
    </message>
    <message>
        <source>Check a partner&apos;s witness</source>
        <translation>التحقق من شهادة شريك</translation>
    </message>
    <message>
        <source>Audit witness (*.json);;All files (*)</source>
        <translation>شهادة تدقيق (*.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>(field {field})</source>
        <translation>(الحقل {field})</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ {file} was refused:&lt;/b&gt; {reason}{where}. It proves nothing about your log: ask the partner for a new witness.</source>
        <translation>&lt;b&gt;✖ رُفض {file}:&lt;/b&gt; {reason}{where}. إنه لا يثبت شيئاً عن سجلك: اطلب من الشريك شهادة جديدة.</translation>
    </message>
    <message numerus="yes">
        <source>its witness of {when} holds %Ln head(s), up to entry {seq}</source>
        <translation>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رأس، حتى القيد {seq}</numerusform>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رأس، حتى القيد {seq}</numerusform>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رأسين، حتى القيد {seq}</numerusform>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رؤوس، حتى القيد {seq}</numerusform>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رأس، حتى القيد {seq}</numerusform>
            <numerusform>شهادته المؤرخة {when} تحتوي %Ln رأس، حتى القيد {seq}</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;✔ Our log still holds everything {who} saw:&lt;/b&gt; {seen}, and each matches.</source>
        <translation>&lt;b&gt;✔ ما زال سجلنا يحتوي كل ما رآه {who}:&lt;/b&gt; {seen}، وكلها متطابقة.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… و{n} أخرى</translation>
    </message>
    <message>
        <source>&lt;b&gt;✖ Our log no longer holds what {who} saw&lt;/b&gt; ({seen}); from entry {seq} on it cannot be trusted:</source>
        <translation>&lt;b&gt;✖ لم يعد سجلنا يحتوي ما رآه {who}&lt;/b&gt; ({seen})؛ ولا يمكن الوثوق به ابتداءً من القيد {seq}:</translation>
    </message>
    <message>
        <source>Keep the witness file and the workspace as they are, and tell {who}.</source>
        <translation>احتفظ بملف الشهادة ومساحة العمل كما هما، وأبلغ {who}.</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <source>Briefing map</source>
        <translation>خريطة الإحاطة</translation>
    </message>
    <message>
        <source>One HTML file of the chosen layers for people outside the app: it opens in any browser with no network. It holds only what the sharing policy lets the audience see; what is withheld is counted on the map, never shown.</source>
        <translation>ملف HTML واحد للطبقات المختارة لأشخاص من خارج التطبيق: يُفتح في أي متصفح دون شبكة. ولا يحتوي إلا ما تسمح سياسة المشاركة للجمهور برؤيته؛ وما يُحجب يُحصى على الخريطة ولا يُعرض أبداً.</translation>
    </message>
    <message>
        <source>where to write the briefing map (.html)</source>
        <translation>مكان كتابة خريطة الإحاطة (‎.html)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>لـ</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>صالح في</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>Write the briefing map for the chosen audience</source>
        <translation>كتابة خريطة الإحاطة للجمهور المختار</translation>
    </message>
    <message>
        <source>Write the briefing map to</source>
        <translation>كتابة خريطة الإحاطة في</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>صفحة ويب (*.html)</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>اختر طبقة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>Choose where to write the briefing map.</source>
        <translation>اختر مكان كتابة خريطة الإحاطة.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>كُتب {file} ({size} بايت): TLP:{tlp}، لـ {audience}. {withheld}</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted on the map, not shown.</source>
        <translation>{n} عنصراً حجبته سياسة المشاركة تُحصى على الخريطة ولا تُعرض.</translation>
    </message>
    <message>
        <source>No briefing map was written: {reason}</source>
        <translation>لم تُكتب أي خريطة إحاطة: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no briefing map was written.</source>
        <translation>أُلغي: لم تُكتب أي خريطة إحاطة.</translation>
    </message>
    <message>
        <source>Writing the briefing map</source>
        <translation>كتابة خريطة الإحاطة</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Save as PNG…</source>
        <translation>حفظ بصيغة PNG…</translation>
    </message>
</context>
<context>
    <name>CheckThenImportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>تحقق</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>Scenario clock</source>
        <translation>ساعة السيناريو</translation>
    </message>
    <message>
        <source>Set the scenario time to</source>
        <translation>ضبط وقت السيناريو على</translation>
    </message>
    <message>
        <source>T+0</source>
        <translation>T+0</translation>
    </message>
    <message>
        <source>Back to the exercise&apos;s start</source>
        <translation>العودة إلى بداية التمرين</translation>
    </message>
    <message>
        <source>Scenario seconds per wall-clock second: 1 is real time, 10 runs ten scenario minutes a minute</source>
        <translation>ثوانٍ من السيناريو لكل ثانية حقيقية: 1 هو الوقت الحقيقي، و10 يُمضي عشر دقائق من السيناريو كل دقيقة</translation>
    </message>
    <message>
        <source>Running (unchecked: paused)</source>
        <translation>قيد التشغيل (غير محدد: متوقفة مؤقتًا)</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>التسريع</translation>
    </message>
    <message>
        <source>The scenario clock does not read: set the scenario time.</source>
        <translation>لا يمكن قراءة ساعة السيناريو: اضبط وقت السيناريو.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>running at ×{speed}</source>
        <translation>تعمل بسرعة ×{speed}</translation>
    </message>
    <message>
        <source>Now {elapsed} · {time}, {state}.</source>
        <translation>الآن {elapsed} · {time}، {state}.</translation>
    </message>
    <message>
        <source>The clock was not changed: {reason}</source>
        <translation>لم تُغيَّر الساعة: {reason}</translation>
    </message>
    <message>
        <source>Scenario clock set: {time}, {state}.</source>
        <translation>ضُبطت ساعة السيناريو: {time}، {state}.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
    <message>
        <source>unreadable geometry</source>
        <translation>شكل هندسي غير مقروء</translation>
    </message>
    <message>
        <source>{geometry} at {where}</source>
        <translation>{geometry} عند {where}</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln vertices)</source>
        <translation>
            <numerusform>(%Ln رأس)</numerusform>
            <numerusform>(%Ln رأس)</numerusform>
            <numerusform>(%Ln رأسان)</numerusform>
            <numerusform>(%Ln رؤوس)</numerusform>
            <numerusform>(%Ln رأس)</numerusform>
            <numerusform>(%Ln رأس)</numerusform>
        </translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>نسختي</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>نسختهم</translation>
    </message>
    <message>
        <source>Changes of features made by someone else than their originator: never merged until their originator accepts them</source>
        <translation>تعديلات على عناصر أجراها غير الجهة المنشئة لها: لا تُدمج أبداً حتى تقبلها الجهة المنشئة</translation>
    </message>
    <message>
        <source>Select on map</source>
        <translation>تحديد على الخريطة</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>الإبقاء على نسختي</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>الإبقاء على نسختهم</translation>
    </message>
    <message>
        <source>{layer}: {name} — from {sender}; differs: {fields}</source>
        <translation>{layer}: {name} — من {sender}؛ يختلف في: {fields}</translation>
    </message>
    <message>
        <source>history only</source>
        <translation>السجل التاريخي فقط</translation>
    </message>
    <message>
        <source>{layer} {uuid}, detected {when}, package {package}</source>
        <translation>{layer} {uuid}، اكتُشف في {when}، الحزمة {package}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — %Ln where both sides changed a feature</source>
        <translation>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالة عدّل فيها الطرفان عنصراً</numerusform>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالة عدّل فيها الطرفان عنصراً</numerusform>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالتان عدّل فيها الطرفان عنصراً</numerusform>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالات عدّل فيها الطرفان عنصراً</numerusform>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالة عدّل فيها الطرفان عنصراً</numerusform>
            <numerusform>&lt;b&gt;التعارضات&lt;/b&gt; — %Ln حالة عدّل فيها الطرفان عنصراً</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Conflicts&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;التعارضات&lt;/b&gt; — لا يوجد أي تعارض مفتوح</translation>
    </message>
    <message>
        <source>Select a proposal to see what it changes; Accept or Reject decides it.</source>
        <translation>حدد مقترحاً لترى ما يغيّره؛ «قبول» أو «رفض» يحسم أمره.</translation>
    </message>
    <message>
        <source>Your proposals wait for their originators&apos; decision (dashed on the map); Withdraw takes one back.</source>
        <translation>مقترحاتك بانتظار قرار الجهات المنشئة (بخط متقطع على الخريطة)؛ «سحب» يستعيد أحدها.</translation>
    </message>
    <message>
        <source>No open conflicts or proposals: every received change merged cleanly.</source>
        <translation>لا توجد تعارضات أو مقترحات مفتوحة: دُمج كل تغيير وارد دون مشاكل.</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {originator}&apos;s {layer} {uuid}</source>
        <translation>يقترح {proposer} تعديلاً على {layer} {uuid} التابع لـ {originator}</translation>
    </message>
    <message>
        <source>waiting for {originator}</source>
        <translation>بانتظار {originator}</translation>
    </message>
    <message>
        <source>{layer} {uuid}, proposed {when} on version {version}</source>
        <translation>{layer} {uuid}، اقتُرح في {when} على الإصدار {version}</translation>
    </message>
    <message>
        <source>received from {org}</source>
        <translation>وارد من {org}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — {received} to decide, {ours} of yours waiting</source>
        <translation>&lt;b&gt;المقترحات&lt;/b&gt; — {received} بانتظار قرارك، و{ours} من مقترحاتك قيد الانتظار</translation>
    </message>
    <message>
        <source>&lt;b&gt;Proposals&lt;/b&gt; — none open</source>
        <translation>&lt;b&gt;المقترحات&lt;/b&gt; — لا يوجد أي مقترح مفتوح</translation>
    </message>
    <message>
        <source>Now (v{version})</source>
        <translation>الحالية (الإصدار {version})</translation>
    </message>
    <message>
        <source>Proposed by {proposer}</source>
        <translation>اقترحه {proposer}</translation>
    </message>
    <message>
        <source>Highlighted: what the proposal changes. Only the feature&apos;s originator makes it a new version; accepting a proposal about another organisation&apos;s feature proposes it to them in your name.</source>
        <translation>المظلَّل: ما يغيّره المقترح. الجهة المنشئة للعنصر وحدها تجعله إصداراً جديداً؛ وقبول مقترح حول عنصر تابع لمنظمة أخرى يقترحه عليها باسمك.</translation>
    </message>
    <message>
        <source>Not decided: {reason}</source>
        <translation>لم يُحسم: {reason}</translation>
    </message>
    <message>
        <source>Rejected {proposer}&apos;s proposal for {feature}: the feature stays as it is.</source>
        <translation>رُفض مقترح {proposer} بشأن {feature}: يبقى العنصر كما هو.</translation>
    </message>
    <message>
        <source>Accepted {proposer}&apos;s proposal: {feature} is now version {version}.</source>
        <translation>قُبل مقترح {proposer}: أصبح {feature} الآن بالإصدار {version}.</translation>
    </message>
    <message>
        <source>Forwarded {proposer}&apos;s proposal to {originator} as your own: it goes in your next package to them; they decide.</source>
        <translation>أُحيل مقترح {proposer} إلى {originator} باسمك: سيُرسل في حزمتك التالية إليه؛ وهو من يقرر.</translation>
    </message>
    <message>
        <source>Not withdrawn: {reason}</source>
        <translation>لم يُسحب: {reason}</translation>
    </message>
    <message>
        <source>Withdrew your proposal for {layer} {uuid}….</source>
        <translation>سُحب مقترحك بشأن {layer} {uuid}….</translation>
    </message>
    <message>
        <source>Mine (v{version})</source>
        <translation>نسختي (الإصدار {version})</translation>
    </message>
    <message>
        <source>Theirs, from {sender} (v{version})</source>
        <translation>نسختهم، من {sender} (الإصدار {version})</translation>
    </message>
    <message>
        <source>Highlighted: what differs. Keeping a version stores it as a new version above both; your partners receive your decision with the next package.</source>
        <translation>المظلَّل: ما يختلف. الإبقاء على نسخة يخزنها كإصدار جديد فوق النسختين؛ ويتلقى شركاؤك قرارك مع الحزمة التالية.</translation>
    </message>
    <message>
        <source>The version we hold is a deletion: there is nothing of it on the map.</source>
        <translation>النسخة التي لدينا حذفٌ: لا شيء منها على الخريطة.</translation>
    </message>
    <message>
        <source>Not resolved: {reason}</source>
        <translation>لم يُحل: {reason}</translation>
    </message>
    <message>
        <source>Kept mine for {layer} {uuid}… as version {version}.</source>
        <translation>أُبقي على نسختي لـ {layer} {uuid}… كإصدار {version}.</translation>
    </message>
    <message>
        <source>Kept theirs for {layer} {uuid}… as version {version}.</source>
        <translation>أُبقي على نسختهم لـ {layer} {uuid}… كإصدار {version}.</translation>
    </message>
</context>
<context>
    <name>CorridorRiskView</name>
    <message>
        <source>Danger along the corridor over its whole width, from the danger zones valid now; the score&apos;s formula is in docs/analysis.md</source>
        <translation>الخطر على امتداد الممر بكامل عرضه، استناداً إلى مناطق الخطر السارية الآن؛ صيغة الدرجة في docs/analysis.md</translation>
    </message>
    <message>
        <source>&lt;b&gt;Risk now&lt;/b&gt; ({at}): {score}</source>
        <translation>&lt;b&gt;الخطر الآن&lt;/b&gt; ({at}): {score}</translation>
    </message>
    <message>
        <source>worst severity {severity}</source>
        <translation>أقصى درجة خطورة {severity}</translation>
    </message>
    <message>
        <source>{danger} of {length} km in danger</source>
        <translation>{danger} من {length} كم في خطر</translation>
    </message>
    <message numerus="yes">
        <source>%Ln zone(s)</source>
        <translation>
            <numerusform>%Ln منطقة</numerusform>
            <numerusform>%Ln منطقة</numerusform>
            <numerusform>%Ln منطقتان</numerusform>
            <numerusform>%Ln مناطق</numerusform>
            <numerusform>%Ln منطقة</numerusform>
            <numerusform>%Ln منطقة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln facility(ies) within {reach} km</source>
        <translation>
            <numerusform>%Ln مرفق في نطاق {reach} كم</numerusform>
            <numerusform>%Ln مرفق في نطاق {reach} كم</numerusform>
            <numerusform>%Ln مرفقان في نطاق {reach} كم</numerusform>
            <numerusform>%Ln مرافق في نطاق {reach} كم</numerusform>
            <numerusform>%Ln مرفق في نطاق {reach} كم</numerusform>
            <numerusform>%Ln مرفق في نطاق {reach} كم</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>the chart could not be written as a PNG there</source>
        <translation>تعذّرت كتابة الرسم البياني بصيغة PNG هناك</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>People exposed over time, by severity</source>
        <translation>الأشخاص المعرّضون عبر الزمن، حسب الخطورة</translation>
    </message>
    <message>
        <source>People exposed over time, by hazard</source>
        <translation>الأشخاص المعرّضون عبر الزمن، حسب الخطر</translation>
    </message>
    <message>
        <source>Corridors: status and risk</source>
        <translation>الممرات: الحالة والمخاطر</translation>
    </message>
    <message>
        <source>Needs coverage by sector</source>
        <translation>تغطية الاحتياجات حسب القطاع</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>امتلاء الملاجئ</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>لوحة المعلومات</translation>
    </message>
    <message>
        <source>The dashboard could not be computed: {reason}</source>
        <translation>تعذّر حساب لوحة المعلومات: {reason}</translation>
    </message>
    <message>
        <source>Figures at {moment}; exposure from {start} to {end}.</source>
        <translation>الأرقام في {moment}؛ التعرّض من {start} إلى {end}.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>لا يوجد ممر صالح في هذا الوقت.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share}: {stock} من {demand} {unit}</translation>
    </message>
    <message>
        <source>No needs to cover.</source>
        <translation>لا توجد احتياجات لتغطيتها.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} شخص ({share})</translation>
    </message>
    <message>
        <source>No shelter with a capacity.</source>
        <translation>لا يوجد ملجأ ذو سعة محددة.</translation>
    </message>
    <message numerus="yes">
        <source>Fullest first; %n emptier shelter(s) not charted.</source>
        <translation>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
            <numerusform>الأكثر امتلاءً أولاً؛ لم يُعرض %n ملجأ أقل امتلاءً.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fullest first.</source>
        <translation>الأكثر امتلاءً أولاً.</translation>
    </message>
    <message>
        <source>{status}, risk {risk} ({share} in danger)</source>
        <translation>{status}، المخاطر {risk} ({share} في خطر)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>map time</source>
        <translation>وقت الخريطة</translation>
    </message>
    <message>
        <source>No need location lies in a danger zone over this time range.</source>
        <translation>لا يقع أي موقع احتياج في منطقة خطر خلال هذه الفترة.</translation>
    </message>
    <message>
        <source>Each person once, at the worst severity reaching them.</source>
        <translation>كل شخص مرة واحدة، بأشد خطورة تطاله.</translation>
    </message>
    <message>
        <source>A person exposed to two hazards is under both.</source>
        <translation>الشخص المعرّض لخطرين يُحتسب في كليهما.</translation>
    </message>
    <message>
        <source>Save the chart as PNG</source>
        <translation>حفظ الرسم البياني بصيغة PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>تعذّرت كتابة {path}: {reason}</translation>
    </message>
    <message>
        <source>Saved the chart “{title}” to {path}.</source>
        <translation>حُفظ الرسم البياني «{title}» في {path}.</translation>
    </message>
</context>
<context>
    <name>DateTimeWidget</name>
    <message>
        <source>Now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>The current time</source>
        <translation>الوقت الحالي</translation>
    </message>
    <message>
        <source>Scenario time</source>
        <translation>وقت السيناريو</translation>
    </message>
    <message>
        <source>The scenario&apos;s “now”: {at}</source>
        <translation>«الآن» في السيناريو: {at}</translation>
    </message>
    <message>
        <source>This workspace is not a scenario (no scenario time)</source>
        <translation>مساحة العمل هذه ليست سيناريو (لا وقت سيناريو)</translation>
    </message>
</context>
<context>
    <name>DecisionReportDialog</name>
    <message>
        <source>Decision report</source>
        <translation>تقرير القرارات</translation>
    </message>
    <message>
        <source>Per inject and organisation: the time to see it, to raise and acknowledge the alert, to decide and to inform partners, and the sharing decisions taken. Give each participant&apos;s exercise workspace (its whole, verified record) or, failing that, its audit log as CSV (times to see and to inform only). This workspace ({file}) says what was played when.</source>
        <translation>لكل حدث مُدرج ولكل منظمة: الوقت اللازم لرؤيته، ولإطلاق التنبيه والإقرار به، وللقرار ولإبلاغ الشركاء، وقرارات المشاركة المتخذة. قدّم مساحة عمل التمرين لكل مشارك (سجلها الكامل الموثَّق) أو، إن تعذّر ذلك، سجل التدقيق الخاص به بصيغة CSV (أوقات الرؤية والإبلاغ فقط). مساحة العمل هذه ({file}) تبيّن ما نُفِّذ ومتى.</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>المنظمة</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>A CSV&apos;s organisation can be typed: by default its file&apos;s name</source>
        <translation>يمكن كتابة منظمة ملف CSV: افتراضيًا اسم ملفه</translation>
    </message>
    <message>
        <source>Add workspaces…</source>
        <translation>إضافة مساحات عمل…</translation>
    </message>
    <message>
        <source>Add audit CSV…</source>
        <translation>إضافة ملف تدقيق CSV…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>the inject file played (.toml)</source>
        <translation>ملف الأحداث المُدرجة المُنفَّذ (‎.toml)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>the report: .html, or .pdf</source>
        <translation>التقرير: ‎.html أو ‎.pdf</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>الأحداث المُدرجة</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>التقرير</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation>فتح التقرير</translation>
    </message>
    <message>
        <source>Participants&apos; records</source>
        <translation>سجلات المشاركين</translation>
    </message>
    <message>
        <source>The workspace&apos;s own organisation</source>
        <translation>منظمة مساحة العمل نفسها</translation>
    </message>
    <message>
        <source>Participants&apos; exercise workspaces</source>
        <translation>مساحات عمل التمرين للمشاركين</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>مساحة عمل GeoPackage ‏(*.gpkg)</translation>
    </message>
    <message>
        <source>Participants&apos; audit logs</source>
        <translation>سجلات تدقيق المشاركين</translation>
    </message>
    <message>
        <source>Audit log, CSV (*.csv)</source>
        <translation>سجل التدقيق، CSV ‏(*.csv)</translation>
    </message>
    <message>
        <source>Inject file</source>
        <translation>ملف الأحداث المُدرجة</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>ملفات الأحداث المُدرجة (*.toml)</translation>
    </message>
    <message>
        <source>Write the report to</source>
        <translation>كتابة التقرير في</translation>
    </message>
    <message>
        <source>Report, HTML (*.html);;Report, PDF (*.pdf)</source>
        <translation>تقرير، HTML ‏(*.html);;تقرير، PDF ‏(*.pdf)</translation>
    </message>
    <message>
        <source>Add at least one participant&apos;s record.</source>
        <translation>أضف سجل مشارك واحد على الأقل.</translation>
    </message>
    <message>
        <source>Choose the inject file.</source>
        <translation>اختر ملف الأحداث المُدرجة.</translation>
    </message>
    <message>
        <source>No inject file {file}.</source>
        <translation>لا يوجد ملف أحداث مُدرجة {file}.</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>اختر مكان كتابة التقرير.</translation>
    </message>
    <message>
        <source>The report is written as .html or .pdf.</source>
        <translation>يُكتب التقرير بصيغة ‎.html أو ‎.pdf.</translation>
    </message>
    <message>
        <source>Written {file}: {injects} inject(s), {orgs} organisation(s).</source>
        <translation>كُتب {file}: {injects} حدث (أحداث) مُدرج، {orgs} منظمة (منظمات).</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>لم يُكتب أي تقرير: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>أُلغي: لم يُكتب أي تقرير.</translation>
    </message>
    <message>
        <source>Writing the decision report</source>
        <translation>جارٍ كتابة تقرير القرارات</translation>
    </message>
    <message>
        <source>Decision report written to {file}.</source>
        <translation>كُتب تقرير القرارات في {file}.</translation>
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
        <translation>انقر على الزوايا، وانقر نقراً مزدوجاً لإغلاق المساحة</translation>
    </message>
    <message>
        <source>click along the route, double-click to finish</source>
        <translation>انقر على طول المسار، وانقر نقراً مزدوجاً للإنهاء</translation>
    </message>
    <message>
        <source>click where it is</source>
        <translation>انقر على موقعه</translation>
    </message>
    <message>
        <source>New {kind}: {hint}; Esc cancels, Backspace removes the last point.</source>
        <translation>{kind} جديد: {hint}؛ Esc للإلغاء، وBackspace لحذف آخر نقطة.</translation>
    </message>
    <message>
        <source>Drawing cancelled.</source>
        <translation>أُلغي الرسم.</translation>
    </message>
    <message>
        <source>New feature discarded.</source>
        <translation>تم تجاهل العنصر الجديد.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: only {owner} changes it. Your edits are sent to {owner} as proposals; {owner} decides.</source>
        <translation>{kind} تابع لـ {owner}: وحده {owner} يعدّله. تُرسل تعديلاتك إلى {owner} كمقترحات؛ و{owner} يقرر.</translation>
    </message>
    <message>
        <source>{owner}&apos;s {kind}: {owner} named you an editor, so your edits are stored as new versions (only {owner} deletes it or sets its marking).</source>
        <translation>{kind} تابع لـ {owner}: عيّنك {owner} محرراً، لذا تُخزَّن تعديلاتك كإصدارات جديدة (وحده {owner} يحذفه أو يحدد وسمه).</translation>
    </message>
    <message>
        <source>You cannot change it: {reason}.</source>
        <translation>لا يمكنك تعديله: {reason}.</translation>
    </message>
    <message>
        <source>Your proposal is waiting for {owner}&apos;s decision (dashed on the map).</source>
        <translation>مقترحك بانتظار قرار {owner} (بخط متقطع على الخريطة).</translation>
    </message>
    <message>
        <source>{who} proposed a change: decide it in the Conflicts and proposals panel.</source>
        <translation>اقترح {who} تعديلاً: احسمه في لوحة التعارضات والمقترحات.</translation>
    </message>
    <message>
        <source>Received from {owner}: you may only make its marking stricter. The stricter marking governs what you pass on; {owner}&apos;s version is kept (no new version).</source>
        <translation>وارد من {owner}: يمكنك فقط جعل وسمه أكثر تشدداً. الوسم الأشد هو ما يحكم ما تمرّره؛ وتُحفظ نسخة {owner} (دون إصدار جديد).</translation>
    </message>
    <message>
        <source>Saved {fields} of {feature} as a new version.</source>
        <translation>حُفظ {fields} لـ {feature} كإصدار جديد.</translation>
    </message>
    <message>
        <source>Marking of {feature} not changed: {reason}</source>
        <translation>لم يتغير وسم {feature}: {reason}</translation>
    </message>
    <message>
        <source>Marking of {feature} unchanged ({level}).</source>
        <translation>وسم {feature} دون تغيير ({level}).</translation>
    </message>
    <message>
        <source>Marking restricted on {feature}: {level} for what we pass on (its originator&apos;s version is kept).</source>
        <translation>قُيّد وسم {feature}: {level} لما نمرّره (تُحفظ نسخة الجهة المنشئة).</translation>
    </message>
    <message>
        <source>Marking saved on {feature}: {level}.</source>
        <translation>حُفظ وسم {feature}: {level}.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was written.</source>
        <translation>غيّر شخص آخر {feature} في الأثناء: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Saved the new shape of {feature} as a new version (Ctrl+Z undoes it).</source>
        <translation>حُفظ الشكل الجديد لـ {feature} كإصدار جديد (Ctrl+Z للتراجع).</translation>
    </message>
    <message>
        <source>Someone else changed the shape of {feature} meanwhile: nothing was written.</source>
        <translation>غيّر شخص آخر شكل {feature} في الأثناء: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>احتُفظ بنسختهم؛ أُهملت تعديلاتك.</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln feature(s) ({features}); proposed the deletion of {proposed} to {owners} (Ctrl+Z undoes it).</source>
        <translation>
            <numerusform>حُذف %Ln عنصر ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
            <numerusform>حُذف %Ln عنصر ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
            <numerusform>حُذف %Ln عنصران ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
            <numerusform>حُذف %Ln عناصر ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
            <numerusform>حُذف %Ln عنصر ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
            <numerusform>حُذف %Ln عنصر ({features})؛ واقتُرح حذف {proposed} على {owners} (Ctrl+Z للتراجع).</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {features} (Ctrl+Z undoes it).</source>
        <translation>حُذف {features} (Ctrl+Z للتراجع).</translation>
    </message>
    <message>
        <source>Proposed the deletion of {features} to {owners} (Ctrl+Z undoes it).</source>
        <translation>اقتُرح حذف {features} على {owners} (Ctrl+Z للتراجع).</translation>
    </message>
    <message>
        <source>Kept their version; nothing was deleted.</source>
        <translation>احتُفظ بنسختهم؛ لم يُحذف شيء.</translation>
    </message>
    <message>
        <source>Someone else changed {feature} meanwhile: nothing was deleted.</source>
        <translation>غيّر شخص آخر {feature} في الأثناء: لم يُحذف شيء.</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: someone else changed it meanwhile.</source>
        <translation>تعذّر التراجع عن «{edit}»: غيّره شخص آخر في الأثناء.</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: someone else changed it meanwhile.</source>
        <translation>تعذّرت إعادة «{edit}»: غيّره شخص آخر في الأثناء.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln more</source>
        <translation>
            <numerusform>%Ln آخر</numerusform>
            <numerusform>%Ln آخر</numerusform>
            <numerusform>%Ln آخران</numerusform>
            <numerusform>%Ln أخرى</numerusform>
            <numerusform>%Ln آخر</numerusform>
            <numerusform>%Ln آخر</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was deleted: {reasons}</source>
        <translation>لم يُحذف أي شيء: {reasons}</translation>
    </message>
    <message>
        <source>Added {feature} — saved.</source>
        <translation>أُضيف {feature} — حُفظ.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln feature(s)</source>
        <translation>
            <numerusform>حذف %Ln عنصر</numerusform>
            <numerusform>حذف %Ln عنصر</numerusform>
            <numerusform>حذف %Ln عنصرين</numerusform>
            <numerusform>حذف %Ln عناصر</numerusform>
            <numerusform>حذف %Ln عنصر</numerusform>
            <numerusform>حذف %Ln عنصر</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change {kind} {name}: {reason}</source>
        <translation>لا يمكنك تعديل {kind} {name}: {reason}</translation>
    </message>
    <message>
        <source>Proposed to {owner}: your change of {kind} {name} waits for {owner}&apos;s decision (Ctrl+Z withdraws it).</source>
        <translation>اقتُرح على {owner}: تعديلك على {kind} {name} بانتظار قرار {owner} (Ctrl+Z لسحبه).</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Deleting it will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>هذا العنصر ({kind}) يعود إلى {owner}. سيُرسل حذفه إلى {owner} كمقترح؛ و{owner} يقرر. هل تقترحه؟</translation>
    </message>
    <message>
        <source>This {kind} belongs to {owner}. Your change will be sent to {owner} as a proposal; {owner} decides. Propose it?</source>
        <translation>هذا العنصر ({kind}) يعود إلى {owner}. سيُرسل تعديلك إلى {owner} كمقترح؛ و{owner} يقرر. هل تقترحه؟</translation>
    </message>
    <message>
        <source>{n} of the selected features belong to other organisations ({owners}). Deleting them will be sent to them as proposals; they decide. Propose their deletion?</source>
        <translation>{n} من العناصر المحددة تعود إلى منظمات أخرى ({owners}). سيُرسل حذفها إليها كمقترحات؛ وهي من يقرر. هل تقترح حذفها؟</translation>
    </message>
    <message>
        <source>Propose to the originator</source>
        <translation>الاقتراح على الجهة المنشئة</translation>
    </message>
    <message>
        <source>Until it is decided, the map shows your proposal dashed in magenta; Undo withdraws it.</source>
        <translation>إلى أن يُحسم، تُظهر الخريطة مقترحك بخط أرجواني متقطع؛ و«تراجع» يسحبه.</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>اقتراح</translation>
    </message>
    <message>
        <source>Not proposed: nothing was changed.</source>
        <translation>لم يُقترح: لم يتغير شيء.</translation>
    </message>
</context>
<context>
    <name>EditorsDialog</name>
    <message>
        <source>Editors may change fields and geometry with you; only you set the marking, name editors or delete.</source>
        <translation>يمكن للمحررين تعديل الحقول والشكل الهندسي معك؛ وأنت وحدك تحدد الوسم وتعيّن المحررين أو تحذف.</translation>
    </message>
    <message>
        <source>Editors may change fields and geometry with {org}; only {org} sets the marking, names editors or deletes.</source>
        <translation>يمكن للمحررين تعديل الحقول والشكل الهندسي مع {org}؛ و{org} وحده يحدد الوسم ويعيّن المحررين أو يحذف.</translation>
    </message>
    <message>
        <source>(you)</source>
        <translation>(أنت)</translation>
    </message>
    <message>
        <source>Editors: {names}</source>
        <translation>المحررون: {names}</translation>
    </message>
    <message>
        <source>Editors: none (only you change it)</source>
        <translation>المحررون: لا أحد (أنت وحدك تعدّله)</translation>
    </message>
    <message>
        <source>Editors named by {owner}: {names}</source>
        <translation>المحررون الذين عيّنهم {owner}: {names}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا أحد</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) of ours given a new version</source>
        <translation>
            <numerusform>%Ln عنصر من عناصرنا حصل على إصدار جديد</numerusform>
            <numerusform>%Ln عنصر من عناصرنا حصل على إصدار جديد</numerusform>
            <numerusform>%Ln عنصران من عناصرنا حصل على إصدار جديد</numerusform>
            <numerusform>%Ln عناصر من عناصرنا حصل على إصدار جديد</numerusform>
            <numerusform>%Ln عنصر من عناصرنا حصل على إصدار جديد</numerusform>
            <numerusform>%Ln عنصر من عناصرنا حصل على إصدار جديد</numerusform>
        </translation>
    </message>
    <message>
        <source>Editors of a layer</source>
        <translation>محررو طبقة</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>Editors</source>
        <translation>المحررون</translation>
    </message>
    <message>
        <source>Partners who may edit</source>
        <translation>الشركاء المسموح لهم بالتعديل</translation>
    </message>
    <message>
        <source>Save editors</source>
        <translation>حفظ المحررين</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(بلا اسم)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {owner}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}، الإصدار {version}، من {owner}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}، الإصدار {version}</translation>
    </message>
    <message>
        <source>Only {owner} names the editors of its feature.</source>
        <translation>وحده {owner} يعيّن محرري عنصره.</translation>
    </message>
    <message>
        <source>Saving gives the feature a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>الحفظ يمنح العنصر إصداراً جديداً تحمله حزمتك التالية. تحرير&#xa0;▸&#xa0;تراجع يلغي ذلك.</translation>
    </message>
    <message>
        <source>The default editors of every {kind} of ours that has no editors of its own.</source>
        <translation>المحررون الافتراضيون لكل عنصر من عناصرنا ({kind}) ليس له محررون خاصون به.</translation>
    </message>
    <message>
        <source>Saving gives {count} {kind} of ours a new version, carried by your next package. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>الحفظ يمنح {count} من عناصرنا ({kind}) إصداراً جديداً تحمله حزمتك التالية. تحرير&#xa0;▸&#xa0;تراجع يلغي ذلك.</translation>
    </message>
    <message>
        <source>This workspace belongs to no organisation yet: make its keys in Sharing ▸ Own identity… first.</source>
        <translation>مساحة العمل هذه لا تعود إلى أي منظمة بعد: أنشئ مفاتيحها أولاً في المشاركة ▸ الهوية الخاصة…</translation>
    </message>
    <message>
        <source>Your partner directory is empty: add partners in Sharing ▸ Partners and keys… first.</source>
        <translation>دليل شركائك فارغ: أضف شركاء أولاً في المشاركة ▸ الشركاء والمفاتيح…</translation>
    </message>
    <message>
        <source>{label} ({org}, not in your partner directory)</source>
        <translation>{label} ({org}، غير موجود في دليل شركائك)</translation>
    </message>
    <message>
        <source>key revoked</source>
        <translation>المفتاح مُلغى</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>لم يتغير شيء: {reason}</translation>
    </message>
</context>
<context>
    <name>EnumWidget</name>
    <message>
        <source>(any)</source>
        <translation>(الكل)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>HumanOps — an error happened</source>
        <translation>HumanOps — حدث خطأ</translation>
    </message>
    <message>
        <source>What you saved is safe: every edit is saved as it is made, and the task that failed did not finish. You can go on working; if it happens again, send a problem report.</source>
        <translation>ما حفظته في أمان: يُحفظ كل تعديل لحظة إجرائه، والمهمة التي فشلت لم تكتمل. يمكنك مواصلة العمل؛ وإن تكرر ذلك، أرسل تقريراً عن المشكلة.</translation>
    </message>
    <message>
        <source>The details are in the log file:
{path}</source>
        <translation>التفاصيل في ملف السجل:
{path}</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>إظهار التفاصيل</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>نسخ التفاصيل</translation>
    </message>
    <message>
        <source>Copy the error, the versions and the log path, to paste in a message</source>
        <translation>نسخ الخطأ والإصدارات ومسار السجل، للصقها في رسالة</translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation>الإبلاغ عن مشكلة…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>حفظ ملف zip يضم ملفات السجل والإصدارات لإرساله إلى جهة الدعم (دون مساحة العمل أو المفاتيح أو العناصر)</translation>
    </message>
    <message>
        <source> (while: {where})</source>
        <translation> (أثناء: {where})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong{where}.&lt;/b&gt;&lt;br&gt;{summary}</source>
        <translation>&lt;b&gt;حدث خطأ ما{where}.&lt;/b&gt;&lt;br&gt;{summary}</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) happened since; they are in the details and the log.</source>
        <translation>
            <numerusform>لم تقع أي أخطاء أخرى منذ ذلك الحين (%n).</numerusform>
            <numerusform>وقع خطأ آخر منذ ذلك الحين (%n)؛ وهو في التفاصيل والسجل.</numerusform>
            <numerusform>وقع خطآن آخران منذ ذلك الحين (%n)؛ وهما في التفاصيل والسجل.</numerusform>
            <numerusform>وقعت %n أخطاء أخرى منذ ذلك الحين؛ وهي في التفاصيل والسجل.</numerusform>
            <numerusform>وقع %n خطأً آخر منذ ذلك الحين؛ وهي في التفاصيل والسجل.</numerusform>
            <numerusform>وقع %n خطأ آخر منذ ذلك الحين؛ وهي في التفاصيل والسجل.</numerusform>
        </translation>
    </message>
    <message>
        <source>The details are copied: paste them in a message to your support contact.</source>
        <translation>نُسخت التفاصيل: الصقها في رسالة إلى جهة الدعم.</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>إخفاء التفاصيل</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>thread {name}</source>
        <translation>خيط التنفيذ {name}</translation>
    </message>
    <message>
        <source>a background thread</source>
        <translation>خيط تنفيذ في الخلفية</translation>
    </message>
</context>
<context>
    <name>ExerciseBanner</name>
    <message>
        <source>EXERCISE — {name}</source>
        <translation>تمرين — {name}</translation>
    </message>
    <message>
        <source>This workspace is an exercise: everything made from it is marked so, and it never exchanges packages with real workspaces.</source>
        <translation>مساحة العمل هذه تمرين: كل ما يُنتج منها يُوسم بذلك، ولا تتبادل أبدًا الحزم مع مساحات عمل حقيقية.</translation>
    </message>
</context>
<context>
    <name>ExerciseClock</name>
    <message>
        <source>Scenario clock of the exercise: validity, expiry and alerts follow it</source>
        <translation>ساعة سيناريو التمرين: تتبعها الصلاحية وانتهاء المدة والتنبيهات</translation>
    </message>
    <message>
        <source>Set…</source>
        <translation>ضبط…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>ضبط وقت السيناريو أو التسريع أو إيقافه مؤقتًا</translation>
    </message>
    <message>
        <source>Scenario clock…</source>
        <translation>ساعة السيناريو…</translation>
    </message>
    <message>
        <source>Scenario clock unreadable: set it with humanops exercise clock --start</source>
        <translation>ساعة السيناريو غير مقروءة: اضبطها بالأمر humanops exercise clock --start</translation>
    </message>
    <message>
        <source>×{speed}</source>
        <translation>×{speed}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>متوقفة مؤقتًا</translation>
    </message>
    <message>
        <source>Exercise {elapsed} · {time} · {state}</source>
        <translation>تمرين {elapsed} · {time} · {state}</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>استئناف</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Run the scenario clock again</source>
        <translation>تشغيل ساعة السيناريو مجددًا</translation>
    </message>
    <message>
        <source>Stop the scenario clock where it is</source>
        <translation>إيقاف ساعة السيناريو عند وقتها الحالي</translation>
    </message>
</context>
<context>
    <name>ExerciseMenu</name>
    <message>
        <source>E&amp;xercise</source>
        <translation>ت&amp;مرين</translation>
    </message>
    <message>
        <source>Scenario &amp;clock…</source>
        <translation>&amp;ساعة السيناريو…</translation>
    </message>
    <message>
        <source>Set the scenario time, the speed-up, or pause it</source>
        <translation>ضبط وقت السيناريو أو التسريع أو إيقافه مؤقتًا</translation>
    </message>
    <message>
        <source>&amp;Decision report…</source>
        <translation>تقرير ال&amp;قرارات…</translation>
    </message>
    <message>
        <source>Per inject and organisation, the time to see, alert, decide and inform (HTML or PDF)</source>
        <translation>لكل حدث مُدرج ولكل منظمة، الوقت اللازم للرؤية والتنبيه والقرار والإبلاغ (HTML أو PDF)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>taking a consistent copy of the workspace</source>
        <translation>أخذ نسخة متسقة من مساحة العمل</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>where to write: .gpkg, .geojson, .csv or .kml</source>
        <translation>مكان الكتابة: ‎.gpkg أو ‎.geojson أو ‎.csv أو ‎.kml</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>One file per layer, named after it (FILE_layer)</source>
        <translation>ملف لكل طبقة، يحمل اسمها (FILE_layer)</translation>
    </message>
    <message>
        <source>One file with a &apos;layer&apos; column (import splits it again)</source>
        <translation>ملف واحد بعمود &apos;layer&apos; (يعيد الاستيراد تقسيمه)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Several layers</source>
        <translation>عدة طبقات</translation>
    </message>
    <message>
        <source>GeoPackage, styled for QGIS (*.gpkg)</source>
        <translation>GeoPackage، بأنماط QGIS (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON, one layer (*.geojson)</source>
        <translation>GeoJSON، طبقة واحدة (*.geojson)</translation>
    </message>
    <message>
        <source>CSV with HXL tags, one layer (*.csv)</source>
        <translation>CSV بوسوم HXL، طبقة واحدة (*.csv)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>تصدير إلى</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>اختر ملفاً.</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>اختر طبقة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>هذه مساحة العمل نفسها: اختر ملفاً آخر.</translation>
    </message>
    <message>
        <source>The file must end in .gpkg, .geojson, .csv or .kml.</source>
        <translation>يجب أن ينتهي الملف بـ ‎.gpkg أو ‎.geojson أو ‎.csv أو ‎.kml.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) are marked above TLP:CLEAR ({levels}). A plain file enforces no marking: keep it to your own tools, and share with partners through an exchange package.</source>
        <translation>
            <numerusform>%Ln عنصر موسوم بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
            <numerusform>%Ln عنصر موسوم بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
            <numerusform>%Ln عنصران موسومان بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
            <numerusform>%Ln عناصر موسومة بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
            <numerusform>%Ln عنصر موسوم بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
            <numerusform>%Ln عنصر موسوم بمستوى أعلى من TLP:CLEAR ({levels}). الملف العادي لا يطبّق أي وسم: احتفظ به لأدواتك الخاصة، وشارك مع الشركاء عبر حزمة تبادل.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>صُدّر إلى {file}</translation>
    </message>
    <message>
        <source>Export failed, no file was written: {reason}</source>
        <translation>فشل التصدير، لم يُكتب أي ملف: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>أُلغي: لم يُكتب أي ملف.</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>التصدير</translation>
    </message>
</context>
<context>
    <name>FailureNotices</name>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>الإ&amp;بلاغ عن مشكلة…</translation>
    </message>
    <message>
        <source>Save a zip of the log files and versions to send to your support contact (no workspace, keys or features)</source>
        <translation>حفظ ملف zip بملفات السجل والإصدارات لإرساله إلى جهة الدعم لديك (دون مساحة العمل أو المفاتيح أو العناصر)</translation>
    </message>
    <message numerus="yes">
        <source>%n part(s) of HumanOps failed to load</source>
        <translation>
            <numerusform>لم يتعذر تحميل أي جزء من HumanOps (%n)</numerusform>
            <numerusform>تعذّر تحميل جزء واحد من HumanOps (%n)</numerusform>
            <numerusform>تعذّر تحميل جزأين من HumanOps (%n)</numerusform>
            <numerusform>تعذّر تحميل %n أجزاء من HumanOps</numerusform>
            <numerusform>تعذّر تحميل %n جزءاً من HumanOps</numerusform>
            <numerusform>تعذّر تحميل %n جزء من HumanOps</numerusform>
        </translation>
    </message>
    <message>
        <source>{text}: details…</source>
        <translation>{text}: التفاصيل…</translation>
    </message>
    <message>
        <source>Could not load {names}: their menus and panels are missing; the rest works. Help menu for details.</source>
        <translation>تعذّر تحميل {names}: قوائمها ولوحاتها غير موجودة؛ والباقي يعمل. التفاصيل في قائمة المساعدة.</translation>
    </message>
    <message>
        <source>The log file has the details: {path}</source>
        <translation>ملف السجل يحتوي التفاصيل: {path}</translation>
    </message>
    <message>
        <source>No log file is written.</source>
        <translation>لا يُكتب أي ملف سجل.</translation>
    </message>
    <message>
        <source>&lt;p&gt;These parts could not be loaded, so their menus, panels and toolbars are missing:&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;The rest of HumanOps works. Reinstalling usually helps; if not, send a problem report (Help → Report a problem…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</source>
        <translation>&lt;p&gt;تعذّر تحميل هذه الأجزاء، لذا فإن قوائمها ولوحاتها وأشرطة أدواتها غير موجودة:&lt;/p&gt;&lt;ul&gt;{lines}&lt;/ul&gt;&lt;p&gt;بقية HumanOps تعمل. تساعد إعادة التثبيت عادةً؛ وإن لم تنفع، فأرسل تقرير مشكلة (مساعدة ← الإبلاغ عن مشكلة…).&lt;/p&gt;&lt;p&gt;{where}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Parts of HumanOps failed to load</source>
        <translation>تعذّر تحميل أجزاء من HumanOps</translation>
    </message>
    <message>
        <source>{title} failed to load: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>تعذّر تحميل {title}: {reason}. وهي معلَّمة في لوحة الطبقات، مع زر إعادة المحاولة.</translation>
    </message>
    <message>
        <source>{title} failed to draw: {reason}. It is marked in the Layers panel, with Retry.</source>
        <translation>تعذّر رسم {title}: {reason}. وهي معلَّمة في لوحة الطبقات، مع زر إعادة المحاولة.</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>إلزامي</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Select one feature on the map or in the table to see its fields.</source>
        <translation>حدد عنصراً واحداً على الخريطة أو في الجدول لترى حقوله.</translation>
    </message>
    <message>
        <source>Store the changed fields as a new version (undoable)</source>
        <translation>تخزين الحقول المعدلة كإصدار جديد (قابل للتراجع)</translation>
    </message>
    <message>
        <source>Editors…</source>
        <translation>المحررون…</translation>
    </message>
    <message>
        <source>The organisations that may change this feature&apos;s fields and geometry with its originator</source>
        <translation>المنظمات المسموح لها بتعديل حقول هذا العنصر وشكله الهندسي مع الجهة المنشئة</translation>
    </message>
    <message>
        <source>Editors may change its fields and geometry with its originator; only the originator sets the marking, names editors or deletes it</source>
        <translation>يمكن للمحررين تعديل حقوله وشكله الهندسي مع الجهة المنشئة؛ والجهة المنشئة وحدها تحدد الوسم وتعيّن المحررين أو تحذفه</translation>
    </message>
    <message>
        <source>Propose…</source>
        <translation>اقتراح…</translation>
    </message>
    <message>
        <source>Send the changed fields to the feature&apos;s originator as a proposal (undoable)</source>
        <translation>إرسال الحقول المعدلة إلى الجهة المنشئة للعنصر كمقترح (قابل للتراجع)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(بلا اسم)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}, from {originator}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}، الإصدار {version}، من {originator}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {kind}, version {version}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {kind}، الإصدار {version}</translation>
    </message>
</context>
<context>
    <name>FeatureTableModel</name>
    <message>
        <source>Releasable to</source>
        <translation>مسموح بمشاركته مع</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>القيود</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>ينتهي</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>Originator</source>
        <translation>الجهة المنشئة</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>آخر تعديل</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>set</source>
        <translation>محدد</translation>
    </message>
    <message>
        <source>Untick to leave the field empty</source>
        <translation>ألغِ التحديد لترك الحقل فارغاً</translation>
    </message>
    <message>
        <source>{value} cannot be shown here</source>
        <translation>لا يمكن عرض {value} هنا</translation>
    </message>
    <message>
        <source>{reason} (as stored): choose a valid value</source>
        <translation>{reason} (كما هو مخزن): اختر قيمة صالحة</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>إلزامي</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>HumanOps — start</source>
        <translation>HumanOps — البدء</translation>
    </message>
    <message>
        <source>Welcome to HumanOps</source>
        <translation>مرحباً بك في HumanOps</translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation>مرحباً بعودتك</translation>
    </message>
    <message>
        <source>HumanOps keeps a common operational picture of a response — danger zones, corridors, civilian needs and facilities — in one workspace file, and shares it with partners in signed, encrypted packages that respect each feature&apos;s marking. Nothing needs a network.</source>
        <translation>يحفظ HumanOps صورة عملياتية مشتركة للاستجابة — مناطق الخطر والممرات واحتياجات المدنيين والمرافق — في ملف مساحة عمل واحد، ويشاركها مع الشركاء في حزم موقّعة ومشفّرة تحترم وسم كل عنصر. لا شيء يتطلب اتصالاً بالشبكة.</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>مساحات العمل الأخيرة</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Forget the ones not found</source>
        <translation>نسيان غير الموجودة</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>فتح العرض التوضيحي</translation>
    </message>
    <message>
        <source>A fresh copy of Kavera, a fictional region, with three partners and their own workspaces beside it, to try everything: drawing, planning, sending and receiving packages.</source>
        <translation>نسخة جديدة من كافيرا، منطقة خيالية، مع ثلاثة شركاء ومساحات عملهم الخاصة بجانبها، لتجربة كل شيء: الرسم والتخطيط وإرسال الحزم واستقبالها.</translation>
    </message>
    <message>
        <source>Create a new workspace</source>
        <translation>إنشاء مساحة عمل جديدة</translation>
    </message>
    <message>
        <source>For your organisation: its id and name, its keys, and the response&apos;s sharing protocol if there is one.</source>
        <translation>لمنظمتك: معرّفها واسمها ومفاتيحها، وبروتوكول المشاركة الخاص بالاستجابة إن وُجد.</translation>
    </message>
    <message>
        <source>Open an existing workspace</source>
        <translation>فتح مساحة عمل موجودة</translation>
    </message>
    <message>
        <source>A workspace file (.gpkg) made by HumanOps: yours, or a copy from a colleague.</source>
        <translation>ملف مساحة عمل (‎.gpkg) أنشأه HumanOps: ملفك، أو نسخة من زميل.</translation>
    </message>
    <message>
        <source>Continue without a workspace</source>
        <translation>المتابعة دون مساحة عمل</translation>
    </message>
    <message>
        <source>{0}  (not found)</source>
        <translation>{0}  (غير موجود)</translation>
    </message>
    <message>
        <source>{0} was moved or deleted.</source>
        <translation>نُقل {0} أو حُذف.</translation>
    </message>
    <message>
        <source>{0} is not there any more (moved or deleted): it was taken off the list.</source>
        <translation>لم يعد {0} موجوداً (نُقل أو حُذف): أُزيل من القائمة.</translation>
    </message>
    <message>
        <source>The workspaces not found were taken off the list.</source>
        <translation>أُزيلت مساحات العمل غير الموجودة من القائمة.</translation>
    </message>
    <message>
        <source>Where should the demo go?</source>
        <translation>أين يُحفظ العرض التوضيحي؟</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>مساحة عمل GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>{0} exists already: choose a new name for the demo (nothing is overwritten).</source>
        <translation>{0} موجود بالفعل: اختر اسماً جديداً للعرض التوضيحي (لا يُستبدل أي شيء).</translation>
    </message>
    <message>
        <source>Writing the demo to {0}…</source>
        <translation>جارٍ كتابة العرض التوضيحي في {0}…</translation>
    </message>
    <message>
        <source>The demo&apos;s keys have the passphrase “{0}” (Sharing menu).</source>
        <translation>عبارة مرور مفاتيح العرض التوضيحي هي «{0}» (قائمة المشاركة).</translation>
    </message>
    <message>
        <source>The partners&apos; own workspaces are in {0}.</source>
        <translation>مساحات العمل الخاصة بالشركاء في {0}.</translation>
    </message>
    <message>
        <source>The demo was not written: {0}</source>
        <translation>لم يُكتب العرض التوضيحي: {0}</translation>
    </message>
    <message>
        <source>Cancelled: no demo was written.</source>
        <translation>أُلغي: لم يُكتب أي عرض توضيحي.</translation>
    </message>
    <message>
        <source>Writing the demo</source>
        <translation>كتابة العرض التوضيحي</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>فتح مساحة عمل</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>مساحة عمل GeoPackage (*.gpkg);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>{0} is a GeoPackage, but not a HumanOps workspace: create a workspace, then import it (File › Import).</source>
        <translation>{0} ملف GeoPackage، لكنه ليس مساحة عمل HumanOps: أنشئ مساحة عمل، ثم استورده (ملف › استيراد).</translation>
    </message>
    <message>
        <source>{0} is not a HumanOps workspace (not a GeoPackage, or not readable).</source>
        <translation>{0} ليس مساحة عمل HumanOps (ليس GeoPackage، أو غير مقروء).</translation>
    </message>
    <message>
        <source>No workspace open: File › Open recent, Open workspace (Ctrl+O) or New workspace (Ctrl+N).</source>
        <translation>لا توجد مساحة عمل مفتوحة: ملف › فتح الأخيرة، أو فتح مساحة عمل (Ctrl+O)، أو مساحة عمل جديدة (Ctrl+N).</translation>
    </message>
</context>
<context>
    <name>FrameModel</name>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Geodata (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;CAP alerts and feeds (*.cap *.xml *.atom *.rss);;Cursor on Target (*.cot *.xml);;All files (*)</source>
        <translation>بيانات جغرافية (*.geojson *.json *.gpkg *.csv *.tsv *.kml *.zip *.shp *.cap *.xml *.atom *.rss *.cot);;GeoJSON (*.geojson *.json);;GeoPackage (*.gpkg);;CSV / HXL (*.csv *.tsv);;KML (*.kml);;Shapefile (*.zip *.shp);;تنبيهات وتغذيات CAP (*.cap *.xml *.atom *.rss);;Cursor on Target (CoT) (*.cot *.xml);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>GeoJSON, GeoPackage, CSV with HXL tags, KML or zipped Shapefile</source>
        <translation>GeoJSON أو GeoPackage أو CSV بوسوم HXL أو KML أو Shapefile مضغوط</translation>
    </message>
    <message>
        <source>Automatic (from the file&apos;s layer names and fields)</source>
        <translation>تلقائي (من أسماء طبقات الملف وحقوله)</translation>
    </message>
    <message>
        <source>Import the valid features and skip the rejected ones</source>
        <translation>استيراد العناصر الصالحة وتخطي المرفوضة</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Into layer</source>
        <translation>إلى الطبقة</translation>
    </message>
    <message>
        <source>Choose a file, then Check to see what the import would do. Nothing is written until you press Import.</source>
        <translation>اختر ملفاً، ثم «تحقق» لترى ما سيفعله الاستيراد. لا يُكتب شيء حتى تضغط «استيراد».</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>تقرير الاستيراد</translation>
    </message>
    <message>
        <source>Read the file and report what would be imported (dry run)</source>
        <translation>قراءة الملف والإبلاغ عما سيُستورد (تشغيل تجريبي)</translation>
    </message>
    <message>
        <source>Import file</source>
        <translation>استيراد ملف</translation>
    </message>
    <message>
        <source>Profile {name} saved in the workspace.</source>
        <translation>حُفظ الملف التعريفي {name} في مساحة العمل.</translation>
    </message>
    <message>
        <source>Profile not saved: {reason}</source>
        <translation>لم يُحفظ الملف التعريفي: {reason}</translation>
    </message>
    <message>
        <source>Saving the profile</source>
        <translation>حفظ الملف التعريفي</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>هذه مساحة العمل نفسها: اختر ملفاً آخر.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Check failed, nothing was written: {reason}</source>
        <translation>فشل التحقق، لم يُكتب شيء: {reason}</translation>
    </message>
    <message>
        <source>Import failed, nothing was written: {reason}</source>
        <translation>فشل الاستيراد، لم يُكتب شيء: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>أُلغي: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Checking the file</source>
        <translation>التحقق من الملف</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <source>read {read}, would import {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>قُرئ {read}، سيُستورد {imported}، أُصلح {repaired}، رُفض {rejected}</translation>
    </message>
    <message>
        <source>read {read}, imported {imported}, repaired {repaired}, rejected {rejected}</source>
        <translation>قُرئ {read}، استُورد {imported}، أُصلح {repaired}، رُفض {rejected}</translation>
    </message>
    <message>
        <source>Nothing would be written: {reason}</source>
        <translation>لن يُكتب شيء: {reason}</translation>
    </message>
    <message>
        <source>Ready to import: {counts}. Press Import to write.</source>
        <translation>جاهز للاستيراد: {counts}. اضغط «استيراد» للكتابة.</translation>
    </message>
    <message>
        <source>Imported: {counts}. Each feature is stored with its marking.</source>
        <translation>استُورد: {counts}. يُخزَّن كل عنصر مع وسمه.</translation>
    </message>
    <message>
        <source>source CRS {crs}</source>
        <translation>نظام الإحداثيات المصدر {crs}</translation>
    </message>
    <message>
        <source>Matched fields ({n})</source>
        <translation>الحقول المطابقة ({n})</translation>
    </message>
    <message>
        <source>Unmapped columns, not imported ({n})</source>
        <translation>أعمدة غير مطابقة، لم تُستورد ({n})</translation>
    </message>
    <message>
        <source>Defaulted</source>
        <translation>قيم افتراضية</translation>
    </message>
    <message>
        <source>Missing required fields: {fields}</source>
        <translation>حقول إلزامية مفقودة: {fields}</translation>
    </message>
    <message>
        <source>note: {note}</source>
        <translation>ملاحظة: {note}</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>مرفوض: {reason}</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>المشاكل ({n})</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <source>repaired</source>
        <translation>مُصلَح</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… و{n} أخرى</translation>
    </message>
    <message>
        <source>skipped source layer {name}: {reason}</source>
        <translation>طبقة مصدر متخطاة {name}: {reason}</translation>
    </message>
</context>
<context>
    <name>InjectPanel</name>
    <message>
        <source>pending</source>
        <translation>قيد الانتظار</translation>
    </message>
    <message>
        <source>due</source>
        <translation>مستحق</translation>
    </message>
    <message>
        <source>played</source>
        <translation>نُفِّذ</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>تم تخطيه</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>الموعد</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>الحدث المُدرج</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Open injects…</source>
        <translation>فتح الأحداث المُدرجة…</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Run the scenario clock and play each inject as it falls due</source>
        <translation>تشغيل ساعة السيناريو وتنفيذ كل حدث مُدرج عند حلول موعده</translation>
    </message>
    <message>
        <source>Skip next</source>
        <translation>تخطي التالي</translation>
    </message>
    <message>
        <source>Play next now</source>
        <translation>تنفيذ التالي الآن</translation>
    </message>
    <message>
        <source>Injects are played in an exercise workspace (humanops exercise init).</source>
        <translation>تُنفَّذ الأحداث المُدرجة في مساحة عمل تمرين (humanops exercise init).</translation>
    </message>
    <message>
        <source>Open the exercise&apos;s inject file (TOML).</source>
        <translation>افتح ملف الأحداث المُدرجة للتمرين (TOML).</translation>
    </message>
    <message>
        <source>Open injects</source>
        <translation>فتح الأحداث المُدرجة</translation>
    </message>
    <message>
        <source>Inject files (*.toml)</source>
        <translation>ملفات الأحداث المُدرجة (*.toml)</translation>
    </message>
    <message>
        <source>{n} injects from {file}</source>
        <translation>{n} من الأحداث المُدرجة من {file}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Skipped {inject}</source>
        <translation>تم تخطي {inject}</translation>
    </message>
    <message>
        <source>Play injects</source>
        <translation>تنفيذ الأحداث المُدرجة</translation>
    </message>
    <message>
        <source>The injects&apos; packages are signed with your organisation&apos;s keys.</source>
        <translation>تُوقَّع حزم الأحداث المُدرجة بمفاتيح منظمتك.</translation>
    </message>
    <message>
        <source>Not played: no passphrase given.</source>
        <translation>لم يُنفَّذ: لم تُعطَ عبارة مرور.</translation>
    </message>
    <message>
        <source>The package for {org} is imported into its exercise workspace {file}, opened with {org}&apos;s keys: type {org}&apos;s passphrase (asked once for this session).</source>
        <translation>تُستورد الحزمة الموجهة إلى {org} في مساحة عمل التمرين الخاصة بها {file}، وتُفتح بمفاتيح {org}: اكتب عبارة مرور {org} (تُطلب مرة واحدة في هذه الجلسة).</translation>
    </message>
    <message>
        <source>Not played: no passphrase given for {org}.</source>
        <translation>لم يُنفَّذ: لم تُعطَ عبارة مرور لـ {org}.</translation>
    </message>
    <message>
        <source>Played: {injects}</source>
        <translation>نُفِّذ: {injects}</translation>
    </message>
</context>
<context>
    <name>KeyboardShortcutsWindow</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Filter: an action, a menu or a key</source>
        <translation>تصفية: إجراء أو قائمة أو مفتاح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <source>Toolbars and the map</source>
        <translation>أشرطة الأدوات والخريطة</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Draw the selected layer higher (above others)</source>
        <translation>رسم الطبقة المحددة أعلى (فوق غيرها)</translation>
    </message>
    <message>
        <source>Draw the selected layer lower</source>
        <translation>رسم الطبقة المحددة أسفل</translation>
    </message>
    <message>
        <source>Zoom to layer</source>
        <translation>التكبير إلى الطبقة</translation>
    </message>
    <message>
        <source>Zoom the map to the selected layer</source>
        <translation>تكبير الخريطة إلى الطبقة المحددة</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>إعادة المحاولة</translation>
    </message>
    <message>
        <source>Read the selected layer again: it failed to load</source>
        <translation>إعادة قراءة الطبقة المحددة: فشل تحميلها</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>العتامة</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>عتامة الطبقة المحددة</translation>
    </message>
    <message>
        <source>size: {field} (up to {value})</source>
        <translation>الحجم: {field} (حتى {value})</translation>
    </message>
    <message>
        <source>band: true {field}</source>
        <translation>الشريط: {field} الفعلي</translation>
    </message>
    <message>
        <source>Counting features</source>
        <translation>عدّ المعالم</translation>
    </message>
    <message>
        <source>failed to draw</source>
        <translation>فشل رسمها</translation>
    </message>
    <message>
        <source>failed to load</source>
        <translation>فشل تحميلها</translation>
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
        <translation>فشل: {title} {state}.
السبب: {reason}

الخريطة ناقصة أو غير محدّثة لهذه الطبقة: عدم ظهور {title_lower} على الخريطة لا يعني عدم وجودها.
انقر بزر الفأرة الأيمن ← إعادة محاولة التحميل، أو زر «إعادة المحاولة» أدناه. التفاصيل في السجل.</translation>
    </message>
    <message>
        <source>{title} — retrying…</source>
        <translation>{title} — جارٍ إعادة المحاولة…</translation>
    </message>
    <message>
        <source>Retry loading</source>
        <translation>إعادة محاولة التحميل</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>تحريك لأعلى</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>تحريك لأسفل</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>Draw danger zone</source>
        <translation>رسم منطقة خطر</translation>
    </message>
    <message>
        <source>+ danger zone</source>
        <translation>+ منطقة خطر</translation>
    </message>
    <message>
        <source>Draw corridor</source>
        <translation>رسم ممر</translation>
    </message>
    <message>
        <source>+ corridor</source>
        <translation>+ ممر</translation>
    </message>
    <message>
        <source>Draw need</source>
        <translation>وضع احتياج</translation>
    </message>
    <message>
        <source>+ need</source>
        <translation>+ احتياج</translation>
    </message>
    <message>
        <source>Draw facility</source>
        <translation>وضع مرفق</translation>
    </message>
    <message>
        <source>+ facility</source>
        <translation>+ مرفق</translation>
    </message>
    <message>
        <source>Draw incident</source>
        <translation>وضع حادث</translation>
    </message>
    <message>
        <source>+ incident</source>
        <translation>+ حادث</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>مساحة عمل &amp;جديدة…</translation>
    </message>
    <message>
        <source>Create an empty workspace file</source>
        <translation>إنشاء ملف مساحة عمل فارغ</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>&amp;فتح مساحة عمل…</translation>
    </message>
    <message>
        <source>Open a workspace GeoPackage</source>
        <translation>فتح ملف GeoPackage لمساحة عمل</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>فتح قاعدة بيانات ال&amp;فريق…</translation>
    </message>
    <message>
        <source>Open a workspace in a PostgreSQL/PostGIS database the team shares</source>
        <translation>فتح مساحة عمل في قاعدة بيانات PostgreSQL/PostGIS يتشاركها الفريق</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;حفظ</translation>
    </message>
    <message>
        <source>Edits are saved as they are made; this folds the journal into the file</source>
        <translation>تُحفظ التعديلات لحظة إجرائها؛ وهذا يدمج دفتر اليومية في الملف</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>ا&amp;ستيراد…</translation>
    </message>
    <message>
        <source>Import GeoJSON, GeoPackage, CSV/HXL, KML, Shapefile…</source>
        <translation>استيراد GeoJSON وGeoPackage وCSV/HXL وKML وShapefile…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>Export layers to a file</source>
        <translation>تصدير الطبقات إلى ملف</translation>
    </message>
    <message>
        <source>Export &amp;map image…</source>
        <translation>تصدير &amp;صورة الخريطة…</translation>
    </message>
    <message>
        <source>The map as shown, as a PNG or PDF with its TLP banner, legend and scale</source>
        <translation>الخريطة كما تظهر، بصيغة PNG أو PDF مع شريط TLP ومفتاح الخريطة والمقياس</translation>
    </message>
    <message>
        <source>Situation re&amp;port…</source>
        <translation>تقرير ال&amp;وضع…</translation>
    </message>
    <message>
        <source>A PDF report for a partner: map, exposure, corridors, needs, alerts</source>
        <translation>تقرير PDF لشريك: الخريطة والتعرض والممرات والاحتياجات والتنبيهات</translation>
    </message>
    <message>
        <source>&amp;Briefing map…</source>
        <translation>&amp;خريطة الإحاطة…</translation>
    </message>
    <message>
        <source>One HTML file of what a partner may see, to open in any browser with no network</source>
        <translation>ملف HTML واحد بما يجوز للشريك رؤيته، يُفتح في أي متصفح دون شبكة</translation>
    </message>
    <message>
        <source>&amp;TAK data package…</source>
        <translation>حزمة بيانات &amp;TAK…</translation>
    </message>
    <message>
        <source>What a partner may see, as a data package for its ATAK or WinTAK teams</source>
        <translation>ما يحق للشريك رؤيته، في حزمة بيانات لفرقه العاملة بـ ATAK أو WinTAK</translation>
    </message>
    <message>
        <source>New e&amp;xercise…</source>
        <translation>ت&amp;مرين جديد…</translation>
    </message>
    <message>
        <source>Copy this workspace as an exercise: flagged everywhere, isolated from real data, on its own scenario clock</source>
        <translation>نسخ مساحة العمل هذه كتمرين: موسوم في كل مكان، معزول عن البيانات الحقيقية، وبساعة سيناريو خاصة به</translation>
    </message>
    <message>
        <source>S&amp;ync with the team database</source>
        <translation>م&amp;زامنة مع قاعدة بيانات الفريق</translation>
    </message>
    <message>
        <source>&amp;Close workspace</source>
        <translation>إ&amp;غلاق مساحة العمل</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>&amp;Delete selected features</source>
        <translation>&amp;حذف العناصر المحددة</translation>
    </message>
    <message>
        <source>Delete the selected features (undoable)</source>
        <translation>حذف العناصر المحددة (قابل للتراجع)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>تحديد ا&amp;لكل</translation>
    </message>
    <message>
        <source>Select every feature of the current layer</source>
        <translation>تحديد كل عناصر الطبقة الحالية</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>مسح التحديد</translation>
    </message>
    <message>
        <source>Cancel drawing</source>
        <translation>إلغاء الرسم</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>ت&amp;كبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>Zoom to &amp;full extent</source>
        <translation>تكبير إلى ال&amp;نطاق الكامل</translation>
    </message>
    <message>
        <source>Show every layer</source>
        <translation>إظهار كل الطبقات</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>تكبير إلى ال&amp;تحديد</translation>
    </message>
    <message>
        <source>Show the selected features</source>
        <translation>إظهار العناصر المحددة</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <comment>toolbar</comment>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <comment>toolbar</comment>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Full extent</source>
        <comment>toolbar</comment>
        <translation>النطاق الكامل</translation>
    </message>
    <message>
        <source>Selection</source>
        <comment>toolbar: zoom to the selection</comment>
        <translation>التحديد</translation>
    </message>
    <message>
        <source>Show &amp;markings</source>
        <translation>إظهار ال&amp;وسوم</translation>
    </message>
    <message>
        <source>Show each feature&apos;s TLP marking on the map</source>
        <translation>إظهار وسم TLP لكل عنصر على الخريطة</translation>
    </message>
    <message>
        <source>R&amp;eplay…</source>
        <translation>إ&amp;عادة التشغيل…</translation>
    </message>
    <message>
        <source>Play the workspace&apos;s recorded history on the map, read-only: the picture as it was at each moment something changed</source>
        <translation>تشغيل السجل المحفوظ لمساحة العمل على الخريطة، للقراءة فقط: الصورة كما كانت في كل لحظة تغيّر فيها شيء</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>Re-read the map and panels for changes made in other tools (QGIS, scripts) and check them</source>
        <translation>إعادة قراءة الخريطة واللوحات بحثاً عن تعديلات أُجريت في أدوات أخرى (QGIS، نصوص برمجية) والتحقق منها</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;تحريك</translation>
    </message>
    <message>
        <source>Drag to move the map</source>
        <translation>اسحب لتحريك الخريطة</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>ت&amp;حديد</translation>
    </message>
    <message>
        <source>Click or drag a rectangle to select features</source>
        <translation>انقر أو اسحب مستطيلاً لتحديد العناصر</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>ت&amp;عريف</translation>
    </message>
    <message>
        <source>Click a feature to see its fields</source>
        <translation>انقر على عنصر لترى حقوله</translation>
    </message>
    <message>
        <source>Edit &amp;vertices</source>
        <translation>تعديل ال&amp;رؤوس</translation>
    </message>
    <message>
        <source>Drag the vertices of the selected feature</source>
        <translation>اسحب رؤوس العنصر المحدد</translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation>ال&amp;التقاط</translation>
    </message>
    <message>
        <source>New and moved vertices snap to nearby vertices and roads</source>
        <translation>تلتقط الرؤوس الجديدة والمنقولة الرؤوس والطرق القريبة</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>قياس ال&amp;مسافة</translation>
    </message>
    <message>
        <source>Click points along a way: each segment and the total, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>انقر نقاطًا على طول مسار: طول كل مقطع والمجموع على الإهليلجي؛ النقر المزدوج أو Enter ينهي، وEsc يمسح</translation>
    </message>
    <message>
        <source>Distance</source>
        <comment>toolbar: measure a distance</comment>
        <translation>المسافة</translation>
    </message>
    <message>
        <source>Measure &amp;area</source>
        <translation>قياس ال&amp;مساحة</translation>
    </message>
    <message>
        <source>Click the corners of an area: its area and perimeter, on the ellipsoid; double-click or Enter ends, Esc clears</source>
        <translation>انقر زوايا منطقة: مساحتها ومحيطها على الإهليلجي؛ النقر المزدوج أو Enter ينهي، وEsc يمسح</translation>
    </message>
    <message>
        <source>Area</source>
        <comment>toolbar: measure an area</comment>
        <translation>المساحة</translation>
    </message>
    <message>
        <source>then click on the map; Esc cancels</source>
        <translation>ثم انقر على الخريطة؛ Esc للإلغاء</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find a feature by its name, or go to a place: lat,lon, degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS</source>
        <translation>ابحث عن عنصر باسمه، أو انتقل إلى مكان: lat,lon، أو درجات (17°45&apos;30&quot;S 128°30&apos;E)، أو MGRS</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>إعادة ت&amp;خطيط النوافذ</translation>
    </message>
    <message>
        <source>Put the panels and toolbars back where they were at first</source>
        <translation>إعادة اللوحات وأشرطة الأدوات إلى أماكنها الأولى</translation>
    </message>
    <message>
        <source>Reopen the last workspace at start</source>
        <translation>إعادة فتح آخر مساحة عمل عند البدء</translation>
    </message>
    <message>
        <source>Open the workspace used last when HumanOps starts, if it is still there; otherwise the start page</source>
        <translation>فتح آخر مساحة عمل مستخدمة عند بدء HumanOps إن كانت لا تزال موجودة؛ وإلا فصفحة البدء</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;دليل المستخدم</translation>
    </message>
    <message>
        <source>How to use HumanOps, in short</source>
        <translation>كيفية استخدام HumanOps باختصار</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات &amp;لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Every shortcut of the app, from its menus</source>
        <translation>جميع اختصارات التطبيق، من قوائمه</translation>
    </message>
    <message>
        <source>&amp;About HumanOps</source>
        <translation>&amp;حول HumanOps</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>فتح &amp;الأخيرة</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>ال&amp;لوحات</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>&amp;طبقة</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;أدوات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>شريط الأدوات الرئيسي</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>الرسم</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>القياس</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>البحث</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <source>Takes effect when HumanOps restarts</source>
        <translation>يسري عند إعادة تشغيل HumanOps</translation>
    </message>
    <message>
        <source>HumanOps will start in {language} next time.</source>
        <translation>سيبدأ HumanOps باللغة {language} في المرة القادمة.</translation>
    </message>
    <message>
        <source>For now {variable}={value} decides the language: it overrides this choice.</source>
        <translation>حالياً يحدد {variable}={value} اللغة: وهو يتقدم على هذا الاختيار.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>window hook {name}</source>
        <translation>امتداد النافذة {name}</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>العنصر</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>جدول السمات</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>التنبيهات</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>المشاكل</translation>
    </message>
    <message>
        <source>panel “{title}”</source>
        <translation>اللوحة «{title}»</translation>
    </message>
    <message>
        <source>Cursor position, WGS 84</source>
        <translation>موضع المؤشر، WGS 84</translation>
    </message>
    <message>
        <source>Cursor position on the military grid (MGRS), or UTM</source>
        <translation>موضع المؤشر على الشبكة العسكرية (MGRS)، أو UTM</translation>
    </message>
    <message>
        <source>Map scale at the centre of the view</source>
        <translation>مقياس الخريطة في وسط العرض</translation>
    </message>
    <message>
        <source>{name} stays open.</source>
        <translation>يبقى {name} مفتوحاً.</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>يتعذر فتح مساحة العمل</translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s), organisation {org}.</source>
        <translation>
            <numerusform>فُتح {name}: لا عناصر (%Ln)، المنظمة {org}.</numerusform>
            <numerusform>فُتح {name}: عنصر واحد (%Ln)، المنظمة {org}.</numerusform>
            <numerusform>فُتح {name}: عنصران (%Ln)، المنظمة {org}.</numerusform>
            <numerusform>فُتح {name}: %Ln عناصر، المنظمة {org}.</numerusform>
            <numerusform>فُتح {name}: %Ln عنصراً، المنظمة {org}.</numerusform>
            <numerusform>فُتح {name}: %Ln عنصر، المنظمة {org}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened {name}: %Ln feature(s).</source>
        <translation>
            <numerusform>فُتح {name}: لا عناصر (%Ln).</numerusform>
            <numerusform>فُتح {name}: عنصر واحد (%Ln).</numerusform>
            <numerusform>فُتح {name}: عنصران (%Ln).</numerusform>
            <numerusform>فُتح {name}: %Ln عناصر.</numerusform>
            <numerusform>فُتح {name}: %Ln عنصراً.</numerusform>
            <numerusform>فُتح {name}: %Ln عنصر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>فتح مساحة عمل</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg);;All files (*)</source>
        <translation>مساحة عمل GeoPackage (*.gpkg);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in the team database the moment it is made.</source>
        <translation>تم الحفظ. كل تعديل يُخزَّن في قاعدة بيانات الفريق لحظة إجرائه.</translation>
    </message>
    <message>
        <source>Saved. Every edit is stored in {name} the moment it is made; the file is complete on its own (copy it, send it, open it in QGIS).</source>
        <translation>حُفظ. يُخزَّن كل تعديل في {name} لحظة إجرائه؛ والملف مكتمل بذاته (انسخه أو أرسله أو افتحه في QGIS).</translation>
    </message>
    <message>
        <source>a drawing that is not finished</source>
        <translation>رسم لم يكتمل</translation>
    </message>
    <message>
        <source>a new feature whose form is not yet confirmed</source>
        <translation>عنصر جديد لم يُؤكَّد نموذجه بعد</translation>
    </message>
    <message>
        <source>changed fields not yet applied</source>
        <translation>حقول معدَّلة لم تُطبَّق بعد</translation>
    </message>
    <message>
        <source>a changed marking not yet applied</source>
        <translation>وسم معدَّل لم يُطبَّق بعد</translation>
    </message>
    <message>
        <source>Unsaved work</source>
        <translation>عمل غير محفوظ</translation>
    </message>
    <message>
        <source>There is {items}.

Save it before closing?</source>
        <translation>لم يُحفظ بعد: {items}.

هل تحفظه قبل الإغلاق؟</translation>
    </message>
    <message>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <source>The new feature&apos;s form has a problem: fix it or discard it, then close again.</source>
        <translation>في نموذج العنصر الجديد مشكلة: أصلحها أو تخلَّ عنه، ثم أغلق مرة أخرى.</translation>
    </message>
    <message>
        <source>Confirm the new feature&apos;s form, then close again.</source>
        <translation>أكِّد نموذج العنصر الجديد، ثم أغلق مرة أخرى.</translation>
    </message>
    <message>
        <source>The drawing has too few points to be saved: continue it or discard it.</source>
        <translation>الرسم فيه نقاط أقل من أن يُحفظ: أكمله أو تخلَّ عنه.</translation>
    </message>
    <message>
        <source>The fields cannot be applied: see the message in the panel.</source>
        <translation>لا يمكن تطبيق الحقول: انظر الرسالة في اللوحة.</translation>
    </message>
    <message>
        <source>The marking cannot be applied: see the message in the panel.</source>
        <translation>لا يمكن تطبيق الوسم: انظر الرسالة في اللوحة.</translation>
    </message>
    <message>
        <source>Answer the question about proposing your change first.</source>
        <translation>أجب أولاً عن السؤال الخاص باقتراح تعديلك.</translation>
    </message>
    <message>
        <source>The panels and toolbars are back in their first places.</source>
        <translation>عادت اللوحات وأشرطة الأدوات إلى أماكنها الأولى.</translation>
    </message>
    <message>
        <source>HumanOps will open the last workspace when it starts.</source>
        <translation>سيفتح HumanOps آخر مساحة عمل عند بدئه.</translation>
    </message>
    <message>
        <source>HumanOps will start on the start page.</source>
        <translation>سيبدأ HumanOps على صفحة البدء.</translation>
    </message>
    <message>
        <source>Selected {feature} ({place} of {count} here: click again for the next, right-click to choose).</source>
        <translation>حُدّد {feature} ({place} من {count} هنا: انقر مجدداً للتالي، أو انقر بالزر الأيمن للاختيار).</translation>
    </message>
    <message>
        <source>Selected {feature}.</source>
        <translation>حُدّد {feature}.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>أُلغي.</translation>
    </message>
    <message numerus="yes">
        <source>Selected %Ln feature(s) of {layer}.</source>
        <translation>
            <numerusform>لم يُحدَّد أي عنصر من «{layer}» (%Ln).</numerusform>
            <numerusform>حُدِّد عنصر واحد من «{layer}» (%Ln).</numerusform>
            <numerusform>حُدِّد عنصران من «{layer}» (%Ln).</numerusform>
            <numerusform>حُدِّدت %Ln عناصر من «{layer}».</numerusform>
            <numerusform>حُدِّد %Ln عنصراً من «{layer}».</numerusform>
            <numerusform>حُدِّد %Ln عنصر من «{layer}».</numerusform>
        </translation>
    </message>
    <message>
        <source>Snapping to vertices and roads on.</source>
        <translation>الالتقاط إلى الرؤوس والطرق مفعّل.</translation>
    </message>
    <message>
        <source>Snapping to vertices and roads off.</source>
        <translation>الالتقاط إلى الرؤوس والطرق معطّل.</translation>
    </message>
    <message>
        <source>Showing features of all times.</source>
        <translation>عرض العناصر في كل الأوقات.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) selected.</source>
        <translation>
            <numerusform>لم يُحدَّد أي عنصر (%Ln).</numerusform>
            <numerusform>حُدِّد عنصر واحد (%Ln).</numerusform>
            <numerusform>حُدِّد عنصران (%Ln).</numerusform>
            <numerusform>حُدِّدت %Ln عناصر.</numerusform>
            <numerusform>حُدِّد %Ln عنصراً.</numerusform>
            <numerusform>حُدِّد %Ln عنصر.</numerusform>
        </translation>
    </message>
    <message>
        <source>The form cannot show this feature until the tool that wrote it fixes it: {reason}</source>
        <translation>لا يستطيع النموذج عرض هذا العنصر حتى تصلحه الأداة التي كتبته: {reason}</translation>
    </message>
    <message>
        <source>The panel keeps your unapplied changes: Apply or Revert them.</source>
        <translation>تحتفظ اللوحة بتغييراتك غير المطبقة: طبّقها أو تراجع عنها.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln feature(s).</source>
        <translation>
            <numerusform>لم يُستورد أي عنصر (%Ln).</numerusform>
            <numerusform>استُورد عنصر واحد (%Ln).</numerusform>
            <numerusform>استُورد عنصران (%Ln).</numerusform>
            <numerusform>استُوردت %Ln عناصر.</numerusform>
            <numerusform>استُورد %Ln عنصراً.</numerusform>
            <numerusform>استُورد %Ln عنصر.</numerusform>
        </translation>
    </message>
    <message>
        <source>Map written to {file}.</source>
        <translation>كُتبت الخريطة في {file}.</translation>
    </message>
    <message>
        <source>Situation report written to {file}.</source>
        <translation>كُتب تقرير الوضع في {file}.</translation>
    </message>
    <message>
        <source>Briefing map written to {file}.</source>
        <translation>كُتبت خريطة الإحاطة في {file}.</translation>
    </message>
    <message>
        <source>TAK brief written to {file}.</source>
        <translation>كُتبت إحاطة TAK في {file}.</translation>
    </message>
    <message>
        <source>internal error in “{entry}”: {error}: {message}</source>
        <translation>خطأ داخلي في «{entry}»: {error}: {message}</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>لا شيء مفتوح</translation>
    </message>
    <message>
        <source>About HumanOps</source>
        <translation>حول HumanOps</translation>
    </message>
    <message>
        <source>&lt;p&gt;An offline common operational picture for the partners of a humanitarian response: danger zones, corridors, civilian needs and facilities, shared through signed, encrypted files that enforce TLP 2.0 markings.&lt;/p&gt;&lt;p&gt;Workspace: {workspace}&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;صورة عملياتية مشتركة دون اتصال بالشبكة لشركاء الاستجابة الإنسانية: مناطق الخطر والممرات واحتياجات المدنيين والمرافق، تُتبادل عبر ملفات موقّعة ومشفّرة تفرض علامات TLP 2.0.&lt;/p&gt;&lt;p&gt;مساحة العمل: {workspace}&lt;/p&gt;&lt;p&gt;مرخّص بموجب رخصة Apache 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reopened {name}, the last workspace used (File › Reopen the last workspace at start).</source>
        <translation>أُعيد فتح {name}، آخر مساحة عمل مستخدمة (ملف › إعادة فتح آخر مساحة عمل عند البدء).</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>{layer} are still loading: click again in a moment to list these features.</source>
        <translation>لا تزال {layer} قيد التحميل: انقر مرة أخرى بعد قليل لعرض هذه العناصر.</translation>
    </message>
    <message>
        <source>Loading {layers}…</source>
        <translation>جارٍ تحميل {layers}…</translation>
    </message>
    <message>
        <source>{layer} failed to load</source>
        <translation>{layer}: فشل التحميل</translation>
    </message>
    <message>
        <source>{layer} failed to draw</source>
        <translation>{layer}: فشل الرسم</translation>
    </message>
    <message>
        <source>{failures}: the map may be missing some or all of them. See the Layers panel.</source>
        <translation>{failures}: قد تفتقد الخريطة بعضها أو كلها. انظر لوحة الطبقات.</translation>
    </message>
    <message>
        <source>drawing the map ({part})</source>
        <translation>رسم الخريطة ({part})</translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>Recipients can spread this to the world; there is no limit on disclosure.</source>
        <translation>يمكن للمستلمين نشر هذا للعالم؛ ولا حدّ للإفصاح.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can spread this within their community.</source>
        <translation>إفصاح محدود: يمكن للمستلمين نشر هذا داخل مجتمعهم.</translation>
    </message>
    <message>
        <source>Limited disclosure: recipients can only spread this on a need-to-know basis within their organisation and its clients.</source>
        <translation>إفصاح محدود: لا يمكن للمستلمين نشر هذا إلا على أساس الحاجة إلى المعرفة داخل منظمتهم وعملائها.</translation>
    </message>
    <message>
        <source>Limited disclosure: restricted to the recipient&apos;s organisation only.</source>
        <translation>إفصاح محدود: مقصور على منظمة المستلم وحدها.</translation>
    </message>
    <message>
        <source>For the eyes and ears of individual recipients only; no further disclosure.</source>
        <translation>لأعين وآذان المستلمين الأفراد فقط؛ ولا إفصاح إضافي.</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>مفتاح الخريطة</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>all times</source>
        <translation>كل الأوقات</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>أُعدّ في {time} بواسطة {who}</translation>
    </message>
    <message>
        <source>Made {time}</source>
        <translation>أُعدّ في {time}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>صالح في {time}</translation>
    </message>
    <message>
        <source>the basemap</source>
        <translation>الخريطة الأساسية</translation>
    </message>
    <message>
        <source>the labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <source>the markings</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>{what} could not be drawn: {reason}</source>
        <translation>تعذّر رسم {what}: {reason}</translation>
    </message>
    <message>
        <source>Made with HumanOps by {who} · valid at {time}</source>
        <translation>أُعدّ باستخدام HumanOps بواسطة {who} · صالح في {time}</translation>
    </message>
    <message>
        <source>Made with HumanOps · valid at {time}</source>
        <translation>أُعدّ باستخدام HumanOps · صالح في {time}</translation>
    </message>
    <message>
        <source>Basemap: {name} · Web Mercator</source>
        <translation>الخريطة الأساسية: {name} · Web Mercator</translation>
    </message>
    <message>
        <source>writing the PNG</source>
        <translation>كتابة ملف PNG</translation>
    </message>
    <message>
        <source>could not write the PNG image (is the folder writable, the disk full?)</source>
        <translation>تعذّرت كتابة صورة PNG (هل المجلد قابل للكتابة، أم القرص ممتلئ؟)</translation>
    </message>
    <message>
        <source>written</source>
        <translation>كُتب</translation>
    </message>
    <message>
        <source>writing the PDF</source>
        <translation>كتابة ملف PDF</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <source>Export map image</source>
        <translation>تصدير صورة الخريطة</translation>
    </message>
    <message>
        <source>The map as it is shown now, with everything it draws: not filtered for a partner. The TLP banner of the highest marking drawn, the date and the valid-at time are always on it.</source>
        <translation>الخريطة كما تظهر الآن، بكل ما ترسمه: دون تصفية لأي شريك. يظهر عليها دائماً شريط TLP لأعلى وسم مرسوم والتاريخ ووقت الصلاحية.</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>صورة PNG</translation>
    </message>
    <message>
        <source>PDF document (one page)</source>
        <translation>مستند PDF (صفحة واحدة)</translation>
    </message>
    <message>
        <source>Map of {workspace}</source>
        <translation>خريطة {workspace}</translation>
    </message>
    <message>
        <source> px</source>
        <translation> بكسل</translation>
    </message>
    <message>
        <source>{dpi} dpi</source>
        <translation>{dpi} نقطة/بوصة</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>أفقي</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>عمودي</translation>
    </message>
    <message>
        <source>map at {dpi} dpi</source>
        <translation>الخريطة بدقة {dpi} نقطة/بوصة</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>مفتاح الخريطة</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>شريط المقياس</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>سهم الشمال</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>التسميات</translation>
    </message>
    <message>
        <source>where to write the map (.png or .pdf)</source>
        <translation>أين تُكتب الخريطة (‎.png أو ‎.pdf)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>تضمين</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>جارٍ رسم المعاينة…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>{title} failed to load: not on this map</source>
        <translation>تعذّر تحميل {title}: غير موجود في هذه الخريطة</translation>
    </message>
    <message>
        <source>Our map as shown: not filtered for any partner</source>
        <translation>خريطتنا كما تُعرض: دون تصفية لأي شريك</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>مستند PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the map to</source>
        <translation>تصدير الخريطة إلى</translation>
    </message>
    <message>
        <source>Waiting for {layers} to load…</source>
        <translation>في انتظار تحميل {layers}…</translation>
    </message>
    <message>
        <source>Choose where to write the map.</source>
        <translation>اختر أين تُكتب الخريطة.</translation>
    </message>
    <message>
        <source>Preview: TLP:{tlp}</source>
        <translation>معاينة: TLP:{tlp}</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <translation>جارٍ رسم الخريطة…</translation>
    </message>
    <message>
        <source>No map was written: {reason}</source>
        <translation>لم تُكتب أي خريطة: {reason}</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes), marked TLP:{tlp}.</source>
        <translation>كُتب {file} ({size} بايت)، بوسم TLP:{tlp}.</translation>
    </message>
    <message>
        <source>Cancelled: no map was written.</source>
        <translation>أُلغي: لم تُكتب أي خريطة.</translation>
    </message>
    <message>
        <source>Writing the map</source>
        <translation>كتابة الخريطة</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>Select…</source>
        <translation>تحديد…</translation>
    </message>
</context>
<context>
    <name>MappingPanel</name>
    <message>
        <source>(none: guess from the file)</source>
        <translation>(لا شيء: تخمين من الملف)</translation>
    </message>
    <message>
        <source>Field mapping (required fields marked *)</source>
        <translation>مطابقة الحقول (الحقول الإلزامية معلَّمة بـ *)</translation>
    </message>
    <message>
        <source>name, e.g. kobo-shelters</source>
        <translation>الاسم، مثلاً kobo-shelters</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>حفظ الملف التعريفي</translation>
    </message>
    <message>
        <source>Keep this mapping in the workspace for the next file of the same shape</source>
        <translation>الاحتفاظ بهذه المطابقة في مساحة العمل للملف التالي بالبنية نفسها</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>الملف التعريفي</translation>
    </message>
    <message>
        <source>Preview: Check reads the file and shows its first rows as they would be imported.</source>
        <translation>معاينة: «تحقق» يقرأ الملف ويعرض صفوفه الأولى كما ستُستورد.</translation>
    </message>
    <message numerus="yes">
        <source>Preview: the first %Ln row(s) as they would be imported (nothing is written until Import).</source>
        <translation>
            <numerusform>معاينة: أول %Ln صف كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
            <numerusform>معاينة: أول %Ln صف كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
            <numerusform>معاينة: أول %Ln صفين كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
            <numerusform>معاينة: أول %Ln صفوف كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
            <numerusform>معاينة: أول %Ln صف كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
            <numerusform>معاينة: أول %Ln صف كما ستُستورد (لا يُكتب شيء قبل «استيراد»).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>(not imported)</source>
        <translation>(لا يُستورد)</translation>
    </message>
    <message>
        <source>(one value for all)</source>
        <translation>(قيمة واحدة للجميع)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>From column</source>
        <translation>من العمود</translation>
    </message>
    <message>
        <source>Value for every feature</source>
        <translation>قيمة لكل عنصر</translation>
    </message>
    <message>
        <source>{name} ({type}), required</source>
        <translation>{name} ({type})، إلزامي</translation>
    </message>
    <message>
        <source>{name} ({type})</source>
        <translation>{name} ({type})</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>عدد صحيح</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>text</source>
        <translation>نص</translation>
    </message>
</context>
<context>
    <name>MarkingEditor</name>
    <message>
        <source>Anyone: no limit on disclosure.</source>
        <translation>أي شخص: لا قيود على الإفصاح.</translation>
    </message>
    <message>
        <source>Members of the communities the originator shares with; not public.</source>
        <translation>أعضاء المجتمعات التي تشارك معها الجهة المنشئة؛ غير علني.</translation>
    </message>
    <message>
        <source>Only the organisations named below, and only to those who need to know.</source>
        <translation>المنظمات المذكورة أدناه فقط، ولمن يحتاج إلى المعرفة فقط.</translation>
    </message>
    <message>
        <source>Only the organisations named below; they do not pass it on.</source>
        <translation>المنظمات المذكورة أدناه فقط؛ ولا تمرّره إلى غيرها.</translation>
    </message>
    <message>
        <source>Only the named recipients, for their eyes: never passed on.</source>
        <translation>المستلمون المسمّون فقط، لاطلاعهم وحدهم: لا يُمرَّر أبداً.</translation>
    </message>
    <message>
        <source>No onward sharing</source>
        <translation>لا مشاركة لاحقة</translation>
    </message>
    <message>
        <source>Recipients never pass it on, whatever its TLP level</source>
        <translation>لا يمرّره المستلمون أبداً، أياً كان مستوى TLP</translation>
    </message>
    <message>
        <source>No public release</source>
        <translation>لا نشر علني</translation>
    </message>
    <message>
        <source>Never published, even in public briefings</source>
        <translation>لا يُنشر أبداً، حتى في الإحاطات العامة</translation>
    </message>
    <message>
        <source>Protection-sensitive</source>
        <translation>حساس للحماية</translation>
    </message>
    <message>
        <source>Data about people at risk: handle as protection data</source>
        <translation>بيانات عن أشخاص معرّضين للخطر: تُعامل كبيانات حماية</translation>
    </message>
    <message>
        <source>{name} ({id}, community)</source>
        <translation>{name} ({id}، مجتمع)</translation>
    </message>
    <message>
        <source>Organisations and communities this feature may be given to</source>
        <translation>المنظمات والمجتمعات التي يجوز تسليم هذا العنصر إليها</translation>
    </message>
    <message>
        <source>organisation or community ids, comma-separated</source>
        <translation>معرّفات المنظمات أو المجتمعات، مفصولة بفواصل</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبداً</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>دقيق</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>شبكة</translation>
    </message>
    <message>
        <source>admin area</source>
        <translation>منطقة إدارية</translation>
    </message>
    <message>
        <source>Exact location, or generalised to a grid cell or an administrative area for those not entitled to the exact location</source>
        <translation>الموقع الدقيق، أو معمَّم إلى خلية شبكة أو منطقة إدارية لمن لا يحق له الاطلاع على الموقع الدقيق</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>م</translation>
    </message>
    <message>
        <source>no suppression</source>
        <translation>دون حجب</translation>
    </message>
    <message>
        <source>withhold below</source>
        <translation>الحجب دون</translation>
    </message>
    <message>
        <source>people</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Cells or areas with fewer people than this are withheld (k-anonymity)</source>
        <translation>تُحجب الخلايا أو المناطق التي يقل عدد سكانها عن ذلك (إخفاء الهوية k)</translation>
    </message>
    <message>
        <source>TLP 2.0 level</source>
        <translation>مستوى TLP 2.0</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>مسموح بمشاركته مع</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>القيود</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>ينتهي</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>other ids not in the directory, comma-separated</source>
        <translation>معرّفات أخرى غير موجودة في الدليل، مفصولة بفواصل</translation>
    </message>
    <message>
        <source>No partner directory yet: type the ids.</source>
        <translation>لا يوجد دليل شركاء بعد: اكتب المعرّفات.</translation>
    </message>
    <message>
        <source>The expiry is in the past: the feature will no longer be shared with anyone.</source>
        <translation>تاريخ الانتهاء في الماضي: لن يُشارك العنصر مع أي أحد بعد الآن.</translation>
    </message>
</context>
<context>
    <name>MarkingPanel</name>
    <message>
        <source>Select one feature to see and change its marking.</source>
        <translation>حدد عنصراً واحداً لترى وسمه وتغيّره.</translation>
    </message>
    <message>
        <source>Store the new marking as a new version (undoable)</source>
        <translation>تخزين الوسم الجديد كإصدار جديد (قابل للتراجع)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(بلا اسم)</translation>
    </message>
    <message>
        <source>Marking of &lt;b&gt;{name}&lt;/b&gt; — {kind}</source>
        <translation>وسم &lt;b&gt;{name}&lt;/b&gt; — {kind}</translation>
    </message>
    <message>
        <source>Keep the stricter marking for what you pass on (its originator&apos;s version is kept; undoable)</source>
        <translation>الإبقاء على الوسم الأشد لما تمرّره (تُحفظ نسخة الجهة المنشئة؛ قابل للتراجع)</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation>غير مسموح: {reason}</translation>
    </message>
</context>
<context>
    <name>MeasureTool</name>
    <message>
        <source>{n} m</source>
        <translation>{n} م</translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation>{n} كم</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n} م²</translation>
    </message>
    <message>
        <source>{n} ha</source>
        <translation>{n} هكتار</translation>
    </message>
    <message>
        <source>{n} km²</source>
        <translation>{n} كم²</translation>
    </message>
    <message>
        <source>Area: click at least three corners (double-click or Enter ends, Esc clears).</source>
        <translation>المساحة: انقر ثلاث زوايا على الأقل (النقر المزدوج أو Enter ينهي، وEsc يمسح).</translation>
    </message>
    <message>
        <source>Area {area} · perimeter {perimeter} (sides {segments})</source>
        <translation>المساحة {area} · المحيط {perimeter} (الأضلاع {segments})</translation>
    </message>
    <message>
        <source>Distance: click the next point (double-click or Enter ends, Esc clears).</source>
        <translation>المسافة: انقر النقطة التالية (النقر المزدوج أو Enter ينهي، وEsc يمسح).</translation>
    </message>
    <message>
        <source>Distance {total} (segments {segments})</source>
        <translation>المسافة {total} (المقاطع {segments})</translation>
    </message>
</context>
<context>
    <name>NewExerciseDialog</name>
    <message>
        <source>New exercise</source>
        <translation>تمرين جديد</translation>
    </message>
    <message>
        <source>A copy of this workspace flagged as an exercise: “EXERCISE — name” on the map, the title bar and everything made from it; it never exchanges packages with real workspaces, and runs on its own scenario clock, paused at T+0 until you start it. This workspace is only read.</source>
        <translation>نسخة من مساحة العمل هذه موسومة كتمرين: «EXERCISE — الاسم» على الخريطة وفي شريط العنوان وعلى كل ما يُصنع منها؛ لا تتبادل أبدًا الحزم مع مساحات عمل حقيقية، وتعمل بساعة سيناريو خاصة بها متوقفة عند T+0 حتى تبدأها. تُقرأ مساحة العمل هذه فقط.</translation>
    </message>
    <message>
        <source>e.g. Kavera Flood 2026 (the same name for every participant)</source>
        <translation>مثلًا Kavera Flood 2026 (الاسم نفسه لكل مشارك)</translation>
    </message>
    <message>
        <source>The scenario time at T+0 (default: this workspace&apos;s own clock)</source>
        <translation>وقت السيناريو عند T+0 (افتراضيًا: ساعة مساحة العمل هذه)</translation>
    </message>
    <message>
        <source>the new exercise workspace (.gpkg)</source>
        <translation>مساحة عمل التمرين الجديدة (‎.gpkg)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Controller</source>
        <translation>المنظمة المتحكمة</translation>
    </message>
    <message>
        <source>Starts at (T+0)</source>
        <translation>يبدأ عند (T+0)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>Open the exercise</source>
        <translation>فتح التمرين</translation>
    </message>
    <message>
        <source>Open the new exercise in this window (this workspace closes)</source>
        <translation>فتح التمرين الجديد في هذه النافذة (تُغلق مساحة العمل هذه)</translation>
    </message>
    <message>
        <source>{org} (us)</source>
        <translation>{org} (نحن)</translation>
    </message>
    <message>
        <source>Write the exercise to</source>
        <translation>كتابة التمرين في</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>مساحة عمل GeoPackage ‏(*.gpkg)</translation>
    </message>
    <message>
        <source>This workspace is the exercise “{name}”: an exercise is made from a real workspace or the demo, never from another exercise (its audit log, alerts and played injects would come along and be counted in the new exercise&apos;s report). Open the workspace it was made from.</source>
        <translation>مساحة العمل هذه هي التمرين «{name}»: يُصنع التمرين من مساحة عمل حقيقية أو من العرض التوضيحي، ولا يُصنع أبدًا من تمرين آخر (سينتقل سجل تدقيقه وتنبيهاته وأحداثه المُدرجة المُنفَّذة وتُحتسب في تقرير التمرين الجديد). افتح مساحة العمل التي صُنع منها.</translation>
    </message>
    <message>
        <source>An exercise is copied from a workspace file (GeoPackage): copy a team database to a file first (humanops copy).</source>
        <translation>يُنسخ التمرين من ملف مساحة عمل (GeoPackage): انسخ قاعدة بيانات الفريق إلى ملف أولًا (humanops copy).</translation>
    </message>
    <message>
        <source>Give the exercise a name.</source>
        <translation>أعطِ التمرين اسمًا.</translation>
    </message>
    <message>
        <source>The name must be 1 to 80 printable characters on one line.</source>
        <translation>يجب أن يتكون الاسم من 1 إلى 80 حرفًا قابلًا للطباعة على سطر واحد.</translation>
    </message>
    <message>
        <source>Choose where to write the exercise.</source>
        <translation>اختر مكان كتابة التمرين.</translation>
    </message>
    <message>
        <source>A workspace file must end in .gpkg.</source>
        <translation>يجب أن ينتهي ملف مساحة العمل بـ ‎.gpkg.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>هذه مساحة العمل نفسها: اختر ملفًا آخر.</translation>
    </message>
    <message>
        <source>{file} exists already: an exercise is written to a new file.</source>
        <translation>{file} موجود بالفعل: يُكتب التمرين في ملف جديد.</translation>
    </message>
    <message>
        <source>Made {file}: {banner}, controller {controller}. Its scenario clock is paused at T+0: open it and press Resume (or Exercise › Scenario clock…) to start.</source>
        <translation>أُنشئ {file}: {banner}، المنظمة المتحكمة {controller}. ساعة السيناريو الخاصة به متوقفة عند T+0: افتحه واضغط استئناف (أو تمرين › ساعة السيناريو…) للبدء.</translation>
    </message>
    <message>
        <source>No exercise was made: {reason}</source>
        <translation>لم يُنشأ أي تمرين: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no exercise was made.</source>
        <translation>أُلغي: لم يُنشأ أي تمرين.</translation>
    </message>
    <message>
        <source>Making the exercise</source>
        <translation>جارٍ إنشاء التمرين</translation>
    </message>
</context>
<context>
    <name>NewFeatureDialog</name>
    <message>
        <source>at {lat}, {lon}</source>
        <translation>عند {lat}، {lon}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln vertices</source>
        <translation>
            <numerusform>%Ln رأس</numerusform>
            <numerusform>%Ln رأس</numerusform>
            <numerusform>%Ln رأسان</numerusform>
            <numerusform>%Ln رؤوس</numerusform>
            <numerusform>%Ln رأس</numerusform>
            <numerusform>%Ln رأس</numerusform>
        </translation>
    </message>
    <message>
        <source>New {kind}</source>
        <translation>{kind} جديد</translation>
    </message>
    <message>
        <source>&lt;b&gt;New {kind}&lt;/b&gt; ({where}). Fields marked * are required.</source>
        <translation>&lt;b&gt;{kind} جديد&lt;/b&gt; ({where}). الحقول المعلَّمة بـ * إلزامية.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>الحقول</translation>
    </message>
    <message>
        <source>Marking (the layer&apos;s default)</source>
        <translation>الوسم (الافتراضي للطبقة)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>New workspace</source>
        <translation>مساحة عمل جديدة</translation>
    </message>
    <message>
        <source>A workspace is one GeoPackage file holding your layers, partners and keys. It also opens in QGIS.</source>
        <translation>مساحة العمل ملف GeoPackage واحد يضم طبقاتك وشركاءك ومفاتيحك. ويُفتح أيضاً في QGIS.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>مثلاً medaid</translation>
    </message>
    <message>
        <source>The originator of every feature you draw: only an originator changes its features. Partners know you by it.</source>
        <translation>الجهة المنشئة لكل عنصر ترسمه: الجهة المنشئة وحدها تعدّل عناصرها. ويعرفك الشركاء به.</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>مثلاً MedAid Relief</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>معرّف المنظمة</translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation>اسم المنظمة</translation>
    </message>
    <message>
        <source>Workspace file</source>
        <translation>ملف مساحة العمل</translation>
    </message>
    <message>
        <source>Make our keys now (to sign and open packages)</source>
        <translation>إنشاء مفاتيحنا الآن (لتوقيع الحزم وفتحها)</translation>
    </message>
    <message>
        <source>The private keys stay in the workspace, encrypted with this passphrase. Whoever holds both can sign in your organisation&apos;s name; without the passphrase nobody, you included, can send or open packages. It is never stored.</source>
        <translation>تبقى المفاتيح الخاصة في مساحة العمل، مشفّرة بعبارة المرور هذه. من يملك الاثنين يمكنه التوقيع باسم منظمتك؛ ودون عبارة المرور لا يستطيع أحد، ولا أنت، إرسال الحزم أو فتحها. ولا تُخزَّن أبداً.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>عبارة المرور مرة أخرى</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>القوة</translation>
    </message>
    <message>
        <source>optional: the response&apos;s information sharing protocol (.toml)</source>
        <translation>اختياري: بروتوكول مشاركة المعلومات الخاص بالاستجابة (‎.toml)</translation>
    </message>
    <message>
        <source>Sharing protocol</source>
        <translation>بروتوكول المشاركة</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>إنشاء مساحة العمل</translation>
    </message>
    <message>
        <source>Use several words or a long sentence: length beats symbols.</source>
        <translation>استخدم عدة كلمات أو جملة طويلة: الطول أهم من الرموز.</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>ضعيفة جداً</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>ضعيفة</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>good</source>
        <translation>جيدة</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>قوية</translation>
    </message>
    <message>
        <source>Strength: {0}.</source>
        <translation>القوة: {0}.</translation>
    </message>
    <message>
        <source>Add more words to make it harder to guess.</source>
        <translation>أضف المزيد من الكلمات لتصعب تخمينها.</translation>
    </message>
    <message>
        <source>GeoPackage workspace (*.gpkg)</source>
        <translation>مساحة عمل GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Information sharing protocol</source>
        <translation>بروتوكول مشاركة المعلومات</translation>
    </message>
    <message>
        <source>Sharing protocol (*.toml);;All files (*)</source>
        <translation>بروتوكول المشاركة (*.toml);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Your organisation&apos;s name goes on its contact card: it is needed with keys.</source>
        <translation>يُكتب اسم منظمتك على بطاقة الاتصال الخاصة بها: وهو مطلوب مع المفاتيح.</translation>
    </message>
    <message>
        <source>Choose where the workspace file goes.</source>
        <translation>اختر مكان ملف مساحة العمل.</translation>
    </message>
    <message>
        <source>Nothing was written: correct what is marked in red.</source>
        <translation>لم يُكتب شيء: صحّح ما هو معلَّم بالأحمر.</translation>
    </message>
    <message>
        <source>Creating {0}…</source>
        <translation>جارٍ إنشاء {0}…</translation>
    </message>
    <message>
        <source>Nothing was written: {0}</source>
        <translation>لم يُكتب شيء: {0}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>أُلغي: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Creating the workspace</source>
        <translation>إنشاء مساحة العمل</translation>
    </message>
</context>
<context>
    <name>NumberWidget</name>
    <message>
        <source>set</source>
        <translation>محدد</translation>
    </message>
    <message>
        <source>Untick to leave it to the operation (see the help)</source>
        <translation>ألغِ التحديد لترك الأمر للعملية (انظر المساعدة)</translation>
    </message>
</context>
<context>
    <name>OperationDialog</name>
    <message>
        <source>Run</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>إلزامي</translation>
    </message>
    <message>
        <source>{parameter}: {reason}</source>
        <translation>{parameter}: {reason}</translation>
    </message>
    <message>
        <source>Fix the values marked in red, then Run again.</source>
        <translation>صحّح القيم المعلَّمة بالأحمر، ثم شغّل مجدداً.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source>Done. {summary}</source>
        <translation>تم. {summary}</translation>
    </message>
    <message>
        <source>Stopped: nothing was changed.</source>
        <translation>توقف: لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>أُلغي: لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Click on the map: {place}. Esc cancels.</source>
        <translation>انقر على الخريطة: {place}. Esc للإلغاء.</translation>
    </message>
    <message>
        <source>{place}: picked on the map.</source>
        <translation>{place}: اختير على الخريطة.</translation>
    </message>
</context>
<context>
    <name>OwnIdentityDialog</name>
    <message>
        <source>Own identity</source>
        <translation>الهوية الخاصة</translation>
    </message>
    <message>
        <source>This workspace has no keys yet. Your organisation needs them to sign what it sends and to open what partners send it. The private keys stay in this workspace, encrypted with a passphrase; partners get only the public half, in your contact card.</source>
        <translation>مساحة العمل هذه ليس لها مفاتيح بعد. تحتاجها منظمتك لتوقيع ما ترسله وفتح ما يرسله إليها الشركاء. تبقى المفاتيح الخاصة في مساحة العمل هذه، مشفّرة بعبارة مرور؛ ولا يحصل الشركاء إلا على النصف العام، في بطاقة الاتصال الخاصة بك.</translation>
    </message>
    <message>
        <source>e.g. medaid</source>
        <translation>مثلاً medaid</translation>
    </message>
    <message>
        <source>The organisation this workspace belongs to</source>
        <translation>المنظمة التي تعود إليها مساحة العمل هذه</translation>
    </message>
    <message>
        <source>e.g. MedAid Relief</source>
        <translation>مثلاً MedAid Relief</translation>
    </message>
    <message>
        <source>Sharing groups your organisation belongs to (TLP:GREEN reaches them)</source>
        <translation>مجموعات المشاركة التي تنتمي إليها منظمتك (يصل إليها TLP:GREEN)</translation>
    </message>
    <message>
        <source>Organisation id</source>
        <translation>معرّف المنظمة</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Acronym</source>
        <translation>الاختصار</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>المجتمعات</translation>
    </message>
    <message>
        <source>Create keys…</source>
        <translation>إنشاء المفاتيح…</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>المنظمة</translation>
    </message>
    <message>
        <source>Keys made</source>
        <translation>تاريخ إنشاء المفاتيح</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <source>When a partner adds your contact card, read them this fingerprint by phone or in person: it proves the card is yours.</source>
        <translation>عندما يضيف شريك بطاقة الاتصال الخاصة بك، اقرأ له هذه البصمة عبر الهاتف أو شخصياً: فهي تثبت أن البطاقة بطاقتك.</translation>
    </message>
    <message>
        <source>{fingerprint}…  replaced {when}</source>
        <translation>{fingerprint}…  استُبدل في {when}</translation>
    </message>
    <message>
        <source>Earlier keys (still verify what they signed):</source>
        <translation>مفاتيح سابقة (ما زالت تتحقق مما وقّعته):</translation>
    </message>
    <message>
        <source>Write contact card…</source>
        <translation>كتابة بطاقة الاتصال…</translation>
    </message>
    <message>
        <source>Give the organisation&apos;s id and name.</source>
        <translation>أدخل معرّف المنظمة واسمها.</translation>
    </message>
    <message>
        <source>Create keys</source>
        <translation>إنشاء المفاتيح</translation>
    </message>
    <message>
        <source>No keys were made.</source>
        <translation>لم تُنشأ أي مفاتيح.</translation>
    </message>
    <message>
        <source>Making keys…</source>
        <translation>جارٍ إنشاء المفاتيح…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <source>Making keys</source>
        <translation>إنشاء المفاتيح</translation>
    </message>
    <message>
        <source>Keys made. Now write your contact card for your partners.</source>
        <translation>أُنشئت المفاتيح. اكتب الآن بطاقة الاتصال الخاصة بك لشركائك.</translation>
    </message>
    <message>
        <source>Nothing was changed: {reason}</source>
        <translation>لم يتغير شيء: {reason}</translation>
    </message>
    <message>
        <source>Write contact card</source>
        <translation>كتابة بطاقة الاتصال</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json)</source>
        <translation>بطاقة اتصال (*.card.json *.json)</translation>
    </message>
    <message>
        <source>The card is signed with your organisation&apos;s key.</source>
        <translation>تُوقَّع البطاقة بمفتاح منظمتك.</translation>
    </message>
    <message>
        <source>Signing the card…</source>
        <translation>جارٍ توقيع البطاقة…</translation>
    </message>
    <message>
        <source>Writing the contact card</source>
        <translation>كتابة بطاقة الاتصال</translation>
    </message>
    <message>
        <source>Contact card written. Give it to your partners (USB stick, e-mail), then read them the fingerprint {fingerprint} by phone or in person.</source>
        <translation>كُتبت بطاقة الاتصال. سلّمها إلى شركائك (ذاكرة USB، بريد إلكتروني)، ثم اقرأ لهم البصمة {fingerprint} عبر الهاتف أو شخصياً.</translation>
    </message>
    <message>
        <source>No card was written: {reason}</source>
        <translation>لم تُكتب أي بطاقة: {reason}</translation>
    </message>
</context>
<context>
    <name>PartnersDialog</name>
    <message>
        <source>Organisation</source>
        <translation>المنظمة</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>المجتمعات</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Partners and keys</source>
        <translation>الشركاء والمفاتيح</translation>
    </message>
    <message>
        <source>Add a partner from the contact card it gave you; check its fingerprint with it by phone or in person before you rely on it.</source>
        <translation>أضف شريكاً من بطاقة الاتصال التي أعطاك إياها؛ وتحقق من بصمته معه عبر الهاتف أو شخصياً قبل أن تعتمد عليها.</translation>
    </message>
    <message>
        <source>Add from contact card…</source>
        <translation>إضافة من بطاقة اتصال…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>إلغاء…</translation>
    </message>
    <message>
        <source>The partner&apos;s key is lost or compromised: refuse what it signs from now on</source>
        <translation>مفتاح الشريك مفقود أو مخترق: رفض ما يوقّعه من الآن فصاعداً</translation>
    </message>
    <message>
        <source>(us)</source>
        <translation>(نحن)</translation>
    </message>
    <message>
        <source>Read aloud in groups of four to check it with the partner</source>
        <translation>اقرأها بصوت عالٍ في مجموعات من أربعة للتحقق منها مع الشريك</translation>
    </message>
    <message>
        <source>earlier key</source>
        <translation>مفتاح سابق</translation>
    </message>
    <message>
        <source>No partners yet: add one from its contact card.</source>
        <translation>لا يوجد شركاء بعد: أضف شريكاً من بطاقة الاتصال الخاصة به.</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>لا مفتاح</translation>
    </message>
    <message>
        <source>revoked {when}
(valid from {since})</source>
        <translation>أُلغي في {when}
(صالح منذ {since})</translation>
    </message>
    <message>
        <source>valid since {since}</source>
        <translation>صالح منذ {since}</translation>
    </message>
    <message>
        <source>Add partner from contact card</source>
        <translation>إضافة شريك من بطاقة اتصال</translation>
    </message>
    <message>
        <source>Contact card (*.card.json *.json);;All files (*)</source>
        <translation>بطاقة اتصال (*.card.json *.json);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Not added: {reason}</source>
        <translation>لم يُضف: {reason}</translation>
    </message>
    <message>
        <source>Not added: the card is for our own organisation {org}.</source>
        <translation>لم يُضف: البطاقة لمنظمتنا نفسها {org}.</translation>
    </message>
    <message>
        <source>{org} was not added: nothing changed.</source>
        <translation>لم يُضف {org}: لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Added {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>أُضيف {name} ({org})، البصمة {fingerprint}.</translation>
    </message>
    <message>
        <source>Updated {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>حُدّث {name} ({org})، البصمة {fingerprint}.</translation>
    </message>
    <message>
        <source>Replaced the key of {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>استُبدل مفتاح {name} ({org})، البصمة {fingerprint}.</translation>
    </message>
    <message>
        <source>Already known: {name} ({org}), fingerprint {fingerprint}.</source>
        <translation>معروف مسبقاً: {name} ({org})، البصمة {fingerprint}.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}), communities {communities}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;بطاقة اتصال &lt;b&gt;{name}&lt;/b&gt; ({org})، المجتمعات {communities}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Contact card of &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;بطاقة اتصال &lt;b&gt;{name}&lt;/b&gt; ({org}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its fingerprint:&lt;/p&gt;</source>
        <translation>&lt;p&gt;بصمتها:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Call them on a number you already know (not one given with the card) and have them read their fingerprint. Add the partner only if every group matches.&lt;/p&gt;</source>
        <translation>&lt;p&gt;اتصل بهم على رقم تعرفه مسبقاً (ليس رقماً مرفقاً بالبطاقة) واطلب منهم قراءة بصمتهم. لا تضف الشريك إلا إذا تطابقت كل مجموعة.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>مُلغى</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{org} is already known with another key&lt;/b&gt; ({old}). Adding this card replaces that key.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{org} معروف مسبقاً بمفتاح آخر&lt;/b&gt; ({old}). إضافة هذه البطاقة تستبدل ذلك المفتاح.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Have you checked this fingerprint with them, by phone or in person?&lt;/p&gt;</source>
        <translation>&lt;p&gt;هل تحققت من هذه البصمة معهم، عبر الهاتف أو شخصياً؟&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Check the fingerprint</source>
        <translation>التحقق من البصمة</translation>
    </message>
    <message>
        <source>Revoke the keys of {name} ({org}) from now?

Packages it signs from now on will be refused, and nothing above TLP:CLEAR can be sent to it, until you add a new contact card from it.

Do this when its key was lost or compromised.</source>
        <translation>هل تلغي مفاتيح {name} ({org}) من الآن؟

ستُرفض الحزم التي يوقّعها من الآن فصاعداً، ولن يُرسل إليه أي شيء أعلى من TLP:CLEAR، حتى تضيف بطاقة اتصال جديدة منه.

افعل ذلك عندما يُفقد مفتاحه أو يُخترق.</translation>
    </message>
    <message>
        <source>Revoke partner keys</source>
        <translation>إلغاء مفاتيح الشريك</translation>
    </message>
    <message>
        <source>Not revoked: {reason}</source>
        <translation>لم يُلغَ: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Revoked %Ln key(s) of {org}.</source>
        <translation>
            <numerusform>أُلغي %Ln مفتاح لـ {org}.</numerusform>
            <numerusform>أُلغي %Ln مفتاح لـ {org}.</numerusform>
            <numerusform>أُلغي %Ln مفتاحان لـ {org}.</numerusform>
            <numerusform>أُلغي %Ln مفاتيح لـ {org}.</numerusform>
            <numerusform>أُلغي %Ln مفتاح لـ {org}.</numerusform>
            <numerusform>أُلغي %Ln مفتاح لـ {org}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickableWidget</name>
    <message>
        <source>Pick on map</source>
        <translation>اختيار على الخريطة</translation>
    </message>
    <message>
        <source>Then click on the map; Esc cancels</source>
        <translation>ثم انقر على الخريطة؛ Esc للإلغاء</translation>
    </message>
</context>
<context>
    <name>PlaceWidget</name>
    <message>
        <source>lat,lon, a facility name or a feature uuid</source>
        <translation>خط العرض,خط الطول، أو اسم مرفق، أو uuid عنصر</translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message>
        <source>&amp;Triggers</source>
        <translation>&amp;الإنذارات</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>التحليل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>تم</translation>
    </message>
    <message>
        <source>{title}: {summary}</source>
        <translation>{title}: {summary}</translation>
    </message>
    <message>
        <source>That route was not found, so it cannot become a corridor.</source>
        <translation>لم يُعثر على هذا المسار، لذا لا يمكن أن يصبح ممراً.</translation>
    </message>
    <message>
        <source>risk along the corridor</source>
        <translation>الخطر على امتداد الممر</translation>
    </message>
    <message>
        <source>Save route as corridor</source>
        <translation>حفظ المسار كممر</translation>
    </message>
    <message>
        <source>Save route as corridor “{name}”</source>
        <translation>حفظ المسار كممر «{name}»</translation>
    </message>
    <message>
        <source>Added the proposed corridor “{name}” (Edit ▸ Undo removes it).</source>
        <translation>أُضيف الممر المقترح «{name}» (تحرير ▸ تراجع يزيله).</translation>
    </message>
    <message>
        <source>Open plan {id}</source>
        <translation>فتح الخطة {id}</translation>
    </message>
    <message>
        <source>Adopt trigger rules</source>
        <translation>اعتماد قواعد الإنذار</translation>
    </message>
    <message>
        <source>Trigger rules (*.toml);;All files (*)</source>
        <translation>قواعد الإنذار (*.toml);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Trigger rules not adopted</source>
        <translation>لم تُعتمد قواعد الإنذار</translation>
    </message>
    <message numerus="yes">
        <source>Adopted %Ln trigger rule(s) from {file}: {rules}. Alerts follow every edit and import.</source>
        <translation>
            <numerusform>اعتُمد %Ln قاعدة إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
            <numerusform>اعتُمد %Ln قاعدة إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
            <numerusform>اعتُمد %Ln قاعدتا إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
            <numerusform>اعتُمد %Ln قواعد إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
            <numerusform>اعتُمد %Ln قاعدة إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
            <numerusform>اعتُمد %Ln قاعدة إنذار من {file}: {rules}. تتبع التنبيهات كل تعديل واستيراد.</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace.</source>
        <translation>لم يعد هذا العنصر في مساحة العمل.</translation>
    </message>
</context>
<context>
    <name>PointWidget</name>
    <message>
        <source>lon,lat (degrees)</source>
        <translation>خط الطول,خط العرض (بالدرجات)</translation>
    </message>
</context>
<context>
    <name>ProblemReport</name>
    <message>
        <source>Save a problem report</source>
        <translation>حفظ تقرير مشكلة</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>أرشيف zip (*.zip)</translation>
    </message>
    <message>
        <source>Collecting the log files…</source>
        <translation>جمع ملفات السجل…</translation>
    </message>
    <message>
        <source>The problem report is saved as {path}. It holds the log files and version numbers only (no workspace, keys or features): send it to your support contact.</source>
        <translation>حُفظ تقرير المشكلة باسم {path}. وهو يحتوي ملفات السجل وأرقام الإصدارات فقط (دون مساحة العمل أو المفاتيح أو العناصر): أرسله إلى جهة الدعم لديك.</translation>
    </message>
    <message>
        <source>The problem report could not be written: {reason}</source>
        <translation>تعذّرت كتابة تقرير المشكلة: {reason}</translation>
    </message>
    <message>
        <source>Writing the problem report</source>
        <translation>كتابة تقرير المشكلة</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>العنصر</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>No problems: every feature is valid for its kind, those edited in other tools (QGIS, scripts) too.
They are checked when the workspace opens and whenever another tool changes the file.</source>
        <translation>لا توجد مشاكل: كل عنصر صالح لنوعه، بما في ذلك ما عُدّل في أدوات أخرى (QGIS، نصوص برمجية).
يُتحقق منها عند فتح مساحة العمل وكلما عدّلت أداة أخرى الملف.</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>لا توجد مساحة عمل مفتوحة.</translation>
    </message>
    <message>
        <source>Checking the features edited in other tools…</source>
        <translation>جارٍ التحقق من العناصر المعدلة في أدوات أخرى…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s) edited in another tool need(s) fixing</source>
        <translation>
            <numerusform>%Ln عنصر عُدّل في أداة أخرى يحتاج إلى تصحيح</numerusform>
            <numerusform>%Ln عنصر عُدّل في أداة أخرى يحتاج إلى تصحيح</numerusform>
            <numerusform>%Ln عنصران عُدّلا في أداة أخرى يحتاجان إلى تصحيح</numerusform>
            <numerusform>%Ln عناصر عُدّلت في أداة أخرى تحتاج إلى تصحيح</numerusform>
            <numerusform>%Ln عنصر عُدّل في أداة أخرى يحتاج إلى تصحيح</numerusform>
            <numerusform>%Ln عنصر عُدّل في أداة أخرى يحتاج إلى تصحيح</numerusform>
        </translation>
    </message>
    <message>
        <source>The whole layer</source>
        <translation>الطبقة كاملة</translation>
    </message>
    <message>
        <source>column “{column}”</source>
        <translation>العمود «{column}»</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Stop checking (nothing is changed; Refresh checks again)</source>
        <translation>إيقاف التحقق (لا يتغير شيء؛ «تحديث» يعيد التحقق)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>Re-read changes made in other tools and check them (F5)</source>
        <translation>إعادة قراءة التعديلات التي أُجريت في أدوات أخرى والتحقق منها (F5)</translation>
    </message>
    <message>
        <source>Fix value…</source>
        <translation>تصحيح القيمة…</translation>
    </message>
    <message>
        <source>Put a valid value in place of the selected problem&apos;s (a new version; the old one stays in the feature&apos;s history)</source>
        <translation>وضع قيمة صالحة مكان قيمة المشكلة المحددة (إصدار جديد؛ وتبقى القديمة في سجل العنصر)</translation>
    </message>
    <message>
        <source>Double-click a problem (or press Enter) to show the feature and fix it in the Feature panel</source>
        <translation>انقر نقراً مزدوجاً على مشكلة (أو اضغط Enter) لإظهار العنصر وتصحيحه في لوحة العنصر</translation>
    </message>
    <message>
        <source>Double-click a row (or press Enter) to show the feature, then fix it in the Feature panel, or use Fix value… for one the form cannot open.</source>
        <translation>انقر نقراً مزدوجاً على صف (أو اضغط Enter) لإظهار العنصر، ثم صحّحه في لوحة العنصر، أو استخدم «تصحيح القيمة…» لقيمة لا يستطيع النموذج فتحها.</translation>
    </message>
</context>
<context>
    <name>ProblemsWatch</name>
    <message>
        <source>Geometry</source>
        <translation>الشكل الهندسي</translation>
    </message>
    <message>
        <source>Releasable to</source>
        <translation>مسموح بمشاركته مع</translation>
    </message>
    <message>
        <source>Caveats</source>
        <translation>القيود</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>ينتهي</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>آخر تعديل</translation>
    </message>
    <message>
        <source>(whole layer)</source>
        <translation>(الطبقة كاملة)</translation>
    </message>
    <message>
        <source>(file)</source>
        <translation>(الملف)</translation>
    </message>
    <message>
        <source>Re-read the workspace for changes made in other tools.</source>
        <translation>أُعيدت قراءة مساحة العمل بحثاً عن تعديلات أُجريت في أدوات أخرى.</translation>
    </message>
    <message>
        <source>Checking edits made in other tools</source>
        <translation>التحقق من التعديلات المُجراة في أدوات أخرى</translation>
    </message>
    <message>
        <source>{problems}: see the Problems panel.</source>
        <translation>{problems}: انظر لوحة المشاكل.</translation>
    </message>
    <message>
        <source>No problems left: every feature is valid for its kind.</source>
        <translation>لم تعد هناك مشاكل: كل عنصر صالح لنوعه.</translation>
    </message>
    <message>
        <source>Could not check the features edited in other tools: {reason}</source>
        <translation>تعذر التحقق من العناصر المعدلة في أدوات أخرى: {reason}</translation>
    </message>
    <message>
        <source>Check cancelled: features edited in other tools were not all checked. Refresh (F5) checks them.</source>
        <translation>أُلغي التحقق: لم يُتحقق من كل العناصر المعدلة في أدوات أخرى. «تحديث» (F5) يتحقق منها.</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>المشاكل ({n})</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>المشاكل</translation>
    </message>
    <message>
        <source>A valid value of “{field}” for this feature (the unreadable value stays in its history):</source>
        <translation>قيمة صالحة لـ «{field}» لهذا العنصر (تبقى القيمة غير المقروءة في سجله):</translation>
    </message>
    <message>
        <source>Fix value</source>
        <translation>تصحيح القيمة</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>عدد صحيح</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>رقم</translation>
    </message>
    <message>
        <source>Cannot fix this value</source>
        <translation>يتعذر تصحيح هذه القيمة</translation>
    </message>
    <message>
        <source>{field} fixed: a new version of the feature.</source>
        <translation>صُحّح {field}: إصدار جديد من العنصر.</translation>
    </message>
    <message>
        <source>That feature is no longer in the workspace (deleted in another tool?): Refresh (F5) updates the list.</source>
        <translation>لم يعد هذا العنصر في مساحة العمل (حُذف في أداة أخرى؟): «تحديث» (F5) يحدّث القائمة.</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Save as…</source>
        <translation>حفظ باسم…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Open when written</source>
        <translation>فتحها بعد الكتابة</translation>
    </message>
    <message>
        <source>The file must end in {suffix}.</source>
        <translation>يجب أن ينتهي اسم الملف بـ {suffix}.</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>المجلد {folder} غير موجود.</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another file.</source>
        <translation>هذه مساحة العمل نفسها: اختر ملفاً آخر.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Save as… to replace it.</source>
        <translation>{file} موجود مسبقاً: اختر اسماً آخر، أو «حفظ باسم…» لاستبداله.</translation>
    </message>
    <message>
        <source>{file} exists already: choose another name, or Browse… to replace it.</source>
        <translation>{file} موجود بالفعل: اختر اسماً آخر، أو «استعراض…» لاستبداله.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>جارٍ كتابة {file}…</translation>
    </message>
</context>
<context>
    <name>ProposalOverlay</name>
    <message>
        <source>Proposed deletion by {proposer} (waiting for you)</source>
        <translation>حذف مقترح من {proposer} (بانتظارك)</translation>
    </message>
    <message>
        <source>Proposed change by {proposer} (waiting for you)</source>
        <translation>تعديل مقترح من {proposer} (بانتظارك)</translation>
    </message>
    <message>
        <source>Proposed deletion (waiting for {originator})</source>
        <translation>حذف مقترح (بانتظار {originator})</translation>
    </message>
    <message>
        <source>Proposed change (waiting for {originator})</source>
        <translation>تعديل مقترح (بانتظار {originator})</translation>
    </message>
    <message>
        <source>{proposer} proposes a change of {layer} {uuid}</source>
        <translation>يقترح {proposer} تعديلاً على {layer} {uuid}</translation>
    </message>
</context>
<context>
    <name>ProposalRow</name>
    <message>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>سحب</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>ReceivePackageDialog</name>
    <message>
        <source>Receive package</source>
        <translation>استلام حزمة</translation>
    </message>
    <message>
        <source>An exchange package (.hopx) from a partner</source>
        <translation>حزمة تبادل (‎.hopx) من شريك</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <source>Choose a package, then Check: it is verified and you see what it would change before anything is imported.</source>
        <translation>اختر حزمة، ثم «تحقق»: يُتحقق منها وترى ما ستغيّره قبل استيراد أي شيء.</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <source>What would change</source>
        <translation>ما الذي سيتغير</translation>
    </message>
    <message>
        <source>Decrypt and verify the package and report what it would change (dry run)</source>
        <translation>فك تشفير الحزمة والتحقق منها والإبلاغ عما ستغيّره (تشغيل تجريبي)</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx);;All files (*)</source>
        <translation>حزمة تبادل (*.hopx);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose a package (.hopx).</source>
        <translation>هذه مساحة العمل نفسها: اختر حزمة (‎.hopx).</translation>
    </message>
    <message>
        <source>Open the package</source>
        <translation>فتح الحزمة</translation>
    </message>
    <message>
        <source>The package is decrypted with your organisation&apos;s key. The key stays unlocked until this window closes: Import asks no more.</source>
        <translation>يُفك تشفير الحزمة بمفتاح منظمتك. يبقى المفتاح مفتوحاً حتى تُغلق هذه النافذة: لن يطلبه «استيراد» مجدداً.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>جارٍ التحقق من الحزمة…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Not opened: {reason}. Nothing was imported.</source>
        <translation>لم تُفتح: {reason}. لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>The package was not opened: the passphrase was wrong. Check again.</source>
        <translation>لم تُفتح الحزمة: عبارة المرور خاطئة. تحقق مجدداً.</translation>
    </message>
    <message>
        <source>The package was not opened: {reason}. Check again.</source>
        <translation>لم تُفتح الحزمة: {reason}. تحقق مجدداً.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>أُلغي: لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>Checking the package</source>
        <translation>التحقق من الحزمة</translation>
    </message>
    <message>
        <source>Importing the package</source>
        <translation>استيراد الحزمة</translation>
    </message>
    <message>
        <source>Nothing: the package was refused.</source>
        <translation>لا شيء: رُفضت الحزمة.</translation>
    </message>
    <message>
        <source>Refused.</source>
        <translation>مرفوض.</translation>
    </message>
    <message>
        <source>Nothing was imported: this workspace is exactly as it was.</source>
        <translation>لم يُستورد شيء: مساحة العمل هذه كما كانت تماماً.</translation>
    </message>
    <message>
        <source>full package, highest marking {marking}</source>
        <translation>حزمة كاملة، أعلى وسم {marking}</translation>
    </message>
    <message>
        <source>incremental package, highest marking {marking}</source>
        <translation>حزمة تزايدية، أعلى وسم {marking}</translation>
    </message>
    <message>
        <source>package, highest marking {marking}</source>
        <translation>حزمة، أعلى وسم {marking}</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>موقّعة من</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>بصمة المفتاح</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>التوقيع</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ verified&lt;/b&gt;&lt;/span&gt; with the key in your partner directory; the package is unaltered</source>
        <translation>&lt;span style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✔ صحيح&lt;/b&gt;&lt;/span&gt; بالمفتاح الموجود في دليل شركائك؛ الحزمة لم تُعدَّل</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>المستلمون</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>تاريخ الإنشاء</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>ينتهي في</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>التسلسل</translation>
    </message>
    <message>
        <source>{sequence} (the last accepted from {signer}: {last})</source>
        <translation>{sequence} (آخر تسلسل مقبول من {signer}: {last})</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>المحتوى</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message numerus="yes">
        <source>%Ln proposal(s)</source>
        <translation>
            <numerusform>%Ln مقترح</numerusform>
            <numerusform>%Ln مقترح</numerusform>
            <numerusform>%Ln مقترحان</numerusform>
            <numerusform>%Ln مقترحات</numerusform>
            <numerusform>%Ln مقترح</numerusform>
            <numerusform>%Ln مقترح</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing would bring {counts}. Nothing has been imported yet: press Import to apply it.</source>
        <translation>سيجلب الاستيراد {counts}. لم يُستورد شيء بعد: اضغط «استيراد» لتطبيقه.</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>ما الذي تغيّر</translation>
    </message>
    <message>
        <source>Imported: {counts}.</source>
        <translation>استُورد: {counts}.</translation>
    </message>
    <message>
        <source>Resolve the conflicts in the Conflicts panel.</source>
        <translation>احلل التعارضات في لوحة التعارضات.</translation>
    </message>
    <message>
        <source>Accept or reject the proposals there too.</source>
        <translation>واقبل المقترحات أو ارفضها هناك أيضاً.</translation>
    </message>
    <message>
        <source>quarantined {uuid}: {reason}</source>
        <translation>معزول {uuid}: {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>رمز السبب: {code}</translation>
    </message>
    <message>
        <source>conflict {uuid}: both sides changed it (theirs is version {version}); yours stays until you choose</source>
        <translation>تعارض {uuid}: عدّله الطرفان (نسختهم الإصدار {version})؛ تبقى نسختك حتى تختار</translation>
    </message>
    <message>
        <source>The package holds nothing new.</source>
        <translation>لا تحتوي الحزمة أي جديد.</translation>
    </message>
</context>
<context>
    <name>RecentWorkspaces</name>
    <message>
        <source>No recent workspaces</source>
        <translation>لا توجد مساحات عمل حديثة</translation>
    </message>
    <message>
        <source>team database</source>
        <translation>قاعدة بيانات الفريق</translation>
    </message>
    <message>
        <source>{number} {name}  —  {folder}  (not found)</source>
        <translation>{number} {name}  —  {folder}  (غير موجود)</translation>
    </message>
    <message>
        <source>{path} was moved or deleted</source>
        <translation>نُقل {path} أو حُذف</translation>
    </message>
    <message>
        <source>Forget the workspaces not found</source>
        <translation>نسيان مساحات العمل غير الموجودة</translation>
    </message>
    <message numerus="yes">
        <source>Took %n workspace(s) that were moved or deleted off the recent list.</source>
        <translation>
            <numerusform>لم تُحذف أي مساحة عمل من القائمة الأخيرة (%n).</numerusform>
            <numerusform>حُذفت مساحة عمل واحدة نُقلت أو حُذفت من القائمة الأخيرة (%n).</numerusform>
            <numerusform>حُذفت مساحتا عمل نُقلتا أو حُذفتا من القائمة الأخيرة (%n).</numerusform>
            <numerusform>حُذفت %n مساحات عمل نُقلت أو حُذفت من القائمة الأخيرة.</numerusform>
            <numerusform>حُذفت %n مساحة عمل نُقلت أو حُذفت من القائمة الأخيرة.</numerusform>
            <numerusform>حُذفت %n مساحة عمل نُقلت أو حُذفت من القائمة الأخيرة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear recent</source>
        <translation>مسح القائمة الأخيرة</translation>
    </message>
    <message>
        <source>The list of recent workspaces is empty (no file was touched).</source>
        <translation>قائمة مساحات العمل الأخيرة فارغة (لم يُمسّ أي ملف).</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>REPLAY — read-only</source>
        <translation>إعادة تشغيل — للقراءة فقط</translation>
    </message>
    <message>
        <source>The map shows the workspace as it was recorded at the moment below; nothing can be edited until you leave replay</source>
        <translation>تعرض الخريطة مساحة العمل كما سُجّلت في اللحظة أدناه؛ لا يمكن تعديل أي شيء حتى تغادر إعادة التشغيل</translation>
    </message>
    <message>
        <source>Previous moment (Left arrow on the slider)</source>
        <translation>اللحظة السابقة (السهم الأيسر على شريط التمرير)</translation>
    </message>
    <message>
        <source>Play the history from this moment (Space)</source>
        <translation>تشغيل السجل من هذه اللحظة (مسافة)</translation>
    </message>
    <message>
        <source>Next moment (Right arrow on the slider)</source>
        <translation>اللحظة التالية (السهم الأيمن على شريط التمرير)</translation>
    </message>
    <message>
        <source>How fast play steps through the moments</source>
        <translation>سرعة انتقال التشغيل بين اللحظات</translation>
    </message>
    <message numerus="yes">
        <source>%n moment(s) a second</source>
        <translation>
            <numerusform>%n لحظة في الثانية</numerusform>
            <numerusform>%n لحظة في الثانية</numerusform>
            <numerusform>%n لحظتان في الثانية</numerusform>
            <numerusform>%n لحظات في الثانية</numerusform>
            <numerusform>%n لحظة في الثانية</numerusform>
            <numerusform>%n لحظة في الثانية</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave replay</source>
        <translation>مغادرة إعادة التشغيل</translation>
    </message>
    <message>
        <source>Back to the live picture, editing enabled (Esc)</source>
        <translation>العودة إلى الصورة الحالية مع تفعيل التعديل (Esc)</translation>
    </message>
</context>
<context>
    <name>ReplayController</name>
    <message>
        <source>Replay</source>
        <translation>إعادة التشغيل</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>جارٍ قراءة السجل…</translation>
    </message>
    <message>
        <source>Reading the history</source>
        <translation>قراءة السجل</translation>
    </message>
    <message>
        <source>Replay left: the map shows the live picture.</source>
        <translation>تمت مغادرة إعادة التشغيل: تعرض الخريطة الصورة الحالية.</translation>
    </message>
    <message>
        <source>Nothing recorded yet: there is no history to replay.</source>
        <translation>لم يُسجَّل شيء بعد: لا يوجد سجل لإعادة تشغيله.</translation>
    </message>
    <message>
        <source>The history cannot be replayed: {reason}</source>
        <translation>لا يمكن إعادة تشغيل السجل: {reason}</translation>
    </message>
    <message>
        <source>As recorded at {moment}</source>
        <translation>كما سُجّل في {moment}</translation>
    </message>
    <message>
        <source>moment {n} of {total}: {inserts} added, {updates} changed, {deletes} deleted</source>
        <translation>اللحظة {n} من {total}: {inserts} مضاف، {updates} معدّل، {deletes} محذوف</translation>
    </message>
    <message>
        <source>Replaying the history</source>
        <translation>إعادة تشغيل السجل</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>No results yet: run an analysis from the Analysis menu</source>
        <translation>لا توجد نتائج بعد: شغّل تحليلاً من قائمة التحليل</translation>
    </message>
    <message>
        <source>No saved plans</source>
        <translation>لا توجد خطط محفوظة</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>خطط الإجلاء والمساعدات المحفوظة في مساحة العمل هذه</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>فتح الخطة</translation>
    </message>
    <message>
        <source>Clear map</source>
        <translation>مسح الخريطة</translation>
    </message>
    <message>
        <source>Remove the result from the map (the table stays)</source>
        <translation>إزالة النتيجة من الخريطة (يبقى الجدول)</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>النتيجة:</translation>
    </message>
    <message>
        <source>Saved plans:</source>
        <translation>الخطط المحفوظة:</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Write the table shown to a CSV file</source>
        <translation>كتابة الجدول المعروض في ملف CSV</translation>
    </message>
    <message>
        <source>Save as corridor…</source>
        <translation>حفظ كممر…</translation>
    </message>
    <message>
        <source>Add the selected route (or the best) as a proposed corridor; undoable</source>
        <translation>إضافة المسار المحدد (أو الأفضل) كممر مقترح؛ قابل للتراجع</translation>
    </message>
    <message>
        <source>Zoom to result</source>
        <translation>تكبير إلى النتيجة</translation>
    </message>
    <message>
        <source>{id}: {title} (made {created})</source>
        <translation>{id}: {title} (أُنشئت في {created})</translation>
    </message>
    <message>
        <source>Run an analysis from the Analysis menu; its tables appear here and its result on the map.</source>
        <translation>شغّل تحليلاً من قائمة التحليل؛ تظهر جداوله هنا ونتيجته على الخريطة.</translation>
    </message>
    <message>
        <source>Proposed corridor {n}</source>
        <translation>ممر مقترح {n}</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>تصدير الجدول بصيغة CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln row(s) of {table} to {path}.</source>
        <translation>
            <numerusform>كُتب %Ln صف من {table} في {path}.</numerusform>
            <numerusform>كُتب %Ln صف من {table} في {path}.</numerusform>
            <numerusform>كُتب %Ln صفان من {table} في {path}.</numerusform>
            <numerusform>كُتب %Ln صفوف من {table} في {path}.</numerusform>
            <numerusform>كُتب %Ln صف من {table} في {path}.</numerusform>
            <numerusform>كُتب %Ln صف من {table} في {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunSummary</name>
    <message numerus="yes">
        <source>Mean travel {mean} min, last arrival after {last} min; %Ln shelter(s) used.</source>
        <translation>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مأوى.</numerusform>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مأوى.</numerusform>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مأويان.</numerusform>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مآوٍ.</numerusform>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مأوى.</numerusform>
            <numerusform>متوسط الرحلة {mean} دقيقة، وآخر وصول بعد {last} دقيقة؛ استُخدم %Ln مأوى.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shipments} shipments from %Ln warehouse(s) to {needs} needs; coverage: {coverage}</source>
        <translation>
            <numerusform>{shipments} شحنة من %Ln مستودع إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
            <numerusform>{shipments} شحنة من %Ln مستودع إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
            <numerusform>{shipments} شحنة من %Ln مستودعين إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
            <numerusform>{shipments} شحنة من %Ln مستودعات إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
            <numerusform>{shipments} شحنة من %Ln مستودع إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
            <numerusform>{shipments} شحنة من %Ln مستودع إلى {needs} احتياجاً؛ التغطية: {coverage}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need(s) no warehouse can reach.</source>
        <translation>
            <numerusform>%Ln احتياج لا يستطيع أي مستودع الوصول إليه.</numerusform>
            <numerusform>%Ln احتياج لا يستطيع أي مستودع الوصول إليه.</numerusform>
            <numerusform>%Ln احتياجان لا يستطيع أي مستودع الوصول إليه.</numerusform>
            <numerusform>%Ln احتياجات لا يستطيع أي مستودع الوصول إليه.</numerusform>
            <numerusform>%Ln احتياج لا يستطيع أي مستودع الوصول إليه.</numerusform>
            <numerusform>%Ln احتياج لا يستطيع أي مستودع الوصول إليه.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln corridor(s), {in_danger} with danger along them; highest risk score {score}/100 (at {at}).</source>
        <translation>
            <numerusform>%Ln ممر، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
            <numerusform>%Ln ممر، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
            <numerusform>%Ln ممران، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
            <numerusform>%Ln ممرات، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
            <numerusform>%Ln ممر، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
            <numerusform>%Ln ممر، منها {in_danger} يمتد الخطر على طولها؛ أعلى درجة خطر {score}/100 (في {at}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rule(s) evaluated: {raised} raised, {updated} updated, {resolved} resolved; {active} active.</source>
        <translation>
            <numerusform>قُيّم %Ln قاعدة: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
            <numerusform>قُيّم %Ln قاعدة: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
            <numerusform>قُيّم %Ln قاعدتان: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
            <numerusform>قُيّم %Ln قواعد: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
            <numerusform>قُيّم %Ln قاعدة: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
            <numerusform>قُيّم %Ln قاعدة: أُطلق {raised}، وحُدّث {updated}، وحُلّ {resolved}؛ و{active} نشط.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveCorridorDialog</name>
    <message>
        <source>Save route as corridor</source>
        <translation>حفظ المسار كممر</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres</comment>
        <translation>م</translation>
    </message>
    <message>
        <source>The corridor&apos;s width: its risk is computed over all of it</source>
        <translation>عرض الممر: يُحسب خطره على كامل العرض</translation>
    </message>
    <message>
        <source>The corridor is added as &lt;i&gt;proposed&lt;/i&gt;, with its risk in its notes. Edit ▸ Undo removes it.</source>
        <translation>يُضاف الممر بحالة &lt;i&gt;مقترح&lt;/i&gt;، مع خطره في ملاحظاته. تحرير ▸ تراجع يزيله.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>العرض</translation>
    </message>
    <message>
        <source>a corridor needs a name</source>
        <translation>يحتاج الممر إلى اسم</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Find a feature or a place (Ctrl+F)</source>
        <translation>ابحث عن عنصر أو مكان (Ctrl+F)</translation>
    </message>
    <message>
        <source>Reading feature names</source>
        <translation>قراءة أسماء العناصر</translation>
    </message>
    <message>
        <source>Search: the feature names cannot be read: {reason}</source>
        <translation>البحث: تتعذر قراءة أسماء العناصر: {reason}</translation>
    </message>
    <message>
        <source>Several features match “{text}”: choose one in the list.</source>
        <translation>عدة عناصر تطابق «{text}»: اختر واحدًا من القائمة.</translation>
    </message>
    <message>
        <source>No feature is named “{text}”, and it is not a place (lat,lon; degrees such as 17°45&apos;30&quot;S 128°30&apos;E; or MGRS).</source>
        <translation>لا يوجد عنصر باسم «{text}»، وليس مكانًا (lat,lon؛ أو درجات مثل 17°45&apos;30&quot;S 128°30&apos;E؛ أو MGRS).</translation>
    </message>
    <message>
        <source>Showing {place}{grid}.</source>
        <translation>يُعرض {place}{grid}.</translation>
    </message>
    <message>
        <source>That feature is not in the workspace any more.</source>
        <translation>لم يعد هذا العنصر في مساحة العمل.</translation>
    </message>
    <message>
        <source>Showing {feature}.</source>
        <translation>يُعرض {feature}.</translation>
    </message>
    <message>
        <source>A feature&apos;s name, or a place: lat,lon (-17.758,128.5), degrees (17°45&apos;30&quot;S 128°30&apos;E) or MGRS (52K DF 46996 36517); Enter goes there</source>
        <translation>اسم عنصر، أو مكان: lat,lon (-17.758,128.5)، أو درجات (17°45&apos;30&quot;S 128°30&apos;E)، أو MGRS (52K DF 46996 36517)؛ Enter ينتقل إليه</translation>
    </message>
</context>
<context>
    <name>SendFilterBar</name>
    <message>
        <source>Sharing</source>
        <translation>المشاركة</translation>
    </message>
    <message>
        <source>What could I send to:</source>
        <translation>ما الذي يمكنني إرساله إلى:</translation>
    </message>
    <message>
        <source>Fade on the map what the chosen partner would not receive from us, by the sharing rules (markings, releasability, expiry)</source>
        <translation>تعتيم ما لن يتلقاه الشريك المختار منا على الخريطة، وفق قواعد المشاركة (الوسوم، وإمكانية المشاركة، والانتهاء)</translation>
    </message>
    <message>
        <source>nobody (show everything)</source>
        <translation>لا أحد (إظهار الكل)</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>مُلغى</translation>
    </message>
    <message>
        <source>Showing every feature.</source>
        <translation>تُعرض كل العناصر.</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>جارٍ العد…</translation>
    </message>
    <message>
        <source>counting what could be sent</source>
        <translation>عدّ ما يمكن إرساله</translation>
    </message>
    <message>
        <source>{going} of {total} would go</source>
        <translation>سيُرسل {going} من {total}</translation>
    </message>
    <message>
        <source>{layer}: {going} of {total}</source>
        <translation>{layer}: {going} من {total}</translation>
    </message>
    <message>
        <source>Cannot count what could be sent: {reason}</source>
        <translation>يتعذر عدّ ما يمكن إرساله: {reason}</translation>
    </message>
</context>
<context>
    <name>SendPackageDialog</name>
    <message>
        <source>Recipient / layer</source>
        <translation>المستلم / الطبقة</translation>
    </message>
    <message>
        <source>Go exactly</source>
        <translation>تُرسل بدقة</translation>
    </message>
    <message>
        <source>Generalised</source>
        <translation>معمَّمة</translation>
    </message>
    <message>
        <source>Deletions</source>
        <translation>حالات الحذف</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>محجوبة</translation>
    </message>
    <message>
        <source>Send package</source>
        <translation>إرسال حزمة</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>المستلمون</translation>
    </message>
    <message>
        <source>Changes since the last package to them</source>
        <translation>التغييرات منذ آخر حزمة أُرسلت إليهم</translation>
    </message>
    <message>
        <source>Everything they may receive (full)</source>
        <translation>كل ما يجوز لهم تلقيه (كامل)</translation>
    </message>
    <message>
        <source>Include the road network</source>
        <translation>تضمين شبكة الطرق</translation>
    </message>
    <message>
        <source>Only features inside each recipient&apos;s area of responsibility</source>
        <translation>العناصر الواقعة ضمن منطقة مسؤولية كل مستلم فقط</translation>
    </message>
    <message>
        <source>days</source>
        <translation>يوماً</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>صالحة لمدة</translation>
    </message>
    <message>
        <source>Choose the recipients, then Preview: you see what would go to each of them before anything is written.</source>
        <translation>اختر المستلمين، ثم «معاينة»: ترى ما سيُرسل إلى كل منهم قبل كتابة أي شيء.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Compute what each recipient would receive (writes nothing)</source>
        <translation>حساب ما سيتلقاه كل مستلم (لا يكتب شيئاً)</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>حفظ باسم…</translation>
    </message>
    <message>
        <source>Sign, encrypt to the recipients and write the package (.hopx)</source>
        <translation>التوقيع والتشفير للمستلمين وكتابة الحزمة (‎.hopx)</translation>
    </message>
    <message>
        <source>key revoked: cannot receive</source>
        <translation>المفتاح مُلغى: لا يمكنه الاستلام</translation>
    </message>
    <message>
        <source>No partners yet: add them in Sharing ▸ Partners and keys.</source>
        <translation>لا يوجد شركاء بعد: أضفهم في المشاركة ▸ الشركاء والمفاتيح.</translation>
    </message>
    <message>
        <source>The choices changed: Preview again before saving.</source>
        <translation>تغيرت الاختيارات: أعد المعاينة قبل الحفظ.</translation>
    </message>
    <message>
        <source>Computing what each recipient would receive…</source>
        <translation>جارٍ حساب ما سيتلقاه كل مستلم…</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>لا معاينة: {reason}</translation>
    </message>
    <message>
        <source>Preview cancelled: nothing was written.</source>
        <translation>أُلغيت المعاينة: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Preparing the preview</source>
        <translation>إعداد المعاينة</translation>
    </message>
    <message>
        <source>{n} withheld: {reason}</source>
        <translation>{n} محجوبة: {reason}</translation>
    </message>
    <message>
        <source>reason code: {code}</source>
        <translation>رمز السبب: {code}</translation>
    </message>
    <message numerus="yes">
        <source>{n} go with generalised locations (as %Ln area(s)): their marking asks for it for recipients not named in “releasable to”.</source>
        <translation>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln منطقة): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln منطقة): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln منطقتين): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln مناطق): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln منطقة): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
            <numerusform>{n} تُرسل بمواقع معمَّمة (في صورة %Ln منطقة): يطلب وسمها ذلك للمستلمين غير المذكورين في «مسموح بمشاركته مع».</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing new for this recipient</source>
        <translation>لا جديد لهذا المستلم</translation>
    </message>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصران</numerusform>
            <numerusform>%Ln عناصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
            <numerusform>%Ln عنصر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them generalised areas)</source>
        <translation>
            <numerusform>(منها %Ln منطقة معمَّمة)</numerusform>
            <numerusform>(منها %Ln منطقة معمَّمة)</numerusform>
            <numerusform>(منها %Ln منطقتان معمَّمتان)</numerusform>
            <numerusform>(منها %Ln مناطق معمَّمة)</numerusform>
            <numerusform>(منها %Ln منطقة معمَّمة)</numerusform>
            <numerusform>(منها %Ln منطقة معمَّمة)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deletion(s)</source>
        <translation>
            <numerusform>%Ln حالة حذف</numerusform>
            <numerusform>%Ln حالة حذف</numerusform>
            <numerusform>%Ln حالتا حذف</numerusform>
            <numerusform>%Ln حالات حذف</numerusform>
            <numerusform>%Ln حالة حذف</numerusform>
            <numerusform>%Ln حالة حذف</numerusform>
        </translation>
    </message>
    <message>
        <source>Full package to {recipients}: {features} and {deletions} would go.</source>
        <translation>حزمة كاملة إلى {recipients}: سيُرسل {features} و{deletions}.</translation>
    </message>
    <message>
        <source>Incremental package to {recipients}: {features} and {deletions} would go.</source>
        <translation>حزمة تزايدية إلى {recipients}: سيُرسل {features} و{deletions}.</translation>
    </message>
    <message>
        <source>Nothing has been written yet: check what goes to whom, then Save as…</source>
        <translation>لم يُكتب شيء بعد: تحقق مما سيُرسل إلى من، ثم «حفظ باسم…»</translation>
    </message>
    <message>
        <source>Save package</source>
        <translation>حفظ الحزمة</translation>
    </message>
    <message>
        <source>Exchange package (*.hopx)</source>
        <translation>حزمة تبادل (*.hopx)</translation>
    </message>
    <message>
        <source>That is the workspace itself: choose another name.</source>
        <translation>هذه مساحة العمل نفسها: اختر اسماً آخر.</translation>
    </message>
    <message>
        <source>Sign the package</source>
        <translation>توقيع الحزمة</translation>
    </message>
    <message>
        <source>The package to {recipients} is signed with your organisation&apos;s key.</source>
        <translation>تُوقَّع الحزمة المرسلة إلى {recipients} بمفتاح منظمتك.</translation>
    </message>
    <message>
        <source>Not written: no passphrase given.</source>
        <translation>لم يُكتب: لم تُدخل عبارة مرور.</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>جارٍ كتابة {file}…</translation>
    </message>
    <message>
        <source>Nothing was written: {reason}</source>
        <translation>لم يُكتب شيء: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>أُلغي: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Writing the package</source>
        <translation>كتابة الحزمة</translation>
    </message>
    <message numerus="yes">
        <source>Written {path} (%Ln byte(s)): package {package}, sequence {sequence}, to {recipients}; {features}, {deletions}.</source>
        <translation>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
            <numerusform>كُتب {path} (%Ln بايت): الحزمة {package}، التسلسل {sequence}، إلى {recipients}؛ {features}، {deletions}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give the file to the recipients: only they can open it.</source>
        <translation>سلّم الملف إلى المستلمين: هم وحدهم يستطيعون فتحه.</translation>
    </message>
</context>
<context>
    <name>SetEditors</name>
    <message>
        <source>Name editors of {name}</source>
        <translation>تعيين محرري {name}</translation>
    </message>
    <message>
        <source>Name default editors of {layer}</source>
        <translation>تعيين المحررين الافتراضيين لـ {layer}</translation>
    </message>
    <message>
        <source>Named {names} to edit “{name}” with you (version {version}; your next package carries it). Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>عُيّن {names} لتعديل «{name}» معك (الإصدار {version}؛ تحمله حزمتك التالية). تحرير&#xa0;▸&#xa0;تراجع يلغي ذلك.</translation>
    </message>
    <message>
        <source>“{name}” has no editors now: only you change it (version {version}).</source>
        <translation>لم يعد لـ «{name}» محررون: أنت وحدك تعدّله (الإصدار {version}).</translation>
    </message>
    <message>
        <source>{layer}: {names} named default editors; {count}. Edit&#xa0;▸&#xa0;Undo takes it back.</source>
        <translation>{layer}: عُيّن {names} محررين افتراضيين؛ {count}. تحرير&#xa0;▸&#xa0;تراجع يلغي ذلك.</translation>
    </message>
    <message>
        <source>{layer}: no default editors now; {count}.</source>
        <translation>{layer}: لا محررين افتراضيين الآن؛ {count}.</translation>
    </message>
</context>
<context>
    <name>Sitrep</name>
    <message>
        <source>Situation report</source>
        <translation>تقرير الوضع</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Map of the area</source>
        <translation>خريطة المنطقة</translation>
    </message>
    <message>
        <source>What changed since the last report</source>
        <translation>ما تغيّر منذ آخر تقرير</translation>
    </message>
    <message>
        <source>Exposure by hazard and severity</source>
        <translation>التعرض حسب نوع الخطر والخطورة</translation>
    </message>
    <message>
        <source>Corridors and their risk</source>
        <translation>الممرات ومخاطرها</translation>
    </message>
    <message>
        <source>Needs coverage</source>
        <translation>تغطية الاحتياجات</translation>
    </message>
    <message>
        <source>Shelter fill</source>
        <translation>امتلاء المآوي</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>التنبيهات المفتوحة</translation>
    </message>
    <message>
        <source>About this report</source>
        <translation>حول هذا التقرير</translation>
    </message>
    <message>
        <source>selecting what {audience} may see</source>
        <translation>اختيار ما يحق لـ {audience} رؤيته</translation>
    </message>
    <message>
        <source>drawing the map</source>
        <translation>رسم الخريطة</translation>
    </message>
    <message>
        <source>writing the pages</source>
        <translation>كتابة الصفحات</translation>
    </message>
    <message>
        <source>for {audience}</source>
        <translation>لـ {audience}</translation>
    </message>
    <message>
        <source>Valid at {time}</source>
        <translation>صالح في {time}</translation>
    </message>
    <message>
        <source>Made {time} by {who}</source>
        <translation>أُعدّ في {time} بواسطة {who}</translation>
    </message>
    <message>
        <source>{title} for {audience} · made {time} by {who}</source>
        <translation>{title} لـ {audience} · أُعدّ في {time} بواسطة {who}</translation>
    </message>
    <message>
        <source>{tlp} {title} for {audience}</source>
        <translation>{tlp} {title} لـ {audience}</translation>
    </message>
    <message>
        <source>written</source>
        <translation>كُتب</translation>
    </message>
    <message>
        <source>internal use ({who})</source>
        <translation>استخدام داخلي ({who})</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} و{count} أخرى</translation>
    </message>
    <message>
        <source>For {audience} · valid at {valid} · made {made} by {who}</source>
        <translation>لـ {audience} · صالح في {valid} · أُعدّ في {made} بواسطة {who}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid, the worst of severity {worst}</source>
        <translation>مناطق الخطر السارية: {count}، أشدها بخطورة {worst}</translation>
    </message>
    <message>
        <source>{count} danger zone(s) valid</source>
        <translation>مناطق الخطر السارية: {count}</translation>
    </message>
    <message>
        <source>{people} people in {needs} need location(s) inside danger zones</source>
        <translation>الأشخاص داخل مناطق الخطر: {people}، في {needs} من مواقع الاحتياجات</translation>
    </message>
    <message>
        <source>{count} corridor(s) ({states}); highest risk: {name}, {score} of 100</source>
        <translation>الممرات: {count} ({states})؛ أعلى مخاطر: {name}، {score} من 100</translation>
    </message>
    <message>
        <source>Stock on hand covers the week&apos;s demand for every item</source>
        <translation>المخزون المتاح يغطي طلب الأسبوع لكل صنف</translation>
    </message>
    <message>
        <source>Stock on hand falls short for: {items}</source>
        <translation>المخزون المتاح غير كافٍ لـ: {items}</translation>
    </message>
    <message>
        <source>{count} shelter(s) with a capacity; {full} at 90 % or more</source>
        <translation>المآوي ذات السعة: {count}؛ الممتلئة بنسبة 90 % أو أكثر: {full}</translation>
    </message>
    <message>
        <source>{count} open alert(s) ({more} more rest on features not shared with you)</source>
        <translation>التنبيهات المفتوحة: {count} (و{more} أخرى تستند إلى عناصر غير مُشارَكة معك)</translation>
    </message>
    <message>
        <source>{count} open alert(s)</source>
        <translation>التنبيهات المفتوحة: {count}</translation>
    </message>
    <message>
        <source>Nothing to place on a map.</source>
        <translation>لا شيء لوضعه على خريطة.</translation>
    </message>
    <message>
        <source>Basemap: Natural Earth country outlines. Features as valid at the report&apos;s time; north is up (Web Mercator).</source>
        <translation>الخريطة الأساسية: حدود البلدان من Natural Earth. العناصر كما هي سارية في وقت التقرير؛ والشمال إلى الأعلى (Web Mercator).</translation>
    </message>
    <message>
        <source>This is the first situation report for this audience from this workspace: the next one will say what changed since this one.</source>
        <translation>هذا أول تقرير وضع لهذا الجمهور من مساحة العمل هذه: وسيذكر التقرير التالي ما تغيّر منذ هذا التقرير.</translation>
    </message>
    <message>
        <source>Since the last report for this audience (made {time}):</source>
        <translation>منذ آخر تقرير لهذا الجمهور (أُعدّ في {time}):</translation>
    </message>
    <message>
        <source>No danger zone, corridor or incident shown then has changed, and none was added.</source>
        <translation>لم تتغير أي منطقة خطر أو ممر أو حادث عُرض حينها، ولم يُضف أي منها.</translation>
    </message>
    <message>
        <source>New danger zones</source>
        <translation>مناطق خطر جديدة</translation>
    </message>
    <message>
        <source>Danger zones changed</source>
        <translation>مناطق خطر تغيّرت</translation>
    </message>
    <message>
        <source>Danger zones no longer in the report (ended, removed or no longer shared)</source>
        <translation>مناطق خطر لم تعد في التقرير (انتهت أو أُزيلت أو لم تعد مُشارَكة)</translation>
    </message>
    <message>
        <source>Corridors closed</source>
        <translation>ممرات أُغلقت</translation>
    </message>
    <message>
        <source>New corridors</source>
        <translation>ممرات جديدة</translation>
    </message>
    <message>
        <source>Corridor status changed</source>
        <translation>تغيّرت حالة الممر</translation>
    </message>
    <message>
        <source>Corridors no longer in the report</source>
        <translation>ممرات لم تعد في التقرير</translation>
    </message>
    <message>
        <source>New incidents</source>
        <translation>حوادث جديدة</translation>
    </message>
    <message>
        <source>No need location lies inside a danger zone valid at this time.</source>
        <translation>لا يقع أي موقع احتياج داخل منطقة خطر سارية في هذا الوقت.</translation>
    </message>
    <message>
        <source>Hazard</source>
        <translation>نوع الخطر</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <source>Need locations</source>
        <translation>مواقع الاحتياجات</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>All hazards (each person once)</source>
        <translation>كل أنواع الخطر (كل شخص مرة واحدة)</translation>
    </message>
    <message>
        <source>Per hazard a person counts once, at the worst severity of that hazard reaching them; across hazards a person exposed to two appears under both. Generalised locations count where their aggregate lies.</source>
        <translation>لكل نوع خطر يُحتسب الشخص مرة واحدة، بأشد خطورة لذلك الخطر تصله؛ وعبر الأنواع يظهر الشخص المعرّض لخطرين تحت كليهما. وتُحتسب المواقع المعمَّمة حيث يقع تجميعها.</translation>
    </message>
    <message>
        <source>No corridor is valid at this time.</source>
        <translation>لا يوجد ممر ساري في هذا الوقت.</translation>
    </message>
    <message>
        <source>Corridor</source>
        <translation>الممر</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>Length km</source>
        <translation>الطول (كم)</translation>
    </message>
    <message>
        <source>In danger km</source>
        <translation>في الخطر (كم)</translation>
    </message>
    <message>
        <source>Worst severity</source>
        <translation>أشد خطورة</translation>
    </message>
    <message>
        <source>Risk 0-100</source>
        <translation>المخاطر 0-100</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Risk: the share of the corridor&apos;s width within danger zones, weighted by severity, never below the floor of its worst severity (docs/analysis.md).</source>
        <translation>المخاطر: نسبة عرض الممر الواقعة داخل مناطق الخطر، مرجّحة بالخطورة، ولا تقل أبداً عن الحد الأدنى لأشد خطورة فيه (docs/analysis.md).</translation>
    </message>
    <message>
        <source>No needs to cover in this report.</source>
        <translation>لا احتياجات تجب تغطيتها في هذا التقرير.</translation>
    </message>
    <message>
        <source>{share}: {stock} of {demand} {unit}</source>
        <translation>{share}: {stock} من {demand} {unit}</translation>
    </message>
    <message>
        <source>Stock on hand in the warehouses that are not closed, against one week&apos;s demand of the people in need of each sector (resources/planning/rations.toml): not a delivery plan.</source>
        <translation>المخزون المتاح في المستودعات غير المغلقة، مقابل طلب أسبوع واحد للمحتاجين في كل قطاع (resources/planning/rations.toml): ليس خطة توزيع.</translation>
    </message>
    <message>
        <source>No shelter with a capacity in this report.</source>
        <translation>لا يوجد مأوى ذو سعة في هذا التقرير.</translation>
    </message>
    <message>
        <source>{occupancy} / {capacity} people ({share})</source>
        <translation>{occupancy} / {capacity} شخص ({share})</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}); {more} emptier shelter(s) not charted.</source>
        <translation>الأكثر امتلاءً أولاً. {people} شخصاً في {places} مكاناً ({share})؛ مآوٍ أقل امتلاءً لم تُعرض في الرسم: {more}.</translation>
    </message>
    <message>
        <source>Fullest first. {people} people in {places} places ({share}).</source>
        <translation>الأكثر امتلاءً أولاً. {people} شخصاً في {places} مكاناً ({share}).</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>المستوى</translation>
    </message>
    <message>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>التنبيه</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <source>No open alert rests on what this report shows.</source>
        <translation>لا يستند أي تنبيه مفتوح إلى ما يعرضه هذا التقرير.</translation>
    </message>
    <message>
        <source>{count} other open alert(s) rest on features not shared with this audience: not shown.</source>
        <translation>تنبيهات مفتوحة أخرى تستند إلى عناصر غير مُشارَكة مع هذا الجمهور، ولم تُعرض: {count}.</translation>
    </message>
    <message>
        <source>Shown: {layers}.</source>
        <translation>المعروض: {layers}.</translation>
    </message>
    <message>
        <source>{layer} {count} aggregate(s)</source>
        <translation>{layer}: {count} تجميع</translation>
    </message>
    <message>
        <source>Generalised for this audience, as the markings ask (no exact location): {layers}.</source>
        <translation>معمَّم لهذا الجمهور كما تطلب الوسوم (دون موقع دقيق): {layers}.</translation>
    </message>
    <message>
        <source>For {who}&apos;s own people: everything we hold, nothing withheld.</source>
        <translation>لموظفي {who} أنفسهم: كل ما لدينا، دون حجب أي شيء.</translation>
    </message>
    <message>
        <source>Withheld for {audience} by the sharing policy: {count} feature(s) ({layers}), not shown and not counted in the figures above.</source>
        <translation>ما حُجب عن {audience} بموجب سياسة المشاركة ({layers})، فلم يُعرض ولم يُحتسب في الأرقام أعلاه؛ عدد العناصر: {count}.</translation>
    </message>
    <message>
        <source>Nothing was withheld for {audience}.</source>
        <translation>لم يُحجب شيء عن {audience}.</translation>
    </message>
    <message>
        <source>the area {bbox}</source>
        <translation>المنطقة {bbox}</translation>
    </message>
    <message>
        <source>the whole workspace</source>
        <translation>مساحة العمل كلها</translation>
    </message>
    <message>
        <source>Features valid at {time} in {area}. Made with HumanOps by {who}; recorded in its audit log as a release to this audience.</source>
        <translation>العناصر السارية في {time} ضمن {area}. أُعدّ باستخدام HumanOps بواسطة {who}؛ وسُجّل في سجل التدقيق لديه كإصدار لهذا الجمهور.</translation>
    </message>
    <message>
        <source>page {number}</source>
        <translation>صفحة {number}</translation>
    </message>
</context>
<context>
    <name>SitrepDialog</name>
    <message>
        <source>Situation report</source>
        <translation>تقرير الوضع</translation>
    </message>
    <message>
        <source>A PDF for people outside the app: a map of the area, what changed since the last report for the same audience, exposure, corridors, needs coverage, shelters and open alerts. It holds only what the sharing policy lets the audience see, with the TLP banner of the highest marking inside on every page.</source>
        <translation>ملف PDF لأشخاص خارج التطبيق: خريطة للمنطقة، وما تغيّر منذ آخر تقرير للجمهور نفسه، والتعرض، والممرات، وتغطية الاحتياجات، والملاجئ، والتنبيهات المفتوحة. لا يحتوي إلا على ما تسمح سياسة المشاركة للجمهور برؤيته، مع شريط TLP لأعلى وسم فيه على كل صفحة.</translation>
    </message>
    <message>
        <source>where to write the report (.pdf)</source>
        <translation>أين يُكتب التقرير (‎.pdf)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>لـ</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>صالح في</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>Write the situation report for the chosen audience</source>
        <translation>كتابة تقرير الوضع للجمهور المختار</translation>
    </message>
    <message>
        <source>Write the situation report to</source>
        <translation>كتابة تقرير الوضع في</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>مستند PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to write the report.</source>
        <translation>اختر أين يُكتب التقرير.</translation>
    </message>
    <message>
        <source>{n} feature(s) withheld by the sharing policy are counted in it, not shown.</source>
        <translation>{n} من المعالم حجبتها سياسة المشاركة: محسوبة فيه، غير معروضة.</translation>
    </message>
    <message>
        <source>Written {file} ({pages} page(s)): TLP:{tlp}, for {audience}. {withheld}</source>
        <translation>كُتب {file} ({pages} صفحة): TLP:{tlp}، لـ {audience}. {withheld}</translation>
    </message>
    <message>
        <source>No report was written: {reason}</source>
        <translation>لم يُكتب أي تقرير: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>أُلغي: لم يُكتب أي تقرير.</translation>
    </message>
    <message>
        <source>Writing the situation report</source>
        <translation>كتابة تقرير الوضع</translation>
    </message>
</context>
<context>
    <name>StaleEditDialog</name>
    <message>
        <source>Changed by someone else meanwhile</source>
        <translation>غيّره شخص آخر في الأثناء</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you saw it: you saw version {mine}, it is now version {theirs}. Nothing was deleted: choose what to keep.</source>
        <translation>غيّر شخص آخر {name} بعد أن رأيته: رأيت الإصدار {mine}، وهو الآن الإصدار {theirs}. لم يُحذف شيء: اختر ما تحتفظ به.</translation>
    </message>
    <message>
        <source>{name} was deleted by someone else after you started editing it (you started from version {mine}). Your changes are below; nothing was written.</source>
        <translation>حذف شخص آخر {name} بعد أن بدأت تعديله (بدأت من الإصدار {mine}). تعديلاتك أدناه؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>{name} was changed by someone else after you started editing it: you started from version {mine}, it is now version {theirs}. Nothing was written: choose what to keep.</source>
        <translation>غيّر شخص آخر {name} بعد أن بدأت تعديله: بدأت من الإصدار {mine}، وهو الآن الإصدار {theirs}. لم يُكتب شيء: اختر ما تحتفظ به.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <source>When you started</source>
        <translation>عندما بدأت</translation>
    </message>
    <message>
        <source>Theirs (now)</source>
        <translation>نسختهم (الآن)</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>نسختك</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>الشكل الهندسي</translation>
    </message>
    <message>
        <source>as you saw it</source>
        <translation>كما رأيته</translation>
    </message>
    <message>
        <source>moved or reshaped</source>
        <translation>نُقل أو أُعيد تشكيله</translation>
    </message>
    <message>
        <source>Marking</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>الاحتفاظ بنسختهم</translation>
    </message>
    <message>
        <source>Show their version; your changes are dropped</source>
        <translation>عرض نسختهم؛ تُهمَل تعديلاتك</translation>
    </message>
    <message>
        <source>Re-apply mine on their version</source>
        <translation>إعادة تطبيق تعديلاتي على نسختهم</translation>
    </message>
    <message>
        <source>Store your changed fields as a new version made on theirs (Ctrl+Z undoes it)</source>
        <translation>تخزين حقولك المعدَّلة كإصدار جديد مبني على نسختهم (Ctrl+Z يتراجع عنه)</translation>
    </message>
    <message>
        <source>Delete their version</source>
        <translation>حذف نسختهم</translation>
    </message>
    <message>
        <source>Delete the feature as they left it (Ctrl+Z undoes it)</source>
        <translation>حذف العنصر كما تركوه (Ctrl+Z يتراجع عن ذلك)</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>القرار لاحقًا</translation>
    </message>
    <message>
        <source>Keep your changes in the panel, unapplied</source>
        <translation>الإبقاء على تعديلاتك في اللوحة دون تطبيق</translation>
    </message>
    <message numerus="yes">
        <source>%n vertices around {lat}, {lon}</source>
        <translation>
            <numerusform>%n رأس حول {lat}، {lon}</numerusform>
            <numerusform>رأس واحد (%n) حول {lat}، {lon}</numerusform>
            <numerusform>رأسان (%n) حول {lat}، {lon}</numerusform>
            <numerusform>%n رؤوس حول {lat}، {lon}</numerusform>
            <numerusform>%n رأسًا حول {lat}، {lon}</numerusform>
            <numerusform>%n رأس حول {lat}، {lon}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncAction</name>
    <message>
        <source>Send this copy&apos;s edits to {source} and take the team&apos;s; conflicts are kept for you to decide</source>
        <translation>إرسال تعديلات هذه النسخة إلى {source} وأخذ تعديلات الفريق؛ تُحفظ التعارضات لتقرر فيها</translation>
    </message>
    <message>
        <source>Only a workspace checked out from a team database syncs (humanops checkout postgresql://… FILE.gpkg)</source>
        <translation>لا يُزامَن إلا مساحة عمل مأخوذة من قاعدة بيانات فريق (humanops checkout postgresql://… FILE.gpkg)</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>توقفت المزامنة</translation>
    </message>
    <message>
        <source>Sync cancelled: what was sent and taken so far is kept; sync again to finish.</source>
        <translation>أُلغيت المزامنة: ما أُرسل وما أُخذ حتى الآن محفوظ؛ زامِن مرة أخرى لإكمالها.</translation>
    </message>
    <message>
        <source>Syncing with the team database…</source>
        <translation>جارٍ المزامنة مع قاعدة بيانات الفريق…</translation>
    </message>
    <message>
        <source>Synced: {taken} change(s) taken, {sent} sent, {conflicts} conflict(s) to decide.</source>
        <translation>تمت المزامنة: أُخذ {taken} تغيير، وأُرسل {sent}، و{conflicts} تعارض بانتظار قرارك.</translation>
    </message>
</context>
<context>
    <name>TakDialog</name>
    <message>
        <source>TAK data package</source>
        <translation>حزمة بيانات TAK</translation>
    </message>
    <message>
        <source>What a partner may see, for its ATAK or WinTAK teams: danger zones and corridors as drawings, facilities and incidents as markers, each with its TLP in its remarks. The sharing policy decides what goes, as for a package: withheld features are left out, generalised ones appear only generalised.</source>
        <translation>ما يحق للشريك رؤيته، لفرقه العاملة بـ ATAK أو WinTAK: مناطق الخطر والممرات كرسوم، والمرافق والحوادث كعلامات، ولكل منها TLP في ملاحظاتها. سياسة المشاركة تقرر ما يُرسل، كما في الحزمة: تُستبعد العناصر المحجوبة، ولا تظهر العناصر المعمّمة إلا معمّمة.</translation>
    </message>
    <message>
        <source>TAK data package (.zip), for ATAK and WinTAK</source>
        <translation>حزمة بيانات TAK ‏(.zip)، لـ ATAK وWinTAK</translation>
    </message>
    <message>
        <source>One .cot file of events, for scripts and TAK servers</source>
        <translation>ملف ‎.cot واحد للأحداث، للبرامج النصية وخوادم TAK</translation>
    </message>
    <message>
        <source> h</source>
        <translation> ساعة</translation>
    </message>
    <message>
        <source>How long TAK shows a feature whose validity and marking have no end</source>
        <translation>المدة التي يعرض فيها TAK عنصراً ليس لصلاحيته ولا لوسمه نهاية</translation>
    </message>
    <message>
        <source>For</source>
        <translation>لـ</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Valid at</source>
        <translation>صالح في</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <source>Stale after</source>
        <translation>يتقادم بعد</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>Write the TAK brief for the chosen audience</source>
        <translation>كتابة إحاطة TAK للجمهور المختار</translation>
    </message>
    <message>
        <source>Cursor-on-Target events (*.cot)</source>
        <translation>أحداث Cursor-on-Target ‏(*.cot)</translation>
    </message>
    <message>
        <source>TAK data package (*.zip)</source>
        <translation>حزمة بيانات TAK ‏(*.zip)</translation>
    </message>
    <message>
        <source>Write the TAK brief to</source>
        <translation>كتابة إحاطة TAK في</translation>
    </message>
    <message>
        <source>where to write the events (.cot)</source>
        <translation>أين تُكتب الأحداث (‎.cot)</translation>
    </message>
    <message>
        <source>where to write the data package (.zip)</source>
        <translation>أين تُكتب حزمة البيانات (‎.zip)</translation>
    </message>
    <message>
        <source>Asking the sharing policy what goes…</source>
        <translation>جارٍ سؤال سياسة المشاركة عمّا يُرسل…</translation>
    </message>
    <message>
        <source>Choose at least one layer.</source>
        <translation>اختر طبقة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>Choose where to write the TAK brief.</source>
        <translation>اختر أين تُكتب إحاطة TAK.</translation>
    </message>
    <message>
        <source>One .cot file of events must end in .cot.</source>
        <translation>يجب أن ينتهي ملف الأحداث بـ ‎.cot.</translation>
    </message>
    <message>
        <source>A TAK data package must end in .zip.</source>
        <translation>يجب أن تنتهي حزمة بيانات TAK بـ ‎.zip.</translation>
    </message>
    <message>
        <source>What goes into the TAK brief</source>
        <translation>ما يدخل في إحاطة TAK</translation>
    </message>
    <message>
        <source>No brief can be made for these choices: {reason}</source>
        <translation>لا يمكن إعداد إحاطة بهذه الخيارات: {reason}</translation>
    </message>
    <message>
        <source>For {audience}: TLP:{tlp} (the highest marking inside), {n} feature(s).</source>
        <translation>لـ {audience}: TLP:{tlp} (أعلى وسم في الداخل)، {n} عنصر/عناصر.</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy; {generalised} feature(s) given only generalised.</source>
        <translation>ما يُستبعد لهذا الجمهور: {withheld} عنصر/عناصر حجبتها سياسة المشاركة؛ {generalised} عنصر/عناصر تُعطى معمّمة فقط.</translation>
    </message>
    <message>
        <source>Left out for this audience: {withheld} feature(s) withheld by the sharing policy.</source>
        <translation>ما يُستبعد لهذا الجمهور: {withheld} عنصر/عناصر حجبتها سياسة المشاركة.</translation>
    </message>
    <message>
        <source>Left out for this audience: nothing withheld; {generalised} feature(s) given only generalised.</source>
        <translation>ما يُستبعد لهذا الجمهور: لا شيء محجوب؛ {generalised} عنصر/عناصر تُعطى معمّمة فقط.</translation>
    </message>
    <message>
        <source>Nothing is left out for this audience.</source>
        <translation>لا يُستبعد شيء لهذا الجمهور.</translation>
    </message>
    <message>
        <source>Written {file} ({size} bytes): TLP:{tlp}, {n} feature(s) as {events} CoT event(s).</source>
        <translation>كُتب {file} ({size} بايت): TLP:{tlp}، {n} عنصر/عناصر في {events} حدث/أحداث CoT.</translation>
    </message>
    <message>
        <source>No TAK brief was written: {reason}</source>
        <translation>لم تُكتب أي إحاطة TAK: {reason}</translation>
    </message>
    <message>
        <source>Cancelled: no TAK brief was written.</source>
        <translation>أُلغي: لم تُكتب أي إحاطة TAK.</translation>
    </message>
    <message>
        <source>Writing the TAK brief</source>
        <translation>جارٍ كتابة إحاطة TAK</translation>
    </message>
</context>
<context>
    <name>TeamDatabase</name>
    <message>
        <source>service {name}</source>
        <translation>الخدمة {name}</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>مقبس محلي</translation>
    </message>
    <message>
        <source>the URL carries a password; HumanOps never stores one: put it in ~/.pgpass (or PGPASSFILE, or a pg_service.conf service) and give the URL without it</source>
        <translation>الرابط يحمل كلمة مرور؛ HumanOps لا يخزّن كلمات المرور أبدًا: ضعها في ~/.pgpass (أو PGPASSFILE، أو خدمة في pg_service.conf) وأعطِ الرابط بدونها</translation>
    </message>
    <message>
        <source>PostGIS is not enabled in this database (its administrator runs CREATE EXTENSION postgis)</source>
        <translation>PostGIS غير مفعّل في قاعدة البيانات هذه (يشغّل مديرها CREATE EXTENSION postgis)</translation>
    </message>
    <message>
        <source>Not available on a team database yet: copy it to a GeoPackage (humanops checkout) to use this.</source>
        <translation>غير متاح بعد على قاعدة بيانات الفريق: انسخها إلى GeoPackage (humanops checkout) لاستخدام هذا.</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseDialog</name>
    <message>
        <source>Open team database</source>
        <translation>فتح قاعدة بيانات الفريق</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <source>Server and database</source>
        <translation>الخادم وقاعدة البيانات</translation>
    </message>
    <message>
        <source>Service name (pg_service.conf)</source>
        <translation>اسم الخدمة (pg_service.conf)</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>الرابط:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>الخادم:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>المنفذ:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>قاعدة البيانات:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>المستخدم:</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>الخدمة:</translation>
    </message>
    <message>
        <source>HumanOps never stores a password: libpq reads it from ~/.pgpass (PGPASSFILE on Windows: %APPDATA%\postgresql\pgpass.conf) or from the service file.</source>
        <translation>HumanOps لا يخزّن كلمة مرور أبدًا: تقرؤها libpq من ~/.pgpass (PGPASSFILE؛ على Windows: %APPDATA%\postgresql\pgpass.conf) أو من ملف الخدمة.</translation>
    </message>
    <message>
        <source>Give a URL, a server and a database, or a service name.</source>
        <translation>أعطِ رابطًا، أو خادمًا وقاعدة بيانات، أو اسم خدمة.</translation>
    </message>
    <message>
        <source>A team database URL starts with postgresql:// (a GeoPackage file opens with File › Open workspace…).</source>
        <translation>رابط قاعدة بيانات الفريق يبدأ بـ postgresql:// (ملف GeoPackage يُفتح من ملف › فتح مساحة عمل…).</translation>
    </message>
    <message>
        <source>Leave the password out: HumanOps never stores one. Put it in ~/.pgpass (or a service file) and libpq finds it there.</source>
        <translation>اترك كلمة المرور: HumanOps لا يخزّنها أبدًا. ضعها في ~/.pgpass (أو ملف خدمة) وستجدها libpq هناك.</translation>
    </message>
</context>
<context>
    <name>TeamSession</name>
    <message numerus="yes">
        <source>Others changed %n feature(s) in the team database: shown.</source>
        <translation>
            <numerusform>لم يغيّر الآخرون أي عنصر في قاعدة بيانات الفريق (%n).</numerusform>
            <numerusform>غيّر آخرون عنصرًا واحدًا في قاعدة بيانات الفريق (%n): معروض.</numerusform>
            <numerusform>غيّر آخرون عنصرين في قاعدة بيانات الفريق (%n): معروضان.</numerusform>
            <numerusform>غيّر آخرون %n عناصر في قاعدة بيانات الفريق: معروضة.</numerusform>
            <numerusform>غيّر آخرون %n عنصرًا في قاعدة بيانات الفريق: معروضة.</numerusform>
            <numerusform>غيّر آخرون %n عنصر في قاعدة بيانات الفريق: معروضة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Others changed the team database: the layers are re-read.</source>
        <translation>غيّر آخرون قاعدة بيانات الفريق: أُعيدت قراءة الطبقات.</translation>
    </message>
    <message>
        <source>Someone else changed this feature meanwhile: nothing was written.</source>
        <translation>غيّر شخص آخر هذا العنصر في الأثناء: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Kept their version; your changes were dropped.</source>
        <translation>احتُفظ بنسختهم؛ أُهملت تعديلاتك.</translation>
    </message>
</context>
<context>
    <name>TimeSlider</name>
    <message>
        <source>Valid at</source>
        <translation>صالح في</translation>
    </message>
    <message>
        <source>Filter the map by each feature&apos;s validity window</source>
        <translation>تصفية الخريطة حسب فترة صلاحية كل عنصر</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>Move to the present moment and follow the clock</source>
        <translation>الانتقال إلى اللحظة الحالية ومتابعة الساعة</translation>
    </message>
    <message>
        <source>No dated features</source>
        <translation>لا توجد عناصر مؤرخة</translation>
    </message>
    <message>
        <source>From {start} to {end}</source>
        <translation>من {start} إلى {end}</translation>
    </message>
    <message>
        <source>all times</source>
        <translation>كل الأوقات</translation>
    </message>
</context>
<context>
    <name>TriggerWatch</name>
    <message>
        <source>Checking the alerts after changes</source>
        <translation>التحقق من التنبيهات بعد التغييرات</translation>
    </message>
</context>
<context>
    <name>UnlockedKeys</name>
    <message>
        <source>Ask in every window (off)</source>
        <translation>الطلب في كل نافذة (معطّل)</translation>
    </message>
    <message numerus="yes">
        <source>For %n minute(s)</source>
        <translation>
            <numerusform>لمدة %n دقيقة</numerusform>
            <numerusform>لمدة %n دقيقة</numerusform>
            <numerusform>لمدة %n دقيقتين</numerusform>
            <numerusform>لمدة %n دقائق</numerusform>
            <numerusform>لمدة %n دقيقة</numerusform>
            <numerusform>لمدة %n دقيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys locked: the next package asks for the passphrase.</source>
        <translation>قُفلت المفاتيح: ستطلب الحزمة التالية عبارة المرور.</translation>
    </message>
    <message>
        <source>Keep keys unlocked</source>
        <translation>إبقاء المفاتيح مفتوحة</translation>
    </message>
    <message>
        <source>After you type the passphrase, keep your organisation&apos;s keys unlocked
in memory (never on disk), so that the next packages ask for none.
Sharing ▸ Lock keys, or closing the workspace, drops them at once.</source>
        <translation>بعد كتابة عبارة المرور، تبقى مفاتيح منظمتك مفتوحة
في الذاكرة (لا على القرص أبداً)، فلا تطلب الحزم التالية أي عبارة.
المشاركة ▸ قفل المفاتيح، أو إغلاق مساحة العمل، يُسقطها فوراً.</translation>
    </message>
    <message>
        <source>Keys are no longer kept unlocked: every window asks for the passphrase.</source>
        <translation>لم تعد المفاتيح تبقى مفتوحة: كل نافذة تطلب عبارة المرور.</translation>
    </message>
    <message numerus="yes">
        <source>Keys stay unlocked for %n minute(s) after the passphrase (Sharing ▸ Lock keys drops them).</source>
        <translation>
            <numerusform>تبقى المفاتيح مفتوحة %n دقيقة بعد عبارة المرور (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
            <numerusform>تبقى المفاتيح مفتوحة دقيقة واحدة بعد عبارة المرور (%n) (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
            <numerusform>تبقى المفاتيح مفتوحة دقيقتين بعد عبارة المرور (%n) (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
            <numerusform>تبقى المفاتيح مفتوحة %n دقائق بعد عبارة المرور (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
            <numerusform>تبقى المفاتيح مفتوحة %n دقيقة بعد عبارة المرور (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
            <numerusform>تبقى المفاتيح مفتوحة %n دقيقة بعد عبارة المرور (المشاركة ▸ قفل المفاتيح يُسقطها).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserGuideWindow</name>
    <message>
        <source># User guide missing

The user guide should be at `{path}` but cannot be read ({reason}). The installation may be incomplete: the README of HumanOps has the same content.</source>
        <translation># دليل المستخدم مفقود

يجب أن يكون الدليل في `{path}` لكن تتعذر قراءته ({reason}). قد يكون التثبيت ناقصًا: ملف README الخاص بـ HumanOps يحوي المحتوى نفسه.</translation>
    </message>
    <message>
        <source>HumanOps user guide</source>
        <translation>دليل مستخدم HumanOps</translation>
    </message>
</context>
<context>
    <name>WindowDrops</name>
    <message>
        <source>Only files can be dropped here (nothing was opened).</source>
        <translation>يمكن إسقاط الملفات فقط هنا (لم يُفتح شيء).</translation>
    </message>
    <message numerus="yes">
        <source>Drop one file at a time: %n files were dropped ({names}). Nothing was opened.</source>
        <translation>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقط %n ملف ({names}). لم يُفتح شيء.</numerusform>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقط ملف واحد (%n) ({names}). لم يُفتح شيء.</numerusform>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقط ملفان (%n) ({names}). لم يُفتح شيء.</numerusform>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقطت %n ملفات ({names}). لم يُفتح شيء.</numerusform>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقط %n ملفاً ({names}). لم يُفتح شيء.</numerusform>
            <numerusform>أسقط ملفاً واحداً في كل مرة: أُسقط %n ملف ({names}). لم يُفتح شيء.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is a folder: drop a file (nothing was opened).</source>
        <translation>{name} مجلد: أسقط ملفاً (لم يُفتح شيء).</translation>
    </message>
    <message>
        <source>{path} was not found (nothing was opened).</source>
        <translation>لم يُعثر على {path} (لم يُفتح شيء).</translation>
    </message>
    <message>
        <source>{name} is not a GeoPackage, or cannot be read: it was not opened.</source>
        <translation>{name} ليس ملف GeoPackage، أو لا يمكن قراءته: لم يُفتح.</translation>
    </message>
    <message>
        <source>{name} was not opened: HumanOps opens workspaces and partners&apos; packages (.hopx), and imports {suffixes} files.</source>
        <translation>لم يُفتح {name}: يفتح HumanOps مساحات العمل وحزم الشركاء (.hopx)، ويستورد ملفات {suffixes}.</translation>
    </message>
    <message>
        <source>{name} is open already.</source>
        <translation>{name} مفتوح بالفعل.</translation>
    </message>
    <message>
        <source>{name} can be imported only into a workspace: open or create one first, then drop it again.</source>
        <translation>لا يمكن استيراد {name} إلا إلى مساحة عمل: افتح مساحة أو أنشئها أولاً، ثم أسقطه مرة أخرى.</translation>
    </message>
    <message>
        <source>{name} can be received only into a workspace: open or create one first, then drop it again.</source>
        <translation>لا يمكن استلام {name} إلا في مساحة عمل: افتح مساحة أو أنشئها أولاً، ثم أسقطه مرة أخرى.</translation>
    </message>
    <message>
        <source>Import {name}: Check shows what would be imported.</source>
        <translation>استيراد {name}: يعرض «تحقق» ما سيُستورد.</translation>
    </message>
    <message>
        <source>Package {name}: Check verifies it and shows what it would change.</source>
        <translation>الحزمة {name}: يتحقق منها «تحقق» ويعرض ما ستغيّره.</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>a background task</source>
        <translation>مهمة في الخلفية</translation>
    </message>
    <message>
        <source>internal error: {error}: {message}</source>
        <translation>خطأ داخلي: {error}: {message}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
</context>
<context>
    <name>WorkspaceSetup</name>
    <message>
        <source>{name} exists already in {folder}: choose another name (nothing is overwritten).</source>
        <translation>{name} موجود بالفعل في {folder}: اختر اسماً آخر (لا يُستبدل شيء).</translation>
    </message>
    <message>
        <source>{folder} cannot be made: choose another folder.</source>
        <translation>لا يمكن إنشاء {folder}: اختر مجلداً آخر.</translation>
    </message>
    <message>
        <source>Your organisation&apos;s id is needed: it is the originator of every feature you draw, and only an originator changes its features.</source>
        <translation>معرّف منظمتك مطلوب: فهي الجهة المنشئة لكل عنصر ترسمه، ولا يغيّر العناصر إلا الجهة المنشئة لها.</translation>
    </message>
    <message>
        <source>{reason}. Use only letters, digits and the signs _ . : - (no spaces), starting with a letter or digit, at most 64 characters: e.g. medaid or unhcr-kv.</source>
        <translation>{reason}. استخدم الحروف والأرقام والرموز _ . : - فقط (دون مسافات)، مبتدئاً بحرف أو رقم، وبحد أقصى 64 حرفاً: مثل medaid أو unhcr-kv.</translation>
    </message>
    <message>
        <source>The passphrase needs at least {count} characters.</source>
        <translation>يجب أن تتكون عبارة المرور من {count} حرفاً على الأقل.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>عبارتا المرور مختلفتان: اكتب العبارة نفسها مرتين.</translation>
    </message>
    <message>
        <source>creating the workspace</source>
        <translation>إنشاء مساحة العمل</translation>
    </message>
    <message>
        <source>making your organisation&apos;s keys</source>
        <translation>إنشاء مفاتيح منظمتك</translation>
    </message>
    <message>
        <source>adopting the sharing protocol</source>
        <translation>اعتماد بروتوكول المشاركة</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>الحفظ</translation>
    </message>
    <message>
        <source>drawing the region of Kavera and its layers</source>
        <translation>رسم منطقة كافيرا وطبقاتها</translation>
    </message>
    <message>
        <source>making the keys and the partners&apos; workspaces, sending their packages</source>
        <translation>إنشاء المفاتيح ومساحات عمل الشركاء، وإرسال حزمهم</translation>
    </message>
</context>
<context>
    <name>extensions</name>
    <message>
        <source>&amp;Analysis</source>
        <translation>ت&amp;حليل</translation>
    </message>
    <message>
        <source>Exposure…</source>
        <translation>التعرض…</translation>
    </message>
    <message>
        <source>People and needs in or near the danger zones valid at a time</source>
        <translation>الأشخاص والاحتياجات داخل مناطق الخطر السارية في وقت ما أو قربها</translation>
    </message>
    <message>
        <source>Corridor risk…</source>
        <translation>مخاطر الممرات…</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width, and a risk score</source>
        <translation>الخطر على امتداد كل ممر ضمن عرضه، ودرجة خطر</translation>
    </message>
    <message>
        <source>Route…</source>
        <translation>المسار…</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route around the danger zones</source>
        <translation>أسرع مسار أو أكثرها أماناً أو أقصرها حول مناطق الخطر</translation>
    </message>
    <message>
        <source>Evacuation plan…</source>
        <translation>خطة الإجلاء…</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within capacities</source>
        <translation>من يذهب إلى أي مأوى وعبر أي طريق، ضمن حدود السعة</translation>
    </message>
    <message>
        <source>Aid allocation…</source>
        <translation>توزيع المساعدات…</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs, priority first</source>
        <translation>شحنات من مخزون المستودعات إلى الاحتياجات، الأولوية أولاً</translation>
    </message>
    <message>
        <source>Adopt trigger rules…</source>
        <translation>اعتماد قواعد الإنذار…</translation>
    </message>
    <message>
        <source>Check triggers now…</source>
        <translation>التحقق من الإنذارات الآن…</translation>
    </message>
    <message>
        <source>Saved plans…</source>
        <translation>الخطط المحفوظة…</translation>
    </message>
    <message>
        <source>the planning tools could not be set up (see the log)</source>
        <translation>تعذر إعداد أدوات التخطيط (انظر السجل)</translation>
    </message>
    <message>
        <source>Check a TOML rule file and make it this workspace&apos;s rules</source>
        <translation>التحقق من ملف قواعد TOML واعتماده قواعدَ لمساحة العمل هذه</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now</source>
        <translation>تقييم قواعد الإنذار المعتمدة الآن</translation>
    </message>
    <message>
        <source>Evacuation and aid plans saved in this workspace</source>
        <translation>خطط الإجلاء والمساعدات المحفوظة في مساحة العمل هذه</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>النتائج</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>المشاركة</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and sending a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>مساحة العمل هذه ليس لها مفاتيح بعد، وإرسال حزمة يحتاج إليها: أنشئها في المشاركة ▸ الهوية الخاصة…</translation>
    </message>
    <message>
        <source>This workspace has no keys yet, and receiving a package needs them: make them in Sharing ▸ Own identity…</source>
        <translation>مساحة العمل هذه ليس لها مفاتيح بعد، واستلام حزمة يحتاج إليها: أنشئها في المشاركة ▸ الهوية الخاصة…</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>لا مفاتيح بعد</translation>
    </message>
    <message>
        <source>, {n} proposals to decide</source>
        <translation>، و{n} مقترحات بانتظار قرارك</translation>
    </message>
    <message>
        <source>Imported the package from {sender}: {inserted} new, {updated} updated, {deleted} deleted, {conflicts} conflicts{proposals}, {quarantined} quarantined.</source>
        <translation>استُوردت الحزمة من {sender}: {inserted} جديدة، و{updated} محدّثة، و{deleted} محذوفة، و{conflicts} تعارضات{proposals}، و{quarantined} معزولة.</translation>
    </message>
    <message>
        <source>Own identity…</source>
        <translation>الهوية الخاصة…</translation>
    </message>
    <message>
        <source>Our organisation&apos;s keys, fingerprint and contact card</source>
        <translation>مفاتيح منظمتنا وبصمتها وبطاقة الاتصال الخاصة بها</translation>
    </message>
    <message>
        <source>Partners and keys…</source>
        <translation>الشركاء والمفاتيح…</translation>
    </message>
    <message>
        <source>The partner directory: fingerprints, add from a contact card, revoke</source>
        <translation>دليل الشركاء: البصمات، والإضافة من بطاقة اتصال، والإلغاء</translation>
    </message>
    <message>
        <source>Send package…</source>
        <translation>إرسال حزمة…</translation>
    </message>
    <message>
        <source>Preview per recipient, then write a signed, encrypted package</source>
        <translation>معاينة لكل مستلم، ثم كتابة حزمة موقّعة ومشفّرة</translation>
    </message>
    <message>
        <source>Wrote package {package} to {recipients}: {path}</source>
        <translation>كُتبت الحزمة {package} إلى {recipients}: {path}</translation>
    </message>
    <message>
        <source>Receive package…</source>
        <translation>استلام حزمة…</translation>
    </message>
    <message>
        <source>Verify a partner&apos;s package, see what it would change, then import it</source>
        <translation>التحقق من حزمة شريك، ورؤية ما ستغيّره، ثم استيرادها</translation>
    </message>
    <message>
        <source>Keep keys unlocked…</source>
        <translation>إبقاء المفاتيح مفتوحة…</translation>
    </message>
    <message>
        <source>How long the keys stay unlocked in memory after the passphrase (off: asked in every window)</source>
        <translation>المدة التي تبقى فيها المفاتيح مفتوحة في الذاكرة بعد عبارة المرور (معطّل: تُطلب في كل نافذة)</translation>
    </message>
    <message>
        <source>Lock keys</source>
        <translation>قفل المفاتيح</translation>
    </message>
    <message>
        <source>Drop the unlocked keys now: the next package asks for the passphrase</source>
        <translation>إسقاط المفاتيح المفتوحة الآن: ستطلب الحزمة التالية عبارة المرور</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>التعارضات</translation>
    </message>
    <message>
        <source>Features a partner and we changed at the same time, and changes proposed by others than a feature&apos;s originator: decide them</source>
        <translation>عناصر عدّلناها نحن وأحد الشركاء في الوقت نفسه، وتعديلات اقترحها غير الجهة المنشئة للعنصر: احسمها</translation>
    </message>
    <message>
        <source>Editors of a layer…</source>
        <translation>محررو طبقة…</translation>
    </message>
    <message>
        <source>Name the partners who may edit all our features of a layer with us (their fields and geometry)</source>
        <translation>تعيين الشركاء المسموح لهم بتعديل كل عناصرنا في طبقة ما معنا (حقولها وشكلها الهندسي)</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>سجل التدقيق…</translation>
    </message>
    <message>
        <source>Verify the hash-chained log of what went to whom; write a report</source>
        <translation>التحقق من سجل ما أُرسل إلى من المتسلسل بالتجزئة؛ وكتابة تقرير</translation>
    </message>
    <message>
        <source>Conflicts and proposals</source>
        <translation>التعارضات والمقترحات</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>لوحة المعلومات</translation>
    </message>
    <message>
        <source>Injects</source>
        <translation>الأحداث المُدرجة</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Population exposed to danger zones</source>
        <translation>السكان المعرّضون لمناطق الخطر</translation>
    </message>
    <message>
        <source>People and needs inside, or within a distance of, the danger zones valid at a time, by hazard, severity and admin area. Each person counts once per hazard and once overall, at the highest severity reaching them.</source>
        <translation>الأشخاص والاحتياجات داخل مناطق الخطر السارية في وقت محدد أو ضمن مسافة منها، حسب نوع الخطر والخطورة والمنطقة الإدارية. يُحتسب كل شخص مرة واحدة لكل خطر ومرة واحدة إجمالاً، بأعلى خطورة تصله.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <source>danger zones valid at this time (default: now)</source>
        <translation>مناطق الخطر السارية في هذا الوقت (الافتراضي: الآن)</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>المسافة</translation>
    </message>
    <message>
        <source>also count needs within this distance of a zone</source>
        <translation>احتساب الاحتياجات الواقعة ضمن هذه المسافة من منطقة أيضاً</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>التجميع حسب</translation>
    </message>
    <message>
        <source>group the table by</source>
        <translation>تجميع الجدول حسب</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>الحد الأدنى للخطورة</translation>
    </message>
    <message>
        <source>ignore zones of lower severity</source>
        <translation>تجاهل المناطق الأقل خطورة</translation>
    </message>
    <message>
        <source>Hazards</source>
        <translation>أنواع الخطر</translation>
    </message>
    <message>
        <source>only these hazards (default: all)</source>
        <translation>أنواع الخطر هذه فقط (الافتراضي: الكل)</translation>
    </message>
    <message>
        <source>Needs layer</source>
        <translation>طبقة الاحتياجات</translation>
    </message>
    <message>
        <source>layer of need points</source>
        <translation>طبقة نقاط الاحتياجات</translation>
    </message>
    <message>
        <source>Danger zones layer</source>
        <translation>طبقة مناطق الخطر</translation>
    </message>
    <message>
        <source>layer of danger zones</source>
        <translation>طبقة مناطق الخطر</translation>
    </message>
    <message>
        <source>Corridor risk</source>
        <translation>مخاطر الممرات</translation>
    </message>
    <message>
        <source>Danger along each corridor within its width: length inside danger zones by severity, worst severity, zones crossed, facilities within reach, and a 0-100 risk score.</source>
        <translation>الخطر على امتداد كل ممر ضمن عرضه: الطول داخل مناطق الخطر حسب الخطورة، وأشد خطورة، والمناطق المعبورة، والمرافق في المتناول، ودرجة مخاطر من 0 إلى 100.</translation>
    </message>
    <message>
        <source>corridors and danger zones valid at this time (default: now)</source>
        <translation>الممرات ومناطق الخطر السارية في هذا الوقت (الافتراضي: الآن)</translation>
    </message>
    <message>
        <source>Facility reach</source>
        <translation>نطاق المرافق</translation>
    </message>
    <message>
        <source>list the facilities within this distance of a corridor&apos;s edge</source>
        <translation>سرد المرافق الواقعة ضمن هذه المسافة من حافة الممر</translation>
    </message>
    <message>
        <source>Check preauthorised triggers</source>
        <translation>التحقق من المحفزات المعتمدة مسبقاً</translation>
    </message>
    <message>
        <source>Evaluate the adopted trigger rules now and update the alerts.</source>
        <translation>تقييم قواعد التحفيز المعتمدة الآن وتحديث التنبيهات.</translation>
    </message>
    <message>
        <source>evaluate at this time (default: now)</source>
        <translation>التقييم في هذا الوقت (الافتراضي: الآن)</translation>
    </message>
    <message>
        <source>Route between two places</source>
        <translation>مسار بين مكانين</translation>
    </message>
    <message>
        <source>Fastest, safest or shortest route, driving or walking, on the road layer around the danger zones valid at a time.</source>
        <translation>أسرع مسار أو أكثره أماناً أو أقصره، بالسيارة أو سيراً على الأقدام، على طبقة الطرق حول مناطق الخطر السارية في وقت محدد.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>lat,lon (latitude first; put -- before a value starting with -), a feature uuid or a facility name</source>
        <translation>lat,lon (خط العرض أولاً؛ ضع -- قبل القيمة التي تبدأ بـ -)، أو uuid عنصر، أو اسم مرفق</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>lat,lon, a feature uuid or a facility name</source>
        <translation>lat,lon، أو uuid عنصر، أو اسم مرفق</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>الوضع</translation>
    </message>
    <message>
        <source>traveller and objective: walk, walk-safest, drive-length...; fastest|safest|length drive</source>
        <translation>المسافر والهدف: walk، walk-safest، drive-length...؛ fastest|safest|length بالسيارة</translation>
    </message>
    <message>
        <source>Block zones of severity at or above</source>
        <translation>حجب المناطق ذات الخطورة المساوية أو الأعلى من</translation>
    </message>
    <message>
        <source>0 never blocks; empty uses the configured threshold</source>
        <translation>0 لا يحجب أبداً؛ والفارغ يستخدم العتبة المضبوطة</translation>
    </message>
    <message>
        <source>Danger zones valid at</source>
        <translation>مناطق الخطر السارية في</translation>
    </message>
    <message>
        <source>Alternative routes</source>
        <translation>مسارات بديلة</translation>
    </message>
    <message>
        <source>Save as proposed corridor named</source>
        <translation>الحفظ كممر مقترح باسم</translation>
    </message>
    <message>
        <source>Corridor width</source>
        <translation>عرض الممر</translation>
    </message>
    <message>
        <source>Evacuation plan</source>
        <translation>خطة الإجلاء</translation>
    </message>
    <message>
        <source>Who goes to which shelter by which road, within shelter (and corridor) capacities.</source>
        <translation>من يذهب إلى أي مأوى وعبر أي طريق، ضمن سعات المآوي (والممرات).</translation>
    </message>
    <message>
        <source>Plan for</source>
        <translation>التخطيط لـ</translation>
    </message>
    <message>
        <source>danger zones and corridors valid then (default now)</source>
        <translation>مناطق الخطر والممرات السارية حينها (الافتراضي الآن)</translation>
    </message>
    <message>
        <source>Time horizon</source>
        <translation>الأفق الزمني</translation>
    </message>
    <message>
        <source>Route mode</source>
        <translation>وضع المسار</translation>
    </message>
    <message>
        <source>People to move</source>
        <translation>الأشخاص المراد نقلهم</translation>
    </message>
    <message>
        <source>Share of the population</source>
        <translation>نسبة السكان</translation>
    </message>
    <message>
        <source>Respect corridor capacities</source>
        <translation>مراعاة سعات الممرات</translation>
    </message>
    <message>
        <source>Save the plan in the workspace</source>
        <translation>حفظ الخطة في مساحة العمل</translation>
    </message>
    <message>
        <source>Aid allocation</source>
        <translation>توزيع المساعدات</translation>
    </message>
    <message>
        <source>Shipments from warehouse stocks to needs: priority first, then proportional, then cheapest.</source>
        <translation>شحنات من مخزون المستودعات إلى الاحتياجات: الأولوية أولاً، ثم بالتناسب، ثم الأقل تكلفة.</translation>
    </message>
    <message>
        <source>danger zones valid then (default now)</source>
        <translation>مناطق الخطر السارية حينها (الافتراضي الآن)</translation>
    </message>
    <message>
        <source>Warehouses considered per need</source>
        <translation>المستودعات المأخوذة بالحسبان لكل احتياج</translation>
    </message>
</context>
<context>
    <name>overlays</name>
    <message>
        <source>{n} km</source>
        <translation>{n} كم</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} م</translation>
    </message>
    <message>
        <source>N</source>
        <comment>north, on the map&apos;s north arrow</comment>
        <translation>ش</translation>
    </message>
</context>
<context>
    <name>passphrase</name>
    <message>
        <source>Passphrase of your organisation&apos;s keys:</source>
        <translation>عبارة مرور مفاتيح منظمتك:</translation>
    </message>
    <message>
        <source>Choose a passphrase for your organisation&apos;s private keys (at least {n} characters).
Whoever holds the workspace and this passphrase can sign in your organisation&apos;s name;
without it nobody, you included, can send or receive packages.</source>
        <translation>اختر عبارة مرور للمفاتيح الخاصة بمنظمتك (على الأقل {n} حرفاً).
من يملك مساحة العمل وعبارة المرور هذه يمكنه التوقيع باسم منظمتك؛
ودونها لا يستطيع أحد، ولا أنت، إرسال الحزم أو استلامها.</translation>
    </message>
    <message>
        <source>The passphrase must have at least {n} characters: no keys were made.</source>
        <translation>يجب أن تتكون عبارة المرور من {n} حرفاً على الأقل: لم تُنشأ أي مفاتيح.</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>اكتب عبارة المرور مرة أخرى:</translation>
    </message>
    <message>
        <source>The two passphrases differ: no keys were made.</source>
        <translation>عبارتا المرور مختلفتان: لم تُنشأ أي مفاتيح.</translation>
    </message>
</context>
<context>
    <name>result_overlays</name>
    <message>
        <source>Map: the route dark blue, alternatives light blue; A start, B end.</source>
        <translation>الخريطة: المسار بالأزرق الداكن، والبدائل بالأزرق الفاتح؛ A البداية، B النهاية.</translation>
    </message>
    <message>
        <source>Map: movements coloured by shelter, wider for more people; shelters labelled with their fill; small dots: sources served; red rings: people not served.</source>
        <translation>الخريطة: التحركات ملوّنة حسب المأوى، وأعرض كلما زاد عدد الأشخاص؛ والمآوي موسومة بنسبة إشغالها؛ النقاط الصغيرة: المصادر المخدومة؛ الحلقات الحمراء: أشخاص غير مخدومين.</translation>
    </message>
    <message>
        <source>Map: shipments coloured by warehouse, wider for more goods; red rings: needs no warehouse reaches.</source>
        <translation>الخريطة: الشحنات ملوّنة حسب المستودع، وأعرض كلما زادت البضائع؛ الحلقات الحمراء: احتياجات لا يصل إليها أي مستودع.</translation>
    </message>
    <message>
        <source>Map: exposed needs coloured by the worst severity reaching them (yellow 1 to red 5), sized by population.</source>
        <translation>الخريطة: الاحتياجات المعرّضة ملوّنة حسب أقصى درجة خطورة تصلها (من الأصفر 1 إلى الأحمر 5)، وحجمها حسب عدد السكان.</translation>
    </message>
    <message>
        <source>Map: corridors by risk score: green below 25, yellow below 50, orange below 75, red above.</source>
        <translation>الخريطة: الممرات حسب درجة الخطر: أخضر دون 25، أصفر دون 50، برتقالي دون 75، أحمر فوق ذلك.</translation>
    </message>
    <message>
        <source>{percent} full</source>
        <translation>ممتلئ بنسبة {percent}</translation>
    </message>
    <message>
        <source>{name}: risk {score}</source>
        <translation>{name}: الخطر {score}</translation>
    </message>
</context>
<context>
    <name>runner</name>
    <message>
        <source>reading plan {id}</source>
        <translation>قراءة الخطة {id}</translation>
    </message>
    <message>
        <source>Saved plan {id}: {title}</source>
        <translation>الخطة المحفوظة {id}: {title}</translation>
    </message>
    <message>
        <source>Route ({mode}): {message}</source>
        <translation>المسار ({mode}): {message}</translation>
    </message>
    <message>
        <source>Alternative {rank} ({mode}): {message}</source>
        <translation>البديل {rank} ({mode}): {message}</translation>
    </message>
    <message>
        <source>{people} people to move: {served} served, {unserved} not served</source>
        <translation>{people} شخصاً يجب نقلهم: {served} خُدموا، و{unserved} لم يُخدموا</translation>
    </message>
    <message>
        <source>Saved in the workspace as plan {id}.</source>
        <translation>حُفظ في مساحة العمل كخطة {id}.</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <source>{exposed} of {total} need locations, {people} people exposed to {zones} danger zones (within {distance} m, at {at}).</source>
        <translation>{exposed} من {total} موقع احتياج، و{people} شخصاً معرّضون لـ {zones} منطقة خطر (ضمن {distance} م، في {at}).</translation>
    </message>
</context>
<context>
    <name>symbols</name>
    <message>
        <source>other</source>
        <translation>أخرى</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>making keys</source>
        <translation>إنشاء المفاتيح</translation>
    </message>
    <message>
        <source>signing the card</source>
        <translation>توقيع البطاقة</translation>
    </message>
    <message>
        <source>checking originators&apos; signatures</source>
        <translation>التحقق من توقيعات الجهات المنشئة</translation>
    </message>
    <message>
        <source>unlocking the key</source>
        <translation>فتح المفتاح</translation>
    </message>
    <message>
        <source>signing the witness</source>
        <translation>توقيع الشهادة</translation>
    </message>
</context>
<context>
    <name>undo_commands</name>
    <message>
        <source>Edit geometry of {name}</source>
        <translation>تعديل الشكل الهندسي لـ {name}</translation>
    </message>
    <message>
        <source>Edit fields of {name}</source>
        <translation>تعديل حقول {name}</translation>
    </message>
    <message>
        <source>Edit marking of {name}</source>
        <translation>تعديل وسم {name}</translation>
    </message>
    <message>
        <source>Edit geometry and fields of {name}</source>
        <translation>تعديل الشكل الهندسي والحقول لـ {name}</translation>
    </message>
    <message>
        <source>Edit geometry and marking of {name}</source>
        <translation>تعديل الشكل الهندسي والوسم لـ {name}</translation>
    </message>
    <message>
        <source>Edit fields and marking of {name}</source>
        <translation>تعديل الحقول والوسم لـ {name}</translation>
    </message>
    <message>
        <source>Edit geometry, fields and marking of {name}</source>
        <translation>تعديل الشكل الهندسي والحقول والوسم لـ {name}</translation>
    </message>
    <message>
        <source>Edit feature of {name}</source>
        <translation>تعديل العنصر {name}</translation>
    </message>
    <message>
        <source>Cannot undo “{edit}”: {reason}</source>
        <translation>يتعذر التراجع عن «{edit}»: {reason}</translation>
    </message>
    <message>
        <source>Cannot redo “{edit}”: {reason}</source>
        <translation>تتعذر إعادة «{edit}»: {reason}</translation>
    </message>
    <message>
        <source>Add {kind}</source>
        <translation>إضافة {kind}</translation>
    </message>
    <message>
        <source>Move vertices of {name}</source>
        <translation>نقل رؤوس {name}</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>حذف {name}</translation>
    </message>
    <message>
        <source>Delete {n} {layer}</source>
        <translation>حذف {n} من {layer}</translation>
    </message>
    <message>
        <source>Propose deleting {name} (to {originator})</source>
        <translation>اقتراح حذف {name} (على {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry and fields of {name} (to {originator})</source>
        <translation>اقتراح تعديل الشكل الهندسي والحقول لـ {name} (على {originator})</translation>
    </message>
    <message>
        <source>Propose changing geometry of {name} (to {originator})</source>
        <translation>اقتراح تعديل الشكل الهندسي لـ {name} (على {originator})</translation>
    </message>
    <message>
        <source>Propose changing fields of {name} (to {originator})</source>
        <translation>اقتراح تعديل حقول {name} (على {originator})</translation>
    </message>
    <message>
        <source>Propose changing {name} (to {originator})</source>
        <translation>اقتراح تعديل {name} (على {originator})</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <source>Their marking holds a value this version of HumanOps does not understand: never sent.</source>
        <translation>يحتوي وسمها على قيمة لا يفهمها هذا الإصدار من HumanOps: لا تُرسل أبداً.</translation>
    </message>
    <message>
        <source>Their marking has expired: expired information is never shared.</source>
        <translation>انتهت صلاحية وسمها: المعلومات المنتهية لا تُشارك أبداً.</translation>
    </message>
    <message>
        <source>The recipient&apos;s key was revoked: only TLP:CLEAR may still go to it.</source>
        <translation>أُلغي مفتاح المستلم: لا يجوز أن يصله إلا TLP:CLEAR.</translation>
    </message>
    <message>
        <source>Received from another organisation and marked “no onward sharing”: only the originator may share them.</source>
        <translation>واردة من منظمة أخرى وموسومة «لا مشاركة لاحقة»: الجهة المنشئة وحدها يجوز لها مشاركتها.</translation>
    </message>
    <message>
        <source>TLP:RED received from another organisation: never passed on.</source>
        <translation>TLP:RED وارد من منظمة أخرى: لا يُمرَّر أبداً.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT received from another organisation: never passed on.</source>
        <translation>TLP:AMBER+STRICT وارد من منظمة أخرى: لا يُمرَّر أبداً.</translation>
    </message>
    <message>
        <source>The recipient is not named in their “releasable to” list, neither directly nor through a community.</source>
        <translation>المستلم غير مذكور في قائمة «مسموح بمشاركته مع» الخاصة بها، لا مباشرة ولا عبر مجتمع.</translation>
    </message>
    <message>
        <source>TLP:GREEN without a “releasable to” list, and the recipient shares no community with the originator.</source>
        <translation>TLP:GREEN دون قائمة «مسموح بمشاركته مع»، ولا يشترك المستلم في أي مجتمع مع الجهة المنشئة.</translation>
    </message>
    <message>
        <source>TLP:AMBER received from another organisation that named no one it may be passed on to.</source>
        <translation>TLP:AMBER وارد من منظمة أخرى لم تسمِّ أحداً يجوز تمريره إليه.</translation>
    </message>
    <message>
        <source>TLP:AMBER+STRICT: the recipient is not named by its own id in “releasable to” (a community is not enough).</source>
        <translation>TLP:AMBER+STRICT: المستلم غير مذكور بمعرّفه الخاص في «مسموح بمشاركته مع» (المجتمع لا يكفي).</translation>
    </message>
    <message>
        <source>TLP:RED: the recipient is not named by its own id in “releasable to”.</source>
        <translation>TLP:RED: المستلم غير مذكور بمعرّفه الخاص في «مسموح بمشاركته مع».</translation>
    </message>
    <message>
        <source>Outside the recipient&apos;s area of responsibility.</source>
        <translation>خارج منطقة مسؤولية المستلم.</translation>
    </message>
    <message>
        <source>Another recipient of this package may not have them (a package holds only what all its recipients may have).</source>
        <translation>لا يحق لمستلم آخر لهذه الحزمة الحصول عليها (لا تحتوي الحزمة إلا ما يحق لجميع مستلميها).</translation>
    </message>
    <message>
        <source>The recipients would need different generalisations of them: send separate packages.</source>
        <translation>سيحتاج المستلمون إلى تعميمات مختلفة لها: أرسل حزماً منفصلة.</translation>
    </message>
    <message>
        <source>Generalised copies received from a partner: only their originator passes its data on.</source>
        <translation>نسخ معمَّمة واردة من شريك: الجهة المنشئة وحدها تمرّر بياناتها.</translation>
    </message>
    <message>
        <source>Generalised groups too small to share (fewer people than the marking&apos;s threshold): suppressed to protect them.</source>
        <translation>مجموعات معمَّمة أصغر من أن تُشارك (أشخاص أقل من عتبة الوسم): حُجبت لحمايتهم.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>محدّثة</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>محذوفة</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>تعارضات</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>معزولة</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>دون تغيير</translation>
    </message>
    <message>
        <source>older than ours</source>
        <translation>أقدم من نسختنا</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>متجاهلة</translation>
    </message>
    <message>
        <source>If you expect packages from this sender, add its contact card (Sharing ▸ Partners and keys) after checking this fingerprint with them by phone or in person.</source>
        <translation>إن كنت تنتظر حزماً من هذا المرسل، فأضف بطاقة الاتصال الخاصة به (المشاركة ▸ الشركاء والمفاتيح) بعد التحقق من هذه البصمة معه عبر الهاتف أو شخصياً.</translation>
    </message>
    <message>
        <source>The package was signed by one partner in the name of another: do not trust it.</source>
        <translation>وقّع الحزمة شريك باسم شريك آخر: لا تثق بها.</translation>
    </message>
    <message>
        <source>The sender&apos;s key was revoked: ask them for their new contact card.</source>
        <translation>أُلغي مفتاح المرسل: اطلب منه بطاقة الاتصال الجديدة.</translation>
    </message>
    <message>
        <source>This package was made for other organisations: ask the sender for one addressed to you.</source>
        <translation>صُنعت هذه الحزمة لمنظمات أخرى: اطلب من المرسل حزمة موجهة إليك.</translation>
    </message>
    <message>
        <source>This package was made for other organisations, or it is damaged.</source>
        <translation>صُنعت هذه الحزمة لمنظمات أخرى، أو أنها تالفة.</translation>
    </message>
    <message>
        <source>This package was imported already: nothing new to do.</source>
        <translation>استُوردت هذه الحزمة من قبل: لا جديد لفعله.</translation>
    </message>
    <message>
        <source>A newer package from this sender was imported already: an older one never overwrites newer data.</source>
        <translation>استُوردت من قبل حزمة أحدث من هذا المرسل: الحزمة الأقدم لا تستبدل البيانات الأحدث أبداً.</translation>
    </message>
    <message>
        <source>Ask the sender for a fresh package.</source>
        <translation>اطلب من المرسل حزمة جديدة.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed (or damaged): do not use it; ask the sender to send it again.</source>
        <translation>عُدّل الملف بعد توقيعه (أو تلف): لا تستخدمه؛ واطلب من المرسل إرساله مجدداً.</translation>
    </message>
    <message>
        <source>The file was altered after it was signed: do not use it; ask the sender to send it again.</source>
        <translation>عُدّل الملف بعد توقيعه: لا تستخدمه؛ واطلب من المرسل إرساله مجدداً.</translation>
    </message>
    <message>
        <source>The file is damaged or incomplete (a copy that stopped midway?): ask for it again.</source>
        <translation>الملف تالف أو ناقص (نسخ توقف في منتصفه؟): اطلبه مجدداً.</translation>
    </message>
    <message>
        <source>Choose a .hopx file made by HumanOps.</source>
        <translation>اختر ملف ‎.hopx أنشأه HumanOps.</translation>
    </message>
    <message>
        <source>Type the passphrase of your organisation&apos;s keys again.</source>
        <translation>اكتب عبارة مرور مفاتيح منظمتك مرة أخرى.</translation>
    </message>
    <message>
        <source>Withheld ({code}).</source>
        <translation>محجوبة ({code}).</translation>
    </message>
    <message>
        <source>The package changed nothing in this workspace.</source>
        <translation>لم تغيّر الحزمة شيئاً في مساحة العمل هذه.</translation>
    </message>
</context>
</TS>
