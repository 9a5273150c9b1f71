"""Products made *for* an audience outside the app: files handed on, printed or shown in a
meeting (a briefing map now). What goes into any of them comes only from
:func:`humanops.sharing.audience.audience_view`, so a product never holds what the sharing
policy withholds from its audience. Qt-free: the CLI (``humanops brief``) and the app's dialogs
call the same functions."""
