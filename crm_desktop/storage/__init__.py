"""SQLite storage: tables, engine factory, migrations and the search index. No Qt."""
