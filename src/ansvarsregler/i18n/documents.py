"""The words of the documents (council report, leader agreements, annual wheel, result
dialogue) in bokmål and English; merged into :data:`ansvarsregler.i18n.MESSAGES`, so the
same test holds them to both languages."""

from __future__ import annotations

from ansvarsregler.i18n.plural import Plural

DOCUMENT_MESSAGES: dict[str, dict[str, str | Plural]] = {
    # -- writing a document ------------------------------------------------------------
    "document.format_unknown": {
        "nb": "vet ikke hvilket dokumentformat filnavnet ber om; bruk {allowed}, eller --format",
        "en": "cannot tell which document format the file name asks for; use {allowed}, or "
        "--format",
    },
    "document.binary_terminal": {
        "nb": "{format} kan ikke skrives til terminalen; gi -o FIL.{format}",
        "en": "{format} cannot be written to the terminal; give -o FILE.{format}",
    },
    # -- the annual wheel in a profile ----------------------------------------------------
    "cycle.no_such_day": {
        "nb": "{month}. måned har ikke dag {day}: den har {days} dager (29. februar finnes "
        "ikke hvert år)",
        "en": "month {month} has no day {day}: it has {days} days (29 February is not in every "
        "year)",
    },
    "cycle.standard_or_own": {
        "nb": "annual_cycle er enten «standard» eller kommunens eget årshjul (source og events), "
        "ikke {value!r}",
        "en": "annual_cycle is either «standard» or the municipality's own wheel (source and "
        "events), not {value!r}",
    },
    "cycle.day_and_span": {
        "nb": "en oppgave har enten en dag (day) eller flere måneder (end_month), ikke begge",
        "en": "a task has either a day (day) or several months (end_month), not both",
    },
    "cycle.span_one_month": {
        "nb": "end_month er samme måned som month ({month}); la end_month være ute for en "
        "oppgave i én måned",
        "en": "end_month is the same month as month ({month}); leave end_month out for a task "
        "in one month",
    },
    # -- the annual wheel ----------------------------------------------------------------
    "wheel.title": {"nb": "Årshjul", "en": "Annual wheel"},
    "wheel.when": {"nb": "Når", "en": "When"},
    "wheel.what": {"nb": "Hva", "en": "What"},
    "wheel.who": {"nb": "Hvem", "en": "Who"},
    "wheel.kind": {"nb": "Politisk eller administrativt", "en": "Political or administrative"},
    "wheel.political": {"nb": "politisk", "en": "political"},
    "wheel.administrative": {"nb": "administrativt", "en": "administrative"},
    "wheel.source": {"nb": "Kilde: {source}.", "en": "Source: {source}."},
    "wheel.picture": {"nb": "Året som hjul", "en": "The year as a wheel"},
    "wheel.caption": {
        "nb": "Månedene rundt hjulet med januar øverst; politiske oppgaver i den ytre ringen, "
        "administrative i den indre.",
        "en": "The months around the wheel with January at the top; political tasks on the "
        "outer ring, administrative on the inner.",
    },
    "wheel.standard_mark": {
        "nb": "Standard årshjul: ikke kommunens eget",
        "en": "Standard annual wheel: not the municipality's own",
    },
    # -- leader agreements -----------------------------------------------------------------
    "agreement.title": {"nb": "Lederavtale", "en": "Leader agreement"},
    "agreement.title_chief": {
        "nb": "Lederavtale mellom kommunestyret og {chief}",
        "en": "Leader agreement between the council and {chief}",
    },
    "agreement.parties": {
        "nb": "Avtalen er inngått mellom {first} og {second}, om målene lederen eier og har "
        "resultatansvar for, og om myndigheten som trengs for å nå dem.",
        "en": "This agreement is made between {first} and {second}, about the goals the leader "
        "owns and carries the result responsibility for, and the authority it takes to reach "
        "them.",
    },
    "agreement.leader_for": {"nb": "{role} for {unit}", "en": "{role} for {unit}"},
    "agreement.council": {"nb": "kommunestyret", "en": "the council"},
    "agreement.mayor": {"nb": "Ordføreren, for kommunestyret", "en": "The mayor, for the council"},
    "agreement.goals": {"nb": "Målene", "en": "The goals"},
    "agreement.goals_intro": {
        "nb": "Lederen eier disse målene ({count}) og har resultatansvaret for dem.",
        "en": "The leader owns these goals ({count}) and carries the result responsibility for "
        "them.",
    },
    "agreement.responsibility": {"nb": "Resultatansvaret", "en": "The result responsibility"},
    "agreement.reach_goals": {
        "nb": "Nå de avtalte målene.",
        "en": "Reach the agreed goals.",
    },
    "agreement.keep_budget": {
        "nb": "Holde budsjettet: drive innenfor den tildelte rammen.",
        "en": "Keep the budget: run within the granted frame.",
    },
    "agreement.report": {
        "nb": "Gjøre rede for planlagte og oppnådde resultater i resultatdialogen.",
        "en": "Account for the planned and achieved results in the result dialogue.",
    },
    "agreement.authority_heading": {
        "nb": "Myndigheten til å nå målene",
        "en": "The authority to reach the goals",
    },
    "agreement.authority_intro": {
        "nb": "Resultatansvar krever budsjettansvar, personalansvar og myndighet til å velge "
        "tiltak. Slik er myndigheten delegert, etter kommuneprofilen:",
        "en": "Result responsibility takes budget responsibility, personnel responsibility and "
        "authority to choose measures. This is how the authority is delegated, by the "
        "municipality profile:",
    },
    "agreement.authority": {"nb": "Myndighet", "en": "Authority"},
    "agreement.delegated": {"nb": "Delegert", "en": "Delegated"},
    "agreement.note": {"nb": "Merknad", "en": "Note"},
    "agreement.level.full": {"nb": "delegert", "en": "delegated"},
    "agreement.level.partial": {"nb": "delvis delegert", "en": "partly delegated"},
    "agreement.level.none": {"nb": "ikke delegert", "en": "not delegated"},
    "agreement.level.unknown": {"nb": "ikke oppgitt", "en": "not stated"},
    "agreement.lacks": {"nb": "Det lederen mangler", "en": "What the leader lacks"},
    "agreement.lacks_intro": {
        "nb": "Kommuneprofilen viser at lederen mangler noe av det resultatansvaret krever. Det "
        "bør avklares før avtalen signeres:",
        "en": "The municipality profile shows that the leader lacks some of what result "
        "responsibility takes. It should be settled before the agreement is signed:",
    },
    "agreement.follow_up": {"nb": "Oppfølging", "en": "Follow-up"},
    "agreement.no_dates": {
        "nb": "Årshjulet har ingen datoer for denne oppfølgingen.",
        "en": "The annual wheel has no dates for this follow-up.",
    },
    "agreement.standard_wheel": {
        "nb": "Datoene er fra standard årshjul, ikke kommunens eget.",
        "en": "The dates are from the standard annual wheel, not the municipality's own.",
    },
    "agreement.signatures": {"nb": "Underskrifter", "en": "Signatures"},
    "agreement.place_date": {"nb": "Sted og dato", "en": "Place and date"},
    "agreement.written": {
        "nb": "{count} lederavtaler skrevet i {folder}",
        "en": "{count} leader agreements written to {folder}",
    },
    "agreement.none": {
        "nb": "ingen mål eies av en virksomhetsleder eller av {chief}, så det er ingen "
        "lederavtaler å skrive",
        "en": "no goal is owned by a unit leader or {chief}, so there are no leader agreements "
        "to write",
    },
    "agreement.docx_needs_folder": {
        "nb": "lederavtalene som Word-filer trenger en mappe: gi -o MAPPE (eller --format "
        "markdown for standard utdata)",
        "en": "the leader agreements as Word files need a folder: give -o FOLDER (or --format "
        "markdown for standard output)",
    },
    "output.not_a_folder": {
        "nb": "-o må være en mappe (den lages om den ikke finnes), men dette er en fil",
        "en": "-o must be a folder (made if it does not exist), but this is a file",
    },
    # -- measurements ------------------------------------------------------------------------
    "measure.format": {
        "nb": "målingene må være en CSV- eller XLSX-fil, ikke {suffix}",
        "en": "the measurements must be a CSV or XLSX file, not {suffix}",
    },
    "measure.columns": {
        "nb": "målingene mangler kolonnen {missing}; overskriftene er: {found} (brukes: Mål-id, "
        "Periode, Verdi, og eventuelt Referanse)",
        "en": "the measurements lack the column {missing}; the headers are: {found} (used: Goal "
        "id, Period, Value, and perhaps Reference)",
    },
    "measure.extra_cell": {
        "nb": "cellen har en verdi, men kolonnen har ingen overskrift (skrev du 3,5 i en fil "
        "der komma skiller kolonnene? bruk semikolon)",
        "en": "the cell has a value, but its column has no header (did you write 3,5 in a "
        "file where commas separate the columns? use semicolons)",
    },
    "measure.no_goal": {"nb": "raden har ingen mål-id", "en": "the row has no goal id"},
    "measure.bad_period": {
        "nb": "perioden {value!r} er ikke lesbar; skriv 2026, 2026-T1 (tertial), 2026-H1 "
        "(halvår), 2026-K1 (kvartal) eller 2026-03 (måned)",
        "en": "the period {value!r} cannot be read; write 2026, 2026-T1 (tertial), 2026-H1 (half "
        "year), 2026-Q1 (quarter) or 2026-03 (month)",
    },
    "measure.not_a_number": {
        "nb": "verdien {value!r} er ikke et tall (85 eller 85,5 %; 1200, ikke 1.200), ja/nei "
        "eller en åpningstid (07.00-17.00)",
        "en": "the value {value!r} is not a number (85 or 85.5 %; 1200, not 1,200), yes/no or "
        "opening hours (07.00-17.00)",
    },
    "measure.twice": {
        "nb": "mål {goal!r} er målt to ganger for {period} (også i rad {first})",
        "en": "goal {goal!r} is measured twice for {period} (also in row {first})",
    },
    "measure.unknown_goal": {
        "nb": "målingene har mål {goal!r}, som ikke er blant målene (antall rader: {count}); de "
        "er tatt ut",
        "en": "the measurements have goal {goal!r}, which is not among the goals (rows: "
        "{count}); they are left out",
    },
    # -- results and the result dialogue ----------------------------------------------------
    "results.no_target": {"nb": "målet har ingen målverdi", "en": "the goal has no target"},
    "results.unreadable": {
        "nb": "målverdien {target!r} kan ikke leses: skriv den som «minst 85 %», «under 4 %», "
        "«høyst 30 dager», «95-100 %» eller «ferdig juni 2027»",
        "en": "the target {target!r} cannot be read: write it as «minst 85 %», «under 4 %», "
        "«høyst 30 dager», «95-100 %» or «ferdig juni 2027»",
    },
    "results.no_reference": {
        "nb": "målverdien er {reference}, men målingen gir ingen referanseverdi (kolonnen "
        "Referanse)",
        "en": "the target is {reference}, but the measurement gives no reference value (the "
        "Reference column)",
    },
    "results.needs_number": {
        "nb": "målingen for {period} er ikke et tall, men målverdien er det",
        "en": "the measurement for {period} is not a number, but the target is",
    },
    "results.needs_yes_no": {
        "nb": "målverdien er en milepæl, så målingen for {period} må være ja eller nei",
        "en": "the target is a milestone, so the measurement for {period} must be yes or no",
    },
    "results.needs_hours": {
        "nb": "målverdien er en åpningstid, så målingen for {period} må være en åpningstid "
        "(07.00-17.00)",
        "en": "the target is opening hours, so the measurement for {period} must be opening "
        "hours (07.00-17.00)",
    },
    "results.title": {"nb": "Resultater og resultatdialog", "en": "Results and result dialogue"},
    "results.summary": {"nb": "Resultater per eier", "en": "Results per owner"},
    "results.summary_intro": {
        "nb": "Siste måling mot målverdien for hvert mål, og utviklingen fra målingen før.",
        "en": "The latest measurement against the target of each goal, and the change from the "
        "measurement before.",
    },
    "results.owner": {"nb": "Eier", "en": "Owner"},
    "results.status.reached": {"nb": "nådd", "en": "reached"},
    "results.status.not_reached": {"nb": "ikke nådd", "en": "not reached"},
    "results.status.not_measured": {"nb": "ikke målt", "en": "not measured"},
    "results.status.not_comparable": {"nb": "kan ikke sammenlignes", "en": "not comparable"},
    "results.trend.better": {"nb": "bedre", "en": "better"},
    "results.trend.worse": {"nb": "dårligere", "en": "worse"},
    "results.trend.unchanged": {"nb": "uendret", "en": "unchanged"},
    "results.trend.none": {"nb": "-", "en": "-"},
    "results.better": {"nb": "Bedre", "en": "Better"},
    "results.worse": {"nb": "Dårligere", "en": "Worse"},
    "results.by_goal": {"nb": "Resultater per mål", "en": "Results per goal"},
    "results.latest": {"nb": "Siste måling", "en": "Latest measurement"},
    "results.status": {"nb": "Status", "en": "Status"},
    "results.trend": {"nb": "Utvikling", "en": "Change"},
    "results.notes": {"nb": "Merknader", "en": "Notes"},
    "results.dialogue": {"nb": "Resultatdialog: {leader}", "en": "Result dialogue: {leader}"},
    "results.dialogue_intro": {
        "nb": "Samtalen mellom {chief} og lederen om planlagte og oppnådde resultater (lysark 12).",
        "en": "The conversation between {chief} and the leader about planned and achieved "
        "results (slide 12).",
    },
    "results.yes": {"nb": "ja", "en": "yes"},
    "results.no": {"nb": "nei", "en": "no"},
    "results.chief": {"nb": "Kommunedirektøren", "en": "The chief executive"},
    "results.planned": {"nb": "Hva var planlagt?", "en": "What was planned?"},
    "results.achieved": {"nb": "Hva er oppnådd?", "en": "What was achieved?"},
    "results.measures": {"nb": "Hvilke tiltak nå?", "en": "Which measures now?"},
    "results.measure_for": {
        "nb": "Hvilke tiltak skal til for å nå «{title}» ({target})?",
        "en": "Which measures will reach «{title}» ({target})?",
    },
    "results.all_reached": {
        "nb": "Alle målte mål er nådd: hva skal til for å holde nivået?",
        "en": "Every measured goal is reached: what will keep it there?",
    },
    "results.none_measured": {
        "nb": "Ingen av målene er målt ennå: når og hvordan skal de måles?",
        "en": "None of the goals is measured yet: when and how will they be measured?",
    },
    "results.controls": {"nb": "Det lederen rår over", "en": "What the leader controls"},
    "results.controls_none": {
        "nb": "Kommuneprofilen oppgir ingen myndighet som delegert til lederen.",
        "en": "The municipality profile states no authority as delegated to the leader.",
    },
    "results.no_profile": {
        "nb": "Uten kommuneprofil er det ikke oppgitt hva lederen rår over.",
        "en": "Without a municipality profile, what the leader controls is not stated.",
    },
    "results.none_for_dialogue": {
        "nb": "Ingen mål eies av en virksomhetsleder, så det er ingen resultatdialog å forberede.",
        "en": "No goal is owned by a unit leader, so there is no result dialogue to prepare.",
    },
    # -- the council report ------------------------------------------------------------
    "report.title": {"nb": "Mål og resultatansvar", "en": "Goals and result responsibility"},
    "report.for": {"nb": "{name} kommune", "en": "{name} municipality"},
    "report.summary": {"nb": "Sammendrag", "en": "Summary"},
    "report.counts": {
        "nb": "{total} mål: {owned} med eier, {unresolved} uavklart.",
        "en": "{total} goals: {owned} with an owner, {unresolved} unresolved.",
    },
    "report.owner_count": {
        "nb": "{owner}: {count} mål",
        "en": Plural("{owner}: {count} goal", "{owner}: {count} goals"),
    },
    "report.principles": {
        "nb": "Eierskapet følger de fire hovedprinsippene for målstyring: samfunnsmål som "
        "tjenestene ikke kan påvirke vesentlig, og mål som krever mer penger, eies av "
        "kommunestyret; ønsket tjenestekvalitet innenfor budsjettet eies av lederen som har "
        "budsjettet, og vedtas av kommunestyret; og målene følger budsjettfordelingen.",
        "en": "Ownership follows the four main principles of management by objectives: "
        "societal goals the services cannot materially influence, and goals that need more "
        "money, are owned by the council; the desired service quality within the budget is "
        "owned by the leader who holds the budget, and adopted by the council; and goals "
        "follow the budget allocation.",
    },
    "report.matrix": {"nb": "Ansvarsmatrise", "en": "Responsibility matrix"},
    "report.matrix_intro": {
        "nb": "Antall mål per tjenesteområde og eier.",
        "en": "The number of goals per service area and owner.",
    },
    "report.area": {"nb": "Tjenesteområde", "en": "Service area"},
    "report.sum": {"nb": "Sum", "en": "Total"},
    "report.no_area": {"nb": "Uten tjenesteområde", "en": "No service area"},
    "report.chart_title": {
        "nb": "Mål per tjenesteområde og eier",
        "en": "Goals per service area and owner",
    },
    "report.chart_axis": {"nb": "Antall mål", "en": "Number of goals"},
    "report.chart_caption": {
        "nb": "Figur 1: Ansvarsmatrisen som søyler, én farge per eier.",
        "en": "Figure 1: The responsibility matrix as bars, one colour per owner.",
    },
    "report.chart_largest": {
        "nb": "Figuren viser de {shown} største tjenesteområdene hver for seg; tabellen har alle.",
        "en": "The figure shows the {shown} largest service areas one by one; the table has all.",
    },
    "report.other_areas": {"nb": "Andre ({count} områder)", "en": "Other ({count} areas)"},
    "report.by_area": {"nb": "Mål per tjenesteområde", "en": "Goals per service area"},
    "report.followed_up_by": {"nb": "Følges opp av: {body}.", "en": "Followed up by: {body}."},
    "report.goal": {"nb": "Mål", "en": "Goal"},
    "report.indicator": {"nb": "Indikator", "en": "Indicator"},
    "report.target": {"nb": "Målverdi", "en": "Target"},
    "report.adopted_by": {"nb": "Vedtas av", "en": "Adopted by"},
    "report.justification": {"nb": "Begrunnelse", "en": "Justification"},
    "report.unresolved": {"nb": "Uavklarte mål", "en": "Unresolved goals"},
    "report.unresolved_intro": {
        "nb": "Disse målene har ingen eier ennå: faktaene er ikke nok. Svar på spørsmålet, så "
        "kan de klassifiseres.",
        "en": "These goals have no owner yet: the facts are not enough. Answer the question, and "
        "they can be classified.",
    },
    "report.area_unresolved": {
        "nb": "Uavklarte mål her: {count} (se «Uavklarte mål»).",
        "en": "Unresolved goals here: {count} (see «Unresolved goals»).",
    },
    "report.none_unresolved": {"nb": "Alle målene har eier.", "en": "Every goal has an owner."},
    "report.unresolved_column": {"nb": "Uavklart", "en": "Unresolved"},
    "report.question": {"nb": "Spørsmål", "en": "Question"},
    "report.assumptions": {"nb": "Antakelser", "en": "Assumptions"},
    "report.assumptions_intro": {
        "nb": "Der et faktum ikke var oppgitt, er det antatt eller foreslått av ordene i målet. "
        "Hver antakelse står her, så den kan kontrolleres.",
        "en": "Where a fact was not stated, it was assumed or suggested by the goal's words. "
        "Each assumption is listed here, so it can be checked.",
    },
    "report.none_assumed": {
        "nb": "Ingen fakta er antatt eller foreslått av ordene.",
        "en": "No fact was assumed or suggested by the words.",
    },
    "report.fact": {"nb": "Faktum", "en": "Fact"},
    "report.value": {"nb": "Verdi", "en": "Value"},
    "report.why": {"nb": "Hvorfor", "en": "Why"},
    "report.about": {"nb": "Om dokumentet", "en": "About this document"},
    "report.ruleset": {
        "nb": "Eierne er avgjort av regelsettet {name} versjon {version} (SHA-256 {hash}). "
        "Samme mål og samme regelsett gir samme eiere.",
        "en": "The owners were decided by the rule set {name} version {version} (SHA-256 "
        "{hash}). The same goals and the same rule set give the same owners.",
    },
    "report.profile": {
        "nb": "Kommunens organisering er hentet fra profilen for {name} ({source}). "
        "Administrasjonssjefen heter {title}.",
        "en": "The municipality's organisation is taken from the profile for {name} ({source}). "
        "The chief executive's title is {title}.",
    },
    "report.no_profile": {
        "nb": "Ingen kommuneprofil er brukt: eierne er rollene, ikke navngitte ledere eller "
        "utvalg.",
        "en": "No municipality profile was used: the owners are roles, not named leaders or "
        "committees.",
    },
}
