"""The people a family can talk to, from the council's own `council.yml`."""

from __future__ import annotations

from indexer.council import ContactPoint, Council


def describe_contact(contact: ContactPoint) -> str:
    """'Name: phone 0113 496 0100, email x@y. Open Monday to Friday, 9am to 5pm.'"""
    parts = []
    if contact.phone:
        parts.append(f"phone {contact.phone}")
    if contact.email:
        parts.append(f"email {contact.email}")
    elif contact.url:
        parts.append(f"website {contact.url}")
    text = f"{contact.name}: {', '.join(parts)}." if parts else f"{contact.name}."
    if contact.hours:
        text += f" Open {contact.hours}."
    return text


def talk_to_a_person(council: Council) -> str:
    """The Local Offer team and SENDIASS, with their hours."""
    team = council.contacts["local_offer_team"]
    advice = council.contacts["sendiass"]
    return (
        "You can talk to a person.\n"
        f"For help finding services: {describe_contact(team)}\n"
        f"For free, independent advice on SEND: {describe_contact(advice)}"
    )
