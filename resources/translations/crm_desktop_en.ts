<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Text message (SMS)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messenger</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Postal addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No postal address yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>needs both a day and a month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>has a year that is not four digits; leave it empty if unknown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>needs a day and a month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other important dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No other dates. Add anniversaries, name days or the start of a contract.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem with %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>home</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>mobile</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>needs at least one number of days, such as 7, 1, 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be whole numbers of days, separated by commas</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be between 0 and %1 days before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>has too many entries (at most %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Default (on the day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Default (%1 days before)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Default (no reminder)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Don't remind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Custom:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days before the birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Up to %1 numbers from 0 (on the day) to %2, separated by commas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>days before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comma-separated, e.g. vip, newsletter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AddressRow</name>
    <message>
        <source>Address label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Street and number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address line 2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region or state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AgendaList</name>
    <message>
        <source>Agenda of the selected day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing planned for this day.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeats</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tick when done; double-click to edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 turns %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1's birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click to open the contact</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <extracomment>An operation finished: ("list" | "create" | "verify" | "restore", result or exception).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verified copies of your database in %1. One is made every day at start; a restore first backs up the current database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backups, newest first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Create now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create a backup now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Verify the selected backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore the selected backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Made by hand</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before a restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FAILED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No backups yet. “Create now” makes one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Making a verified backup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Replace your database with the backup of %1?

Your current database is backed up first, so you can go back to it. People erased since %1 are erased again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restoring… the window waits until it is done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup made and verified (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This backup is damaged: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This backup is sound: integrity and references are clean.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Backup restored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored the backup of %1: %2 contacts, %3 interactions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database it replaced was saved as backup %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file it replaced could not be backed up; it was moved to %1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Erased again: %n contact(s) erased after this backup was made.</source>
        <translation><numerusform>Erased again: %n contact erased after this backup was made.</numerusform><numerusform>Erased again: %n contacts erased after this backup was made.</numerusform></translation>
    </message>
</context>
<context>
    <name>CalendarPane</name>
    <message>
        <source>Calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Previous (Page Up)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next (Page Down)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today (T)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New meeting (Ctrl+Shift+M)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task (Ctrl+T)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark &amp;held…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Cancel meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete this meeting? A repeating meeting is deleted with all its dates.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChipRow</name>
    <message>
        <source>Status and tags</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>T&amp;emplate:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Subject (with placeholders)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Text (with placeholders)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Placeholders: {first_name}, {last_name}, {display_name}, {age}, {organization}, {job_title}, {my_name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preview:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This customer has no e-mail address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set up the mail server in File ▸ Settings ▸ E-mail first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The e-mail was not sent: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The customer could not be read: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. newsletter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. signed form, e-mail reply, by phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The text the person agreed to (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wording</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;How:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Wording:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Purpose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record consent…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Withdraw…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Record consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Consent can be recorded after the contact is saved for the first time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each decision is recorded at once and kept; a withdrawal is a new record.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>granted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The consent could not be recorded. Please try again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>%1 (today)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2 today)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (turns %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>tomorrow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit this customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New meeting with this customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write an e-mail to this customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organization and job title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail and phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open deals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every day</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>every %n days</source>
        <translation><numerusform>every %n days</numerusform><numerusform>every %n days</numerusform></translation>
    </message>
    <message>
        <source>next by %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactDetailPane</name>
    <message>
        <source>Customer details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a customer on the left to see their card and timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No customer selected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactEditorDialog</name>
    <message>
        <source>New contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contact &amp;details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;ates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;onsent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit contact: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This contact is in the trash; saving keeps it there.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This contact no longer exists. It may have been deleted in another window.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The contact could not be loaded. Close this window and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This contact was deleted, perhaps in another window, so it cannot be saved. Copy what you need, then close.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The contact could not be saved. Your changes are still here; try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Made from the name, else the organization or e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This contact has changes that are not saved yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactFilterBar</name>
    <message>
        <source>Any status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by lead source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quick filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Losing touch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No interaction within the contact's stay-in-touch cadence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday soon</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Birthday in the next %n day(s)</source>
        <translation><numerusform>Birthday in the next %n day</numerusform><numerusform>Birthday in the next %n days</numerusform></translation>
    </message>
    <message>
        <source>Has an open deal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the trash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved views</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filters (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the contacts in the trash (restorable)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save current view…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name of the view:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactListPane</name>
    <message>
        <source>Search names, companies, e-mails, phones, tags…</source>
        <extracomment>0 still coalesces the keys already queued; a slower typist gets every keystroke searched, and stale searches are superseded on the worker, never queued behind each other.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add tag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export everything about this person…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Erase permanently…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move to trash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Erase permanently</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Erase %n contact(s) for good? Their interactions, meetings, tasks and purchases go too, and nothing of them stays in the database file. This cannot be undone.</source>
        <translation><numerusform>Erase %n contact for good? Their interactions, meetings, tasks and purchases go too, and nothing of them stays in the database file. This cannot be undone.</numerusform><numerusform>Erase %n contacts for good? Their interactions, meetings, tasks and purchases go too, and nothing of them stays in the database file. This cannot be undone.</numerusform></translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export everything about this person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export could not be written (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add tag</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Tag for %n contact(s):</source>
        <translation><numerusform>Tag for %n contact:</numerusform><numerusform>Tag for %n contacts:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) moved to the trash</source>
        <translation><numerusform>%n contact moved to the trash</numerusform><numerusform>%n contacts moved to the trash</numerusform></translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Type a name to link a contact…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search contacts to link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Matching contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Linked contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Press Delete to unlink the selected contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlink %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type a name to change the contact…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>Pages of rows kept in memory: scrolling through 100,000 contacts must not keep them all. ids in list order, the first page's rows, live contacts in all, next meetings of the page</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last contacted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong.&lt;/b&gt;&lt;br&gt;CRM Desktop ran into an error it did not expect. Everything you saved before is safe. If the problem comes back, you can copy the report below and send it to the developers yourself: it names only places in the program, not your data. Nothing is sent anywhere automatically.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Error report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>The daily backup could not be made: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Daily backup made and verified (%1).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <source>The database could not be opened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start with an &amp;empty database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Restore the newest verified backup (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restore the newest verified backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start with an empty database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file %1 is not a CRM Desktop database: it is not a database at all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database file %1 is damaged and cannot be read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file %1 is a database of another program, not of CRM Desktop.

It was left where it is, unchanged. Move it elsewhere, or start CRM Desktop with another data folder (crm-desktop --data-dir FOLDER).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database %1 was written by a newer version of CRM Desktop. Opening it with this version could lose data, so it was left unchanged.

Install the newer version of CRM Desktop to open it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database %1 could not be upgraded to this version. The upgrade was undone; nothing was lost.

%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database %1 could not be opened.

%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is gone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1

It could not be moved out of the way (%2) and was left unchanged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1

Nothing in it was changed or deleted: the file was moved to %2, where a recovery tool may still read it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1

There is no verified backup. You can start with an empty database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1

The newest verified backup was made on %2. You can restore it, or start with an empty database.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The backup could not be restored: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restored the backup of %1: %2 contacts, %3 interactions.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Erased again: %n contact(s) erased after this backup was made.</source>
        <translation><numerusform>Erased again: %n contact erased after this backup was made.</numerusform><numerusform>Erased again: %n contacts erased after this backup was made.</numerusform></translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>E-mail addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No e-mail address yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No phone number yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>+36 1 234 5678</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DetectPage</name>
    <message>
        <source>Check how the file is read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The format, the character encoding and the separator were detected; if the names in the preview look wrong, choose others.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected format</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Google Contacts CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outlook CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop contacts report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other CSV (map the columns)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vCard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-16</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Western European (Windows-1252)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Central European (Windows-1250)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cyrillic (Windows-1251)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Separator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Separator:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem reading the file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected: %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detected: %1, %2, separator %3.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>The first %n row(s) of the file:</source>
        <translation><numerusform>The first %n row of the file:</numerusform><numerusform>The first %n rows of the file:</numerusform></translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <source>Check before importing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the import would do, row by row. Nothing has been saved yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When a contact already exists</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Skip it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge: fill empty fields, add new e-mails, phones and tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create another contact anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When a contact already &amp;exists:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dry run summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What happens to each row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking every row…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No customers yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add your first contact, or look around with a database of realistic demo customers first. Everything stays on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Explore with demo data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import contacts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts from Google, Outlook, a CSV file or a phone's vCard file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Error</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts exported from Google Contacts or Outlook as CSV, our own contacts report, any other CSV file, or a vCard (.vcf) file from a phone.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File to import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Path of a .csv or .vcf file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse for a file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing is saved until the last step, and then everything is saved at once or nothing at all.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Given name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Middle name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Middle name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Family name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave empty to use the name above.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave the year empty if you do not know it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Birthday:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;mind:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Work and relationship</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Job title:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lead source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where they came from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Lead source:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No preference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred &amp;channel:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touch every (days)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remind me when there has been no contact for this many days; none: never.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touc&amp;h every:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send an automatic birthday greeting by e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic birthday greeting by e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About automatic birthday greetings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sent on the birthday only if consent “%1” is recorded on the Consent tab, the contact has an e-mail address and sending is set up in Settings ▸ E-mail.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No such consent is recorded yet.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HeldOutcome</name>
    <message>
        <source>Successful</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsuccessful</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rescheduled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Neutral</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HeldOutcomeDialog</name>
    <message>
        <source>Mark meeting held</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How did “%1” go? It will be logged in the contacts' timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What was agreed, what comes next…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log as held</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Importing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Everything is saved at once; Cancel leaves nothing changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try the import again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Show imported contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show imported contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving: %1 of %2 rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking: %1 of %2 rows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import contacts</source>
        <extracomment>What an import may touch: every list refreshes.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts (*.csv *.vcf *.txt);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is not valid %1 text; choose another encoding.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rows: %2 would be created, %3 merged, %4 duplicates skipped, %5 with errors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rows: %2 created, %3 merged, %4 duplicates skipped, %5 with errors.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>row %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“%1” (#%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>contact #%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Duplicate, skipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Would be merged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>into %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Would be created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No column goes to a contact field; go back and choose the fields.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file could not be checked: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The import was cancelled. Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The import failed, so nothing was changed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportantDateRow</name>
    <message>
        <source>What, e.g. anniversary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove date</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InteractionEditDialog</name>
    <message>
        <source>Edit interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;When:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>D&amp;irection:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LabeledValueRow</name>
    <message>
        <source>%1 label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MailSettingsPage</name>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mail server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>for example smtp.example.com</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connection security</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None (not recommended)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your e-mail address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your e-&amp;mail address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(saved; type to change)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The password is kept in the system keyring.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This system has no secure keyring</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The only keyring on this system would write the password to a file in plain text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The system keyring refused access</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, so the password is never saved: it is asked once per session and kept in memory only until the application quits.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The e-mail settings could not be read or saved: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CRM Desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New contact…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit contact…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Log interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New &amp;meeting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New &amp;task…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search (alternative)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ne&amp;xt contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pre&amp;vious contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move to &amp;trash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reports and export…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About CRM Desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;alendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation><numerusform>%n contact</numerusform><numerusform>%n contacts</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminders (%1)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n reminder(s) due</source>
        <translation><numerusform>%n reminder due</numerusform><numerusform>%n reminders due</numerusform></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Demo data could not be created: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminders could not start; the log file in the data folder says why.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About CRM Desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop %1
Your customers, on your computer, in one file.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each row shows what a column becomes. Change any of them, or choose Ignore; the columns you leave keep the detected format's handling.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contact field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use the &amp;detected fields</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use the detected fields</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mapping status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Middle name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Job title</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lead source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferred channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interests</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touch (days)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address line 2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label of an e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label of a phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label of an address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Anniversary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Addresses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Important dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Field for column %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a contact field (a name, e-mail or phone) for at least one column.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>You changed %n column(s); the others keep the fields guessed from their names.</source>
        <translation><numerusform>You changed %n column; the others keep the fields guessed from their names.</numerusform><numerusform>You changed %n columns; the others keep the fields guessed from their names.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>You changed %n column(s); the others are read as %1.</source>
        <translation><numerusform>You changed %n column; the others are read as %1.</numerusform><numerusform>You changed %n columns; the others are read as %1.</numerusform></translation>
    </message>
    <message>
        <source>Fields guessed from the column names.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>As detected for %1.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>1 week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 weeks</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>At start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Missed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MeetingEditorDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Offer review with Anna</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All &amp;day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;When:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address, room or video link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;ontacts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remind %1 before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Remind me:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Does not repeat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yearly</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>forever</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>times:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;peat:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeat every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeat ends</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeat until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Number of occurrences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> day(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> week(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> month(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> year(s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This meeting could not be opened: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discard the changes to this meeting?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Month calendar</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n meeting(s)</source>
        <translation><numerusform>%n meeting</numerusform><numerusform>%n meetings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n open task(s)</source>
        <translation><numerusform>%n open task</numerusform><numerusform>%n open tasks</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n birthday(s)</source>
        <translation><numerusform>%n birthday</numerusform><numerusform>%n birthdays</numerusform></translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <source>&amp;Interests:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interests</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hobbies, topics they care about</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Preferences:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Preferences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How and when they like to be contacted, what they like or avoid</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Anything else worth remembering</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message>
        <source>Row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartialDateEdit</name>
    <message>
        <source>day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>year (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 year (optional)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QuickLogBar</name>
    <message>
        <source>Interaction kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What kind of interaction to log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How it went</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interaction text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First line is the subject, further lines are notes; Enter saves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What happened? Enter saves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First line: subject. Shift+Enter adds lines of notes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save this interaction (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quick log message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type what happened first.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReminderRow</name>
    <message>
        <source>missed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>snoozed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send a birthday greeting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remind me again in %1 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Do not remind me of this again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 turns %2 today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 turns %2 on %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1's birthday is today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1's birthday is on %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time to get in touch with %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>starts %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Important date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stay in touch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReminderWindow</name>
    <message>
        <source>Reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing is due right now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Snooze all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remind me of all of these again in %1 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dismiss all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The reminders that arrived since the application started.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>snoozed until %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dismissed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The reminder could not be updated: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due (missed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due again (snoozed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>due</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n reminder(s) due</source>
        <translation><numerusform>%n reminder due</numerusform><numerusform>%n reminders due</numerusform></translation>
    </message>
    <message>
        <source>Reminders (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports and export</source>
        <extracomment>(parent, caption, suggested path, file filter) -&gt; the chosen path, or "" when cancelled. Reports whose period does not apply ("as of now"). Reports with the week/month option.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every field of every contact, one row each (period: date added).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Interactions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Calls, meetings, e-mails… of the period with contacts and outcome.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meeting outcomes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meetings held per week or month: successful, unsuccessful, follow-ups booked and the success rate.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meetings (series expanded), open tasks and birthdays of the period.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Overdue tasks and contacts losing touch, as of today.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Revenue by customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Purchases and won deals per customer and currency, top customers first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lead sources</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts acquired, converted, revenue and cost per lead source.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open deals by stage: count, value and weighted value.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Report description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Period preset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;All dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ignore the period: every row of the report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group meetings by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;By</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show the report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Report result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Result summary</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delimiter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Comma (,)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Semicolon (;) with decimal commas</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-8 with BOM (Excel)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Raw values (for programs, no formula protection)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delimiter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;ncoding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contacts and calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vCard version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vCard 4.0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vCard 3.0 (older programs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export contacts as &amp;vCard…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export all contacts as vCard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;calendar (.ics)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the calendar as iCalendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>V&amp;ersion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The end of the period is before its start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database is not open yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>First %1 of %2 rows shown; the export contains all.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation><numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message>
        <source>The report could not be made: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is a folder; choose a file name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the report…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 rows written to %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export contacts as vCard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>vCard files (*.vcf);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the contacts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 contacts written to %2 (vCard %3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>iCalendar files (*.ics);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the calendar…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 events, %2 tasks and %3 birthdays written to %4.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 written…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 written…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday reminders, days before</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>for example 7, 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days before a birthday to remind you, separated by commas; 0 is the day itself (up to %1). Leave empty for none.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>days before (0 = on the day)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Birthday reminders:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Birthday reminders error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>29 February in other years</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>28 February</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 March</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>29 &amp;February in other years:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Morning digest at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Morning digest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One reminder listing today's meetings, birthdays and overdue follow-ups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Morning digest time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Background</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reminders keep arriving while the window is closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This desktop has no system tray, so closing the window quits the application. Reminders arrive while it is open, and the ones missed while it was closed are shown at the next start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Start at login</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start hidden in the tray when you log in, so reminders arrive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting at login can only be set up on Linux in this version.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is not a number of days from 0 to %2. Example: 7, 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The reminder settings could not be read or saved: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <extracomment>How many delivered reminders the history keeps (this session only). "Tomorrow morning", local time.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remind me again at</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SnoozeMenu</name>
    <message>
        <source>Tomorrow morning (09:00)</source>
        <extracomment>The snooze presets, in minutes; the first is what a plain click (and closing) does.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation><numerusform>%n hour</numerusform><numerusform>%n hours</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation><numerusform>%n minute</numerusform><numerusform>%n minutes</numerusform></translation>
    </message>
</context>
<context>
    <name>StorageErrorNotifier</name>
    <message>
        <source>The disk is full: nothing was saved. Free some space and try again. Your existing data is intact.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The data folder is read-only: nothing was saved. Make it writable and try again. Your existing data is intact and can still be read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StorageRisk</name>
    <message>
        <source>Your data folder %1 is on a network share (%2).

The database can be damaged there when the connection drops or two computers open it, and locking does not work reliably. Keep the data folder on this computer's own disk and let the backups go to the share instead.</source>
        <extracomment>The second launch gives up on the first after this long (it must exit within 2 s).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your data folder %1 is inside a %2 folder.

Sync services copy the database while it is being written and may bring back an old or half-written copy, which loses changes or damages the file. Keep the data folder outside the synced folder; the backups are safe to sync.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your data may be at risk</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TaskEditorDialog</name>
    <message>
        <source>Edit task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New task</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Send the offer to Anna</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On a day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>At a time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Due time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This task could not be opened: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discard the changes to this task?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Purchase: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Purchase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>untitled</source>
        <comment>the name shown for a deal without a title</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' created</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' moved to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' taken out of the pipeline stages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' won: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' won</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' lost: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' lost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' reopened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1' changed value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Deal '%1': %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Video call</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Social media</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Successful</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unsuccessful</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rescheduled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Neutral</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Incoming</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outgoing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Won</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Probability %1%</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>No interactions yet. Log the first one above: type what happened and press Enter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not load the timeline: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Interaction timeline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter shows all notes, F2 edits, Delete deletes the selected interaction</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Timeline entry actions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show or hide all notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>CRM Desktop</source>
        <extracomment>QSettings key: closing the main window hides it in the tray (when there is one).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop tray menu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reminders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reminders (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n reminder(s) due</source>
        <translation><numerusform>%n reminder due</numerusform><numerusform>%n reminders due</numerusform></translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Interaction deleted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>Week calendar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation><numerusform>%n day ago</numerusform><numerusform>%n days ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation><numerusform>%n week ago</numerusform><numerusform>%n weeks ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation><numerusform>%n month ago</numerusform><numerusform>%n months ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation><numerusform>%n year ago</numerusform><numerusform>%n years ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation><numerusform>in %n day</numerusform><numerusform>in %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Default (%n day(s) before)</source>
        <translation><numerusform>Default (%n day before)</numerusform><numerusform>Default (%n days before)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation><numerusform>%n open</numerusform><numerusform>%n open</numerusform></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Mail server password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Password for the mail server:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>The data folder is read-only: you can look, but nothing can be saved.</source>
        <extracomment>How long the service import may wait for the first paint before going ahead anyway. ``crm-desktop gui --hidden`` (start at login): only the tray icon, when there is a tray.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CRM Desktop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The database could not be opened.

%1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>