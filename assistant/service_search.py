"""Finding services across turns: facets from the first message, the form and follow-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.answers import services_reply
from assistant.replies import Reply
from indexer.facets import CATEGORIES, NUMBER_WORDS, FacetExtractor, QueryFacets
from indexer.search import Hit, Retriever

ANYWHERE = re.compile(
    r"\b(any\s?where|every\s?where|not sure|unsure|don'?t (?:mind|know)|doesn'?t matter|"
    r"no preference|any town|all over|whole area|all areas)\b",
    re.I,
)


# Activities a family names because they want that one thing: "swimming" is not answered by a
# multi-sports camp. Each maps the words a family types to stems a matching service's name or
# summary contains.
ACTIVITIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "swimming": (("swim", "swimming", "swimmer", "pool"), ("swim", "pool")),
    "trampolining": (("trampoline", "trampolining", "rebound"), ("trampolin", "rebound", "jump")),
    "cycling": (("cycling", "bike", "bikes", "cycle"), ("cycl", "bike", "wheels")),
    "football": (("football",), ("football",)),
    "basketball": (("basketball",), ("basketball",)),
    "rugby": (("rugby",), ("rugby",)),
    "tennis": (("tennis",), ("tennis",)),
    "boccia": (("boccia",), ("boccia",)),
    "climbing": (("climbing", "climb"), ("climb",)),
    "horse riding": (("riding", "horse", "horses", "pony"), ("riding", "horse", "pony")),
    "dance": (("dance", "dancing"), ("danc",)),
    "drama": (("drama", "acting", "theatre"), ("drama", "theatre", "perform")),
    "music": (("music", "choir", "singing"), ("music", "choir", "sing", "voices")),
    "cinema": (("cinema", "films", "film", "movies"), ("cinema", "screen", "film")),
    "gaming": (("gaming", "games", "video games"), ("gaming", "game")),
}


# Who the service is for: a parent asking for a course or group for themselves wants a
# parents' service, whatever age their child is.
FOR_THE_ADULT = re.compile(
    r"\b(?:for (?:me|myself|us|parents?|carers?|mums?|dads?|the family)|"
    r"parent(?:s'?|ing)? (?:support|group|course|class|workshop|training|programme)|"
    r"(?:course|group|workshop|training|support|programme)s? for (?:parents?|carers?|mums?|dads?)|"
    r"parents? of|carers'? (?:group|support)|(?:mums?|dads?)'? group|i'?m (?:a|his|her) "
    r"(?:mum|dad|carer|parent))\b",
    re.I,
)
PARENT_WORDS = re.compile(r"\b(?:parents?|carers?|mums?|dads?|families|parenting)\b", re.I)


def is_for_the_adult(text: str) -> bool:
    return bool(FOR_THE_ADULT.search(text or ""))


def for_parents(hit: Hit) -> bool:
    categories = set(hit.payload.get("categories") or [])
    named = f"{hit.title} {hit.payload.get('summary') or ''}"
    return "Parent carer support" in categories or bool(PARENT_WORDS.search(named))


def activities_named(text: str) -> list[str]:
    """The specific activities a message asks for, e.g. ['swimming']."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return [name for name, (asked, _) in ACTIVITIES.items() if words & set(asked)]


def offers_activity(hit: Hit, activity: str) -> bool:
    """Whether a service's own name or one-line summary says it offers the activity."""
    return says_activity(f"{hit.title} {hit.payload.get('summary') or ''}", activity)


def says_activity(name_and_summary: str, activity: str) -> bool:
    return any(stem in name_and_summary.lower() for stem in ACTIVITIES[activity][1])


def parse_age(value: object) -> int | None:
    """An age slot value ('14', 14.0, 'fourteen') as whole years, or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if 0 <= value <= 25 else None
    text = str(value).strip().lower()
    digits = re.match(r"^(\d{1,2})", text)
    if digits:
        number = int(digits.group(1))
        return number if number <= 25 else None
    return NUMBER_WORDS.get(text)


def canonical_town(value: object, towns: list[str]) -> str | None:
    """The council's spelling of a town slot value; None when unknown or 'anywhere'."""
    if not value:
        return None
    text = str(value).strip().lower()
    for town in towns:
        if town.lower() == text:
            return town
    return None


def wants_anywhere(text: str) -> bool:
    return bool(ANYWHERE.search(text or ""))


def facets_for_search(
    text: str, slots: dict, extractor: FacetExtractor, towns: list[str]
) -> QueryFacets:
    """Facets of the family's request, with the form's answers taking precedence."""
    facets = extractor.extract(text)
    age = parse_age(slots.get("age"))
    if age is not None:
        facets.age = age
    town = canonical_town(slots.get("town"), towns)
    if town:
        facets.towns = [town]
    elif str(slots.get("town") or "").lower() == "anywhere":
        facets.towns = []
    return facets


def refine(previous: QueryFacets, follow_up: str, extractor: FacetExtractor) -> QueryFacets:
    """Previous facets changed only by what a follow-up says ('what about Saturdays?')."""
    update = extractor.extract(follow_up)
    merged = previous.merged_with(update)
    if wants_anywhere(follow_up) and not update.towns:
        merged.towns = []
    if re.search(r"\bany\s?day\b", follow_up, re.I):
        merged.days = []
    return merged


@dataclass
class ServicePage:
    reply: Reply
    facets: QueryFacets
    offset: int
    shown: int
    matches: int = 0  # every service that fits, across all pages
    activities: list[str] = field(default_factory=list)


def find_services(
    retriever: Retriever,
    text: str,
    facets: QueryFacets,
    offset: int,
    per_page: int,
    stale_after_months: int,
) -> ServicePage:
    """One page of services for a request, and whether there are more."""
    parents = is_for_the_adult(text)
    searched = facets
    if parents:
        # The age a parent gives is their child's; a parents' group has no such limit.
        searched = replace(facets, age=None)
    response = retriever.search(
        text, top_k=max(50, offset + per_page + 1), facets=searched, extract=False, kind="service"
    )
    hits = response.hits
    if parents:
        hits = [hit for hit in hits if for_parents(hit)] + [
            hit for hit in hits if not for_parents(hit)
        ]
    activities = activities_named(text)
    if activities:
        hits = [hit for hit in hits if any(offers_activity(hit, name) for name in activities)]
    elif facets.categories:
        # "Swimming" means swimming: an unrelated club that happens to be open on the day
        # asked for is not an answer. No match is itself worth telling the family (and officers).
        wanted = {CATEGORIES[key][0] for key in facets.categories if key in CATEGORIES}
        hits = [hit for hit in hits if wanted & set(hit.payload.get("categories") or [])]
    page = hits[offset : offset + per_page]
    has_more = len(hits) > offset + per_page
    reply = services_reply(page, facets, has_more, stale_after_months, activities)
    return ServicePage(reply, facets, offset, len(page), len(hits), activities)
