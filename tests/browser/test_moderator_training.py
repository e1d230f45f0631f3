"""An administrator promotes a member; the new peer moderator reads their training, the administrator confirms it
with them, and then the queue opens."""

from playwright.sync_api import expect

from moderation.models import TrainingModule
from tests.browser.conftest import BROWSER_TEST, open_menu

pytestmark = BROWSER_TEST


def test_a_new_moderator_reads_their_training_an_administrator_confirms_it_and_the_queue_opens(
    board, member, admin_user, signed_in_page
):
    admin = signed_in_page(admin_user)
    admin.goto("/moderation/team/")
    admin.get_by_label("Member's name").fill(member.handle)
    admin.get_by_role("group", name="Boards they will moderate").get_by_label(board.title).check()
    admin.get_by_role("button", name="Make peer moderator").click()
    expect(admin.get_by_text(f"{member.handle} is now a peer moderator.")).to_be_visible()

    newcomer = signed_in_page(member)
    open_menu(newcomer)
    newcomer.get_by_role("link", name="Moderation").click()
    expect(newcomer.get_by_role("heading", name="Moderator training")).to_be_visible()
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_have_count(0)
    modules = list(TrainingModule.objects.all())
    for module in modules:
        expect(newcomer.get_by_role("heading", name=module.title)).to_be_visible()
        newcomer.get_by_role("button", name=f"I've read “{module.title}”").click()
    expect(newcomer.get_by_text("will go through it with you").first).to_be_visible()
    open_menu(newcomer)
    newcomer.get_by_role("link", name="Moderation", exact=True).click()
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_have_count(0)

    admin.goto("/moderation/team/")
    for module in modules:
        admin.get_by_role("button", name=f"Confirm “{module.title}” for {member.handle}").click()
        expect(admin.get_by_text(f"Confirmed “{module.title}” for {member.handle}.")).to_be_visible()

    newcomer.goto("/moderation/training/")
    expect(newcomer.get_by_text("Your moderation tools are open.")).to_be_visible()
    newcomer.get_by_role("link", name="Go to the moderation queue").click()
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_be_visible()
    expect(newcomer.get_by_text("Nothing needs you right now.")).to_be_visible()
