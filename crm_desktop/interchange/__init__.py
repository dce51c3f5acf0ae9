"""Address-book and calendar interchange: vCard in and out, iCalendar out.

Qt-free and strictly typed like the other lower layers. Reading uses
``vobject`` (vCard 2.1/3.0/4.0: folding, QUOTED-PRINTABLE, CHARSET);
writing vCard uses the small serializer in :mod:`.vcard_write` (see there
why); the calendar is built with ``icalendar``.
"""
