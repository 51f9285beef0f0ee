"""The words planners use in spreadsheet headers and cells, in bokmål and English.

A budget system's export says *Måltype* and *tjenestekvalitet* where a goal
file says ``goal_type`` and ``service_quality``. These tables are the one
place that knows the words; :mod:`ansvarsregler.goals.columns` folds case, spaces
and accents away before looking them up (``Påvirkning``, ``PAVIRKNING`` and
``påvirkning`` are one word), and a test checks that every field and every
value in :data:`~ansvarsregler.vocabulary.FACT_VALUES` has its words here.

Each tuple starts with the word shown to a bokmål reader (in an error that
lists what is allowed); the English name is the field or value itself.
"""

from __future__ import annotations

from ansvarsregler.folding import fold

#: Header words for each goal field. ``Merknad`` and ``Kommentar`` are left
#: out on purpose: a note is not the goal's description, and is carried as
#: an extra field under its own header.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("Mål-id", "Id", "Målnr", "Målnummer", "Nr", "Goal id"),
    "title": ("Mål", "Tittel", "Målformulering", "Title", "Goal"),
    "description": ("Beskrivelse", "Description"),
    "service_area": ("Tjenesteområde", "Tjeneste", "Sektor", "Område", "Service area"),
    "kostra_function": ("KOSTRA-funksjon", "KOSTRA", "Funksjon", "KOSTRA function"),
    "goal_type": ("Måltype", "Type mål", "Goal type"),
    "influence": ("Påvirkning", "Påvirkbarhet", "Påvirkningsgrad", "Influence"),
    "budget_impact": ("Budsjettvirkning", "Budsjettkonsekvens", "Budget impact"),
    "budget_frame": ("Budsjettnivå", "Rammenivå", "Budget frame", "Budget level"),
}

#: Cell words for each value of each fact.
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "goal_type": {
        "societal": ("samfunnsmål", "samfunn", "societal", "societal goal"),
        "capacity": (
            "kapasitet",
            "kapasitetsmål",
            "dekningsgrad",
            "capacity",
            "capacity goal",
        ),
        "investment": ("investering", "investeringsmål", "investment", "investment goal"),
        "service_quality": (
            "tjenestekvalitet",
            "kvalitet",
            "kvalitetsmål",
            "service quality",
            "quality",
        ),
        "user_satisfaction": (
            "brukertilfredshet",
            "brukertilfredshetsmål",
            "user satisfaction",
        ),
        "employee": ("medarbeider", "medarbeidermål", "employee", "employee goal"),
        "economy": ("økonomi", "økonomimål", "economy", "finance"),
    },
    "influence": {
        "full": ("full", "fullt", "helt", "full påvirkning"),
        "partial": ("delvis", "delvis påvirkning", "partial"),
        "none": ("ingen", "ikke", "ingen påvirkning", "none"),
    },
    "budget_impact": {
        "within_budget": (
            "innenfor rammen",
            "innenfor ramme",
            "innenfor budsjett",
            "innenfor budsjettet",
            "innenfor vedtatt budsjett",
            "within budget",
            "within the budget",
        ),
        "requires_increase": (
            "krever økt bevilgning",
            "økt bevilgning",
            "krever mer penger",
            "mer penger",
            "requires increase",
            "requires an increase",
        ),
        "unknown": ("ukjent", "vet ikke", "unknown"),
    },
    "budget_frame": {
        "unit": ("enhet", "virksomhet", "per enhet", "unit"),
        "sector": ("sektor", "tjenesteområde", "per sektor", "sector"),
        "municipality": ("kommune", "kommunen", "hele kommunen", "municipality"),
    },
}


def _words(words_by_key: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded word → key; the key itself counts as a word."""
    return {fold(word): key for key, words in words_by_key.items() for word in (*words, key)}


#: A header's folded word → the field: ``pavirkning`` → ``influence``.
FIELD_BY_WORD: dict[str, str] = _words(FIELD_WORDS)
#: Each fact's values by their folded words: ``sektor`` → ``sector``.
VALUE_BY_WORD: dict[str, dict[str, str]] = {
    fact: _words(values) for fact, values in VALUE_WORDS.items()
}
