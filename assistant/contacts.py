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


def emergency_signpost(council: Council) -> str:
    """Numbers to call when a child or adult may be in danger. Always shown first."""
    front_door = council.contacts["childrens_front_door"]
    out_of_hours = council.contacts["out_of_hours"]
    return (
        "If anyone is in danger right now, call 999.\n"
        f"If you are worried about a child, call {front_door.name} on {front_door.phone} "
        f"({front_door.hours}). Out of hours, call {out_of_hours.name} on "
        f"{out_of_hours.phone}.\n"
        "Children and young people can call Childline free on 0800 1111, day or night.\n"
        "Adults worried about a child can call the NSPCC helpline on 0808 800 5000."
    )
