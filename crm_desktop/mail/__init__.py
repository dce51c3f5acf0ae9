"""E-mail from the CRM: SMTP settings, the password in the keyring, templates, sending, greetings.

No Qt here: the GUI calls these on its worker thread (through the task runner), the tests call
them directly. Nothing in this package logs or puts into an error text a password, an address
or a message body.
"""
