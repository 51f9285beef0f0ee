"""User-facing messages in bokmål (the default) and English.

Every error and notice the library or the CLI shows a person is looked up
here by key, so that both languages always exist side by side and a
translation gap fails a test (``tests/test_i18n.py``) instead of reaching a
planner.

A message that counts something has a :class:`Plural`: one text for exactly
one, another for every other number (both languages form plurals so: «1
problem», «2 problemer», «0 problemer»), chosen by the count it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic_core import PydanticCustomError

from ansvarsregler.i18n.documents import DOCUMENT_MESSAGES
from ansvarsregler.i18n.plural import Plural
from ansvarsregler.vocabulary import Language

DEFAULT_LANGUAGE: Language = "nb"


MESSAGES: dict[str, Mapping[str, str | Plural]] = {
    # -- where a problem is ------------------------------------------------
    "loc.file": {"nb": "fil {value}", "en": "file {value}"},
    "loc.line": {"nb": "linje {value}", "en": "line {value}"},
    "loc.item": {"nb": "element nr. {value}", "en": "item {value}"},
    "loc.goal": {"nb": "mål {value!r}", "en": "goal {value!r}"},
    "loc.rule": {"nb": "regel {value!r}", "en": "rule {value!r}"},
    "loc.invariant": {"nb": "invariant {value!r}", "en": "invariant {value!r}"},
    "loc.field": {"nb": "felt {value}", "en": "field {value}"},
    "error.prefix": {"nb": "Feil", "en": "Error"},
    "warning.prefix": {"nb": "Advarsel", "en": "Warning"},
    # -- reading files -------------------------------------------------------
    "input.not_found": {
        "nb": "finnes ikke",
        "en": "does not exist",
    },
    "input.no_goal_files": {
        "nb": "mappen inneholder ingen målfiler (.yaml, .yml, .json, .jsonl, .csv, .xlsx)",
        "en": "the folder holds no goal files (.yaml, .yml, .json, .jsonl, .csv, .xlsx)",
    },
    "draft.catalog_is_folder": {
        "nb": "er en mappe; målkatalogen må være en YAML-fil",
        "en": "is a folder; the goal catalog must be a YAML file",
    },
    "input.device": {
        "nb": "er en enhet, ikke en fil; gi en målfil, en mappe eller - for standard inn",
        "en": "is a device, not a file; give a goal file, a folder or - for standard input",
    },
    "input.unreadable": {"nb": "kan ikke leses: {reason}", "en": "cannot be read: {reason}"},
    "input.not_regular_file": {
        "nb": "er ikke en vanlig fil (men en mappe, et rør eller en enhet)",
        "en": "is not a regular file (but a folder, a pipe or a device)",
    },
    "input.not_text": {
        "nb": "er ikke UTF-8-tekst (binærfil?); målfiler må være YAML, JSON eller JSON Lines",
        "en": "is not UTF-8 text (a binary file?); goal files must be YAML, JSON or JSON Lines",
    },
    "input.bad_yaml": {"nb": "ugyldig YAML: {reason}", "en": "malformed YAML: {reason}"},
    "input.bad_json": {"nb": "ugyldig JSON: {reason}", "en": "malformed JSON: {reason}"},
    "input.duplicate_key": {
        "nb": "nøkkelen {key!r} står to ganger i samme mapping",
        "en": "the key {key!r} appears twice in one mapping",
    },
    "input.top_level": {
        "nb": "forventet en liste med mål eller en mapping med nøkkelen 'goals:', fant {found}",
        "en": "expected a list of goals or a mapping with a 'goals:' list, found {found}",
    },
    "input.goal_not_mapping": {
        "nb": "hvert mål må være en mapping med minst id og title, fant {found}",
        "en": "each goal must be a mapping with at least id and title, found {found}",
    },
    "input.duplicate_id": {
        "nb": "id {goal_id!r} er brukt før ({first}); id må være unik i en kjøring",
        "en": "id {goal_id!r} was used before ({first}); ids must be unique within a run",
    },
    "input.empty_file": {
        "nb": "filen er tom",
        "en": "the file is empty",
    },
    "input.empty_stdin": {
        "nb": "standard inn er tom",
        "en": "standard input is empty",
    },
    # -- validating values ---------------------------------------------------
    "value.missing": {"nb": "mangler, men er påkrevd", "en": "is required but missing"},
    "value.not_allowed": {
        "nb": "{value!r} er ikke tillatt; tillatt er: {allowed}",
        "en": "{value!r} is not allowed; allowed: {allowed}",
    },
    "value.not_writable": {
        "nb": "kan ikke skrives ut som JSON: {reason}",
        "en": "cannot be written as JSON: {reason}",
    },
    "output.cell_too_long": {
        "nb": "teksten har {length} tegn, og en XLSX-celle rommer høyst {limit}; bruk "
        "--format csv eller json, som skriver den hel",
        "en": "the text has {length} characters and an XLSX cell holds at most {limit}; use "
        "--format csv or json, which write it whole",
    },
    "cli.reading_stdin": {
        "nb": "Leser mål fra standard inn; avslutt med Ctrl-D (Ctrl-Z og Enter på Windows).",
        "en": "Reading goals from standard input; end with Ctrl-D (Ctrl-Z then Enter on Windows).",
    },
    "value.unknown_field": {
        "nb": "ukjent felt; tillatte felt er: {allowed}",
        "en": "unknown field; allowed fields: {allowed}",
    },
    "value.wrong_type": {
        "nb": "{value!r} har feil type: {reason}",
        "en": "{value!r} has the wrong type: {reason}",
    },
    "value.huge_number": {
        "nb": "et heltall med over {digits} sifre kan ikke leses som tekst; skriv det i "
        "anførselstegn",
        "en": "a whole number of more than {digits} digits cannot be read as text; write it in "
        "quotes",
    },
    "value.empty": {"nb": "kan ikke være tom", "en": "must not be empty"},
    "value.not_text": {"nb": "{value!r} må være tekst", "en": "{value!r} must be text"},
    "value.not_integer": {
        "nb": "{value!r} må være et heltall",
        "en": "{value!r} must be a whole number",
    },
    "value.not_boolean": {
        "nb": "{value!r} må være true eller false",
        "en": "{value!r} must be true or false",
    },
    "value.not_number": {"nb": "{value!r} må være et tall", "en": "{value!r} must be a number"},
    "value.bad_form": {
        "nb": "{value!r} er ikke skrevet i riktig form (regulært uttrykk {bound})",
        "en": "{value!r} is not written in the right form (regular expression {bound})",
    },
    "value.too_many": {
        "nb": "har for mange elementer; høyst {bound}",
        "en": "has too many items; at most {bound}",
    },
    "value.too_long": {
        "nb": "{value!r} er for lang; høyst {bound} tegn",
        "en": "{value!r} is too long; at most {bound} characters",
    },
    "value.too_small": {
        "nb": "{value!r} er for lite; grensen er {bound}",
        "en": "{value!r} is too small; the bound is {bound}",
    },
    "value.too_large": {
        "nb": "{value!r} er for stort; grensen er {bound}",
        "en": "{value!r} is too large; the bound is {bound}",
    },
    "value.not_list": {"nb": "{value!r} må være en liste", "en": "{value!r} must be a list"},
    "value.not_mapping": {
        "nb": "{value!r} må være en mapping (nøkkel: verdi)",
        "en": "{value!r} must be a mapping (key: value)",
    },
    "kostra.format": {
        "nb": "{value!r} er ikke en KOSTRA-funksjon; bruk tre sifre, f.eks. 202 (grunnskole)",
        "en": "{value!r} is not a KOSTRA function; use three digits, e.g. 202 (primary school)",
    },
    "kostra.unknown": {
        "nb": "{value!r} finnes ikke i KOSTRA-funksjonslista for 2026 ({count} gyldige koder)",
        "en": "{value!r} is not in the KOSTRA function list for 2026 ({count} valid codes)",
    },
    "kostra.expired": {
        "nb": "KOSTRA-funksjon {value} ({name}) er utgått; velg en gyldig funksjon",
        "en": "KOSTRA function {value} ({name}) has expired; choose a valid function",
    },
    "field.misspelt": {
        "nb": "feltet {field!r} ligner faktumet {fact!r}; mente du {fact!r}? Feltet er ikke brukt",
        "en": "the field {field!r} looks like the fact {fact!r}; did you mean {fact!r}? "
        "The field was not used",
    },
    # -- rule files ----------------------------------------------------------
    "rules.missing_file": {
        "nb": "regelsettet mangler filen {name}",
        "en": "the rule set lacks the file {name}",
    },
    "rules.no_rules": {
        "nb": "regelsettet har ingen regelfiler (*.yaml med 'rules:')",
        "en": "the rule set has no rule files (*.yaml with 'rules:')",
    },
    "rules.duplicate_id": {
        "nb": "regel-id {rule_id!r} er brukt før ({first})",
        "en": "rule id {rule_id!r} was used before ({first})",
    },
    "rules.unknown_fact": {
        "nb": "ukjent faktum {fact!r}; tillatt er: {allowed}",
        "en": "unknown fact {fact!r}; allowed: {allowed}",
    },
    "rules.fact_value": {
        "nb": "{fact}: {value!r} er ikke tillatt; tillatt er: {allowed}",
        "en": "{fact}: {value!r} is not allowed; allowed: {allowed}",
    },
    "rules.empty_values": {
        "nb": "{fact}: oppgi minst én verdi",
        "en": "{fact}: give at least one value",
    },
    "rules.empty_ask": {
        "nb": "ask må nevne minst ett faktum",
        "en": "ask must name at least one fact",
    },
    "rules.assume_one": {
        "nb": "assume nevner nøyaktig ett faktum og verdien",
        "en": "assume names exactly one fact and its value",
    },
    "rules.texts_missing": {
        "nb": "tekster mangler for: {what}",
        "en": "texts missing for: {what}",
    },
    "rules.texts_unknown": {
        "nb": "tekster for ukjente fakta eller verdier: {what}",
        "en": "texts for unknown facts or values: {what}",
    },
    "rules.empty_expectation": {
        "nb": "expect må ha minst én av owner, owner_not og adopted_by",
        "en": "expect needs at least one of owner, owner_not and adopted_by",
    },
    "rules.empty_file": {
        "nb": "filen må ha 'rules:' eller 'invariants:' med minst ett element",
        "en": "the file needs 'rules:' or 'invariants:' with at least one item",
    },
    "rules.one_outcome": {
        "nb": "en regel må ha nøyaktig én av decide, assume og ask",
        "en": "a rule must have exactly one of decide, assume and ask",
    },
    "rules.principle_required": {
        "nb": "en regel med decide eller assume må si hvilket prinsipp (1-4) den bygger på",
        "en": "a rule with decide or assume must name the principle (1-4) it implements",
    },
    "rules.assume_only_unknown": {
        "nb": "assume kan bare fylle inn et faktum som mangler eller er ukjent: 'when' må "
        "begrense {fact} til {allowed}",
        "en": "assume may only fill in a fact that is missing or unknown: 'when' must limit "
        "{fact} to {allowed}",
    },
    "progress.checking": {"nb": "Kontrollerer målene", "en": "Checking the goals"},
    "progress.classifying": {"nb": "Klassifiserer", "en": "Classifying"},
    # -- ansvar draft (the dialogue) ------------------------------------------
    "draft.title": {"nb": "Målet (tittel)", "en": "The goal (title)"},
    "draft.description": {
        "nb": "Beskrivelse (valgfritt, Enter for å hoppe over)",
        "en": "Description (optional, Enter to skip)",
    },
    "draft.choose": {"nb": "Velg 1 til {last}", "en": "Choose 1 to {last}"},
    "draft.bad_choice": {
        "nb": "svar med et tall fra 1 til {last} eller med et av svarene over",
        "en": "answer with a number from 1 to {last} or with one of the answers above",
    },
    "draft.bad_yes_no": {"nb": "svar ja eller nei", "en": "answer yes or no"},
    "draft.yes": {"nb": "ja", "en": "yes"},
    "draft.keep_where": {
        "nb": "Lagre målet i en katalogfil? Filsti (Enter for å la være)",
        "en": "Keep the goal in a catalog file? Path (Enter to skip)",
    },
    "draft.keep_confirm": {
        "nb": "Legge målet til i {path}? (ja/nei)",
        "en": "Add the goal to {path}? (yes/no)",
    },
    "draft.kept": {
        "nb": "Målet {goal_id!r} er lagt til i {path}.",
        "en": "The goal {goal_id!r} was added to {path}.",
    },
    "draft.would_change": {
        "nb": "filen slutter midt i en tekst som beholder linjeskift (|+); et nytt mål etter "
        "den ville endre teksten; avslutt filen med et linjeskift og prøv igjen",
        "en": "the file ends inside a text that keeps its line breaks (|+); a goal after it "
        "would change that text; end the file with a line break and try again",
    },
    "draft.cannot_append": {
        "nb": "målene i filen står ikke som en blokkliste («- id: ...»), så et nytt mål kan "
        "ikke legges til uten å skrive om filen",
        "en": "the goals in the file are not a block list ('- id: ...'), so a goal cannot be "
        "added without rewriting the file",
    },
    # -- indicator rules (words in draft goals) ------------------------------
    "indicators.word_too_long": {
        "nb": "{word!r} har {length} tegn; et ord eller en frase har høyst {limit}",
        "en": "{word!r} has {length} characters; a word or phrase has at most {limit}",
    },
    "indicators.bad_word": {
        "nb": "{word!r}: et ord eller en frase skrives med små bokstaver (minst to), med ett "
        "mellomrom mellom ordene og uten tall eller tegn; - etter et ord lar det også begynne "
        "et sammensatt ord, og = foran et ord finner bare akkurat den formen; inne i en frase "
        "står | mellom alternativer, * for et ord reglene ikke kjenner (også først: et navn), "
        "<tall> for et tall og ... for inntil fire ord",
        "en": "{word!r}: a word or phrase is written in lower case (at least two letters), "
        "with one space between words and no digits or signs; - after a word lets it also "
        "start a compound, and = before a word finds only that form; inside a phrase | "
        "separates alternatives, * is a word the rules do not know (first too: a name), <tall> "
        "a number and ... up to four words",
    },
    "indicators.bad_code": {
        "nb": "{word!r}: en KOSTRA-funksjon skrives med tre sifre, for eksempel 201",
        "en": "{word!r}: a KOSTRA function is written as three digits, for example 201",
    },
    "indicators.two_settings": {
        "nb": "innstillingene for lesing («reading:») er allerede gitt i en annen fil; gi dem "
        "én gang",
        "en": "the reading settings («reading:») are already given in another file; give them once",
    },
    "indicators.word_twice": {
        "nb": "ordet {word!r} står allerede i indikatorregelen {first!r}, som foreslår en verdi "
        "for det samme faktumet; et ord kan foreslå bare én verdi for hvert faktum",
        "en": "the word {word!r} is already in indicator rule {first!r}, which suggests a value "
        "for the same fact; a word can suggest one value per fact only",
    },
    "indicators.two_contested": {
        "nb": "regelen for ord som peker to veier er allerede gitt ({first!r}); gi den én gang",
        "en": "the rule for words that point two ways is already given ({first!r}); give it once",
    },
    "indicators.no_contested": {
        "nb": "indikatorreglene mangler «contested:», teksten som sier at ordene peker to veier",
        "en": "the indicator rules lack «contested:», the text saying the words point two ways",
    },
    "indicators.assumed": {
        "nb": "{fact} er antatt å være {value} fordi teksten sier {words} (indikatorregel "
        "{rules}).",
        "en": "{fact} is assumed to be {value} because the text says {words} (indicator rule "
        "{rules}).",
    },
    "indicators.points_to": {
        "nb": "{words} peker mot {value}",
        "en": "{words} points to {value}",
    },
    "indicators.leaves_open": {
        "nb": "{words} kan bety {values}",
        "en": "{words} may mean {values}",
    },
    "indicators.open_values": {
        "nb": "{fact}: ord som lar faktumet stå åpent, nevner minst to ulike verdier",
        "en": "{fact}: words that leave the fact open name at least two different values",
    },
    "rules.gap": {
        "nb": "regelsettet har ingen regel for faktaene {facts}; legg til en ask-regel som "
        "fanger resten",
        "en": "the rule set has no rule for the facts {facts}; add an ask rule that catches "
        "the rest",
    },
    "engine.action_failed": {
        "nb": "regelmotoren feilet i regel {rule!r}: {reason}",
        "en": "the rule engine failed in rule {rule!r}: {reason}",
    },
    "engine.unavailable": {
        "nb": "{variable}=durable-rules er valgt, men durable-rules kan ikke importeres "
        "({reason}); installer durable_rules==2.0.28 (Python 3.10-3.12, krever en "
        "C-kompilator) eller velg {variable}=python",
        "en": "{variable}=durable-rules is chosen, but durable-rules cannot be imported "
        "({reason}); install durable_rules==2.0.28 (Python 3.10-3.12, needs a C compiler) "
        "or choose {variable}=python",
    },
    "engine.unknown_evaluator": {
        "nb": "{variable}={value!r} er ikke en regelmotor; tillatt: {allowed}",
        "en": "{variable}={value!r} is not an evaluator; allowed: {allowed}",
    },
    # -- justifications -------------------------------------------------------
    "why.answered": {
        "nb": "Oppgitt i svarfil: {fact} er {value} for {area} ({file}, linje {line}).",
        "en": "Stated in an answers file: {fact} is {value} for {area} ({file}, line {line}).",
    },
    "why.assumed": {
        "nb": "Antatt (ikke oppgitt i målet): {text}",
        "en": "Assumed (not stated in the goal): {text}",
    },
    "why.cite": {
        "nb": "[Regel {rule}, regelsett {name} {version}.]",
        "en": "[Rule {rule}, rule set {name} {version}.]",
    },
    "why.questions": {"nb": "Spørsmål: {questions}", "en": "Questions: {questions}"},
    # -- columns and headings -----------------------------------------------
    "col.goal_id": {"nb": "Mål-id", "en": "Goal id"},
    "col.title": {"nb": "Mål", "en": "Goal"},
    "col.owner": {"nb": "Eier", "en": "Owner"},
    "col.adopted_by": {"nb": "Vedtas av", "en": "Adopted by"},
    "col.rule": {"nb": "Regel", "en": "Rule"},
    "col.principle": {"nb": "Prinsipp", "en": "Principle"},
    "col.justification": {"nb": "Begrunnelse", "en": "Justification"},
    "col.fact_source": {"nb": "Kilde {fact}", "en": "Source {fact}"},
    "source.stated": {"nb": "oppgitt", "en": "stated"},
    "source.missing": {"nb": "mangler: svar i kolonnen", "en": "missing: answer in the column"},
    "source.not_needed": {"nb": "ikke nødvendig", "en": "not needed"},
    "source.suggested_value": {
        "nb": "foreslått av ordene: {value}",
        "en": "suggested by the words: {value}",
    },
    "source.assumed_value": {"nb": "antatt: {value}", "en": "assumed: {value}"},
    "source.answered_value": {"nb": "svarfil: {value}", "en": "answers file: {value}"},
    "source.answered_note": {
        "nb": "Besvart for {area} i {file}, linje {line}. Svaret gjelder kjøringen det gis "
        "til: ta med --answers igjen, eller velg en verdi i cellen for å oppgi den for "
        "dette målet.",
        "en": "Answered for {area} in {file}, line {line}. The answer holds for the run it is "
        "given to: give --answers again, or pick a value in the cell to state it for this "
        "goal.",
    },
    "col.priority": {"nb": "Prioritet", "en": "Priority"},
    "col.when": {"nb": "Når", "en": "When"},
    "col.then": {"nb": "Så", "en": "Then"},
    "unresolved": {"nb": "uavklart", "en": "unresolved"},
    "rules.any_goal": {"nb": "alle mål", "en": "any goal"},
    "rules.then_decide": {
        "nb": "eier: {owner}; vedtas av: {adopted_by}",
        "en": "owner: {owner}; adopted by: {adopted_by}",
    },
    "rules.then_assume": {"nb": "anta {fact} = {value}", "en": "assume {fact} = {value}"},
    "rules.then_ask": {"nb": "uavklart; spør om {facts}", "en": "unresolved; ask about {facts}"},
    "rules.heading": {
        "nb": Plural(
            "Regelsett {name} {version} ({hash}), {count} regel",
            "Regelsett {name} {version} ({hash}), {count} regler",
        ),
        "en": Plural(
            "Rule set {name} {version} ({hash}), {count} rule",
            "Rule set {name} {version} ({hash}), {count} rules",
        ),
    },
    "summary": {
        "nb": "{total} mål: {resolved} med eier, {unresolved} uavklart",  # ett mål, to mål
        "en": Plural(
            "{total} goal: {resolved} with an owner, {unresolved} unresolved",
            "{total} goals: {resolved} with an owner, {unresolved} unresolved",
            by="total",
        ),
    },
    "explain.mismatch": {
        "nb": "{fact} er {actual}, men regelen gjelder bare {required}",
        "en": "{fact} is {actual}, but the rule applies only to {required}",
    },
    "explain.heading": {"nb": "Mål {goal_id}: {title}", "en": "Goal {goal_id}: {title}"},
    "explain.given": {"nb": "Oppgitte fakta", "en": "Facts given"},
    "explain.assumed": {"nb": "Antatte fakta", "en": "Facts assumed"},
    "explain.answered": {
        "nb": "[svar for {area} i {file}, linje {line}]",
        "en": "[answered for {area} in {file}, line {line}]",
    },
    "explain.none": {"nb": "ingen", "en": "none"},
    "explain.fired": {
        "nb": "Regler som slo til, i rekkefølge",
        "en": "Rules that matched, in order",
    },
    "explain.role.assumed": {"nb": "antakelse", "en": "assumption"},
    "explain.role.decided": {"nb": "AVGJØR", "en": "DECIDES"},
    "explain.role.asked": {"nb": "AVGJØR (uavklart)", "en": "DECIDES (unresolved)"},
    "explain.role.outranked": {
        "nb": "slo til, men har lavere prioritet",
        "en": "matched, but has lower priority",
    },
    "explain.result": {"nb": "Resultat", "en": "Result"},
    "explain.warnings": {"nb": "Advarsler", "en": "Warnings"},
    "explain.not_fired": {
        "nb": "Regler som ikke slo til, og hvorfor",
        "en": "Rules that did not match, and why",
    },
    "explain.by_rule": {"nb": "regel {rule}", "en": "rule {rule}"},
    "and": {"nb": " og ", "en": " and "},
    "or": {"nb": " eller ", "en": " or "},
    "alternative.condition": {"nb": "{fact} var {value}", "en": "{fact} were {value}"},
    "alternative": {
        "nb": "Hvis {conditions}, ville eieren vært {owner} (regel {rule}).",
        "en": "If {conditions}, the owner would be {owner} (rule {rule}).",
    },
    "explain.alternatives": {
        "nb": "Hva som ville gitt en annen eier",
        "en": "What would give another owner",
    },
    # -- ansvar check and ansvar diff --------------------------------------------
    "check.heading": {
        "nb": "Regelsett {name} {version} ({hash}): {count} kombinasjoner av målfakta og "
        "{leaders} av lederfakta kjørt",
        "en": "Rule set {name} {version} ({hash}): {count} combinations of goal facts and "
        "{leaders} of leader facts run",
    },
    "check.gaps": {"nb": "Hull", "en": "Gaps"},
    "check.conflicts": {"nb": "Konflikter", "en": "Conflicts"},
    "check.dead": {"nb": "Døde regler", "en": "Dead rules"},
    "check.breaches": {"nb": "Brudd på invarianter", "en": "Invariant breaches"},
    "check.tests": {"nb": "Regeltester", "en": "Rule tests"},
    "check.coverage": {"nb": "Dekning", "en": "Coverage"},
    "check.none": {"nb": "ingen", "en": "none"},
    "check.ok": {"nb": "ok", "en": "ok"},
    "check.gap": {
        "nb": "ingen regel gir eier eller spørsmål når {pattern} (f.eks. {witness})",
        "en": "no rule gives an owner or questions when {pattern} (e.g. {witness})",
    },
    "check.conflict": {
        "nb": "{rules} har lik prioritet og ulikt utfall når {pattern} (f.eks. {witness})",
        "en": "{rules} have equal priority and different outcomes when {pattern} (e.g. {witness})",
    },
    "check.masked": {
        "nb": "regler med høyere prioritet kommer alltid først ({by})",
        "en": "higher-priority rules always come first ({by})",
    },
    "check.tied": {
        "nb": "{by} har samme prioritet og kommer først bare fordi id-en sorteres først; "
        "gi reglene ulik prioritet eller slå dem sammen",
        "en": "{by} has the same priority and comes first only because its id sorts first; "
        "give the rules different priorities or merge them",
    },
    "check.dead_rule": {"nb": "{rule} {never}: {why}", "en": "{rule} {never}: {why}"},
    "check.assumed_away": {
        "nb": "antakelser endrer alltid et faktum regelen tester ({by})",
        "en": "assumptions always change a fact the rule tests ({by})",
    },
    "check.never_decides": {"nb": "avgjør aldri", "en": "never decides"},
    "check.never_fires": {"nb": "slår aldri til", "en": "never fires"},
    "check.vacuous": {"nb": "Invarianter som ikke gjelder noe mål", "en": "Vacuous invariants"},
    "check.vacuous_item": {
        "nb": "{invariant}: vilkåret holder for ingen kombinasjon av fakta (etter antakelser), "
        "så invarianten beviser ingenting",
        "en": "{invariant}: its condition holds for no combination of facts (after "
        "assumptions), so it proves nothing",
    },
    "owner.unresolved": {"nb": "uavklart", "en": "unresolved"},
    "owner.gap": {"nb": "hull (intet utfall)", "en": "gap (no outcome)"},
    "check.never_holds": {
        "nb": "vilkåret kan ikke oppfylles",
        "en": "its condition can never hold",
    },
    "check.breach": {
        "nb": "{invariant}: {witness} gir {owner} (regel {rule}). Som regeltest:",
        "en": "{invariant}: {witness} gives {owner} (rule {rule}). As a rule test:",
    },
    "check.tests_summary": {
        "nb": "{run} kjørt, {failed} feilet",
        "en": "{run} run, {failed} failed",
    },
    "check.test_failure": {
        "nb": "{name} ({source}): ventet {expected}, fikk {actual}",
        "en": "{name} ({source}): expected {expected}, got {actual}",
    },
    "check.untested": {
        "nb": "regler uten regeltest: {rules}",
        "en": "rules no rule test exercises: {rules}",
    },
    "check.not_in_catalog": {
        "nb": "regler ingen mål i katalogen bruker (til orientering): {rules}",
        "en": "rules no catalog goal exercises (for information): {rules}",
    },
    "check.result_clean": {
        "nb": "Regelsettet er i orden.",
        "en": "The rule set is clean.",
    },
    "check.result_problems": {
        "nb": Plural("Regelsettet har {count} problem.", "Regelsettet har {count} problemer."),
        "en": Plural("The rule set has {count} problem.", "The rule set has {count} problems."),
    },
    "check.release": {"nb": "Versjon", "en": "Version"},
    "check.release_recorded": {
        "nb": "{version} er utgitt med denne hashen ({lock})",
        "en": "{version} was released with this hash ({lock})",
    },
    "check.release_changed": {
        "nb": "reglene er endret, men versjonen er fortsatt {version}: {lock} sier at {version} "
        "ble utgitt med hash {recorded}, og reglene har nå hash {hash}. Øk version i {manifest}, "
        "kjør ansvar check igjen og før opp den nye versjonen med hashen den viser i {lock}",
        "en": "the rules changed, but the version is still {version}: {lock} says {version} was "
        "released with hash {recorded}, and the rules now hash to {hash}. Bump version in "
        "{manifest}, run ansvar check again and record the new version with the hash it shows "
        "in {lock}",
    },
    "check.release_unrecorded": {
        "nb": "{version} er ikke utgitt (ikke ført opp i {lock}); når den utgis, før opp "
        "«{version}: {hash}» under released i {lock}",
        "en": "{version} is not released (not recorded in {lock}); when you release it, record "
        "«{version}: {hash}» under released in {lock}",
    },
    "diff.same_version": {
        "nb": "Advarsel: begge regelsettene har versjon {version}, men ulikt innhold (hash {old} "
        "og {new}), så resultatene deres siterer samme versjon for ulike regler. Øk version i "
        "{manifest} og før opp den nye versjonen med hashen i {lock}.",
        "en": "Warning: both rule sets have version {version} but different content (hash {old} "
        "and {new}), so their results cite one version for different rules. Bump version in "
        "{manifest} and record the new version with its hash in {lock}.",
    },
    "any_goal_facts": {"nb": "målet har hvilke som helst fakta", "en": "any facts"},
    "diff.heading": {
        "nb": "Fra {old} til {new}",
        "en": "From {old} to {new}",
    },
    "diff.none": {
        "nb": "Ingen utfall endres.",
        "en": "No outcome changes.",
    },
    "diff.region": {
        "nb": Plural(
            "{old} → {new} når {pattern} ({count} kombinasjon: {witness})",
            "{old} → {new} når {pattern} ({count} kombinasjoner, f.eks. {witness})",
        ),
        "en": Plural(
            "{old} → {new} when {pattern} ({count} combination: {witness})",
            "{old} → {new} when {pattern} ({count} combinations, e.g. {witness})",
        ),
    },
    "diff.goals": {"nb": "Mål som får et annet utfall", "en": "Goals whose outcome changes"},
    "diff.assumed": {"nb": "antatt", "en": "assumed"},
    "diff.leadership": {
        "nb": "Lederregler som er lagt til, fjernet eller endret",
        "en": "Leadership rules added, removed or changed",
    },
    "diff.asked": {"nb": "spør om", "en": "asks"},
    "diff.regions": {"nb": "Endrede utfall", "en": "Changed outcomes"},
    # -- municipality profiles ---------------------------------------------------
    "profile.authorities_missing": {
        "nb": "mangler {what}; alle sju myndighetene skal stå med (level: unknown der kilden "
        "er taus)",
        "en": "lacks {what}; all seven authorities must be stated (level: unknown where the "
        "source is silent)",
    },
    "profile.not_found": {
        "nb": "finner ingen profil med det navnet eller filen; profiler som følger med: {names}",
        "en": "no profile by that name or file; shipped profiles: {names}",
    },
    "profile.frame": {
        "nb": "I {municipality} bevilges budsjettet for {area} {level} (kommuneprofilen).",
        "en": "In {municipality} the budget for {area} is granted {level} (the municipality "
        "profile).",
    },
    "profile.all_areas": {"nb": "alle tjenesteområder", "en": "every service area"},
    "profile.kostra_area": {"nb": "KOSTRA-funksjon {code}", "en": "KOSTRA function {code}"},
    "profile.warning": {
        "nb": "{municipality}: {text} [regel {rule}]",
        "en": "{municipality}: {text} [rule {rule}]",
    },
    "profile.followed_up": {
        "nb": "I {municipality} følges målet opp av {body}.",
        "en": "In {municipality} the goal is followed up by {body}.",
    },
    "profile.owner_role": {
        "nb": "I {municipality} er eieren {role}.",
        "en": "In {municipality} the owner is {role}.",
    },
    "title.rådmann": {"nb": "Rådmannen", "en": "The chief executive (rådmann)"},
    "title.kommunedirektør": {
        "nb": "Kommunedirektøren",
        "en": "The chief executive (kommunedirektør)",
    },
    "title.rådmann.object": {"nb": "rådmannen", "en": "the chief executive (rådmann)"},
    "title.kommunedirektør.object": {
        "nb": "kommunedirektøren",
        "en": "the chief executive (kommunedirektør)",
    },
    "severity.lacks": {"nb": "Mangler", "en": "Lacks"},
    "severity.unclear": {"nb": "Uavklart", "en": "Unclear"},
    "authority.budget": {
        "nb": "Budsjettansvar (økonomisaker)",
        "en": "Budget responsibility (budget matters)",
    },
    "authority.reallocate_frame": {
        "nb": "Disponere og omdisponere tildelt ramme, også på tvers av arter",
        "en": "Dispose of and re-allocate the granted frame, also across expense types",
    },
    "authority.hiring": {
        "nb": "Ansette innenfor reglementet, og selv velge hvem (personalansvar)",
        "en": "Hire within the regulations, choosing the candidate (personnel responsibility)",
    },
    "authority.reward": {
        "nb": "Påskjønne ansatte innenfor reglementet",
        "en": "Reward employees within the regulations",
    },
    "authority.wage_negotiation": {
        "nb": "Lokale lønnsforhandlinger (egen pott)",
        "en": "Local wage negotiations (a pot of one's own)",
    },
    "authority.choose_measures": {"nb": "Velge tiltak", "en": "Choose measures"},
    "authority.organise_unit": {
        "nb": "Velge organisering og arbeidsdeling i egen enhet",
        "en": "Choose the organisation and division of work in the unit",
    },
    "level.full": {"nb": "ja, fullt ut", "en": "yes, in full"},
    "level.partial": {"nb": "delvis", "en": "in part"},
    "level.none": {"nb": "nei", "en": "no"},
    "level.unknown": {"nb": "kilden sier ikke", "en": "the source does not say"},
    "agreements.all_levels": {"nb": "ja, for alle ledd", "en": "yes, at every level"},
    "agreements.unit_leaders": {"nb": "ja, med virksomhetslederne", "en": "yes, with unit leaders"},
    "agreements.none": {"nb": "nei", "en": "no"},
    "agreements.unknown": {"nb": "kilden sier ikke", "en": "the source does not say"},
    "readiness.heading": {
        "nb": "Klar for resultatansvar? {municipality}",
        "en": "Ready for result responsibility? {municipality}",
    },
    "readiness.models": {
        "nb": "Politisk modell: {political}. Administrativ modell: {administrative}. "
        "Kilde: {source}.",
        "en": "Political model: {political}. Administrative model: {administrative}. "
        "Source: {source}.",
    },
    "readiness.unit_leaders": {
        "nb": "Hva virksomhetslederne har av det resultatansvar krever (lysark 13 og 14)",
        "en": "What unit leaders have of what result responsibility takes (slides 13 and 14)",
    },
    "readiness.chief_executive": {
        "nb": "Delegert til {title}",
        "en": "Delegated to {title}",
    },
    "readiness.agreements": {"nb": "Lederavtaler", "en": "Leader agreements"},
    "readiness.risks": {
        "nb": "Risiko, og endringen som lukker den",
        "en": "Risks, and the change that closes each",
    },
    "readiness.no_risks": {
        "nb": "Ingen: virksomhetslederne har det resultatansvar krever.",
        "en": "None: unit leaders have what result responsibility takes.",
    },
    "readiness.change": {"nb": "Endring", "en": "Change"},
    "readiness.goals": {
        "nb": "Mål som ender hos virksomhetsledere som mangler noe av dette",
        "en": "Goals that end with unit leaders who lack some of this",
    },
    "readiness.question": {"nb": "Spørsmål til kommunen", "en": "Question for the municipality"},
    # -- ansvar evaluate ---------------------------------------------------------
    "evaluate.no_owner": {
        "nb": "målet har ingen forventet eier (expected_owner); tillatt er: {allowed}",
        "en": "the goal has no expected owner (expected_owner); allowed: {allowed}",
    },
    "evaluate.heading": {
        "nb": "Reglene målt på {count} merkede mål",
        "en": "The rules measured on {count} labelled goals",
    },
    "evaluate.no_suggest": {
        "nb": "(uten forslag fra ordene)",
        "en": "(without suggestions from the words)",
    },
    "evaluate.overall": {"nb": "Alle mål", "en": "All goals"},
    "evaluate.by_language": {"nb": "Etter målform", "en": "By language"},
    "evaluate.by_service_area": {"nb": "Etter tjenesteområde", "en": "By service area"},
    "evaluate.confusion": {
        "nb": "Forventet eier (rader) mot eier gitt (kolonner)",
        "en": "Expected owner (rows) against owner given (columns)",
    },
    "evaluate.facts": {
        "nb": "Fakta: foreslått mot forventet",
        "en": "Facts: suggested against expected",
    },
    "evaluate.questions": {
        "nb": "Spørsmål per uavklart mål",
        "en": "Questions per unresolved goal",
    },
    "evaluate.wrong_goals": {"nb": "Mål med feil eier", "en": "Goals with a wrong owner"},
    "evaluate.no_wrong": {"nb": "Ingen mål fikk feil eier.", "en": "No goal got a wrong owner."},
    "evaluate.words": {"nb": "ordene", "en": "the words"},
    "evaluate.no_words": {"nb": "ingen ord foreslo fakta", "en": "no words suggested facts"},
    "evaluate.too_many_wrong": {
        "nb": "{share} av målene fikk feil eier; høyst {limit} er tillatt (--max-wrong)",
        "en": "{share} of the goals got a wrong owner; at most {limit} is allowed (--max-wrong)",
    },
    "col.group": {"nb": "Gruppe", "en": "Group"},
    "col.goals": {"nb": "Mål", "en": "Goals"},
    "col.right": {"nb": "Riktig", "en": "Right"},
    "col.unresolved": {"nb": "Uavklart", "en": "Unresolved"},
    "col.wrong": {"nb": "Feil", "en": "Wrong"},
    "col.expected": {"nb": "Forventet", "en": "Expected"},
    "col.got": {"nb": "Gitt", "en": "Got"},
    "col.fact": {"nb": "Faktum", "en": "Fact"},
    "col.suggested_right": {"nb": "Foreslått riktig", "en": "Suggested, right"},
    "col.suggested_wrong": {"nb": "Foreslått feil", "en": "Suggested, wrong"},
    "col.not_suggested": {"nb": "Ikke foreslått", "en": "Not suggested"},
    "col.given": {"nb": "Oppgitt i målet", "en": "Given in the goal"},
    "col.question_count": {"nb": "Spørsmål", "en": "Questions"},
    "col.unresolved_goals": {"nb": "Uavklarte mål", "en": "Unresolved goals"},
    "col.authority": {"nb": "Myndighet", "en": "Authority"},
    "col.has": {"nb": "Har de den?", "en": "Do they have it?"},
    "col.note": {"nb": "Merknad", "en": "Note"},
    "profile.default_missing": {
        "nb": "mangler en linje 'default' som gjelder alle andre tjenesteområder",
        "en": "lacks a 'default' entry for every other service area",
    },
    "profile.area_twice": {
        "nb": "{first!r} og {second!r} er samme tjenesteområde (store og små bokstaver "
        "teller ikke)",
        "en": "{first!r} and {second!r} are the same service area (case does not count)",
    },
    # ansvar profile init -------------------------------------------------------
    "cli.aborted": {
        "nb": "avbrutt før alle spørsmål var besvart; ingenting er skrevet",
        "en": "stopped before every question was answered; nothing was written",
    },
    "new_profile.bad_name": {
        "nb": "kommunens navn kan ikke være tomt eller ha kontrolltegn, for eksempel: ansvar "
        "profile init Byen",
        "en": "the municipality's name cannot be empty or hold control characters, for "
        "example: ansvar profile init Byen",
    },
    "new_profile.stdin_goals": {
        "nb": "svarene leses fra standard inn, så målene kan ikke komme derfra; gi målene som "
        "filer",
        "en": "the answers are read from standard input, so the goals cannot come from there; "
        "give the goals as files",
    },
    "new_profile.stdout": {
        "nb": "profilen skrives til en fil, ikke til standard ut; gi et filnavn med -o",
        "en": "the profile is written to a file, not to standard output; give a file name with -o",
    },
    "new_profile.no_folder": {
        "nb": "mappen finnes ikke; lag den først, eller velg en annen med -o",
        "en": "the folder does not exist; make it first, or choose another with -o",
    },
    "new_profile.no_areas": {
        "nb": "Ingen av målene har tjenesteområde: skriv tjenesteområdene, ett per linje, og "
        "en tom linje til slutt.",
        "en": "None of the goals has a service area: type the service areas, one a line, and "
        "an empty line at the end.",
    },
    "new_profile.area_default": {
        "nb": "«{area}» er navnet på svaret for alle andre tjenesteområder, som spørres om til "
        "slutt; skriv et annet tjenesteområde",
        "en": "«{area}» names the answer for every other service area, asked at the end; type "
        "another service area",
    },
    "new_profile.area_kostra": {
        "nb": "«{area}» er ikke en KOSTRA-funksjon; skriv tjenesteområdets navn eller en "
        "gyldig KOSTRA-kode",
        "en": "«{area}» is not a KOSTRA function; type the service area's name or a valid "
        "KOSTRA code",
    },
    "new_profile.exists": {
        "nb": "finnes allerede; velg et annet filnavn med -o, eller skriv over den med --force",
        "en": "already exists; choose another file name with -o, or overwrite it with --force",
    },
    "new_profile.intro": {
        "nb": "Kommuneprofil for {name}, skrives til {file}. Svar det dere vet; «vet ikke» "
        "er alltid et gyldig svar og blir stående som ukjent i profilen.",
        "en": "Municipality profile for {name}, written to {file}. Answer what you know; "
        "«unknown» is always a valid answer and stays unknown in the profile.",
    },
    "new_profile.title": {
        "nb": "Tittel på kommunens øverste administrative leder (rådmann/kommunedirektør)",
        "en": "Title of the municipality's chief executive (rådmann/kommunedirektør)",
    },
    "new_profile.bad_title": {
        "nb": "Svar rådmann eller kommunedirektør.",
        "en": "Answer rådmann or kommunedirektør.",
    },
    "new_profile.source_prompt": {
        "nb": "Hvor kommer svarene fra (f.eks. delegeringsreglement og budsjett 2027)",
        "en": "Where do the answers come from (e.g. delegation rules and budget 2027)",
    },
    "new_profile.source": {
        "nb": "Svar gitt i ansvar profile init {date}",
        "en": "Answers given in ansvar profile init {date}",
    },
    "new_profile.type_areas": {
        "nb": "Ingen målfiler er gitt: skriv tjenesteområdene slik de står i målene, ett per "
        "linje, og en tom linje til slutt.",
        "en": "No goal files given: type the service areas as the goals name them, one a "
        "line, and an empty line at the end.",
    },
    "new_profile.area": {"nb": "Tjenesteområde", "en": "Service area"},
    "new_profile.level": {
        "nb": "Budsjettnivå for {area} (enhet/sektor/vet ikke)",
        "en": "Budget level for {area} (unit/sector/unknown)",
    },
    "new_profile.level_goals": {
        "nb": "Budsjettnivå for {area}, {count} mål (enhet/sektor/vet ikke)",
        "en": Plural(
            "Budget level for {area}, {count} goal (unit/sector/unknown)",
            "Budget level for {area}, {count} goals (unit/sector/unknown)",
        ),
    },
    "new_profile.level_default": {
        "nb": "Budsjettnivå for alle andre tjenesteområder (enhet/sektor/vet ikke)",
        "en": "Budget level for every other service area (unit/sector/unknown)",
    },
    "new_profile.bad_level": {
        "nb": "Svar enhet (budsjettet bevilges per enhet), sektor (samlet for "
        "tjenesteområdet) eller vet ikke.",
        "en": "Answer unit (the budget is granted per unit), sector (for the service area "
        "as a whole) or unknown.",
    },
    "new_profile.leader_unit": {
        "nb": "  Hvem leder enheten, f.eks. rektor (Enter: ikke oppgitt)",
        "en": "  Who leads the unit, e.g. rektor (Enter: not stated)",
    },
    "new_profile.leader_sector": {
        "nb": "  Hvem leder sektoren, f.eks. kommunalsjef (Enter: ikke oppgitt)",
        "en": "  Who leads the sector, e.g. kommunalsjef (Enter: not stated)",
    },
    "new_profile.written": {
        "nb": "Skrev {file}. Neste kjøring tar budsjettnivået herfra: ansvar classify MÅL "
        "--profile {file}\nResten av profilen (delegering, oppfølging, lederavtaler) står "
        "som ukjent: fyll den inn fra delegeringsreglementet; profiles/mal.yaml forklarer "
        "hvert felt.",
        "en": "Wrote {file}. The next run takes the budget level from it: ansvar classify "
        "GOALS --profile {file}\nThe rest of the profile (delegation, follow-up, leader "
        "agreements) is unknown: fill it in from the delegation rules; profiles/mal.yaml "
        "explains every field.",
    },
    "new_profile.not_asked": {
        "nb": "Ikke spurt om i ansvar profile init: fyll inn fra delegeringsreglementet (se "
        "profiles/mal.yaml).",
        "en": "Not asked in ansvar profile init: fill in from the delegation rules (see "
        "profiles/mal.yaml).",
    },
    "new_profile.council": {"nb": "Kommunestyret", "en": "The municipal council"},
    "new_profile.level_unknown": {
        "nb": "Nivået var ikke kjent da profilen ble laget.",
        "en": "The level was not known when the profile was made.",
    },
    "new_profile.header": {
        "nb": "Kommuneprofil for {name}, laget med «ansvar profile init».\n"
        "Budsjettnivået per tjenesteområde (budget_allocation) og tittelen er besvart;\n"
        "alt annet står som unknown til dere fyller det inn fra delegerings- og\n"
        "økonomireglementet. profiles/mal.yaml forklarer hvert felt.",
        "en": "Municipality profile for {name}, made with «ansvar profile init».\n"
        "The budget level per service area (budget_allocation) and the title are answered;\n"
        "everything else is unknown until you fill it in from the delegation and financial\n"
        "rules. profiles/mal.yaml explains every field.",
    },
    # answers files --------------------------------------------------------------
    "answers.hint": {
        "nb": "Merk: {fact} ble spurt om for {goals} i {areas} ({names}). Svar én gang per "
        "tjenesteområde med --answers svar.yaml, eller lag en kommuneprofil med «ansvar "
        "profile init».",
        "en": "Note: the {fact} was asked for {goals} in {areas} ({names}). Answer once per "
        "service area with --answers svar.yaml, or make a municipality profile with «ansvar "
        "profile init».",
    },
    "answers.hint_more": {
        "nb": "Merk: {fact} ble spurt om for {goals} i {areas} ({names}) som {file} ikke "
        "svarer for; legg dem til der.",
        "en": "Note: the {fact} was asked for {goals} in {areas} ({names}) that {file} does "
        "not answer for; add them there.",
    },
    "answers.goals": {
        "nb": "{count} mål",
        "en": Plural("{count} goal", "{count} goals"),
    },
    "answers.areas": {
        "nb": Plural("{count} tjenesteområde", "{count} tjenesteområder"),
        "en": Plural("{count} service area", "{count} service areas"),
    },
    "answers.not_mapping": {
        "nb": "en svarfil er en liste av spørsmål med svar per tjenesteområde, for eksempel "
        "«budsjettnivå:» og under den «Skole: sektor»",
        "en": "an answers file lists questions with an answer per service area, for example "
        "«budget frame:» and under it «Skole: sector»",
    },
    "answers.not_answerable": {
        "nb": "{value!r} kan ikke besvares for mange mål på én gang; det kan bare "
        "{allowed_nb}, som er en egenskap ved kommunen og ikke ved hvert mål",
        "en": "{value!r} cannot be answered for many goals at once; only {allowed_en} can, "
        "being a property of the municipality rather than of each goal",
    },
    "answers.not_areas": {
        "nb": "under {value!r} skal det stå ett svar per tjenesteområde, for eksempel «Skole: "
        "sektor»",
        "en": "under {value!r} goes one answer per service area, for example «Skole: sector»",
    },
    "answers.area_twice": {
        "nb": "{first!r} og {second!r} er samme tjenesteområde (store og små bokstaver teller "
        "ikke)",
        "en": "{first!r} and {second!r} are the same service area (case does not count)",
    },
    "answers.bad_value": {
        "nb": "{value!r} er ikke et gyldig svar for {area!r}; tillatt: {allowed_nb} (eller "
        "{allowed_en})",
        "en": "{value!r} is not a valid answer for {area!r}; allowed: {allowed_en} (or "
        "{allowed_nb})",
    },
    "answers.near_miss": {
        "nb": "ingen av målene har tjenesteområdet {value!r}, men de har {near!r}: er det "
        "skrevet feil? Rett navnet, så svaret gjelder målene i {near!r}",
        "en": "none of the goals has the service area {value!r}, but they have {near!r}: is it "
        "misspelt? Correct the name, and the answer covers the goals in {near!r}",
    },
    "answers.unused_area": {
        "nb": "ingen av målene har tjenesteområdet {value!r}; svaret brukes ikke i denne kjøringen",
        "en": "none of the goals has the service area {value!r}; the answer is not used in "
        "this run",
    },
    "answers.unused_kostra": {
        "nb": "ingen av målene har KOSTRA-funksjon {value}; svaret brukes ikke i denne kjøringen",
        "en": "none of the goals has KOSTRA function {value}; the answer is not used in this run",
    },
    "answers.question_twice": {
        "nb": "{first!r} og {second!r} er samme spørsmål; svar på det én gang",
        "en": "{first!r} and {second!r} are the same question; answer it once",
    },
    "answers.empty_area": {
        "nb": "et svar uten tjenesteområde; skriv tjenesteområdet, en KOSTRA-funksjon, eller "
        "default for alle andre",
        "en": "an answer without a service area; write the service area, a KOSTRA function, or "
        "default for every other",
    },
    "answers.not_text": {
        "nb": "svarfila må være tekst i UTF-8 (YAML)",
        "en": "the answers file must be UTF-8 text (YAML)",
    },
    "answers.default_area": {"nb": "alle andre tjenesteområder", "en": "every other service area"},
    # spreadsheets ------------------------------------------------------------
    "loc.sheet": {"nb": "ark {value}", "en": "sheet {value}"},
    "loc.row": {"nb": "rad {value}", "en": "row {value}"},
    "loc.column": {"nb": "kolonne {value}", "en": "column {value}"},
    "sheet.not_text": {
        "nb": "er verken UTF-8- eller Windows-1252-tekst (binærfil?); lagre regnearket som CSV "
        "eller XLSX",
        "en": "is neither UTF-8 nor Windows-1252 text (a binary file?); save the spreadsheet as "
        "CSV or XLSX",
    },
    "sheet.mixed_encoding": {
        "nb": "blander UTF-8 og Windows-1252 (æ, ø og å er skrevet på to måter); lagre filen på "
        "nytt som «CSV UTF-8» i Excel",
        "en": "mixes UTF-8 and Windows-1252 (æ, ø and å are written two ways); save the file "
        "again as «CSV UTF-8» in Excel",
    },
    "sheet.bad_csv": {"nb": "ugyldig CSV: {reason}", "en": "malformed CSV: {reason}"},
    "sheet.bad_xlsx": {
        "nb": "kan ikke leses som XLSX ({reason}); åpne filen i Excel og lagre den som .xlsx "
        "uten passord, eller som CSV",
        "en": "cannot be read as XLSX ({reason}); open the file in Excel and save it as .xlsx "
        "without a password, or as CSV",
    },
    "sheet.encrypted": {
        "nb": "er en kryptert (passordbeskyttet) eller gammel (.xls) Excel-fil; åpne den i Excel "
        "og lagre den som .xlsx uten passord",
        "en": "is an encrypted (password-protected) or old-format (.xls) Excel file; open it in "
        "Excel and save it as .xlsx without a password",
    },
    "sheet.unreadable_format": {
        "nb": "{suffix}-filer kan ikke leses; lagre regnearket som .xlsx eller CSV",
        "en": "{suffix} files cannot be read; save the spreadsheet as .xlsx or CSV",
    },
    "sheet.no_sheets": {
        "nb": "arbeidsboken har ingen regneark",
        "en": "the workbook has no worksheets",
    },
    "sheet.unknown": {
        "nb": "arket {sheet!r} finnes ikke; arkene i filen er: {sheets}",
        "en": "there is no sheet {sheet!r}; the file's sheets are: {sheets}",
    },
    "sheet.option_without_xlsx": {
        "nb": "--sheet {sheet!r} gjelder XLSX-filer, og ingen av innfilene er XLSX",
        "en": "--sheet {sheet!r} applies to XLSX files, and no input file is XLSX",
    },
    "sheet.empty": {
        "nb": "arket er tomt; første rad med innhold må være overskriftene (Mål, Måltype, ...)",
        "en": "the sheet is empty; its first row with content must be the headers (Goal, Goal "
        "type, ...)",
    },
    "sheet.no_title_column": {
        "nb": "ingen kolonne har målet; overskriftsraden må ha én av: {names}",
        "en": "no column holds the goal; the header row needs one of: {names}",
    },
    "sheet.duplicate_column": {
        "nb": "både kolonne {first} og denne kolonnen er {field_nb}; gi én av dem en annen "
        "overskrift",
        "en": "both column {first} and this column are {field_en}; give one of them another header",
    },
    "sheet.missing_title": {
        "nb": "raden har innhold, men målet mangler; skriv målet i cellen eller tøm raden",
        "en": "the row has content but no goal; write the goal in the cell or empty the row",
    },
    "sheet.bad_value": {
        "nb": "{value!r} er ikke tillatt; tillatt er: {allowed_nb} (eller på engelsk: "
        "{allowed_en}); la cellen stå tom hvis det ikke er kjent",
        "en": "{value!r} is not allowed; allowed: {allowed_en} (or in bokmål: {allowed_nb}); "
        "leave the cell empty if it is not known",
    },
    "sheet.headers_differ": {
        "nb": "har andre kolonner enn {first}; regneark skrives sammen til ett bare når "
        "overskriftene er like: gi dem de samme, eller klassifiser filene hver for seg",
        "en": "has other columns than {first}; spreadsheets are written together into one only "
        "when their headers are the same: make them the same, or classify the files one by one",
    },
    "output.xlsx_terminal": {
        "nb": "XLSX skrives ikke til terminalen; bruk -o FIL.xlsx eller send utdata til en fil",
        "en": "XLSX is not written to a terminal; use -o FILE.xlsx or redirect the output to a "
        "file",
    },
    "sheet.title": {"nb": "Klassifisering", "en": "Classification"},
    "sheet.fact_column_missing": {
        "nb": "kildekolonnen hører til faktakolonnen {field_nb}, som mangler eller har fått et "
        "annet navn; gi kolonnen navnet {field_nb} igjen (eller klassifiser det opprinnelige "
        "arket på nytt)",
        "en": "this source column belongs to the fact column {field_en}, which is missing or "
        "was renamed; name the column {field_en} again (or classify the original sheet again)",
    },
    "sheet.comment_author": {"nb": "ansvarsregler", "en": "ansvarsregler"},
    "sheet.overview": {"nb": "Oversikt", "en": "Overview"},
    "sheet.rules": {"nb": "Regler", "en": "Rules"},
    "sheet.no_area": {"nb": "(uten tjenesteområde)", "en": "(no service area)"},
    "sheet.unresolved_heading": {
        "nb": "Uavklarte mål og spørsmålene deres",
        "en": "Unresolved goals and their questions",
    },
    "sheet.chart_title": {
        "nb": "Eiere per tjenesteområde",
        "en": "Owners per service area",
    },
    "sheet.ruleset_name": {"nb": "Regelsett", "en": "Rule set"},
    "sheet.ruleset_version": {"nb": "Versjon", "en": "Version"},
    "sheet.ruleset_hash": {"nb": "Hash (SHA-256)", "en": "Hash (SHA-256)"},
    "sheet.ruleset_evaluator": {"nb": "Evaluator", "en": "Evaluator"},
    "sheet.profile": {"nb": "Kommuneprofil", "en": "Municipality profile"},
    "col.service_area": {"nb": "Tjenesteområde", "en": "Service area"},
    "col.sum": {"nb": "Sum", "en": "Total"},
    "sheet.choose_value": {
        "nb": "Velg en av verdiene: {values}.",
        "en": "Choose one of the values: {values}.",
    },
    "col.owner_role": {"nb": "Rolle", "en": "Role"},
    "col.followed_up_by": {"nb": "Følges opp av", "en": "Followed up by"},
    "col.assumptions": {"nb": "Antakelser", "en": "Assumptions"},
    "col.questions": {"nb": "Spørsmål", "en": "Questions"},
    "col.warnings": {"nb": "Advarsler", "en": "Warnings"},
    "col.municipality": {"nb": "Kommune", "en": "Municipality"},
    "col.ruleset_version": {"nb": "Regelsettversjon", "en": "Rule set version"},
    "col.ruleset_hash": {"nb": "Regelsettets hash", "en": "Rule set hash"},
    # -- CLI -----------------------------------------------------------------
    "cli.goal_not_found": {
        "nb": "fant ikke målet {goal_id!r} i {where}",
        "en": "goal {goal_id!r} not found in {where}",
    },
    "cli.builtin_catalog": {"nb": "den innebygde målkatalogen", "en": "the built-in catalog"},
    "cli.output_is_input": {
        "nb": "utfilen {path} er også en innfil; velg en annen utfil",
        "en": "the output file {path} is also an input file; choose another output file",
    },
    "output.xlsx_failed": {
        "nb": "XLSX-fila kunne ikke skrives: {reason}; ingenting er skrevet",
        "en": "the XLSX file could not be written: {reason}; nothing was written",
    },
    "output.xlsx_too_wide": {
        "nb": "resultatet ville få {count} kolonner, men et XLSX-ark rommer høyst {limit}; "
        "skriv CSV i stedet (-o resultat.csv), eller fjern kolonner fra regnearket",
        "en": "the result would have {count} columns, but an XLSX sheet holds at most {limit}; "
        "write CSV instead (-o result.csv), or remove columns from the sheet",
    },
    "output.unwritable": {
        "nb": "kan ikke skrives: {reason}",
        "en": "cannot be written: {reason}",
    },
    "output.spool_unwritable": {
        "nb": "resultatet holdes i en midlertidig fil til alle målene er lest, og den kan ikke "
        "skrives: {reason}; gi plass der, eller velg en annen mappe med TMPDIR",
        "en": "the results are held in a temporary file until every goal has been read, and it "
        "cannot be written: {reason}; make room there, or choose another folder with TMPDIR",
    },
    "output.stdout_unwritable": {
        "nb": "standard ut kan ikke skrives: {reason}",
        "en": "standard output cannot be written: {reason}",
    },
    "os.failed": {
        "nb": "kan ikke leses eller skrives: {reason}",
        "en": "cannot be read or written: {reason}",
    },
    "table.cut": {
        "nb": "Tekster over {length} tegn er kuttet (…) her; --format json viser dem hele.",
        "en": "Texts over {length} characters are cut (…) here; --format json shows them whole.",
    },
    "cli.more_warnings": {
        "nb": Plural("... og {count} advarsel til", "... og {count} advarsler til"),
        "en": Plural("... and {count} more warning", "... and {count} more warnings"),
    },
    "cli.unresolved": {
        "nb": "uavklarte mål: {count} (--strict)",
        "en": "unresolved goals: {count} (--strict)",
    },
    # -- the library's arguments -------------------------------------------
    "library.not_goals": {
        "nb": "classify_many tar en liste (eller annen samling) av mål, hvert en mapping eller "
        "et Goal, fant {found}",
        "en": "classify_many takes a list (or other iterable) of goals, each a mapping or a Goal, "
        "found {found}",
    },
    "library.bad_answers": {
        "nb": "answers må være en svarfil (filsti) eller Answers fra load_answers, fant {found}",
        "en": "answers must be an answers file (a path) or Answers from load_answers, found "
        "{found}",
    },
    "library.bad_profile": {
        "nb": "profile må være navnet på en profil (f.eks. 'verran'), en filsti eller en Profile, "
        "fant {found}",
        "en": "profile must be a profile's name (e.g. 'verran'), a file path or a Profile, "
        "found {found}",
    },
    # -- limits (limits.py) -------------------------------------------------
    "limit.exceeded": {
        "nb": "{what} er over grensen: {found} mot høyst {limit}; miljøvariabelen {variable} "
        "hever grensen hvis inndataene er riktige",
        "en": "{what} is over the limit: {found} against at most {limit}; the environment "
        "variable {variable} raises the limit if the input is right",
    },
    "limit.bad_setting": {
        "nb": "{variable}={value!r} er ikke et positivt heltall",
        "en": "{variable}={value!r} is not a positive whole number",
    },
    "limit.over_ceiling": {
        "nb": "{variable}={value} er for høyt: høyst {ceiling}, {reason_nb}",
        "en": "{variable}={value} is too high: at most {ceiling}, {reason_en}",
    },
    "limit.ceiling.engine": {
        "nb": "det regelmotoren tåler",
        "en": "what the rule engine can hold",
    },
    "limit.ceiling.recursion": {
        "nb": "det Pythons lesere av JSON og YAML og JSON-utskriften tåler",
        "en": "what Python's JSON and YAML readers and the JSON output can hold",
    },
    "limit.rule_combinations": {
        "nb": "antall verdikombinasjoner reglenes betingelser tillater, lagt sammen",
        "en": "the number of value combinations the rules' conditions allow, added up",
    },
    "limit.file_size": {"nb": "filens størrelse i byte", "en": "the file's size in bytes"},
    "limit.xlsx_uncompressed": {
        "nb": "XLSX-filens utpakkede størrelse i byte",
        "en": "the XLSX file's unpacked size in bytes",
    },
    "limit.rows": {"nb": "antall rader", "en": "the number of rows"},
    "limit.columns": {"nb": "antall kolonner", "en": "the number of columns"},
    "limit.cell_length": {"nb": "antall tegn i verdien", "en": "the number of characters"},
    "limit.nesting_depth": {
        "nb": "antall nivåer av lister og mappinger",
        "en": "the number of levels of lists and mappings",
    },
    "limit.yaml_aliases": {
        "nb": "antall YAML-aliaser (*navn)",
        "en": "the number of YAML aliases (*name)",
    },
    "limit.goals": {"nb": "antall mål i kjøringen", "en": "the number of goals in the run"},
    "limit.request_bytes": {
        "nb": "forespørselens størrelse i byte",
        "en": "the request's size in bytes",
    },
    "limit.request_goals": {
        "nb": "antall mål i forespørselen",
        "en": "the number of goals in the request",
    },
    "limit.request_seconds": {
        "nb": "sekunder forespørselen brukte",
        "en": "the seconds the request took",
    },
    # ansvar serve ----------------------------------------------------------------
    "page.title": {"nb": "Hvem eier målet?", "en": "Who owns the goal?"},
    "page.rules": {"nb": "Reglene", "en": "The rules"},
    "page.privacy": {
        "nb": "Det du limer inn eller laster opp, leses i minnet og glemmes når svaret er "
        "sendt: ingenting lagres på tjeneren.",
        "en": "What you paste or upload is read in memory and forgotten once the answer is "
        "sent: nothing is stored on the server.",
    },
    "page.paste": {
        "nb": "Lim inn målene (CSV med overskrifter, YAML eller JSON), eller last opp en fil:",
        "en": "Paste the goals (CSV with headers, YAML or JSON), or upload a file:",
    },
    "page.upload": {"nb": "Fil (CSV, XLSX, YAML, JSON):", "en": "File (CSV, XLSX, YAML, JSON):"},
    "page.profile": {"nb": "Kommuneprofil:", "en": "Municipality profile:"},
    "page.no_profile": {"nb": "(ingen)", "en": "(none)"},
    "page.classify": {"nb": "Klassifiser", "en": "Classify"},
    "page.filter": {"nb": "Vis", "en": "Show"},
    "page.owner": {"nb": "Eier", "en": "Owner"},
    "page.area": {"nb": "Tjenesteområde", "en": "Service area"},
    "page.all": {"nb": "alle", "en": "all"},
    "page.only_unresolved": {"nb": "bare uavklarte", "en": "unresolved only"},
    "page.show": {"nb": "Vis", "en": "Show"},
    "page.goal": {"nb": "Mål", "en": "Goal"},
    "page.adopted_by": {"nb": "Vedtas av", "en": "Adopted by"},
    "page.justification": {"nb": "Begrunnelse", "en": "Justification"},
    "page.assumptions": {"nb": "Antakelser", "en": "Assumptions"},
    "page.question": {"nb": "Spørsmål og forslag", "en": "Questions and suggestions"},
    "page.why": {"nb": "Hvorfor?", "en": "Why?"},
    "page.unresolved": {"nb": "uavklart", "en": "unresolved"},
    "page.choose": {"nb": "velg …", "en": "choose …"},
    "page.answer": {"nb": "Svar", "en": "Answer"},
    "page.download": {"nb": "Last ned", "en": "Download"},
    "page.readiness": {"nb": "Klar for resultatansvar?", "en": "Ready for result responsibility?"},
    "page.again": {"nb": "Nye mål", "en": "New goals"},
    "page.token": {"nb": "Token:", "en": "Token:"},
    "page.login": {"nb": "Logg inn", "en": "Log in"},
    "page.logout": {"nb": "Logg ut", "en": "Log out"},
    "page.suggested": {"nb": "Foreslått av ordene: {fact}", "en": "Suggested by the words: {fact}"},
    "page.explanation": {
        "nb": "Resonnementet for mål {goal}",
        "en": "The reasoning for goal {goal}",
    },
    "page.no_goals": {"nb": "lim inn mål eller velg en fil", "en": "paste goals or choose a file"},
    "page.bad_csrf": {
        "nb": "skjemaet er utløpt eller kom fra en annen side; last siden på nytt og prøv igjen",
        "en": "the form has expired or came from another page; reload the page and try again",
    },
    "page.bad_login": {"nb": "feil token", "en": "wrong token"},
    "page.sheet_carried": {
        "nb": "XLSX og CSV lastes ned som ditt eget ark ({name}) med resultatkolonnene lagt til, "
        "og med svarene du har gitt her.",
        "en": "XLSX and CSV download as your own sheet ({name}) with the result columns added, "
        "and with the answers you gave here.",
    },
    "page.sheet_dropped": {
        "nb": "Arket er for stort til å følge med siden videre, så XLSX og CSV lastes ned som "
        "flate rader. Bruk «ansvar classify ARK -o UT.xlsx» for å få ditt eget ark tilbake.",
        "en": "The sheet is too large to travel with the page, so XLSX and CSV download as flat "
        "rows. Use «ansvar classify SHEET -o OUT.xlsx» to get your own sheet back.",
    },
    "page.sheet_mismatch": {
        "nb": "arket som fulgte med siden, har ikke de samme målene som siden; last det opp på "
        "nytt",
        "en": "the sheet that came with the page does not hold the same goals as the page; "
        "upload it again",
    },
    "serve.bad_json": {
        "nb": "kroppen er ikke gyldig JSON: {reason}",
        "en": "the body is not valid JSON: {reason}",
    },
    "serve.not_json": {
        "nb": "kroppen må være JSON (Content-Type: application/json), fikk {found!r}",
        "en": "the body must be JSON (Content-Type: application/json), got {found!r}",
    },
    "serve.bad_body": {
        "nb": "kroppen må være en liste av mål, eller et objekt med «goals» (og eventuelt "
        "«profile» og «lang»): {reason}",
        "en": "the body must be a list of goals, or an object with «goals» (and perhaps "
        "«profile» and «lang»): {reason}",
    },
    "serve.profile_file_name": {
        "nb": "en profil tilbys med filnavnet sitt, som må være bokstaver, sifre, - eller _ "
        "(for eksempel nord-fron.yaml)",
        "en": "a profile is offered by its file name, which must be letters, digits, - or _ "
        "(for example nord-fron.yaml)",
    },
    "serve.bad_explain": {
        "nb": "kroppen må være et objekt med «goal» (og eventuelt «profile» og «lang»)",
        "en": "the body must be an object with «goal» (and perhaps «profile» and «lang»)",
    },
    "serve.unknown_profile": {
        "nb": "ingen profil heter {value!r}; profilene er: {names}",
        "en": "no profile is called {value!r}; the profiles are: {names}",
    },
    "serve.unauthorized": {
        "nb": "denne tjenesten krever et token: Authorization: Bearer TOKEN",
        "en": "this service needs a token: Authorization: Bearer TOKEN",
    },
    "serve.too_slow": {
        "nb": "forespørselen tok mer enn {seconds} sekunder, og svaret er gitt opp; send færre "
        "mål om gangen, eller hev grensen med ANSVARSREGLER_LIMIT_REQUEST_SECONDS",
        "en": "the request took more than {seconds} seconds, and its answer was given up; send "
        "fewer goals at a time, or raise the limit with ANSVARSREGLER_LIMIT_REQUEST_SECONDS",
    },
    "serve.not_found": {"nb": "finnes ikke: {path}", "en": "not found: {path}"},
    "serve.failed": {
        "nb": "noe gikk galt på tjeneren; forespørselen er ikke utført",
        "en": "something went wrong on the server; the request was not carried out",
    },
    "serve.needs_token": {
        "nb": "--host {host} gjør tjenesten tilgjengelig for andre maskiner: gi --token TOKEN, "
        "eller --insecure-no-auth hvis nettet er lukket og det er meningen",
        "en": "--host {host} makes the service reachable from other machines: give --token "
        "TOKEN, or --insecure-no-auth if the network is closed and that is intended",
    },
    "serve.listening": {
        "nb": "ansvarsregler lytter på {url} (API-dokumentasjon: {url}docs). Stopp med Ctrl-C.",
        "en": "ansvarsregler listens on {url} (API documentation: {url}docs). Stop with Ctrl-C.",
    },
    "serve.no_auth_warning": {
        "nb": "Advarsel: tjenesten er åpen for alle som når {host}:{port}, uten innlogging",
        "en": "Warning: the service is open to anyone who reaches {host}:{port}, without login",
    },
    "limit.rules": {
        "nb": "antall regler i regelsettet",
        "en": "the number of rules in the rule set",
    },
    **DOCUMENT_MESSAGES,
}


def message(key: str, lang: Language = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """Return the message ``key`` in ``lang``, filled in with ``params``.

    A :class:`Plural` message takes its singular or plural text by its count.
    """
    return template(key, lang, params).format(**params)


def template(key: str, lang: Language, params: dict[str, object]) -> str:
    """The text of message ``key`` in ``lang`` before ``params`` are filled in."""
    text = MESSAGES[key][lang]
    return text.choose(params) if isinstance(text, Plural) else text


def invalid(key: str, **params: object) -> PydanticCustomError:
    """A validation error that carries its message key, so it can be shown in either language."""
    return PydanticCustomError(key, template(key, "en", params), params)
