"""An administrator promotes a member; the new peer moderator confirms their training, and then the queue opens."""

from playwright.sync_api import expect

from moderation.models import TrainingModule
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_new_moderator_confirms_their_training_and_the_queue_opens(board, member, admin_user, signed_in_page):
    admin = signed_in_page(admin_user)
    admin.goto("/moderation/team/")
    admin.get_by_label("Member's name").fill(member.handle)
    admin.get_by_role("group", name="Boards they will moderate").get_by_label(board.title).check()
    admin.get_by_role("button", name="Make peer moderator").click()
    expect(admin.get_by_text(f"{member.handle} is now a peer moderator.")).to_be_visible()

    newcomer = signed_in_page(member)
    newcomer.get_by_role("link", name="Moderation").click()
    expect(newcomer.get_by_role("heading", name="Moderator training")).to_be_visible()
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_have_count(0)
    for module in TrainingModule.objects.all():
        expect(newcomer.get_by_role("heading", name=module.title)).to_be_visible()
        newcomer.get_by_role("button", name=f"I've completed “{module.title}”").click()
    expect(newcomer.get_by_text("your moderation tools are open")).to_be_visible()

    newcomer.get_by_role("link", name="Go to the moderation queue").click()
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_be_visible()
    expect(newcomer.get_by_text("Nothing waiting")).to_be_visible()
