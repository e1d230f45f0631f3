"""Demo forum: six boards and conversations written like a real peer-support community.

seed_profiles(people) gives the people from accounts.demo.seed_people() their
profile texts and has them accept the house rules; seed_forum(people) then writes. It is
idempotent: boards are matched by slug and conversations by board and title,
so running seed_demo again adds nothing twice. Conversations are back-dated
over the past few weeks (through the do_* services, which skip the rate limit)
so the latest-activity feed looks lived in. "Carers" is a private board for the
Carers group, to show a restricted board; peer2 and peer7 are in it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Board, Reaction, Thread
from .permissions import can_see_board
from .services.boards import save_board
from .services.forum import do_add_reply, do_start_thread
from .services.profile import update_about
from .services.reactions import do_add_reaction
from .services.rules import accept_rules, current_version

CARERS_GROUP = "Carers"
CARERS = ("peer2", "peer7")
SUPPORTERS = ("peer1", "peer2", "peer3", "peer4", "peer5", "peer6", "peer7", "peer8", "moderator")


@dataclass(frozen=True)
class BoardSpec:
    slug: str
    title: str
    description: str
    ground_rules: str = ""
    group: str | None = None


@dataclass(frozen=True)
class Reply:
    author: str
    body: str
    quote: int | None = None  # index of an earlier post in the conversation; 0 is the opening post
    content_warning: str = ""


@dataclass(frozen=True)
class Conversation:
    board: str
    author: str
    title: str
    body: str
    days_ago: float
    replies: tuple[Reply, ...] = ()
    content_warning: str = ""


BOARDS = (
    BoardSpec(
        "introduce-yourself",
        "Introduce yourself",
        "New here? Say hello, share as much or as little as you like, and welcome others.",
        "Please leave out anything that could identify you: your real name, where you live or work, "
        "and links to social media.",
    ),
    BoardSpec(
        "anxiety",
        "Anxiety",
        "Worry, panic, social anxiety and everything in between.",
        "Share what helps you rather than telling others what to do. Medication is between each of us and our GP, "
        "so please don't name doses.",
    ),
    BoardSpec(
        "depression",
        "Depression",
        "Low days, heavy weeks, and the small things that help.",
        "If you are writing about self-harm or suicidal feelings, please add a content warning and talk about "
        "feelings, not methods. If you're not safe right now, use **Need help now?** at the top of the page.",
    ),
    BoardSpec(
        "carers",
        "Carers",
        "A private space for people who look after someone else. Support for you, too.",
        "What's shared here is about the people we care for as well as ourselves, so please keep their details "
        "private too.",
        group=CARERS_GROUP,
    ),
    BoardSpec(
        "good-news",
        "Good news",
        "Small wins and big ones. Nothing is too small to celebrate here.",
    ),
    BoardSpec(
        "creative-corner",
        "Creative corner",
        "Poems, drawings, playlists, crafts, bad puns: whatever you're making.",
        "Only share work that's yours, and add a content warning if it touches on hard things.",
    ),
)

CONVERSATIONS = (
    Conversation(
        "introduce-yourself",
        "peer8",
        "Hello from a nervous newbie",
        "Hi everyone. I've been reading for a couple of weeks and finally plucked up the courage to post.\n\n"
        "It's been a rough year with low mood and anxiety, and my friends are lovely but they don't really get it. "
        "I'm not sure what I'm expecting from posting, but it's nice to see people being kind to each other here.",
        0.4,
        (
            Reply(
                "peer1",
                "Welcome! Posting for the first time is the hardest bit, so well done. "
                "And reading counts too, honestly. Grab a cuppa and make yourself at home.",
            ),
            Reply(
                "peer5",
                "Hello and welcome. I know that feeling of friends not quite getting it. "
                "You'll find plenty of people here who do.",
            ),
            Reply(
                "moderator",
                "Welcome aboard, peer8. Have a wander round the boards when you're ready. "
                "There's no pressure to share more than you want to.",
            ),
            Reply("peer8", "Thank you all. That's made me a bit teary, in a good way.", quote=1),
        ),
    ),
    Conversation(
        "introduce-yourself",
        "peer6",
        "Student, OCD, trying again",
        "Hello! I'm in my second year at uni and I've had OCD since I was about twelve. "
        "I joined a forum like this years ago and drifted off, and I've missed having somewhere to talk.\n\n"
        "Things I like: crosswords, rainy walks, and my housemate's very judgemental cat.",
        9,
        (
            Reply(
                "peer3",
                "Hello and welcome back to forums in general! A judgemental cat is the best kind of cat.",
            ),
            Reply(
                "peer1",
                "Fellow crossword fan here. Welcome. Do shout if you fancy a chat on the anxiety board, "
                "a few of us hang out there.",
            ),
        ),
    ),
    Conversation(
        "introduce-yourself",
        "peer7",
        "Hello, carer and long-time lurker",
        "I've been reading here on and off for months. I look after my partner, who has MS, "
        "and somewhere along the way I stopped looking after me. My GP suggested peer support, so here I am.",
        25,
        (
            Reply(
                "peer2",
                "Hello from another carer. There's a private Carers board you can ask to join: "
                "it's been a lifeline for me. Glad you're here.",
            ),
            Reply("moderator", "Welcome, peer7. I've added you to the Carers group, so you'll see that board now."),
            Reply("peer7", "Thank you both. I've already read half the Carers board and nodded all the way through."),
        ),
    ),
    Conversation(
        "anxiety",
        "peer1",
        "Panic on the bus this morning",
        "Had my first proper panic attack in ages on the bus to work. Heart going, hands tingling, "
        "the lot. I got off two stops early and walked the rest, shaking.\n\n"
        "I'm fine now, just a bit wobbly and cross with myself because I thought I was past this.",
        1.2,
        (
            Reply(
                "peer6",
                "That sounds so frightening, and you still got yourself to work. When it happens to me I try "
                "*5-4-3-2-1*: five things I can see, four I can hear, three I can touch, two I can smell, one I can "
                "taste. It gives my brain a job.",
            ),
            Reply(
                "peer3",
                "Same here with the feeling cross afterwards. Setbacks aren't the same as going backwards, though. "
                "Be kind to yourself tonight.",
            ),
            Reply(
                "peer1",
                "I tried the 5-4-3-2-1 thing on the way home and it actually helped. Mostly because I got "
                "distracted trying to smell something other than bus.",
                quote=1,
            ),
            Reply("peer6", "Ha! Bus smell is a valid answer. Glad it helped a bit."),
        ),
    ),
    Conversation(
        "anxiety",
        "peer6",
        "Does anyone else rehearse conversations for hours?",
        "I've got to ask my tutor for an extension and I've been practising what to say since Sunday. "
        "In my head she's already said no in about forty different ways.",
        3,
        (
            Reply("peer7", "Every single phone call I've ever made. You are not alone in this."),
            Reply(
                "peer1",
                "Something that helps me: writing down the one sentence I *need* to say, and letting the rest "
                "be messy. Tutors hear extension requests all the time, I promise.",
            ),
            Reply("peer6", "Update: I asked. She said yes in about four seconds. All that rehearsing!"),
            Reply("peer4", "Well done for asking! The four seconds after forty rehearsals is so relatable."),
        ),
    ),
    Conversation(
        "anxiety",
        "peer7",
        "Phone calls: how do you make them?",
        "I need to ring the council about my partner's blue badge and I've put it off for three weeks. "
        "How do you all get through phone calls?",
        6,
        (
            Reply(
                "peer2",
                "I write a little script and tick things off as I go. And I always make the call straight after "
                "a cup of tea, as a reward for afterwards.",
            ),
            Reply(
                "peer3",
                "Some councils have an online form or web chat now, which might save the call altogether. "
                "No shame in taking the easier route.",
            ),
        ),
    ),
    Conversation(
        "anxiety",
        "peer1",
        "Small things that help when worry hits at 3am",
        "Let's make a list for each other. Mine:\n\n"
        "- a boring podcast (the more boring the better)\n"
        "- getting up for a glass of water instead of lying there\n"
        '- writing the worry down so it\'s "saved" for the morning\n\n'
        "What are yours?",
        14,
        (
            Reply("peer5", "Counting breaths out, not in. And a hot water bottle, even in summer."),
            Reply("peer8", "Reading the same comfort book for the hundredth time. I know how it ends, and that helps."),
            Reply(
                "peer6",
                'Naming it: "this is the 3am brain, it always thinks things are worse". It doesn\'t fix it but it '
                "takes the edge off.",
            ),
            Reply("moderator", 'Such a kind list. I\'m going to try the "saved for the morning" one tonight.'),
        ),
    ),
    Conversation(
        "anxiety",
        "peer2",
        "Waiting for test results",
        "I had some tests at the hospital last week and I'm waiting for the results. My health anxiety has gone "
        "through the roof: I keep checking my phone and imagining the worst. How do people cope with the waiting?",
        9,
        (
            Reply(
                "peer1",
                'Waiting is the worst bit. I give myself one "worry slot" a day, twenty minutes, and when the '
                "thoughts come at other times I tell them to wait for their slot.",
            ),
            Reply("peer5", "Sending a hug. I hope you hear soon, and that it's good news."),
        ),
        content_warning="hospital tests",
    ),
    Conversation(
        "depression",
        "peer5",
        "One of those grey weeks",
        "Nothing bad has happened, which somehow makes it harder to explain. Everything just feels heavy and far "
        "away. I managed to water the garden today and that's about it.",
        0.8,
        (
            Reply(
                "peer3",
                "Watering the garden counts. On grey weeks I lower the bar right down and count anything as a win.",
            ),
            Reply(
                "peer8", "I hear you. The \"nothing's wrong but everything's heavy\" feeling is so hard to describe."
            ),
            Reply("peer5", "Thank you both. Lowering the bar. I can do that."),
        ),
    ),
    Conversation(
        "depression",
        "peer3",
        "Getting out of bed counts, right?",
        "Today's achievements: got up, had a shower, ate toast. That's the list. Telling myself it counts.",
        2.5,
        (
            Reply("peer4", "It absolutely counts. Three things! Some days I manage one."),
            Reply("peer1", "Toast is an achievement and I won't hear otherwise."),
            Reply("peer3", "Ha, thank you. Tomorrow's goal: toast with something on it.", quote=2),
        ),
    ),
    Conversation(
        "depression",
        "peer4",
        "Lost interest in everything I used to love",
        "I used to play guitar every evening. It's been sitting in the corner for months and I can't even look at it. "
        "Does the interest come back? I miss who I was.",
        7,
        (
            Reply(
                "peer5",
                "For me it did, slowly. I stopped gardening for nearly two years. What helped was doing five "
                "minutes without expecting to enjoy it. The enjoyment came back later than the doing.",
            ),
            Reply("peer3", "Same here. I hope you're gentle with yourself while you wait for it to come back."),
            Reply(
                "peer4",
                "Five minutes without expecting to enjoy it. I might try that with one song.",
                quote=1,
            ),
        ),
    ),
    Conversation(
        "depression",
        "peer5",
        "Hard night: the urges are back",
        "I've been doing well for months and last night the urges came back. I didn't act on them. "
        "I held an ice cube, put music on and texted a friend until it passed.\n\n"
        "I'm scared it means I'm going backwards.",
        4,
        (
            Reply(
                "moderator",
                "Thank you for sharing this, and well done for getting through the night the way you did. "
                "A hard night doesn't undo months of progress. If the urges get stronger, please talk to your GP, "
                "and **Need help now?** at the top of the page lists people you can ring any time.",
            ),
            Reply(
                "peer3",
                "Not acting on them is huge. I'm really glad you reached out to your friend, and to us.",
            ),
            Reply("peer1", "Sending a hug. You're not going backwards: you used everything you've learned."),
            Reply("peer5", "I've booked a GP appointment for Thursday. Thank you for being here."),
        ),
        content_warning="self-harm",
    ),
    Conversation(
        "depression",
        "peer4",
        "Eating feels impossible when I'm low",
        "When my mood dips, food is the first thing to go. I forget, or I can't face making anything, "
        "and then I feel worse. Anyone else?",
        3.5,
        (
            Reply(
                "peer8",
                'Yes. I keep "no-cook" food in: crackers, fruit, yoghurt. Low bar, but it\'s something.',
            ),
            Reply(
                "peer6",
                'I set a gentle alarm on my phone that just says "snack?". It feels silly but it works.',
            ),
        ),
        content_warning="eating",
    ),
    Conversation(
        "depression",
        "peer7",
        "Going back to the GP about my meds",
        "My tablets don't seem to be doing much any more and I've got an appointment next week. "
        'I always freeze in the room and say "fine, thanks". Any tips for actually saying how it is?',
        10,
        (
            Reply(
                "peer3",
                "I take a note on my phone and just read it out. My GP said it really helps her, too.",
            ),
            Reply("peer2", "Could you ask for a double appointment? Less rushing means less freezing for me."),
            Reply("peer7", "Reading from my phone worked. We're trying something different. Thank you."),
        ),
    ),
    Conversation(
        "carers",
        "peer2",
        "Mum had a bad day and so did I",
        "Mum didn't know who I was for most of this afternoon. I know it's the dementia and not her, "
        "but it still knocks the wind out of me every time. I snapped at my brother on the phone afterwards "
        "and now I feel awful about that too.",
        0.6,
        (
            Reply(
                "peer7",
                "That is so hard, and so is being the one who holds it all together. Snapping after a day like that "
                "is human. Maybe your brother will understand if you tell him what the afternoon was like.",
            ),
            Reply("moderator", "Sending you a hug. Please make sure you get a bit of something for yourself tonight."),
            Reply("peer2", "I rang him back. He was kinder than I expected. Thank you both."),
        ),
    ),
    Conversation(
        "carers",
        "peer7",
        "Guilt about needing a break",
        "My sister has offered to stay with my partner for a weekend so I can get away. I want to go so much, "
        "and I feel like a terrible person for wanting to.",
        5,
        (
            Reply(
                "peer2",
                "You're not a terrible person. You can't pour from an empty cup, as my nan used to say. Go!",
            ),
            Reply("peer7", "I'm going. Booked a little cottage by the sea."),
            Reply("peer2", "Well done. Eat chips on the seafront for me."),
        ),
    ),
    Conversation(
        "carers",
        "peer2",
        "Carer's assessment: worth it?",
        "Has anyone had a carer's assessment from the council? I keep putting it off because I don't want to "
        "sound like I'm complaining.",
        16,
        (
            Reply(
                "peer7",
                "Yes, worth it. It's about what *you* need, not a test of whether you're coping. "
                "I got a few hours of respite a month out of mine.",
            ),
        ),
    ),
    Conversation(
        "good-news",
        "peer6",
        "I spoke in my seminar!",
        "I've been silent in seminars all year. Today I put my hand up and made a point about the reading, "
        'and the tutor said "good point". My heart was pounding, but I did it!',
        0.3,
        (
            Reply("peer1", "Brilliant! That's a huge step. Well done you."),
            Reply("peer4", "Pounding heart and did it anyway is the bravest kind of brave."),
        ),
    ),
    Conversation(
        "good-news",
        "peer5",
        "First tomatoes of the year",
        "Picked the first three tomatoes off the plant this morning. Small, slightly wonky, and the best thing "
        "I've eaten in weeks.",
        2,
        (
            Reply("peer8", "Wonky tomatoes are the best tomatoes. Lovely news."),
            Reply("peer3", "This made me smile. Growing something feels like such a hopeful thing."),
        ),
    ),
    Conversation(
        "good-news",
        "peer4",
        "Three weeks of getting dressed every day",
        "Might sound small, but for three weeks now I've got properly dressed every day, even on days I'm not going "
        "out. It's making a difference.",
        8,
        (
            Reply("peer3", "Not small at all. Well done."),
            Reply("peer5", "Same here, it's one of the things that helps me most. Keep going!"),
        ),
    ),
    Conversation(
        "good-news",
        "peer3",
        "Told my manager about my diagnosis and it went okay",
        "I was terrified, but I told my manager about the bipolar and she was really decent. "
        "We've agreed I can start later on days after a bad night.",
        11,
        (
            Reply("peer7", "That's wonderful. It takes real courage to have that conversation."),
            Reply("peer6", "So glad she was decent about it. Well done for asking for what you need."),
            Reply("peer1", "Brilliant news. Good managers are worth their weight in gold."),
        ),
    ),
    Conversation(
        "creative-corner",
        "peer1",
        "Terrible puns to brighten your day",
        "I'll start. I used to hate facial hair, but then it grew on me.\n\nYour turn.",
        1.5,
        (
            Reply("peer6", "I'm reading a book about anti-gravity. It's impossible to put down."),
            Reply("peer8", "What do you call a fake noodle? An impasta."),
            Reply("peer1", "Oh, that's dreadful. I love it.", quote=2),
            Reply("peer3", "I'd tell you a joke about paper, but it's tearable."),
        ),
    ),
    Conversation(
        "creative-corner",
        "peer3",
        "A poem about the in-between days",
        "Not the worst day,\nnot the best:\na kettle, a window,\na chair to rest.\n\n"
        "The grey is lighter\nround the edge.\nI'll take that.\nI'll take the ledge\n\nof light on the sill.",
        5,
        (
            Reply("peer5", '"The grey is lighter round the edge". That\'s exactly it. Thank you for sharing this.'),
            Reply("peer8", "I've read this three times now. Beautiful."),
        ),
    ),
    Conversation(
        "creative-corner",
        "peer8",
        "Playlist for low-energy days",
        "Putting together a playlist of gentle songs for days when everything's too much. "
        "No sad songs allowed, just soft ones. Suggestions welcome!",
        12,
        (
            Reply(
                "peer1", 'Anything by Nick Drake, though some of his are on the sad side. "Northern Sky" is a safe bet.'
            ),
            Reply("peer4", "Some instrumental stuff: Ólafur Arnalds is lovely for this."),
            Reply("peer8", "Added both. It's getting to be a really cosy list."),
        ),
    ),
    Conversation(
        "creative-corner",
        "peer5",
        "Drawing again after two years",
        "I picked up a pencil for the first time in two years and drew the view from my kitchen window. "
        "It's not very good, but I enjoyed doing it, which is the bit that matters.",
        18,
        (
            Reply("peer3", "Enjoying it is absolutely the bit that matters. Welcome back to drawing."),
            Reply("peer6", "This is so lovely to read. I hope the pencil stays out."),
        ),
    ),
)


PROFILES = {
    "peer1": "Living with anxiety for most of my life. I like walking, tea and bad puns.",
    "peer2": "Carer for my mum. Here for a bit of headspace and company.",
    "peer3": "Bipolar II, diagnosed last year. Still working out what helps.",
    "peer5": "Lurker turned poster. Depression, on and off. Gardening keeps me going.",
    "peer6": "Student, OCD. Trying to be kinder to myself.",
    "peer8": "New here, finding my feet.",
    "moderator": "Peer moderator and member. Been where you are.",
}


def seed_profiles(people: dict) -> None:
    """Everyone accepts the current house rules; some have written a few words about themselves."""
    for handle, user in people.items():
        accept_rules(user, current_version())
        about = PROFILES.get(handle, "")
        if about and user.about != about:
            update_about(user, about)


def seed_forum(people: dict) -> dict[str, Board]:
    """Create the demo boards and conversations that don't exist yet; returns the boards by slug."""
    carers, _ = Group.objects.get_or_create(name=CARERS_GROUP)
    for handle in CARERS:
        people[handle].groups.add(carers)
    boards = {spec.slug: _board(spec, position) for position, spec in enumerate(BOARDS, start=1)}
    for number, conversation in enumerate(CONVERSATIONS):
        board = boards[conversation.board]
        if not Thread.objects.filter(board=board, title=conversation.title).exists():
            _write(conversation, board, people, number)
    return boards


def _board(spec: BoardSpec, position: int) -> Board:
    board = Board.objects.filter(slug=spec.slug).first() or Board(slug=spec.slug)
    board.title, board.description, board.ground_rules, board.position = (
        spec.title,
        spec.description,
        spec.ground_rules,
        position,
    )
    board.restricted_to = Group.objects.get(name=spec.group) if spec.group else None
    return save_board(board)


def _write(conversation: Conversation, board: Board, people: dict, number: int) -> None:
    """Post the conversation, replies spread evenly between its start and now, then some reactions."""
    now = timezone.now()
    started = now - timedelta(days=conversation.days_ago)
    thread = do_start_thread(
        people[conversation.author],
        board,
        conversation.title,
        conversation.body,
        conversation.content_warning,
        created_at=started,
    )
    posts = [thread.opening_post]
    step = (now - started) / (len(conversation.replies) + 1)
    for position, reply in enumerate(conversation.replies, start=1):
        quoted = posts[reply.quote] if reply.quote is not None else None
        posts.append(
            do_add_reply(
                people[reply.author],
                thread,
                reply.body,
                reply.content_warning,
                quoted,
                created_at=started + step * position,
            )
        )
    _react(posts, board, people, number)


def _react(posts, board: Board, people: dict, number: int) -> None:
    """A varied but repeatable sprinkle of reactions from members who can see the board."""
    kinds = Reaction.Kind.values
    for index, post in enumerate(posts):
        givers = [
            people[handle]
            for handle in SUPPORTERS
            if people[handle].pk != post.author_id and can_see_board(people[handle], board)
        ]
        how_many = (number + index) % 4
        for offset, giver in enumerate(givers[(number + index) % 3 :][:how_many]):
            do_add_reaction(giver, post, kinds[(number + index + offset) % len(kinds)])


# Chat rooms ----------------------------------------------------------------------
# Three rooms with their own ground rules and a short, back-dated history, hosted by
# the demo moderator (a room scope), and the moderators' debrief room. Matched by
# slug; a room's history is written only when it has none, so seeding twice adds nothing.


@dataclass(frozen=True)
class RoomSpec:
    slug: str
    name: str
    purpose: str
    rules: str
    hours: tuple[tuple[int, str, str], ...]  # (weekday, starts, ends); empty is always open
    hosts: tuple[str, ...]  # peer moderators given the room as a scope (moderation.demo.seed_moderation)
    history: tuple[tuple[str, str], ...]  # (handle, message)
    audience: str = "members"


ROOMS = (
    RoomSpec(
        "evening-check-in",
        "Evening check-in",
        "A gentle end to the day: how was today, and what's one small thing for tomorrow?",
        "- Say as much or as little as you like; reading along is fine.\n"
        "- Share what helps you rather than telling others what to do.\n"
        "- If you're not safe right now, use **Need help now?** at the top of the page.",
        tuple((day, "19:00", "22:00") for day in range(7)),
        ("moderator",),
        (
            ("peer1", "Evening all. Today was a bit wobbly but I made it to the shop and back, which felt like a win."),
            ("peer3", "That's a proper win, well done. I've had a slow one, mostly tea and a film."),
            ("moderator", "Lovely to see you both. What's one small thing you'd like for tomorrow?"),
            ("peer1", "A walk round the park before lunch, if the rain holds off."),
            ("peer5", "Mine is to answer one email I've been avoiding. Just one!"),
            ("peer3", "Rooting for you with that email. Night all, thanks for the company."),
        ),
    ),
    RoomSpec(
        "carers-cuppa",
        "Carers' cuppa",
        "A Tuesday evening cuppa for people who look after someone else.",
        "- What's said here stays here.\n"
        "- No names or details that could identify the person you care for.\n"
        "- Venting is welcome; advice only when someone asks for it.",
        ((1, "19:00", "20:30"),),
        ("moderator",),
        (
            ("peer2", "Kettle's on. How's everyone's week been?"),
            ("peer7", "Long. Mum had two hospital appointments and I'm running on biscuits."),
            ("peer2", "Biscuits count as a food group on weeks like that. Did you get any time for yourself?"),
            ("peer7", "Half an hour in the garden on Sunday. It helped more than I expected."),
        ),
    ),
    RoomSpec(
        "creative-corner",
        "Creative corner",
        "Drawing, knitting, writing, baking: share what you're making, however it turned out.",
        "- Every attempt counts; there are no mistakes here, only happy accidents.\n"
        "- Kind words about others' work, please; critique only if they ask.",
        (),
        ("moderator",),
        (
            ("peer4", "Finished my first crochet square! It's more of a trapezium, but I'm proud of it."),
            ("peer6", "A trapezium is a shape with ambition. Love it."),
            ("peer8", "I've been doodling birds on my lunch break. It's the calmest ten minutes of my day."),
            ("peer4", "Bird doodles sound lovely. Would you share one some time?"),
        ),
    ),
    RoomSpec(
        "moderators-debrief",
        "Moderators' debrief room",
        "For moderators, safeguarding leads and administrators: talk through a hard shift, away from members.",
        "- What's said here stays with the team.\n"
        "- Talk about what happened and how you feel, not to judge a member.\n"
        "- Step away whenever you need to; nobody has to be on shift.",
        (),
        ("moderator",),
        (
            ("safeguarding", "Thank you for flagging that worry earlier. It was the right call; the member is OK."),
            ("moderator", "Thanks. It stayed with me for a bit, so it helps to hear that."),
        ),
        "moderators",
    ),
)


def seed_rooms(people) -> dict:
    """Rooms by slug: Evening check-in (daily 19:00-22:00), Carers' cuppa (Tuesdays), Creative corner (always),
    and the moderators' debrief room (always)."""
    from datetime import time as clock

    from .models import ChatMessage, Room, RoomOpening
    from .services.chat import render_text
    from .services.rooms import publish_room_rules, rules_for

    seeded = {}
    for position, spec in enumerate(ROOMS):
        room, _ = Room.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "purpose": spec.purpose, "position": position, "audience": spec.audience},
        )
        if not room.openings.exists():
            for weekday, starts, ends in spec.hours:
                RoomOpening.objects.create(
                    room=room, weekday=weekday, starts=clock.fromisoformat(starts), ends=clock.fromisoformat(ends)
                )
        if rules_for(room) is None:
            publish_room_rules(room, spec.rules, by=people.get("admin"))
        if not room.messages.exists():
            start = timezone.now() - timedelta(days=1)
            for seq, (handle, body) in enumerate(spec.history, start=1):
                ChatMessage.objects.create(
                    room=room,
                    seq=seq,
                    author=people[handle],
                    body=body,
                    body_html=render_text(body),
                    created_at=start + timedelta(minutes=3 * seq),
                )
            Room.objects.filter(pk=room.pk).update(last_seq=len(spec.history))
        seeded[spec.slug] = room
    return seeded
