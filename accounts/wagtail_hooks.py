from wagtail import hooks

from initiatieven.roles import is_moderator

# Menus a Bijdrager has no use for. What remains is what their permissions already allow:
# pages, images and organisations, and their account in the sidebar footer.
HIDDEN_FROM_CONTRIBUTORS = frozenset({"reports", "settings", "help"})


@hooks.register("construct_main_menu")
def reduce_menu_for_contributors(request, menu_items):
    if not is_moderator(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_FROM_CONTRIBUTORS]
