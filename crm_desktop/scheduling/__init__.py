"""Reminder engine on APScheduler 3.x. No Qt: the GUI bridges its callbacks to signals."""
