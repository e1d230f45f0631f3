"""The risk-phrase engine: folding, matching rules, exceptions, levels and the shipped list's quality."""

import csv
from pathlib import Path

import pytest

from safeguarding import default_phrases
from safeguarding.matching import (
    Category,
    Level,
    Matcher,
    _normalise_tracked,
    default_matcher,
    normalise,
)

LABELLED = Path(__file__).parent / "data" / "risk_labelled.tsv"


def small_matcher(*entries, exceptions=(), gap_words=("just", "really"), equivalents=(), number_words=None):
    return Matcher(entries, exceptions, gap_words=gap_words, equivalents=equivalents, number_words=number_words)


NUMBER_WORDS = {"two": 2, "five": 5, "twenty": 20, "thirty": 30, "a dozen": 12, "about": 0, "one": 1}
TOOK_PILLS = ("took {10+} pills", "crisis", "suicide")


KILL_MYSELF = ("kill myself", "high", "suicide")


def phrases_found(matcher: Matcher, text: str) -> list[str]:
    return [match.phrase for match in matcher.assess(text).matches]


def fullwidth(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if char != " " else char for char in text)


def maths_bold(text: str) -> str:
    return "".join(chr(ord(char) - ord("a") + 0x1D41A) if char != " " else char for char in text)


def labelled_messages() -> list[tuple[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as rows:
        return [(row["label"], row["text"]) for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]


# --- Levels and results ---------------------------------------------------------


def test_levels_are_ordered_from_none_to_crisis():
    assert Level.NONE < Level.LOW < Level.MEDIUM < Level.HIGH < Level.CRISIS
    assert [level.label for level in Level] == ["none", "low", "medium", "high", "crisis"]


def test_text_without_phrases_is_level_none_with_no_matches():
    assessment = small_matcher(KILL_MYSELF).assess("Had a lovely walk by the canal")

    assert (assessment.level, assessment.matches, assessment.categories) == (Level.NONE, (), ())


def test_assessment_takes_the_most_serious_level_and_lists_categories_most_serious_first():
    matcher = small_matcher(("so alone", "low", "suicide"), ("starve myself", "high", "eating"))

    assessment = matcher.assess("I feel so alone and I starve myself")

    assert assessment.level is Level.HIGH
    assert assessment.categories == (Category.EATING, Category.SUICIDE)
    assert [match.phrase for match in assessment.matches] == ["so alone", "starve myself"]


def test_assessment_as_dict_is_plain_json_data():
    assessment = small_matcher(KILL_MYSELF).assess("I could kill myself")

    assert assessment.as_dict() == {
        "level": "high",
        "matches": [
            {
                "phrase": "kill myself",
                "level": "high",
                "category": "suicide",
                "start": 8,
                "end": 19,
                "text": "kill myself",
            }
        ],
        "categories": ["suicide"],
        "about": "self",
    }


def test_a_phrase_inside_a_longer_match_of_the_same_level_is_not_reported_twice():
    matcher = small_matcher(KILL_MYSELF, ("want to kill myself", "high", "suicide"))

    assert phrases_found(matcher, "I want to kill myself") == ["want to kill myself"]


def test_a_more_serious_phrase_inside_a_longer_one_is_still_reported():
    matcher = small_matcher(("kill myself tonight", "crisis", "suicide"), ("want to kill myself", "high", "suicide"))

    assert phrases_found(matcher, "I want to kill myself tonight") == ["want to kill myself", "kill myself tonight"]


# --- Offsets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Honestly?? I wánt to kíll myself.", "kíll myself"),
        ("😔😔 k1ll myself!!!", "k1ll myself"),
        (fullwidth("kill myself") + " now", fullwidth("kill myself")),
        ("so... k.i.l.l m.y.s.e.l.f", "k.i.l.l m.y.s.e.l.f"),
        ("kiiiilllll myyyyself", "kiiiilllll myyyyself"),
        ("Straße, cafe\u0301, kill myself", "kill myself"),
        ("kill e\u0301 myself", None),
    ],
)
def test_matches_quote_the_original_text_at_their_offsets(text, quoted):
    matches = small_matcher(KILL_MYSELF).assess(text).matches

    assert [match.text for match in matches] == ([quoted] if quoted else [])
    for match in matches:
        assert text[match.start : match.end] == match.text


def test_a_dropped_accent_stays_with_the_letter_it_decorates():
    text = "I want to die\u0301"
    [match] = small_matcher(("want to die", "high", "suicide")).assess(text).matches

    assert match.text == "want to die\u0301"


def test_normalised_text_maps_any_folded_span_back_to_the_original():
    folded = normalise("I\u2019M  ŠO   tired")

    assert folded.text.split() == ["im", "so", "tired"]
    start = folded.text.index("so")
    first, last = folded.original_span(start, start + 2)
    assert folded.original[first:last] == "ŠO"


def test_folding_with_offsets_gives_the_same_text_as_fast_folding_for_every_labelled_message():
    for _, text in labelled_messages():
        folded, (starts, ends) = _normalise_tracked(text)
        assert folded == normalise(text).text, text
        assert len(starts) == len(ends) == len(folded), text


# --- Folding: case, accents, look-alikes, apostrophes -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "KILL MYSELF",
        "Kill Myself",
        "kíll mysèlf",
        "kill\u200b myself",  # zero-width space
        "k\u0456ll m\u0443self",  # Cyrillic i and y
        "\u03baill myself",  # Greek kappa
        fullwidth("kill myself"),
        maths_bold("kill myself"),
        "ᴋɪʟʟ ᴍʏꜱᴇʟꜰ",  # small capitals
    ],
)
def test_case_accents_and_look_alike_characters_do_not_hide_a_phrase(text):
    assert phrases_found(small_matcher(KILL_MYSELF), text) == ["kill myself"]


@pytest.mark.parametrize("text", ["I don\u2019t want to be here", "I dont want to be here", "I don't want to be here"])
def test_curly_straight_and_missing_apostrophes_read_the_same(text):
    matcher = small_matcher(("don't want to be here", "high", "suicide"))

    assert phrases_found(matcher, text) == ["don't want to be here"]


@pytest.mark.parametrize(
    "text", ["im going to end it", "I\u2019m going to end it", "I am going to end it", "im gonna end it"]
)
def test_equivalent_wordings_match_each_other(text):
    matcher = small_matcher(
        ("I'm going to end it", "crisis", "suicide"), equivalents=[("i'm", "i am"), ("going to", "gonna")]
    )

    assert phrases_found(matcher, text) == ["I'm going to end it"]


@pytest.mark.parametrize("text", ["Ive had enough", "I've had enough", "ive had enough"])
def test_a_phrase_written_without_apostrophes_matches_text_with_them(text):
    assert phrases_found(small_matcher(("ive had enough", "low", "suicide")), text) == ["ive had enough"]


# --- Stretched and doubled letters ---------------------------------------------------------


@pytest.mark.parametrize("text", ["kill myyyyself", "kiiiilllll myself", "kil myself", "kill mysellllf"])
def test_stretched_letters_and_a_missing_double_letter_still_match(text):
    assert phrases_found(small_matcher(KILL_MYSELF), text) == ["kill myself"]


@pytest.mark.parametrize("text", ["why cant i just diiiie", "why cant i just diie", "why cant i just dieeeee"])
def test_stretched_vowels_still_match(text):
    assert phrases_found(small_matcher(("die", "low", "suicide")), text) == ["die"]


def test_a_double_letter_in_the_text_is_a_different_word_from_a_single_one_in_the_phrase():
    matcher = small_matcher(("od", "high", "suicide"))

    assert phrases_found(matcher, "that's odd") == []
    assert phrases_found(matcher, "thinking about an od") == ["od"]
    assert phrases_found(matcher, "OD") == ["od"]


# --- Digits and symbols for letters -------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("kill myself", "k1ll myself"),
        ("kill myself", "KILL MY5ELF"),
        ("suicidal", "$uicidal"),
        ("suicidal", "su1c1dal"),
        ("die", "d1e"),
        ("die", "d!e"),
        ("want to die", "w@nt to die"),
        ("hate myself", "h4te mys3lf"),
    ],
)
def test_digits_and_symbols_standing_for_letters_are_read_as_letters(phrase, text):
    assert phrases_found(small_matcher((phrase, "high", "suicide")), text) == [phrase]


def test_numbers_and_punctuation_on_their_own_stay_as_they_are():
    assert normalise("At 3 I said die! 24/7 £5").text.split() == ["at", "3", "i", "said", "die", "24", "7", "5"]


# --- Spaced and dotted letters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("suicidal", "feeling s u i c i d a l"),
        ("suicidal", "S.U.I.C.I.D.A.L"),
        ("kill myself", "k.i.l.l myself"),
        ("kill myself", "k-i-l-l m-y-s-e-l-f"),
        ("kill myself", "k i l l m y s e l f"),
        ("kill myself", "#killmyself"),
    ],
)
def test_letters_spaced_or_dotted_out_are_joined(phrase, text):
    assert phrases_found(small_matcher((phrase, "high", "suicide")), text) == [phrase]


def test_two_single_letters_are_not_joined():
    assert normalise("am I a burden").text.split() == ["am", "i", "a", "burden"]
    assert phrases_found(small_matcher(("am i a burden", "medium", "suicide")), "Am I a burden?") == ["am i a burden"]


# --- Gaps between words -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["want to die", "want to just die", "want to really just die", "WANT TO REALLY DIE"])
def test_up_to_two_gap_words_may_sit_between_the_words_of_a_phrase(text):
    assert phrases_found(small_matcher(("want to die", "high", "suicide")), text) == ["want to die"]


def test_three_gap_words_are_too_many():
    assert phrases_found(small_matcher(("want to die", "high", "suicide")), "want to just really just die") == []


def test_only_gap_words_may_fill_a_gap():
    matcher = small_matcher(("take my own life", "crisis", "suicide"))

    assert phrases_found(matcher, "I want to take control of my own life") == []
    assert phrases_found(matcher, "I want to take my really own life") == ["take my own life"]


def test_a_gap_word_can_also_be_a_word_of_the_phrase():
    matcher = small_matcher(("end it all", "high", "suicide"), gap_words=("all", "just"))

    assert phrases_found(matcher, "I just want to end it all") == ["end it all"]
    assert phrases_found(matcher, "end it just all") == ["end it all"]


# --- Numbers: {N+} ---------------------------------------------------------------------------------


@pytest.mark.parametrize("least", [0, 1, 5, 9, 10, 19, 20, 99, 100, 250])
def test_a_number_in_digits_counts_exactly_when_it_is_at_least_n(least):
    matcher = small_matcher((f"took {{{least}+}} pills", "crisis", "suicide"))

    counted = [number for number in range(0, 1001) if matcher.assess(f"I took {number} pills").matches]

    assert counted == list(range(least, 1001))


@pytest.mark.parametrize(
    "text",
    [
        "took twenty pills",
        "took about 20 pills",
        "took a dozen pills",
        "took twenty five pills",
        "took thirty one pills",
    ],
)
def test_a_number_in_words_or_with_a_word_before_it_counts_too(text):
    assert phrases_found(small_matcher(TOOK_PILLS, number_words=NUMBER_WORDS), text) == ["took {10+} pills"]


@pytest.mark.parametrize(
    "text", ["took two pills", "took five pills", "took about five pills", "took about pills", "took pills"]
)
def test_numbers_below_n_and_words_that_are_not_numbers_do_not_count(text):
    assert phrases_found(small_matcher(TOOK_PILLS, number_words=NUMBER_WORDS), text) == []


def test_a_gap_word_may_sit_beside_a_number():
    matcher = small_matcher(TOOK_PILLS, number_words=NUMBER_WORDS)

    assert phrases_found(matcher, "I just took like 20 pills") == []  # "like" is not a gap word here
    assert phrases_found(matcher, "I really took 20 really pills") == ["took {10+} pills"]


def test_a_counted_match_quotes_the_number_as_written():
    match = small_matcher(TOOK_PILLS, number_words=NUMBER_WORDS).assess("I TOOK Twenty-five pills!").matches[0]

    assert match.text == "TOOK Twenty-five pills"


def test_when_two_counts_read_the_same_hit_the_more_serious_wins():
    matcher = small_matcher(("took {5+} pills", "high", "suicide"), TOOK_PILLS, number_words=NUMBER_WORDS)

    assert (matcher.assess("took 20 pills").level, matcher.assess("took 6 pills").level) == (Level.CRISIS, Level.HIGH)


def test_phrases_that_spell_out_a_number_still_match_beside_counted_ones():
    matcher = small_matcher(
        TOOK_PILLS,
        ("no one would miss me", "high", "suicide"),
        ("took two packets", "crisis", "suicide"),
        number_words=NUMBER_WORDS,
    )

    assert phrases_found(matcher, "no one would miss me") == ["no one would miss me"]
    assert phrases_found(matcher, "I took two packets") == ["took two packets"]
    assert phrases_found(matcher, "I took 2 packets") == []


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        (("took {many} pills", "crisis", "suicide"), "brace that is not a number"),
        (("took {10} pills", "crisis", "suicide"), "brace that is not a number"),
        (("{10+}", "crisis", "suicide"), "needs a word besides the number"),
    ],
)
def test_a_number_written_any_other_way_is_refused_with_a_message(entry, complaint):
    with pytest.raises(ValueError, match=complaint):
        small_matcher(entry)


# --- Whole words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("kill", "my skills are improving"),
        ("kill", "killer bees"),
        ("die", "trying a new diet"),
        ("die", "the soldier's diet"),
        ("die", "studied hard"),
        ("cut", "a new haircut"),
        ("od", "a new model"),
    ],
)
def test_phrases_only_match_whole_words(phrase, text):
    assert phrases_found(small_matcher((phrase, "low", "suicide")), text) == []


# --- Exceptions -----------------------------------------------------------------------------------


def test_an_exception_covering_a_match_cancels_it():
    matcher = small_matcher(("killing me", "medium", "abuse"), exceptions=["deadline is killing me"])

    assert matcher.assess("this deadline is killing me").level is Level.NONE


def test_an_exception_overlapping_part_of_a_match_cancels_it():
    matcher = small_matcher(("im dying", "medium", "suicide"), exceptions=["dying to see"])

    assert matcher.assess("I'm dying to see the new series").level is Level.NONE


def test_an_exception_elsewhere_in_the_message_leaves_other_matches_alone():
    matcher = small_matcher(KILL_MYSELF, ("killing me", "medium", "abuse"), exceptions=["deadline is killing me"])

    assert phrases_found(matcher, "this deadline is killing me and I want to kill myself") == ["kill myself"]


def test_a_phrase_and_an_exception_that_read_the_same_are_refused():
    with pytest.raises(ValueError, match="one is a risk phrase and the other an exception"):
        small_matcher(("kill myself", "high", "suicide"), exceptions=["KILL MYSELF"])


@pytest.mark.parametrize(
    "text",
    [
        "this deadline is killing me",
        "I could murder a pizza",
        "I'm dying to see the new series",
        "you absolutely killed it",
        "killing it at work today",
        "dead tired after my shift",
        "the cake was to die for",
        "my feet are killing me",
        "I burnt myself out last year",
        "I cut myself some slack",
        "I nearly killed myself laughing",
        "I'm so proud of myself",
        "I shot myself in the foot there",
        "I overdosed on chocolate",
        "decided to end it with my boyfriend",
        "my back is really hurting me",
        "my alarm did not wake me up",
    ],
)
def test_the_default_list_ignores_common_figures_of_speech(text):
    assert default_matcher().assess(text).level is Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "that joke killed me",
        "I'm dying to see it",
        "you're killing it",
        "this traffic is killing me",
        "lol that episode literally killed me",
        "the commute is going to kill me",
        "these heels are killing me",
        "this hangover is killing me",
        "the suspense was killing me",
        "I'm dying to find out what happens",
        "dying for the weekend tbh",
        "killing some time before my appointment",
        "the heat will kill me",
    ],
)
def test_figures_of_speech_about_killing_and_dying_open_no_signal(text):
    assert default_matcher().assess(text).level is Level.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("that joke killed me and now I want to die", Level.HIGH),
        ("this traffic is killing me, I want to kill myself", Level.HIGH),
        ("he is going to kill me", Level.HIGH),
        ("my dad is killing me", Level.LOW),  # people are never in the figures of speech
    ],
)
def test_figures_of_speech_do_not_hide_risk_beside_them(text, level):
    assert default_matcher().assess(text).level is level


@pytest.mark.parametrize(
    "text",
    [
        "I took 20 paracetamol an hour ago",
        "I have the pills",
        "I've got the tablets",
        "ive taken 20 sertraline and a bottle of wine",
        "swallowed thirty co-codamol",
        "took over twenty five pills and now I feel sick",
        "necked 14 diazepam with a can of cider",
        "I took 8 sertraline",
        "downed a dozen painkillers",
        "swallowed about 30 of my quetiapine",
        "took 2 packets of ibuprofen",
        "took another 10 co-codamol",
        "took them all an hour ago and I'm scared",
        "swallowed the whole packet half an hour ago",
        "I've got enough pills to do it",
    ],
)
def test_an_overdose_under_way_or_pills_to_hand_is_crisis(text):
    assessment = default_matcher().assess(text)

    assert (assessment.level, assessment.categories[0]) == (Level.CRISIS, Category.SUICIDE)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I swallowed them an hour ago", Level.HIGH),
        ("I've had 20 paracetamol", Level.HIGH),
        ("ive swallowed the lot", Level.HIGH),
    ],
)
def test_swallowing_them_or_having_had_many_is_high(text, level):
    assert default_matcher().assess(text).level is level


@pytest.mark.parametrize(
    "text",
    [
        "I took two paracetamol for my headache",
        "took 2 ibuprofen for my back",
        "took 1 propranolol before my interview",
        "took my meds this morning",
        "took 20 minutes to get to the shop",
        "took 30 photos at the wedding",
        "took 12 years but I finished my degree",
        "I took the dog out an hour ago",
        "took the kids swimming an hour ago",
        "swallowed my pride and apologised",
        "downed two pints and went home",
        "I have the pills my GP gave me but I'm scared to start them",
        "I've got the tablets from the pharmacy now",
    ],
)
def test_ordinary_doses_counts_and_times_open_no_signal(text):
    assert default_matcher().assess(text).level is Level.NONE


@pytest.mark.parametrize("text", ["my prescription is 28 tablets a month", "they only sell 16 paracetamol at a time"])
def test_a_count_of_tablets_on_its_own_is_not_a_concern(text):
    assert default_matcher().assess(text).level < Level.MEDIUM


# --- Building a matcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        (("kill myself", "severe", "suicide"), "Unknown level 'severe'"),
        (("kill myself", "none", "suicide"), "needs a level"),
        (("kill myself", "high", "sadness"), "unknown category 'sadness'"),
        (("!!!", "high", "suicide"), "no letters or digits"),
    ],
)
def test_unusable_entries_are_refused_with_a_message_naming_them(entry, complaint):
    with pytest.raises(ValueError, match=complaint):
        small_matcher(entry)


def test_when_two_entries_read_the_same_the_more_serious_level_wins():
    matcher = small_matcher(("kill myself", "medium", "suicide"), ("KILL MYSELF", "crisis", "suicide"))

    assert matcher.assess("kill myself").level is Level.CRISIS


def test_the_default_matcher_is_built_once_per_process():
    assert default_matcher() is default_matcher()


# --- The shipped list -----------------------------------------------------------------------------------


def test_the_default_list_has_hundreds_of_entries_with_valid_levels_and_categories():
    assert default_matcher().phrase_count == len(default_phrases.PHRASES) >= 1000
    assert {level for _, level, _ in default_phrases.PHRASES} == {"low", "medium", "high", "crisis"}
    assert {category for _, _, category in default_phrases.PHRASES} == set(Category)


def test_the_default_list_has_no_duplicates():
    phrases = [phrase for phrase, _, _ in default_phrases.PHRASES]
    assert len(phrases) == len(set(phrases))
    assert len(default_phrases.EXCEPTIONS) == len(set(default_phrases.EXCEPTIONS))


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("kms", Level.HIGH, Category.SUICIDE),
        ("kys", Level.HIGH, Category.HARM_TO_OTHERS),
        ("thinking about how to unalive myself", Level.HIGH, Category.SUICIDE),
        ("I just want to end it all", Level.HIGH, Category.SUICIDE),
        ("everyone would be better off without me", Level.HIGH, Category.SUICIDE),
        ("I hope I never wake up", Level.HIGH, Category.SUICIDE),
        ("I want to die", Level.HIGH, Category.SUICIDE),
        ("feeling suicidal", Level.HIGH, Category.SUICIDE),
        ("I'm going to take my own life tonight", Level.CRISIS, Category.SUICIDE),
        ("I cut myself last night", Level.HIGH, Category.SELF_HARM),
        ("self harm urges again", Level.HIGH, Category.SELF_HARM),
        ("thinking about an overdose", Level.HIGH, Category.SUICIDE),
        ("I took an overdose", Level.CRISIS, Category.SUICIDE),
        ("I starve myself", Level.HIGH, Category.EATING),
        ("I purge after tea", Level.HIGH, Category.EATING),
        ("he hits me", Level.HIGH, Category.ABUSE),
        ("my dad is hurting me", Level.HIGH, Category.ABUSE),
        ("I'm going to hurt him", Level.HIGH, Category.HARM_TO_OTHERS),
        ("back on the gear", Level.HIGH, Category.SUBSTANCE),
        ("I feel so overwhelmed", Level.LOW, Category.SUICIDE),
        ("I can't go on", Level.MEDIUM, Category.SUICIDE),
    ],
)
def test_the_default_list_levels_and_categories(text, level, category):
    assessment = default_matcher().assess(text)

    assert (assessment.level, assessment.categories[0]) == (level, category)


def test_explicit_intent_ranks_above_thoughts_which_rank_above_distress():
    matcher = default_matcher()
    plan, thought, distress = (
        matcher.assess("I'm going to kill myself tonight"),
        matcher.assess("I keep wanting to die"),
        matcher.assess("I feel hopeless"),
    )

    assert plan.level > thought.level > distress.level > Level.NONE


# --- Quality on the labelled set -----------------------------------------------------------------------------


def test_labelled_set_is_large_and_varied():
    labels = [label for label, _ in labelled_messages()]

    assert len(labels) >= 300
    assert {label: labels.count(label) >= 50 for label in ("risk", "concern", "ordinary")} == dict.fromkeys(
        ("risk", "concern", "ordinary"), True
    )


def test_at_least_95_percent_of_risk_messages_reach_high_or_crisis():
    matcher = default_matcher()
    risky = [text for label, text in labelled_messages() if label == "risk"]
    missed = [text for text in risky if matcher.assess(text).level < Level.HIGH]

    assert len(missed) / len(risky) <= 0.05, missed


def test_at_most_5_percent_of_ordinary_messages_reach_medium_or_above():
    matcher = default_matcher()
    ordinary = [text for label, text in labelled_messages() if label == "ordinary"]
    flagged = [text for text in ordinary if matcher.assess(text).level >= Level.MEDIUM]

    assert len(flagged) / len(ordinary) <= 0.05, flagged
