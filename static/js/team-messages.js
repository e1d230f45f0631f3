// Messages from the safeguarding team, as they arrive. When a lead writes, the member's stream
// says "safeguarding.message" (docs/realtime.md) and this page fetches the unread banner
// (safeguarding/_messages_banner.html, the same include the page was rendered with) into its
// place at the top, which stays in view while the member reads a thread or a room. The banner
// never holds the words; reading them, on the messages page, is the member's own choice.

const holder = document.getElementById("team-messages");

async function refresh() {
  const response = await fetch(holder.dataset.bannerUrl);
  if (response.ok) holder.innerHTML = (await response.text()).trim();
}

if (holder) {
  document.addEventListener("member-stream", (event) => {
    if (event.detail.type !== "safeguarding.message") return;
    if (event.detail.unread === 0) holder.replaceChildren(); // read in another tab
    else refresh();
  });
}
