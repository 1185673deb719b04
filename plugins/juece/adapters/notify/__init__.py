"""How notices reach people: the people directory (JUECE_PEOPLE_FILE) and the channels (log, e-mail, webhook)."""
