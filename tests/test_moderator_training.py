"""Becoming a peer moderator: promotion by an administrator, training modules, and the gate on every tool."""

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse

from moderation import permissions as perms
from moderation.defaults import DEFAULT_TRAINING_MODULES, install_training_modules
from moderation.models import ModerationLog, ModeratorScope, ReviewItem, TrainingConfirmation, TrainingModule
from moderation.services import moderators, reports, review, training

pytest_plugins = ["tests.moderation_fixtures"]


@pytest.fixture
def room(db):
    from community.models import Room

    return Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")


@pytest.fixture
def item(thread, make_member):
    reports.report_post(make_member(), thread.opening_post, "unkind")
    return ReviewItem.objects.get()


def _confirm_required(person, by):
    for module in TrainingModule.objects.filter(required=True):
        training.confirm(by, person, module.pk)


# Modules are data -----------------------------------------------------------------------


def test_default_modules_are_installed_once_and_never_overwritten(db):
    assert TrainingModule.objects.count() == len(DEFAULT_TRAINING_MODULES)
    TrainingModule.objects.filter(slug="safeguarding-basics").update(title="Safeguarding: the basics")
    install_training_modules()
    assert TrainingModule.objects.count() == len(DEFAULT_TRAINING_MODULES)
    assert TrainingModule.objects.get(slug="safeguarding-basics").title == "Safeguarding: the basics"


# The training service -------------------------------------------------------------------


def test_training_is_complete_only_when_every_required_module_is_confirmed(untrained_moderator, lead):
    required = list(TrainingModule.objects.filter(required=True))
    for module in required[:-1]:
        training.confirm(lead, untrained_moderator, module.pk)
    assert not training.is_complete(untrained_moderator)
    training.confirm(lead, untrained_moderator, required[-1].pk)
    assert training.is_complete(untrained_moderator)


def test_optional_modules_do_not_hold_the_tools_back(untrained_moderator, lead):
    TrainingModule.objects.create(slug="extra", title="Extra reading", summary="Optional.", required=False)
    _confirm_required(untrained_moderator, by=lead)
    assert training.is_complete(untrained_moderator)


def test_a_new_required_module_must_be_confirmed_before_the_tools_open_again(scoped_moderator):
    assert perms.can_use_queue(scoped_moderator)
    TrainingModule.objects.create(slug="new", title="Chat rooms", summary="Hosting kindly.")
    scoped_moderator.__dict__.pop("_training_complete", None)
    assert not perms.can_use_queue(scoped_moderator)


def test_confirming_twice_keeps_the_first_date_and_confirmer(untrained_moderator, lead, admin_user):
    module = TrainingModule.objects.first()
    first = training.confirm(lead, untrained_moderator, module.pk)
    again = training.confirm(admin_user, untrained_moderator, module.pk)
    assert again.pk == first.pk and TrainingConfirmation.objects.count() == 1
    assert (again.confirmed_at, again.confirmed_by) == (first.confirmed_at, lead)
    assert ModerationLog.objects.filter(action="confirm_training", actor=lead, member=untrained_moderator).count() == 1


def test_members_have_no_training_to_confirm_or_read(member, lead):
    with pytest.raises(training.TrainingError):
        training.confirm(lead, member, TrainingModule.objects.first().pk)
    with pytest.raises(training.TrainingError):
        training.mark_read(member, TrainingModule.objects.first().pk)


# The gate, per role ---------------------------------------------------------------------

ROLES = {
    "member": (False, False),
    "untrained_moderator": (False, True),
    "scoped_moderator": (True, False),
    "lead": (True, False),
    "admin_user": (True, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_use_the_queue_and_who_is_shown_training(role, request, untrained_moderator, scoped_moderator):
    viewer = request.getfixturevalue(role)
    assert (perms.can_use_queue(viewer), perms.needs_training(viewer)) == ROLES[role]


def test_leads_and_administrators_are_not_gated_by_training(lead, admin_user):
    TrainingModule.objects.create(slug="new", title="New", summary="New.")
    assert perms.can_use_queue(lead) and perms.can_use_queue(admin_user)


def test_an_untrained_moderator_sees_and_acts_on_nothing(item, untrained_moderator, lead):
    assert not perms.items_visible_to(untrained_moderator).exists()
    assert perms.allowed_actions(untrained_moderator, item) == []
    with pytest.raises(review.ModerationError):
        review.perform(untrained_moderator, item.pk, "hide", item.version, "Unkind")
    with pytest.raises(review.ModerationError):
        review.claim(untrained_moderator, item.pk, item.version)
    _confirm_required(untrained_moderator, by=lead)
    assert perms.allowed_actions(untrained_moderator, item)


def test_an_untrained_moderator_sees_their_modules_instead_of_the_queue(item, untrained_moderator, client_for):
    client = client_for(untrained_moderator)
    page = client.get(reverse("moderation:queue")).content.decode()
    assert "Before your moderation tools open" in page and "Moderating with kindness" in page
    assert "Reported post in “Panic on the bus”" not in page
    assert client.get(reverse("moderation:queue_list")).status_code == 404
    assert client.get(reverse("moderation:item", args=[item.pk])).status_code == 404
    assert client.get(reverse("moderation:log")).status_code == 404
    action = client.post(reverse("moderation:act", args=[item.pk]), {"action": "hide", "version": item.version})
    assert action.status_code == 404


def test_the_moderator_reads_each_module_then_a_lead_confirms_it_and_the_queue_opens(
    item, untrained_moderator, lead, client_for
):
    client = client_for(untrained_moderator)
    for module in TrainingModule.objects.all():
        client.post(reverse("moderation:read_module", args=[module.pk]))
    assert "Before your moderation tools open" in client.get(reverse("moderation:queue")).content.decode()
    team_page = client_for(lead).get(reverse("moderation:team")).content.decode()
    assert "waiting for confirmation" in team_page
    for module in TrainingModule.objects.all():
        response = client_for(lead).post(
            reverse("moderation:confirm_module", args=[untrained_moderator.handle, module.pk]), follow=True
        )
    assert f"for {untrained_moderator.handle}" in response.content.decode()
    assert "Your moderation tools are open" in client.get(reverse("moderation:training")).content.decode()
    assert "Reported post in “Panic on the bus”" in client.get(reverse("moderation:queue")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_queue_socket_refuses_an_untrained_moderator(untrained_moderator, client_for):
    from tests.test_moderation_views import _socket

    socket = _socket(client_for, untrained_moderator)

    async def attempt():
        return await socket.connect()

    assert async_to_sync(attempt)() == (False, 4403)


# Training records: own for moderators and leads, everyone's for administrators ------------


@pytest.mark.parametrize(("role", "status"), [("member", 404), ("untrained_moderator", 200), ("lead", 200)])
def test_who_has_a_training_record_page(role, status, request, client_for):
    viewer = request.getfixturevalue(role)
    assert client_for(viewer).get(reverse("moderation:training")).status_code == status


def test_the_record_shows_what_was_read_and_what_was_confirmed(untrained_moderator, lead, client_for):
    training.confirm(lead, untrained_moderator, TrainingModule.objects.get(slug="safeguarding-basics").pk)
    training.mark_read(untrained_moderator, TrainingModule.objects.get(slug="looking-after-yourself").pk)
    page = client_for(untrained_moderator).get(reverse("moderation:training")).content.decode()
    assert "Confirmed on" in page and "You read it on" in page
    assert "I've read “Moderating with kindness”" in page
    assert "Go to the moderation queue" not in page


@pytest.mark.parametrize("role", ["member", "scoped_moderator"])
def test_only_leads_and_administrators_see_the_team_page(role, request, client_for):
    assert client_for(request.getfixturevalue(role)).get(reverse("moderation:team")).status_code == 404


def test_leads_confirm_training_but_only_administrators_promote(member, board, lead, client_for):
    client = client_for(lead)
    page = client.get(reverse("moderation:team")).content.decode()
    assert "Make peer moderator" not in page
    assert client.post(reverse("moderation:team"), {"handle": member.handle, "boards": [board.pk]}).status_code == 404
    assert not perms.is_peer_moderator(member)


def test_administrators_see_everyones_training(untrained_moderator, scoped_moderator, admin_user, client_for):
    page = client_for(admin_user).get(reverse("moderation:team")).content.decode()
    assert "newmod" in page and "Training not finished yet" in page
    assert "kindmod" in page and "Training complete." in page


# Promotion ------------------------------------------------------------------------------


def test_an_administrator_promotes_a_member_with_boards(member, board, admin_user, client_for):
    response = client_for(admin_user).post(
        reverse("moderation:team"), {"handle": member.handle, "boards": [board.pk]}, follow=True
    )
    assert "is now a peer moderator" in response.content.decode()
    assert perms.is_peer_moderator(member) and perms.needs_training(member)
    assert perms.board_ids_in_scope(member) == {board.pk}
    assert ModerationLog.objects.filter(action="promote", member=member, actor=admin_user).exists()


def test_promotion_is_one_step_with_boards_rooms_and_training_already_done(member, board, room, admin_user, client_for):
    modules = list(TrainingModule.objects.filter(required=True))
    response = client_for(admin_user).post(
        reverse("moderation:team"),
        {
            "handle": member.handle,
            "boards": [board.pk],
            "rooms": [room.pk],
            "modules": [module.pk for module in modules],
        },
        follow=True,
    )
    assert "robin is now a peer moderator, and their tools are open." in response.content.decode()
    member = type(member).objects.get(pk=member.pk)
    assert perms.is_peer_moderator(member) and perms.can_use_queue(member)
    assert perms.board_ids_in_scope(member) == {board.pk} and perms.room_ids_in_scope(member) == {room.pk}
    assert perms.hosts_room(member, room)
    confirmations = TrainingConfirmation.objects.filter(moderator=member, confirmed_by=admin_user)
    assert {row.module for row in confirmations} == set(modules)
    assert ModerationLog.objects.filter(action="confirm_training", member=member).count() == len(modules)
    assert ModerationLog.objects.get(action="set_scope").reason == f"Boards: {board.title}; rooms: {room.name}"


def test_promotion_with_some_training_left_says_who_confirms_the_rest(member, board, admin_user, client_for):
    first = TrainingModule.objects.filter(required=True).first()
    response = client_for(admin_user).post(
        reverse("moderation:team"), {"handle": member.handle, "boards": [board.pk], "modules": [first.pk]}, follow=True
    )
    assert "once a lead or an administrator has confirmed the rest of their training" in response.content.decode()
    assert perms.needs_training(type(member).objects.get(pk=member.pk))


def test_a_failed_promotion_changes_nothing(member, board, admin_user):
    with pytest.raises(moderators.ModeratorsError, match="no longer exists"):
        moderators.promote(admin_user, member, [board.pk], trained_module_ids=[999_999])
    assert not perms.is_peer_moderator(type(member).objects.get(pk=member.pk))
    assert not ModeratorScope.objects.filter(moderator=member).exists()


def test_the_promotion_form_offers_boards_rooms_and_each_training_module(board, room, admin_user, client_for):
    page = client_for(admin_user).get(reverse("moderation:team")).content.decode()
    form = page.split('id="promote-heading"')[1].split("</form>")[0]
    assert f'name="boards" value="{board.pk}"' in form and f'name="rooms" value="{room.pk}"' in form
    for module in TrainingModule.objects.all():
        assert f'name="modules" value="{module.pk}"' in form and module.title in form


def test_boards_and_rooms_can_be_changed_and_the_change_is_logged(scoped_moderator, room, admin_user, client_for):
    client = client_for(admin_user)
    client.post(reverse("moderation:set_scope", args=[scoped_moderator.handle]), {"boards": [], "rooms": [room.pk]})
    assert perms.board_ids_in_scope(scoped_moderator) == set()
    assert perms.room_ids_in_scope(scoped_moderator) == {room.pk}
    client.post(reverse("moderation:set_scope", args=[scoped_moderator.handle]), {})
    assert not ModeratorScope.objects.filter(moderator=scoped_moderator).exists()
    assert ModerationLog.objects.filter(action="set_scope").first().reason == "Boards: none; rooms: none"


@pytest.mark.parametrize(
    ("page", "field"),
    [("team", "boards"), ("team", "rooms"), ("team", "modules"), ("set_scope", "boards"), ("set_scope", "rooms")],
)
def test_a_choice_that_is_not_a_number_is_refused_with_a_clear_message(
    page, field, scoped_moderator, admin_user, client_for
):
    args = [scoped_moderator.handle] if page == "set_scope" else []
    response = client_for(admin_user).post(reverse(f"moderation:{page}", args=args), {"handle": "robin", field: ["x"]})
    assert response.status_code == 400
    assert "Please choose from the lists on the team page" in response.content.decode()
    assert perms.board_ids_in_scope(scoped_moderator)


def test_only_administrators_promote(member, lead, board):
    with pytest.raises(moderators.ModeratorsError):
        moderators.promote(lead, member, [board.pk])
    assert not perms.is_peer_moderator(member)


def test_promoting_a_moderator_again_is_refused(scoped_moderator, admin_user, board):
    with pytest.raises(moderators.ModeratorsError, match="already"):
        moderators.promote(admin_user, scoped_moderator, [board.pk])


def test_administrators_edit_modules_in_the_admin(admin_user, client_for):
    client = client_for(admin_user)
    assert "Moderating with kindness" in client.get("/admin/moderation/trainingmodule/").content.decode()
    assert client.get("/admin/moderation/trainingconfirmation/").status_code == 200


# Who confirms: a lead or an administrator, never the moderator themselves ------------------


@pytest.mark.security("self-review")
def test_a_moderator_who_presses_every_button_on_their_training_page_stays_gated(item, untrained_moderator, client_for):
    client = client_for(untrained_moderator)
    for module in TrainingModule.objects.all():
        for url in (f"/moderation/training/{module.pk}/confirm/", f"/moderation/training/{module.pk}/read/"):
            client.post(url)
    untrained_moderator.__dict__.pop("_training_complete", None)
    assert not perms.can_use_queue(untrained_moderator)
    assert "Reported post in “Panic on the bus”" not in client.get(reverse("moderation:queue")).content.decode()


@pytest.mark.security("self-review")
@pytest.mark.parametrize("confirmer", ["untrained_moderator", "scoped_moderator", "member"])
def test_nobody_but_a_lead_or_administrator_confirms_a_moderators_training(
    confirmer, request, untrained_moderator, scoped_moderator, client_for
):
    by = request.getfixturevalue(confirmer)
    module = TrainingModule.objects.first()
    with pytest.raises(training.TrainingError):
        training.confirm(by, untrained_moderator, module.pk)
    url = reverse("moderation:confirm_module", args=[untrained_moderator.handle, module.pk])
    assert client_for(by).post(url).status_code == 404
    assert not TrainingConfirmation.objects.filter(moderator=untrained_moderator, confirmed_at__isnull=False).exists()


@pytest.mark.security("self-review")
def test_a_lead_who_is_also_a_peer_moderator_cannot_confirm_their_own_training(untrained_moderator, make_member):
    from accounts.roles import Role
    from accounts.services import grant_role

    grant_role(untrained_moderator, Role.SAFEGUARDING_LEAD)
    with pytest.raises(training.TrainingError, match="someone else"):
        training.confirm(untrained_moderator, untrained_moderator, TrainingModule.objects.first().pk)


@pytest.mark.security("self-review")
@pytest.mark.django_db(transaction=True)
def test_upgrading_turns_earlier_self_confirmations_into_read_modules(untrained_moderator):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.test_moderation_chat_migration import _by_suffix, _migrate

    executor = MigrationExecutor(connection)
    moves = _by_suffix(executor.loader, "moderation", "_self_confirmed_training_counts_as_read")
    before = [node.key for node in executor.loader.graph.node_map[moves].parents if node.key[0] == "moderation"]
    old = _migrate(before)
    old.get_model("moderation", "TrainingConfirmation").objects.create(
        moderator_id=untrained_moderator.pk,
        module_id=TrainingModule.objects.first().pk,
        confirmed_at="2026-01-05T10:00Z",
    )
    try:
        new = _migrate([moves])
        row = new.get_model("moderation", "TrainingConfirmation").objects.get()
        assert (row.confirmed_at, row.read_at.isoformat()) == (None, "2026-01-05T10:00:00+00:00")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert not training.is_complete(untrained_moderator)


# An empty queue says why ------------------------------------------------------------------


def test_a_new_moderators_empty_queue_says_what_they_look_after(board, room, admin_user, make_member, client_for):
    newcomer = make_member("newmod")
    modules = [module.pk for module in TrainingModule.objects.all()]
    moderators.promote(admin_user, newcomer, [board.pk], [room.pk], modules)
    for url in (reverse("moderation:queue"), reverse("moderation:queue_list")):
        page = client_for(newcomer).get(url).content.decode()
        assert "Nothing needs you right now." in page
        assert "You see reports from the boards and rooms you look after: Anxiety, Evening check-in." in page


def test_a_moderator_with_no_boards_or_rooms_is_told_why_nothing_comes(admin_user, make_member, client_for):
    newcomer = make_member("newmod")
    moderators.promote(admin_user, newcomer, [], [], [module.pk for module in TrainingModule.objects.all()])
    page = client_for(newcomer).get(reverse("moderation:queue")).content.decode()
    assert "You don't look after any boards or rooms yet" in page


def test_a_filtered_empty_queue_says_the_filters_found_nothing(scoped_moderator, client_for):
    page = client_for(scoped_moderator).get(reverse("moderation:queue") + "?reason=spam").content.decode()
    assert "Nothing matches these filters." in page


def test_a_leads_empty_queue_says_nothing_is_waiting_anywhere(lead, client_for):
    assert "Nothing is waiting anywhere." in client_for(lead).get(reverse("moderation:queue")).content.decode()


def test_an_untrained_moderators_queue_says_it_opens_after_their_training(untrained_moderator, client_for):
    page = client_for(untrained_moderator).get(reverse("moderation:queue")).content.decode()
    assert "Your queue opens once a safeguarding lead or an administrator has confirmed your training" in page
