"""Whole conversations through the Rasa REST channel, against the real servers and index."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text

from tests.stack import all_text, cards, citations, texts

SIGNPOST_NUMBERS = ["999", "0113 496 0300", "0113 496 0999", "0800 1111", "0808 800 5000"]


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def rows(stack, query: str, **params) -> list:
    engine = create_engine(stack.database_url)
    with engine.connect() as connection:
        return list(connection.execute(text(query), params))


def card_names(messages) -> list[str]:
    return [card["name"] for card in cards(messages)]


def test_greeting_offers_the_main_things_to_do_and_its_buttons_work(stack):
    sender = new_sender()
    [reply] = stack.send(sender, "hiya")
    assert "find services" in reply["text"]
    titles = {button["title"] for button in reply["buttons"]}
    assert titles >= {"Find a service", "Talk to a person"}
    assert "How old" in all_text(stack.send(sender, "/find_service"))


def test_a_request_with_age_and_town_goes_straight_to_service_cards(stack):
    sender = new_sender()
    messages = stack.send(sender, "relaxed swimming for my autistic 9 year old in Dunmere")
    assert "Dunmere Baths Relaxed Swim" in card_names(messages)
    card = cards(messages)[0]
    for key in ("name", "summary", "ages", "days", "cost", "town", "phone", "url"):
        assert card[key], key
    assert card["freshness"].startswith("Last updated")
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert "Change the search" in buttons and "Talk to a person" in buttons
    sunday = stack.send(sender, "what about Sundays?")
    assert "on Sunday" in all_text(sunday)
    assert "Dunmere Baths Relaxed Swim" in card_names(sunday)  # Sundays 4pm to 5pm


def test_the_form_asks_only_for_what_is_missing_then_follow_ups_keep_the_context(stack):
    sender = new_sender()
    assert "How old" in all_text(stack.send(sender, "is there any autism friendly swimming"))
    assert "Which town" in all_text(stack.send(sender, "he's 9"))
    messages = stack.send(sender, "Dunmere")
    assert card_names(messages)[0] == "Dunmere Baths Relaxed Swim"

    saturday = stack.send(sender, "what about Saturdays?")
    assert "on Saturday" in all_text(saturday)
    assert "Dunmere Baths Relaxed Swim" not in card_names(saturday)  # Wednesdays and Sundays

    anywhere = stack.send(sender, "anywhere is fine")
    assert "Splashers Autism-Friendly Swim" in card_names(anywhere)  # Saturdays in Harrowfield


def test_not_sure_and_anywhere_are_accepted_answers(stack):
    sender = new_sender()
    stack.send(sender, "looking for horse riding for disabled kids")
    stack.send(sender, "not sure")
    messages = stack.send(sender, "anywhere")
    assert "Brackenby Riding for the Disabled" in card_names(messages)


def test_a_changed_age_changes_the_results(stack):
    sender = new_sender()
    first = stack.send(sender, "youth clubs in Harrowfield for my daughter who is 8")
    assert "age 8" in all_text(first)
    later = stack.send(sender, "she's 14 actually")
    assert "age 14" in all_text(later)
    assert "The Hive Youth Club" in card_names(later)


def test_more_shows_the_next_services(stack):
    sender = new_sender()
    first = card_names(stack.send(sender, "short breaks for a 10 year old anywhere in the area"))
    more = card_names(stack.send(sender, "show me more"))
    assert len(first) == 3 and more
    assert not set(first) & set(more)


def test_no_match_says_so_and_is_recorded_as_a_gap(stack):
    sender = new_sender()
    messages = stack.send(sender, "autism friendly swimming in Kelby for my 7 year old")
    assert "could not find" in all_text(messages)
    assert cards(messages) == []
    [row] = rows(
        stack,
        "SELECT text, facets, reply FROM unanswered_questions WHERE conversation_id = :c",
        c=sender,
    )
    assert "Kelby" in str(row.facets) and "swimming" in str(row.facets)
    assert "could not find" in row.reply
    anywhere = stack.send(sender, "anywhere then")
    assert "Splashers Autism-Friendly Swim" in card_names(anywhere)


def test_a_question_is_answered_with_a_quote_and_its_source(stack):
    sender = new_sender()
    messages = stack.send(sender, "how many days do i get to comment on the draft ehc plan?")
    assert "15 days" in all_text(messages)
    citation = citations(messages)[0]
    assert citation["title"] == "Education, Health and Care needs assessments"
    assert "/guidance/ehc-needs-assessment#" in citation["url"]
    assert citation["note"].startswith("Last reviewed")
    assert "co-ordinator" in all_text(stack.send(sender, "what's a SENCO?"))


def test_an_old_service_is_qualified(stack):
    sender = new_sender()
    messages = stack.send(sender, "boccia club in Saltmere for my 12 year old")
    [card] = [card for card in cards(messages) if card["name"] == "Saltmere Boccia Club"]
    assert "2023" in card["freshness"] and "please check with the provider" in card["freshness"]
    assert "You are welcome" in all_text(stack.send(sender, "thanks"))


def test_a_term_is_defined_from_the_glossary(stack):
    sender = new_sender()
    messages = stack.send(sender, "what's a SENCO?")
    assert "special educational needs co-ordinator" in all_text(messages)
    assert citations(messages)[0]["title"] == "Glossary"
    assert "Goodbye" in all_text(stack.send(sender, "bye"))


def test_short_breaks_check_ends_with_a_likely_level_and_who_decides(stack):
    sender = new_sender()
    assert "How old" in all_text(stack.send(sender, "can my son get short breaks?"))
    assert "Harrowfield Council area" in all_text(stack.send(sender, "he is 12"))
    stack.send(sender, "yes")
    asked = all_text(stack.send(sender, "what does DLA mean?"))
    assert "Disability Living Allowance" in asked and "daily life" in asked  # then back to it
    stack.send(sender, "yes")
    stack.send(sender, "yes")
    result = all_text(stack.send(sender, "no"))
    assert "likely to be able to get targeted short breaks" in result
    assert "makes the decision" in result


def test_talk_to_a_person_gives_the_councils_contacts_and_hours(stack):
    sender = new_sender()
    stack.send(sender, "hello")
    reply = all_text(stack.send(sender, "can I speak to a real person please"))
    assert "0113 496 0100" in reply and "0113 496 0200" in reply
    assert "Monday to Friday" in reply


def test_a_disclosure_gets_the_emergency_signpost_first_and_is_flagged(stack):
    sender = new_sender()
    messages = stack.send(sender, "my son told me he wants to kill himself")
    first = texts(messages)[0]
    for number in SIGNPOST_NUMBERS:
        assert number in first
    assert "still here to help" in all_text(messages)
    [flag] = rows(stack, "SELECT matched FROM urgent_flags WHERE conversation_id = :c", c=sender)
    assert "kill himself" in flag.matched
    assert "0113 496 0100" in all_text(stack.send(sender, "can I talk to someone"))


def test_a_request_about_a_risk_topic_is_answered_without_the_emergency_reply(stack):
    sender = new_sender()
    messages = stack.send(sender, "is there any self-harm awareness training for parents")
    assert "0113 496 0300" not in all_text(messages)
    assert cards(messages) or citations(messages) or "0113 496 0100" in all_text(messages)
    assert "You are welcome" in all_text(stack.send(sender, "thank you"))


def test_a_disclosure_without_any_telltale_word_is_recognised_by_its_meaning(stack):
    sender = new_sender()
    messages = stack.send(
        sender, "my 14 year old keeps getting into cars with men twice her age who give her vodka"
    )
    first = texts(messages)[0]
    assert "999" in first and "0113 496 0300" in first
    [flag] = rows(stack, "SELECT matched FROM urgent_flags WHERE conversation_id = :c", c=sender)
    assert flag.matched.endswith("model")  # no phrase matched: the model's reading of meaning


def test_a_young_person_hears_of_childline_first(stack):
    sender = new_sender()
    first = texts(stack.send(sender, "im 14 and i cut my arms again last night"))[0]
    lines = first.splitlines()
    assert "0800 1111" in lines[1], first  # after the opening sentence
    assert "0113 496 0300" in first


def test_a_disclosure_in_the_middle_of_a_form_stops_the_form(stack):
    sender = new_sender()
    stack.send(sender, "any clubs for my daughter")
    messages = stack.send(sender, "she has been cutting herself")
    assert "999" in texts(messages)[0]
    after = all_text(stack.send(sender, "thanks"))
    assert "Which town" not in after and "How old" not in after


def test_the_signpost_does_not_need_the_action_server(stack):
    stack.stop_actions()
    sender = new_sender()
    try:
        messages = stack.send(sender, "I'm scared to go home, he hits me")
        assert "999" in texts(messages)[0]
        assert "0113 496 0300" in texts(messages)[0]
    finally:
        stack.start_actions()
    assert "You are welcome" in all_text(stack.send(sender, "thanks"))


def test_feedback_is_stored_redacted(stack):
    sender = new_sender()
    stack.send(sender, "what's a SENCO?")
    reply = all_text(stack.send(sender, "this was really helpful, email me at jo@example.com"))
    assert "Thank you" in reply
    [row] = rows(stack, "SELECT comment FROM feedback WHERE conversation_id = :c", c=sender)
    assert "[EMAIL]" in row.comment and "jo@example.com" not in row.comment


def test_an_unanswerable_question_is_admitted_recorded_and_given_contacts(stack):
    sender = new_sender()
    question = "does the council pay for a wheelchair accessible holiday cottage?"
    reply = all_text(stack.send(sender, question))
    assert "does not cover that" in reply and "0113 496 0100" in reply
    assert "IPSEA" in reply and "will not reply to you directly" in reply
    [row] = rows(
        stack,
        "SELECT text, intent, intent_ranking, top_results FROM unanswered_questions "
        "WHERE conversation_id = :c",
        c=sender,
    )
    assert row.text == question and row.intent == "ask_question"
    assert "ask_question" in str(row.intent_ranking) and "score" in str(row.top_results)
    assert "0113 496 0200" in all_text(stack.send(sender, "can I talk to someone"))


def button_payloads(messages) -> dict[str, str]:
    return {b["title"]: b["payload"] for m in messages for b in m.get("buttons", [])}


def test_a_long_story_is_answered_on_its_question_not_its_side_details(stack):
    messages = stack.send(
        new_sender(),
        "My daughter is 7 and has ADHD, and she is on the waiting list for CAMHS. Most days "
        "the school rings me at lunchtime to collect her because of her behaviour. They call "
        "it a cooling off period and say it is not an exclusion. Nothing is ever written "
        "down and I have had to cut my hours at work. Is the school allowed to do this?",
    )
    reply = all_text(messages)
    assert "unlawful" in reply
    assert any(
        "being-sent-home-without-a-formal-exclusion" in c["url"] for c in citations(messages)
    )
    assert "Read it all in" in reply


def test_two_questions_get_the_main_answer_and_an_offer_of_the_other(stack):
    sender = new_sender()
    messages = stack.send(
        sender,
        "how long does the council have to decide whether to do an EHC needs assessment? "
        "and does the school have to agree before I can ask?",
    )
    assert "6 weeks" in all_text(messages)
    other = button_payloads(messages)["Answer my other question"]
    assert "school have to agree" in other
    answer = stack.send(sender, other)
    assert "who-can-ask-for-an-assessment" in citations(answer)[0]["url"]
    assert "6 weeks" not in all_text(answer)


def test_a_vague_message_gets_one_question_back_that_keeps_what_was_said(stack):
    sender = new_sender()
    messages = stack.send(sender, "what help is there for my son, he's 6")
    payloads = button_payloads(messages)
    assert {"Support at school", "Not sure"} <= set(payloads)
    assert "How old" not in all_text(messages)
    answer = stack.send(sender, payloads["Support at school"])
    assert "How old" not in all_text(answer) and citations(answer)
    clubs = stack.send(sender, payloads["Clubs and activities"])
    assert "How old" not in all_text(clubs)


def test_a_partly_covered_question_gives_what_there_is_and_says_so(stack):
    messages = stack.send(
        new_sender(), "what happens when my son's EHC plan ends? he is 23 and at college"
    )
    reply = all_text(messages)
    assert "25" in reply and citations(messages)


def test_distress_is_acknowledged_kindly_before_the_answer(stack):
    messages = stack.send(
        new_sender(),
        "I'm so stressed and worn out, I feel like I'm failing him. How long do I have to "
        "comment on the draft EHC plan?",
    )
    reply = all_text(messages)
    assert reply.startswith("I'm sorry things are so hard")
    assert "15 days" in reply


def test_a_guidance_answer_comes_with_the_service_that_does_the_work(stack):
    messages = stack.send(
        new_sender(), "my son's DLA claim was turned down. how do I challenge the decision?"
    )
    assert "1 month" in all_text(messages)
    assert "Disability Benefits Advice Service" in card_names(messages)
